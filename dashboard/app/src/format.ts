/**
 * Numbers and times the way a Chinese office reads them: counts in 万 and
 * 亿, times in the configured zone (Asia/Shanghai by default), durations as
 * "4小时12分".
 */
import type { Lang } from './i18n';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
let timeZone = DEFAULT_TIME_ZONE;

export function setTimeZone(zone: string): void {
  timeZone = zone;
}

export function currentTimeZone(): string {
  return timeZone;
}

/** 1234 → "1,234"; 12345 → "1.2万"; 123456789 → "1.23亿" (zh); 12.3k style in English. */
export function formatCount(n: number, lang: Lang = 'zh'): string {
  if (!Number.isFinite(n)) return '–';
  const abs = Math.abs(n);
  if (lang === 'en') {
    if (abs >= 1e9) return `${trim(n / 1e9, 2)}B`;
    if (abs >= 1e6) return `${trim(n / 1e6, 2)}M`;
    if (abs >= 1e4) return `${trim(n / 1e3, 1)}k`;
    return Math.round(n).toLocaleString('en-US');
  }
  if (abs >= 1e8) return `${trim(n / 1e8, 2)}亿`;
  if (abs >= 1e4) return `${trim(n / 1e4, abs >= 1e6 ? 0 : 1)}万`;
  return Math.round(n).toLocaleString('zh-CN');
}

function trim(x: number, digits: number): string {
  return x.toFixed(digits).replace(/\.?0+$/, '');
}

export function formatPercent(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${Math.round(x * 100)}%`;
}

const parts = (ms: number, zone: string) => {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(ms))) out[p.type] = p.value;
  return out as { year: string; month: string; day: string; hour: string; minute: string; second: string };
};

/** "14:05" in the configured zone. */
export function formatClock(ms: number, withSeconds = false): string {
  const p = parts(ms, timeZone);
  return withSeconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
}

/** "2026-11-27 14:05" in the configured zone. */
export function formatDateTime(ms: number): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** "2026-11-27" in the configured zone. */
export function formatDate(ms: number): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** A span of time: "3小时05分", "42分", "18秒" (zh) or "3h 05m" (en); negative spans keep their sign. */
export function formatDuration(ms: number, lang: Lang = 'zh'): string {
  const sign = ms < 0 ? '-' : '';
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const pad = (x: number) => String(x).padStart(2, '0');
  if (lang === 'en') {
    if (d > 0) return `${sign}${d}d ${h}h`;
    if (h > 0) return `${sign}${h}h ${pad(m)}m`;
    if (m > 0) return `${sign}${m}m ${pad(s)}s`;
    return `${sign}${s}s`;
  }
  if (d > 0) return `${sign}${d}天${h}小时`;
  if (h > 0) return `${sign}${h}小时${pad(m)}分`;
  if (m > 0) return `${sign}${m}分${pad(s)}秒`;
  return `${sign}${s}秒`;
}

/** "2026-11-27T14:05" in the configured zone, as a datetime-local input shows it. */
export function toZoneInput(ms: number): string {
  const p = parts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/**
 * A datetime-local value ("2026-11-27T14:05") read as a time in the
 * configured zone, not the browser's: epoch ms, or NaN when it is not a time.
 */
export function fromZoneInput(value: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return NaN;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  // The zone's offset at that moment (twice: the first guess may sit across a daylight-saving change).
  const offset = (ms: number) => {
    const p = parts(ms, timeZone);
    return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second)) - Math.floor(ms / 1000) * 1000;
  };
  const first = asUtc - offset(asUtc);
  return asUtc - offset(first);
}

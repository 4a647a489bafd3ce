/**
 * Dates as official texts write them: 2026年11月26日14时30分. Numbers are
 * Arabic (GB/T 15835 allows it and press releases use it), month, day and hour
 * without leading zeros, minutes with two digits (6时05分), the usual form in
 * police and emergency-management notices.
 *
 * The wall clock is that of the issuing office (Asia/Shanghai unless told),
 * never the server's: a job running in UTC would otherwise date a 01:30
 * Beijing event to the day before.
 */

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClock(ms: number, timezone: string): WallClock {
  if (!Number.isFinite(ms)) throw new RangeError(`not a timestamp: ${ms}`);
  let f = formatters.get(timezone);
  if (f === undefined) {
    // en-US numeric parts are plain ASCII digits on every ICU build; zh-CN parts would work too but are locale data we do not need.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const p of f.formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
  };
}

/** `2026年11月26日`. */
export function formatChineseDate(ms: number, timezone: string = DEFAULT_TIMEZONE): string {
  const c = wallClock(ms, timezone);
  return `${c.year}年${c.month}月${c.day}日`;
}

/** `2026年11月26日14时30分`, or `2026年11月26日14时` with `minutes: false`. */
export function formatChineseDateTime(ms: number, opts?: { timezone?: string; minutes?: boolean }): string {
  const c = wallClock(ms, opts?.timezone ?? DEFAULT_TIMEZONE);
  const date = `${c.year}年${c.month}月${c.day}日${c.hour}时`;
  return opts?.minutes === false ? date : `${date}${String(c.minute).padStart(2, '0')}分`;
}

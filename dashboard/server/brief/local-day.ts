/**
 * Local calendar days in a time zone: "2026-11-26" in Asia/Shanghai is
 * [2026-11-25T16:00Z, 2026-11-26T16:00Z). Pure, with Intl for the offsets.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formatters.set(timezone, f);
  }
  return f;
}

function wall(at: number, timezone: string): { y: number; m: number; d: number; hh: number; mi: number; ss: number } {
  const p: Record<string, number> = {};
  for (const part of formatter(timezone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, hh: p.hour!, mi: p.minute!, ss: p.second! };
}

/** The zone's offset from UTC at an instant, ms. */
function offsetAt(at: number, timezone: string): number {
  const w = wall(at, timezone);
  return Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mi, w.ss) - Math.floor(at / 1000) * 1000;
}

/** A valid YYYY-MM-DD (a real calendar date), or undefined. */
export function parseLocalDate(text: string): { y: number; m: number; d: number } | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return undefined;
  return { y, m, d };
}

/** Epoch ms of local midnight starting that date; a second pass settles days that begin next to an offset change. */
function midnight(y: number, m: number, d: number, timezone: string): number {
  const guess = Date.UTC(y, m - 1, d);
  let t = guess - offsetAt(guess, timezone);
  t = guess - offsetAt(t, timezone);
  return t;
}

/** The local day [from, to) of a YYYY-MM-DD date; throws on an invalid date. */
export function localDay(date: string, timezone: string): { from: number; to: number } {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`not a date: ${date} (expected YYYY-MM-DD)`);
  const next = new Date(Date.UTC(p.y, p.m - 1, p.d + 1));
  return { from: midnight(p.y, p.m, p.d, timezone), to: midnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timezone) };
}

/** The local date (YYYY-MM-DD) of an instant. */
export function localDate(at: number, timezone: string): string {
  const w = wall(at, timezone);
  return `${w.y}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** The date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const p = parseLocalDate(date);
  if (!p) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(p.y, p.m - 1, p.d + days)).toISOString().slice(0, 10);
}

/** The next instant at or after `after` when the local clock shows HH:MM. */
export function nextLocalTime(hhmm: string, after: number, timezone: string): number {
  const [hh, mi] = hhmm.split(':').map(Number) as [number, number];
  let date = localDate(after, timezone);
  for (let i = 0; i < 3; i++) {
    const { from } = localDay(date, timezone);
    // Local midnight plus the wall-clock time, corrected for an offset change within the day.
    let t = from + (hh * 60 + mi) * 60_000;
    t += offsetAt(from, timezone) - offsetAt(t, timezone);
    if (t >= after) return t;
    date = addDays(date, 1);
  }
  throw new Error(`no ${hhmm} after ${after} in ${timezone}`);
}

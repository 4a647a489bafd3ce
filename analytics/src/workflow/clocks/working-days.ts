// The package ships a UMD bundle as its CommonJS entry, so Node cannot see its
// named exports (`import { isWorkday }` fails at run time under Node and tsx);
// the default export is the same object and works everywhere.
import chineseDays from 'chinese-days';

export const DEFAULT_TIMEZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;

interface CivilDate {
  y: number;
  m: number; // 1–12
  d: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timezone: string): Intl.DateTimeFormat {
  let f = formatters.get(timezone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what we want for a config mistake.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timezone, f);
  }
  return f;
}

function wallClock(at: number, timezone: string): CivilDate & { hh: number; mi: number; ss: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timezone).formatToParts(at)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const get = (k: string): number => parts[k] ?? 0;
  return { y: get('year'), m: get('month'), d: get('day'), hh: get('hour'), mi: get('minute'), ss: get('second') };
}

/** The zone's offset from UTC at `at`, in ms (Asia/Shanghai: +8 h). */
function offsetAt(at: number, timezone: string): number {
  const w = wallClock(at, timezone);
  const wholeSecond = Math.floor(at / 1000) * 1000;
  return Date.UTC(w.y, w.m - 1, w.d, w.hh, w.mi, w.ss) - wholeSecond;
}

/** Epoch ms of a wall-clock time in `timezone`; a second pass settles times next to an offset change. */
function zonedToEpoch(c: CivilDate, hh: number, mi: number, ss: number, ms: number, timezone: string): number {
  const asUtc = Date.UTC(c.y, c.m - 1, c.d, hh, mi, ss, ms);
  const first = asUtc - offsetAt(asUtc, timezone);
  const second = asUtc - offsetAt(first, timezone);
  return second;
}

function civilDate(at: number, timezone: string): CivilDate {
  const { y, m, d } = wallClock(at, timezone);
  return { y, m, d };
}

function nextDay(c: CivilDate): CivilDate {
  const t = new Date(Date.UTC(c.y, c.m - 1, c.d + 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/**
 * chinese-days reads dates with the process's local-time getters, and parses
 * "YYYY-MM-DD" as UTC midnight, which is the previous day west of Greenwich.
 * Local noon of the civil date is the same day in every process time zone.
 */
function asLibraryDate(c: CivilDate): Date {
  return new Date(c.y, c.m - 1, c.d, 12);
}

function isWorkingDay(c: CivilDate): boolean {
  return chineseDays.isWorkday(asLibraryDate(c));
}

const calendarYears = new Map<number, boolean>();

/**
 * Whether chinese-days knows the official holiday arrangement for `year`.
 * Later years fall back to plain Monday–Friday, which is wrong across Spring
 * Festival and National Day: show such deadlines as provisional.
 */
export function hasHolidayCalendar(year: number): boolean {
  let known = calendarYears.get(year);
  if (known === undefined) {
    // includeWeekends = false: only dates in the official holiday table.
    known = chineseDays.getHolidaysInRange(asLibraryDate({ y: year, m: 1, d: 1 }), asLibraryDate({ y: year, m: 12, d: 31 }), false).length > 0;
    calendarYears.set(year, known);
  }
  return known;
}

/**
 * The end (23:59:59.999 local) of the `days`-th Chinese working day after
 * `from`, counting official holidays and 调休 make-up working days.
 *
 * As with time limits counted in days in Chinese law, the day it starts on
 * does not count: a message on Wednesday with 1 working day is due at the end
 * of Thursday, and one on a holiday is counted from the next working day.
 * `days = 0` means the end of `from`'s own day if that is a working day, else
 * the end of the next working day.
 */
export function addWorkingDays(from: number, days: number, timezone: string = DEFAULT_TIMEZONE): number {
  if (!Number.isFinite(from)) throw new RangeError(`from must be a time, got ${from}`);
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  let day = civilDate(from, timezone);
  if (days === 0) {
    while (!isWorkingDay(day)) day = nextDay(day);
  } else {
    let left = days;
    while (left > 0) {
      day = nextDay(day);
      if (isWorkingDay(day)) left--;
    }
  }
  return zonedToEpoch(day, 23, 59, 59, 999, timezone);
}

/**
 * Elapsed hours first, then working days counted from that instant; with no
 * working days the result is exact (from + hours), with them it is the end of a day.
 */
export function addDuration(from: number, d: { hours?: number; workingDays?: number }, timezone: string = DEFAULT_TIMEZONE): number {
  const hours = d.hours ?? 0;
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be ≥ 0, got ${hours}`);
  const afterHours = from + hours * HOUR;
  return d.workingDays === undefined ? afterHours : addWorkingDays(afterHours, d.workingDays, timezone);
}

/** The local calendar day of `at` in `timezone`, as YYYY-MM-DD. */
export function localDay(at: number, timezone: string = DEFAULT_TIMEZONE): string {
  const { y, m, d } = civilDate(at, timezone);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function parseDay(day: string): CivilDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`expected a day YYYY-MM-DD, got ${day}`);
  return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
}

/** Epoch ms of a local wall-clock time on `day` (00:00 by default). */
export function startOfLocalDay(day: string, timezone: string = DEFAULT_TIMEZONE, hh = 0, mi = 0): number {
  return zonedToEpoch(parseDay(day), hh, mi, 0, 0, timezone);
}

/** The day after `day` (YYYY-MM-DD arithmetic, no time zone involved). */
export function nextLocalDay(day: string, by = 1): string {
  const c = parseDay(day);
  const t = new Date(Date.UTC(c.y, c.m - 1, c.d + by));
  return `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** ISO weekday of a day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const c = parseDay(day);
  return new Date(Date.UTC(c.y, c.m - 1, c.d)).getUTCDay() || 7;
}

/** Whether `day` is a Chinese working day: Monday–Friday unless an official holiday, plus 调休 make-up Saturdays and Sundays. */
export function isChineseWorkingDay(day: string): boolean {
  return isWorkingDay(parseDay(day));
}

/** Years (from `from` to `to`) for which chinese-days knows the official holiday arrangement. */
export function holidayCalendarYears(from = 2004, to = new Date().getUTCFullYear() + 2): number[] {
  const out: number[] = [];
  for (let y = from; y <= to; y++) if (hasHolidayCalendar(y)) out.push(y);
  return out;
}

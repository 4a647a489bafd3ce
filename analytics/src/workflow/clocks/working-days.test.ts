import chineseDays from 'chinese-days';
import { afterEach, describe, expect, it } from 'vitest';
import { addDuration, addWorkingDays, hasHolidayCalendar } from './index';

/** Beijing wall time → epoch ms. */
const cst = (s: string): number => Date.parse(`${s}+08:00`);
const endOfDay = (date: string): number => cst(`${date}T23:59:59.999`);

describe("the 2026 calendar in chinese-days' own data", () => {
  // If the package's data changes, these explain the failures below.
  it.each([
    ['2026-02-14', true], // Saturday, 春节 make-up working day
    ['2026-02-16', false], // 春节
    ['2026-02-23', false], // Monday, still 春节
    ['2026-02-28', true], // Saturday, make-up working day
    ['2026-09-20', true], // Sunday, 国庆 make-up working day
    ['2026-10-01', false],
    ['2026-10-07', false], // Wednesday, 国庆
    ['2026-10-10', true], // Saturday, make-up working day
  ])('%s is a working day: %s', (date, work) => {
    expect(chineseDays.getDayDetail(date).work).toBe(work);
  });
});

describe('addWorkingDays (Asia/Shanghai)', () => {
  it.each([
    // from (Beijing time), working days, due date (end of day)
    ['2026-09-30T10:00', 5, '2026-10-13'], // 10-08, 10-09, 10-10 (Sat), 10-12, 10-13
    ['2026-09-30T10:00', 1, '2026-10-08'], // 国庆 10-01..10-07 skipped
    ['2026-09-30T10:00', 3, '2026-10-10'], // lands on the make-up Saturday
    ['2026-09-30T10:00', 4, '2026-10-12'], // Sunday 10-11 is a rest day
    ['2026-10-03T15:00', 1, '2026-10-08'], // received on a holiday
    ['2026-10-09T23:59', 1, '2026-10-10'],
    ['2026-09-19T09:00', 1, '2026-09-20'], // Saturday → make-up Sunday
    ['2026-09-24T09:00', 1, '2026-09-28'], // 中秋 09-25..09-27
    ['2026-02-13T16:00', 1, '2026-02-14'], // Friday → make-up Saturday
    ['2026-02-13T16:00', 2, '2026-02-24'], // 春节 02-15..02-23
    ['2026-02-13T16:00', 5, '2026-02-27'],
    ['2026-02-13T16:00', 6, '2026-02-28'], // make-up Saturday
    ['2026-02-16T10:00', 1, '2026-02-24'], // received during 春节
    ['2026-09-30T10:00', 0, '2026-09-30'], // 0: today, a working day
    ['2026-10-01T10:00', 0, '2026-10-08'], // 0 on a holiday: the next working day
  ])('%s + %i working days → end of %s', (from, days, due) => {
    expect(addWorkingDays(cst(from), days)).toBe(endOfDay(due));
  });

  it('counts in the given time zone', () => {
    // 2026-10-09 16:30 UTC is Saturday 10-10 00:30 in Beijing (a make-up working day).
    const from = Date.parse('2026-10-09T16:30:00Z');
    expect(addWorkingDays(from, 1)).toBe(endOfDay('2026-10-12'));
    expect(addWorkingDays(from, 1, 'UTC')).toBe(Date.parse('2026-10-10T23:59:59.999Z'));
  });

  it.each([-1, 1.5, Number.NaN])('rejects %d days', (days) => {
    expect(() => addWorkingDays(cst('2026-09-30T10:00'), days)).toThrow(RangeError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => addWorkingDays(cst('2026-09-30T10:00'), 1, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('addWorkingDays does not depend on the process time zone', () => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });

  // chinese-days uses local getters; west of Greenwich its "YYYY-MM-DD" parsing lands on the previous day.
  it.each(['America/Los_Angeles', 'Pacific/Auckland', 'UTC'])('TZ=%s', (tz) => {
    process.env.TZ = tz;
    // The pitfall itself (and proof the zone change took effect): Thursday 10-08 read as Wednesday 10-07.
    expect(chineseDays.isWorkday('2026-10-08')).toBe(tz !== 'America/Los_Angeles');
    expect(addWorkingDays(cst('2026-09-30T10:00'), 5)).toBe(endOfDay('2026-10-13'));
    expect(addWorkingDays(cst('2026-02-13T16:00'), 2)).toBe(endOfDay('2026-02-24'));
  });
});

describe('addDuration', () => {
  const from = cst('2026-09-30T10:00');
  it.each<[string, { hours?: number; workingDays?: number }, number]>([
    ['nothing', {}, from],
    ['48 hours, holidays or not', { hours: 48 }, cst('2026-10-02T10:00')],
    ['5 working days', { workingDays: 5 }, endOfDay('2026-10-13')],
    ['hours first, then working days from there', { hours: 20, workingDays: 1 }, endOfDay('2026-10-08')],
  ])('%s', (_name, d, expected) => {
    expect(addDuration(from, d)).toBe(expected);
  });

  it('rejects negative hours', () => {
    expect(() => addDuration(from, { hours: -1 })).toThrow(RangeError);
  });
});

describe('hasHolidayCalendar', () => {
  it('knows 2026; years beyond the data are flagged', () => {
    expect(hasHolidayCalendar(2026)).toBe(true);
    expect(hasHolidayCalendar(2100)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { addDays, localDate, localDay, nextLocalTime, parseLocalDate } from './local-day';

describe('local days', () => {
  it.each([
    ['2026-11-26', 'Asia/Shanghai', Date.UTC(2026, 10, 25, 16), Date.UTC(2026, 10, 26, 16)],
    ['2026-11-26', 'UTC', Date.UTC(2026, 10, 26), Date.UTC(2026, 10, 27)],
    ['2026-03-08', 'America/New_York', Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 2, 9, 4)],
    ['2026-12-31', 'Asia/Kolkata', Date.UTC(2026, 11, 30, 18, 30), Date.UTC(2026, 11, 31, 18, 30)],
  ])('%s in %s is [from, to)', (date, tz, from, to) => {
    expect(localDay(date, tz)).toEqual({ from, to });
    expect(localDate(from, tz)).toBe(date);
    expect(localDate(to - 1, tz)).toBe(date);
  });

  it.each(['2026-02-30', '2026-13-01', '26-11-01', '2026-11-1', 'yesterday', ''])('refuses %j', (text) => {
    expect(parseLocalDate(text)).toBeUndefined();
    expect(() => localDay(text, 'Asia/Shanghai')).toThrow(RangeError);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the next local HH:MM, today or tomorrow', () => {
    const tz = 'Asia/Shanghai';
    // 07:00 local = 23:00 UTC the day before.
    expect(nextLocalTime('07:00', Date.UTC(2026, 10, 26, 22, 0), tz)).toBe(Date.UTC(2026, 10, 26, 23, 0));
    expect(nextLocalTime('07:00', Date.UTC(2026, 10, 26, 23, 0), tz)).toBe(Date.UTC(2026, 10, 26, 23, 0));
    expect(nextLocalTime('07:00', Date.UTC(2026, 10, 26, 23, 0, 1), tz)).toBe(Date.UTC(2026, 10, 27, 23, 0));
    expect(nextLocalTime('00:00', Date.UTC(2026, 10, 26, 15, 59), tz)).toBe(Date.UTC(2026, 10, 26, 16, 0));
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { formatCount, formatDateTime, formatDuration, fromZoneInput, setTimeZone, toZoneInput } from './format';

describe('format', () => {
  afterEach(() => setTimeZone('Asia/Shanghai'));

  it.each([
    [999, '999'],
    [12_345, '1.2万'],
    [1_234_567, '123万'],
    [123_456_789, '1.23亿'],
  ])('counts %d as %s', (n, text) => {
    expect(formatCount(n)).toBe(text);
  });

  it('writes durations the Chinese way', () => {
    expect(formatDuration((3 * 3600 + 5 * 60) * 1000)).toBe('3小时05分');
    expect(formatDuration(-42_000)).toBe('-42秒');
  });

  it('shows and reads datetime inputs in the configured zone, whatever the browser’s', () => {
    const ms = Date.UTC(2026, 10, 27, 6, 5); // 14:05 in Shanghai
    expect(toZoneInput(ms)).toBe('2026-11-27T14:05');
    expect(fromZoneInput('2026-11-27T14:05')).toBe(ms);
    expect(formatDateTime(ms)).toBe('2026-11-27 14:05');
    setTimeZone('Europe/Berlin');
    expect(toZoneInput(ms)).toBe('2026-11-27T07:05');
    expect(fromZoneInput('2026-11-27T07:05')).toBe(ms);
    // Across daylight saving: 12:00 in Berlin on a summer day is 10:00 UTC.
    expect(fromZoneInput('2026-07-01T12:00')).toBe(Date.UTC(2026, 6, 1, 10, 0));
    expect(fromZoneInput('not a time')).toBeNaN();
  });
});

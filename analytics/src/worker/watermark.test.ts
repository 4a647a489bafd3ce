import { describe, expect, it } from 'vitest';
import { liveWatermark, QUIET_AFTER_MS } from './watermark';

const T = Date.parse('2026-11-28T10:00:00Z');
const base = { maxEventTime: T, latenessMs: 2_000 };

describe('liveWatermark', () => {
  it.each([
    { why: 'rows arrived: the newest less the allowance', wall: T + 500, lastArrival: T + 500, arrived: true, want: T - 2_000 },
    { why: 'an empty poll on a busy stream (a 1.5 s pause) holds the watermark', wall: T + 1_500, lastArrival: T, arrived: false, want: T - 2_000 },
    { why: 'a pause just under the quiet time still holds it', wall: T + QUIET_AFTER_MS, lastArrival: T, arrived: false, want: T - 2_000 },
    { why: 'quiet for 5 s: time passes 2 s past the quiet time', wall: T + 5_000, lastArrival: T, arrived: false, want: T + 2_000 - 2_000 },
    { why: 'quiet for long: never past the wall clock less the allowance', wall: T + 60_000, lastArrival: T - 60_000, arrived: false, want: T + 60_000 - 2_000 },
    { why: 'a replay of old posts (far from the clock) does not move with the clock', wall: T + 3_600_000, lastArrival: T, arrived: false, want: T - 2_000 },
  ])('$why', ({ wall, lastArrival, arrived, want }) => {
    expect(liveWatermark({ ...base, wall, lastArrival, arrived })).toBe(want);
  });

  it('rows held up by a pause shorter than the quiet time are not behind the watermark when they arrive', () => {
    // The stream's newest row is T; the next rows (event time from T − 1 s) are held up 2.5 s by a slow insert.
    const during = [250, 500, 1_000, 1_500, 2_000, 2_500].map((d) => liveWatermark({ ...base, wall: T + d, lastArrival: T, arrived: false }));
    for (const w of during) expect(w).toBeLessThan(T - 1_000);
  });
});

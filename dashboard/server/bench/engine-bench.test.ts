import { describe, expect, it } from 'vitest';
import { runEngineBench } from './engine-bench';

describe('bench engine', () => {
  it('times the engine minute by minute over the demo background and says what it wrote', () => {
    const lines: string[] = [];
    const r = runEngineBench({ rate: 40, minutes: 3, seed: 2, log: (l) => lines.push(l) });
    expect(r.per_minute.map((m) => m.minute)).toEqual([1, 2, 3]);
    expect(lines).toHaveLength(3);
    expect(r.mentions).toBe(r.per_minute.reduce((s, m) => s + m.mentions, 0));
    // 40/s at the evening peak scaled by the rhythm: thousands of mentions a minute, all timed.
    expect(r.per_minute.every((m) => m.mentions > 1_000 && m.engine_s > 0 && m.per_s > 0)).toBe(true);
    expect(r.live_events).toBeGreaterThan(0);
    expect(r.events_written_per_min).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

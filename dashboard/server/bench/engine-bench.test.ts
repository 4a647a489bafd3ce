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

  it('with bursts, times each one’s alert in event time from its 10th mention, and counts alerts on the background', () => {
    const lines: string[] = [];
    const r = runEngineBench({ rate: 40, minutes: 10, seed: 2, bursts: 1, warmupMinutes: 3, log: (l) => lines.push(l) });
    expect(r.bursts).toHaveLength(1);
    const [b] = r.bursts!;
    expect(b!.start_s).toBeGreaterThanOrEqual(180);
    // A new story rising to 300/min is alerted within seconds of event time, not minutes.
    expect(b!.latency_s).not.toBeNull();
    expect(b!.latency_s!).toBeGreaterThan(0);
    expect(b!.latency_s!).toBeLessThan(30);
    expect(r.recall).toBe(1);
    expect(r.latency_p95_s).toBe(b!.latency_s);
    expect(r.false_alerts).toBe(0);
    expect(lines.some((l) => l.includes(b!.place) && l.includes('after its 10th mention'))).toBe(true);
  });

  it('without bursts, says nothing of them', () => {
    const r = runEngineBench({ rate: 10, minutes: 1, seed: 3, log: () => {} });
    expect(r.bursts).toBeUndefined();
    expect(r.recall).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { runWallBench } from '../../dashboard/server/bench/wall-bench';

describe('bench wall', () => {
  it('opens the wall on the demo stream and reports render, update delay, frames and memory', async () => {
    const lines: string[] = [];
    const r = await runWallBench({ minutes: 0.5, rate: 20, seed: 3, loads: 2, log: (l) => lines.push(l) });
    expect(r.first_render_ms).toHaveLength(2);
    expect(r.first_render_ms.every((ms) => ms > 0 && ms < 60_000)).toBe(true);
    // Snapshots arrive every 2 s while data changes: several in half a minute, each timed.
    expect(r.update_ms.count).toBeGreaterThan(3);
    expect(r.update_ms.p50).toBeGreaterThanOrEqual(0);
    expect(r.frames).toBeGreaterThan(100);
    expect(r.memory.length).toBeGreaterThanOrEqual(2);
    expect(r.memory.every((m) => m.js_heap_mb > 0 && m.dom_nodes > 0 && m.js_listeners > 0)).toBe(true);
    expect(r.live_events).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('first render'))).toBe(true);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });
});

import { describe, expect, it } from 'vitest';
import { slopePerHour, trendOver } from './soak-bench';

describe('soak RSS trend', () => {
  it('fits growth per hour from samples in minutes', () => {
    const flat = Array.from({ length: 20 }, (_, i) => ({ x: i, y: 1400 + (i % 2 ? 30 : -30) }));
    expect(Math.abs(slopePerHour(flat))).toBeLessThan(60);
    const leak = Array.from({ length: 20 }, (_, i) => ({ x: i, y: 1000 + i * 2 }));
    expect(slopePerHour(leak)).toBeCloseTo(120, 6);
  });

  it('a higher plateau after an overload is growth over the whole run, and none before or after it', () => {
    const before = Array.from({ length: 10 }, (_, i) => ({ x: i, y: 1200 }));
    const after = Array.from({ length: 15 }, (_, i) => ({ x: 15 + i, y: 1400 }));
    expect(slopePerHour([...before, ...after])).toBeGreaterThan(300);
    expect(trendOver(before)).toBe(0);
    expect(trendOver(after)).toBe(0);
  });

  it('says nothing from less than five minutes of samples', () => {
    expect(trendOver([{ x: 1, y: 1 }, { x: 4, y: 9 }])).toBeNull();
    expect(trendOver([])).toBeNull();
  });
});

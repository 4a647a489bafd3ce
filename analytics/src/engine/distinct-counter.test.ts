import { describe, expect, it } from 'vitest';
import { DistinctCounter } from './distinct-counter';

describe('DistinctCounter', () => {
  it('is exact for the small counts the detectors compare (≤ 256)', () => {
    const c = new DistinctCounter();
    for (let i = 0; i < 200; i++) c.add(`u${i % 150}`);
    expect(c.size).toBe(150);
  });

  it.each([1_000, 10_000, 200_000])('estimates %i distinct values within 5 %', (n) => {
    const c = new DistinctCounter();
    for (let i = 0; i < n; i++) {
      c.add(`author-${i}`);
      c.add(`author-${i}`);
    }
    expect(Math.abs(c.size - n) / n).toBeLessThan(0.05);
  });

  it('merges exact and sketched counters without counting shared values twice', () => {
    const a = new DistinctCounter();
    const b = new DistinctCounter();
    for (let i = 0; i < 5_000; i++) a.add(`u${i}`);
    for (let i = 2_500; i < 7_500; i++) b.add(`u${i}`);
    a.merge(b);
    expect(Math.abs(a.size - 7_500) / 7_500).toBeLessThan(0.05);
    const small = new DistinctCounter();
    small.add('x');
    small.merge(a);
    expect(Math.abs(small.size - 7_501) / 7_501).toBeLessThan(0.05);
    const tiny = new DistinctCounter();
    tiny.add('y');
    tiny.merge(new DistinctCounter());
    expect(tiny.size).toBe(1);
  });

  it('gives the same size whatever the order values came in or were merged (the running sum is exact)', () => {
    const values = Array.from({ length: 6_000 }, (_, i) => `v${(i * 7919) % 6_000}`);
    const forward = new DistinctCounter();
    const backward = new DistinctCounter();
    for (const v of values) forward.add(v);
    for (const v of [...values].reverse()) backward.add(v);
    const halves = new DistinctCounter();
    const rest = new DistinctCounter();
    values.slice(0, 3_000).forEach((v) => halves.add(v));
    values.slice(3_000).forEach((v) => rest.add(v));
    halves.merge(rest);
    expect(backward.size).toBe(forward.size);
    expect(halves.size).toBe(forward.size);
    expect(Math.abs(forward.size - 6_000) / 6_000).toBeLessThan(0.05);
  });
});

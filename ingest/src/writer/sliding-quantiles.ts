/**
 * Quantiles of a stream of durations over the last N seconds, in bounded
 * memory: one histogram of log-spaced bins (≈4% wide, 1 ms to ~1 h) per second.
 */

const BINS = 400;
const GROWTH = 1.04;
const LOG_GROWTH = Math.log(GROWTH);

function binOf(ms: number): number {
  if (ms <= 1) return 0;
  return Math.min(BINS - 1, Math.floor(Math.log(ms) / LOG_GROWTH));
}

function binValue(bin: number): number {
  return bin === 0 ? 1 : GROWTH ** (bin + 0.5);
}

export class SlidingQuantiles {
  private readonly buckets: { second: number; counts: Uint32Array; total: number }[] = [];

  constructor(
    private readonly windowSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  add(ms: number): void {
    const second = Math.floor(this.now() / 1000);
    let b = this.buckets[this.buckets.length - 1];
    if (!b || b.second !== second) {
      b = { second, counts: new Uint32Array(BINS), total: 0 };
      this.buckets.push(b);
      this.trim(second);
    }
    b.counts[binOf(ms)]!++;
    b.total++;
  }

  snapshot(): { p50: number; p95: number; count: number } {
    this.trim(Math.floor(this.now() / 1000));
    const merged = new Float64Array(BINS);
    let total = 0;
    for (const b of this.buckets) {
      for (let i = 0; i < BINS; i++) merged[i]! += b.counts[i]!;
      total += b.total;
    }
    if (total === 0) return { p50: 0, p95: 0, count: 0 };
    const q = (p: number) => {
      const target = p * total;
      let seen = 0;
      for (let i = 0; i < BINS; i++) {
        seen += merged[i]!;
        if (seen >= target) return Math.round(binValue(i));
      }
      return Math.round(binValue(BINS - 1));
    };
    return { p50: q(0.5), p95: q(0.95), count: total };
  }

  private trim(second: number): void {
    while (this.buckets.length && this.buckets[0]!.second <= second - this.windowSeconds) this.buckets.shift();
  }
}

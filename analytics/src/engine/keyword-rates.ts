/**
 * How often each keyword is used in the whole stream, now and usually:
 * two exponentially decayed counts per keyword (a fast one over minutes, a
 * slow one over an hour), bias-corrected for a stream that started recently
 * so that a word used at a steady rate since the start is not "rising".
 *
 * An event that grows only because it absorbed sibling texts (its words are
 * as common as ever) is not rising; a story whose words the stream suddenly
 * uses more is.
 */

const MINUTE = 60_000;

export interface KeywordRate {
  /** Mentions with the keyword in the last `fastMs` (estimated). */
  recent: number;
  /** What its long-run rate expects for such a window. */
  expected: number;
}

interface Counts {
  fast: number;
  slow: number;
  t: number;
}

export class KeywordRates {
  private readonly counts = new Map<string, Counts>();
  private start: number | undefined;
  private lastPrune = -Infinity;

  constructor(
    readonly fastMs = 5 * MINUTE,
    readonly slowMs = 60 * MINUTE,
    private readonly maxKeywords = 500_000,
  ) {}

  /** Sets when the stream began (a restart with history: counts are not young). */
  setStart(t: number): void {
    this.start = t;
  }

  observe(keywords: readonly string[], t: number): void {
    this.start ??= t;
    for (const k of keywords) {
      const c = this.counts.get(k);
      if (!c) {
        this.counts.set(k, { fast: 1, slow: 1, t });
        continue;
      }
      const dt = Math.max(0, t - c.t);
      c.fast = c.fast * Math.exp(-dt / this.fastMs) + 1;
      c.slow = c.slow * Math.exp(-dt / this.slowMs) + 1;
      c.t = Math.max(c.t, t);
    }
    if (this.counts.size > this.maxKeywords && t - this.lastPrune > MINUTE) this.prune(t);
  }

  /** Seeds a keyword's history (from stored per-minute counts at start-up). */
  seed(keyword: string, minuteCounts: readonly { t: number; n: number }[], now: number): void {
    let fast = 0;
    let slow = 0;
    for (const { t, n } of minuteCounts) {
      fast += n * Math.exp(-(now - t) / this.fastMs);
      slow += n * Math.exp(-(now - t) / this.slowMs);
    }
    this.counts.set(keyword, { fast, slow, t: now });
  }

  rate(keyword: string, now: number): KeywordRate {
    const c = this.counts.get(keyword);
    if (!c || this.start === undefined) return { recent: 0, expected: 0 };
    const dt = Math.max(0, now - c.t);
    const age = Math.max(now - this.start, MINUTE);
    const fast = c.fast * Math.exp(-dt / this.fastMs);
    const slow = c.slow * Math.exp(-dt / this.slowMs);
    const recent = fast / (1 - Math.exp(-age / this.fastMs));
    const expected = (slow * (this.fastMs / this.slowMs)) / (1 - Math.exp(-age / this.slowMs));
    return { recent, expected };
  }

  size(): number {
    return this.counts.size;
  }

  private prune(now: number): void {
    this.lastPrune = now;
    for (const [k, c] of this.counts) if (c.slow * Math.exp(-(now - c.t) / this.slowMs) < 0.2) this.counts.delete(k);
  }
}

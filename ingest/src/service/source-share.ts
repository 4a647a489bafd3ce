import { BackpressureError } from '@fenghuo/shared';

export interface SourceShareOptions {
  /** The ingest queue's bound (records waiting to be stored). */
  maxQueuedRecords: number;
  /** The part of it one source may hold, in (0, 1]; 1 turns the limit off. */
  share: number;
  retryAfterSeconds: number;
}

/**
 * One source may hold at most a share of the ingest queue, so that a flood
 * from one feed (a hot event on Weibo) leaves room for the others (the 12345
 * hotline, a message board) instead of filling the queue and getting every
 * source a 503.
 *
 * A source holds the records it published until the bus confirms them
 * stored. Like the queue's own bound it has a low-water mark: once refused,
 * a source is refused until it holds half its limit or less, so a flooding
 * client retrying every second does not hover at the limit. A request larger
 * than the whole limit still goes through when the source holds nothing.
 */
export class SourceShares {
  private readonly held = new Map<string, number>();
  private readonly refusing = new Set<string>();
  readonly limit: number;

  constructor(private readonly options: SourceShareOptions) {
    if (!(options.share > 0 && options.share <= 1)) throw new Error(`the share of the ingest queue one source may hold must be in (0, 1] (got ${options.share})`);
    this.limit = Math.max(1, Math.floor(options.maxQueuedRecords * options.share));
  }

  /** Records a source holds now: published, not yet confirmed stored. */
  holding(source: string): number {
    return this.held.get(source) ?? 0;
  }

  /** The error taking `records` more from `source` now would get, if any (0 records: whether it is refused at all now). */
  refusal(source: string, records: number): BackpressureError | undefined {
    if (this.options.share >= 1) return undefined;
    const held = this.holding(source);
    if (this.refusing.has(source)) {
      if (held > this.limit / 2) return this.error(source, held, `taking more from it below ${Math.floor(this.limit / 2)}`);
      this.refusing.delete(source);
    }
    if (held > 0 && held + records > this.limit) {
      this.refusing.add(source);
      return this.error(source, held, `it may hold ${this.limit}`);
    }
    return undefined;
  }

  /**
   * Counts `records` against `source` from now until the returned release is
   * called (once stored, or failed; calling it again does nothing). Taken at
   * the moment a request passes `refusal`, before any await, so concurrent
   * requests of one source cannot all pass on the same count.
   */
  hold(source: string, records: number): () => void {
    if (records <= 0) return () => undefined;
    this.held.set(source, this.holding(source) + records);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.holding(source) - records;
      if (left > 0) this.held.set(source, left);
      else this.held.delete(source);
    };
  }

  private error(source: string, held: number, detail: string): BackpressureError {
    const share = Math.round(this.options.share * 100);
    return new BackpressureError(
      `source "${source}" holds its share of the ingest queue (${share} %: ${held} records waiting to be stored, ${detail}); other sources are still taken; retry shortly`,
      this.options.retryAfterSeconds,
    );
  }
}

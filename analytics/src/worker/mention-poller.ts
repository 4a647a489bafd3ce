import type { Store } from '@fenghuo/shared';
import type { AnalyzedMention } from '../engine/types';
import { countStoredBetween, keysStoredBetween, mentionsByKey, mentionsStoredAfter } from '../queries/stored-mentions.query';

/**
 * Reads newly stored mentions, each exactly once, by the time they were
 * stored. Rows of one insert can become visible after rows stored later (two
 * writers, or two batches in flight), so every poll also looks back
 * `marginMs` behind its cursor and takes what it had not seen; the keys seen
 * within the margin are remembered for that.
 */
export interface MentionPoller {
  poll(): Promise<AnalyzedMention[]>;
  /** Storage time (ms) up to which everything has been read. */
  cursor(): number;
}

export interface MentionPollerOptions {
  store: Store;
  /** Start after this storage time (ms). */
  from: number;
  marginMs?: number;
  /** Largest number of rows one poll returns (the next poll goes on). */
  limit?: number;
}

export function createMentionPoller(options: MentionPollerOptions): MentionPoller {
  const { store } = options;
  const margin = options.marginMs ?? 10_000;
  const limit = options.limit ?? 20_000;
  let cursor = options.from;
  /** Key → storage time of the mentions read within the margin. */
  const seen = new Map<string, number>();

  const remember = (ms: readonly AnalyzedMention[]) => {
    for (const m of ms) seen.set(m.key, m.ingestedAt);
  };

  return {
    async poll() {
      const out: AnalyzedMention[] = [];
      const from = cursor - margin;
      // Late arrivals behind the cursor: only when the count says some are missing.
      let inMargin = 0;
      for (const at of seen.values()) if (at > from && at <= cursor) inMargin++;
      if ((await countStoredBetween(store, from, cursor)) > inMargin) {
        const missing = (await keysStoredBetween(store, from, cursor)).filter((k) => !seen.has(k));
        for (let i = 0; i < missing.length; i += 5_000) {
          const late = await mentionsByKey(store, missing.slice(i, i + 5_000), from, cursor);
          remember(late);
          out.push(...late);
        }
      }
      const fresh = (await mentionsStoredAfter(store, cursor, limit)).filter((m) => !seen.has(m.key));
      remember(fresh);
      out.push(...fresh);
      for (const m of fresh) if (m.ingestedAt > cursor) cursor = m.ingestedAt;
      for (const [k, at] of seen) if (at <= cursor - margin) seen.delete(k);
      return out;
    },
    cursor: () => cursor,
  };
}

import { TABLES, toNumber, type Store } from '@fenghuo/shared';

export interface RisingAt {
  event_id: string;
  title: string;
  /** Mentions in the last `recentMinutes` before `at`. */
  recent: number;
  /** Mentions expected in that window at the rate of the `baselineMinutes` before it. */
  expected: number;
}

/**
 * Events still rising at a moment: mentions in the window before `at`
 * against the number the preceding baseline's rate predicts, ranked like the
 * live "rising" list (observed over expected, damped for small counts), from
 * the per-minute aggregate. Only events with at least `minRecent` mentions
 * in the window and more than `minRatio` times the expected are returned.
 */
export async function risingAt(store: Store, at: number, options: { recentMinutes: number; baselineMinutes: number; minRecent: number; minRatio: number; limit: number }): Promise<RisingAt[]> {
  const rows = await store.query<{ event_id: string; title: string; recent: string | number; baseline: string | number }>(
    `SELECT w.event_id AS event_id, e.title AS title, w.recent AS recent, w.baseline AS baseline
     FROM (
       SELECT event_id,
         sumIf(mentions, minute >= fromUnixTimestamp64Milli({recentFrom:Int64}, 'UTC')) AS recent,
         sumIf(mentions, minute < fromUnixTimestamp64Milli({recentFrom:Int64}, 'UTC')) AS baseline
       FROM ${TABLES.eventMinutes}
       WHERE minute >= fromUnixTimestamp64Milli({baseFrom:Int64}, 'UTC')
         AND minute < fromUnixTimestamp64Milli({at:Int64}, 'UTC')
       GROUP BY event_id
       HAVING recent >= {minRecent:UInt32}
     ) AS w
     INNER JOIN (SELECT event_id, title, merged_into FROM ${TABLES.events} FINAL) AS e USING (event_id)
     WHERE e.merged_into = ''`,
    {
      at,
      recentFrom: at - options.recentMinutes * 60_000,
      baseFrom: at - (options.recentMinutes + options.baselineMinutes) * 60_000,
      minRecent: options.minRecent,
    },
  );
  const scale = options.recentMinutes / options.baselineMinutes;
  return rows
    .map((r) => ({ event_id: r.event_id, title: r.title, recent: toNumber(r.recent), expected: Math.round(toNumber(r.baseline) * scale * 10) / 10 }))
    .filter((r) => r.recent > options.minRatio * r.expected)
    .sort((a, b) => (b.recent + 1) / (b.expected + 5) - (a.recent + 1) / (a.expected + 5) || b.recent - a.recent)
    .slice(0, options.limit);
}

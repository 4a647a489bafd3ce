import { TABLES, toNumber, type SimilarEvent, type Store } from '@fenghuo/shared';
import { EVENT_COLUMNS_SQL, toEventSummary, type EventRow } from './events-list.query';

export interface SimilarEventsOptions {
  limit?: number;
  /** Shared keywords an earlier event needs (lowered to what the event has when it has fewer). */
  minShared?: number;
}

/**
 * Earlier events about the same thing: events that began before this one
 * and share at least `minShared` of its keywords, most shared first, then by
 * keyword overlap (Jaccard), then the most recent. Events store no SimHash
 * (only mentions do), and an event's ten keywords already sum up its text,
 * so keyword overlap is the measure; hasAny() keeps the scan to candidates.
 */
export async function similarEvents(store: Store, id: string, options: SimilarEventsOptions = {}): Promise<SimilarEvent[] | undefined> {
  const [target] = await store.query<{ event_id: string; keywords: string[]; first: string | number }>(
    `SELECT event_id, keywords, toUnixTimestamp64Milli(first_seen) AS first FROM ${TABLES.events} FINAL WHERE event_id = {id:String}`,
    { id },
  );
  if (!target) return undefined;
  if (!target.keywords.length) return [];
  const minShared = Math.max(1, Math.min(options.minShared ?? 2, target.keywords.length));
  const rows = await store.query<EventRow & { shared: string[]; jaccard: number }>(
    `SELECT ${EVENT_COLUMNS_SQL},
       arrayIntersect(keywords, {keywords:Array(String)}) AS shared,
       length(shared) / length(arrayDistinct(arrayConcat(keywords, {keywords:Array(String)}))) AS jaccard
     FROM ${TABLES.events} FINAL
     WHERE merged_into = ''
       AND event_id != {id:String}
       AND first_seen < fromUnixTimestamp64Milli({first:Int64}, 'UTC')
       AND hasAny(keywords, {keywords:Array(String)})
       AND length(shared) >= {minShared:UInt32}
     ORDER BY length(shared) DESC, jaccard DESC, last_seen DESC
     LIMIT {limit:UInt32}`,
    { id, keywords: target.keywords, first: toNumber(target.first), minShared, limit: options.limit ?? 10 },
  );
  // arrayIntersect does not keep an order: show shared keywords in the event's own order.
  const rank = new Map(target.keywords.map((k, i) => [k, i]));
  return rows.map((r) => ({
    ...toEventSummary(r),
    shared_keywords: [...r.shared].sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0)),
    similarity: Math.round(r.jaccard * 1000) / 1000,
  }));
}

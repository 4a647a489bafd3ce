import { TABLES, toNumber, type Store } from '@fenghuo/shared';

export type SentimentCounts = { positive: number; negative: number; neutral: number };

/**
 * Sentiment of each given event's mentions within [from, to): the event's
 * members joined to their stored mentions (the events table only keeps
 * lifetime counts). The day's members select the mentions by primary key.
 */
export async function dayEventSentiment(store: Store, eventIds: readonly string[], from: number, to: number): Promise<Record<string, SentimentCounts>> {
  const out: Record<string, SentimentCounts> = {};
  for (const id of eventIds) out[id] = { positive: 0, negative: 0, neutral: 0 };
  if (!eventIds.length) return out;
  const rows = await store.query<{ event_id: string; label: string; n: string | number }>(
    `SELECT em.event_id AS event_id, m.sentiment_label AS label, count() AS n
     FROM (
       SELECT platform, id, sentiment_label FROM ${TABLES.mentions}
       WHERE time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
         -- Only the members' rows, found by the primary key rather than by scanning the whole day.
         AND (platform, id) IN (
           SELECT platform, id FROM ${TABLES.eventMentions}
           WHERE event_id IN {ids:Array(String)}
             AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
         )
     ) AS m
     INNER JOIN (
       SELECT DISTINCT event_id, platform, id FROM ${TABLES.eventMentions}
       WHERE event_id IN {ids:Array(String)}
         AND time >= fromUnixTimestamp64Milli({from:Int64}, 'UTC') AND time < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
     ) AS em ON m.platform = em.platform AND m.id = em.id
     GROUP BY event_id, label`,
    { ids: [...eventIds], from, to },
  );
  for (const r of rows) {
    const s = out[r.event_id];
    if (s && (r.label === 'positive' || r.label === 'negative' || r.label === 'neutral')) s[r.label] += toNumber(r.n);
  }
  return out;
}

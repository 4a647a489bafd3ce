import { TABLES, toNumber, type Store } from '@fenghuo/shared';
import { ANALYZED_COLUMNS, decodeRow, type AnalyzedRow } from '../engine/decode';
import type { AnalyzedMention } from '../engine/types';

/**
 * What the analytics read of the stored stream, by the time rows were
 * stored (`ingested_at`): the writer's order, which is close to arrival order
 * whatever the mentions' own times.
 */

const FROM_MS = `fromUnixTimestamp64Milli({from:Int64}, 'UTC')`;
const TO_MS = `fromUnixTimestamp64Milli({to:Int64}, 'UTC')`;

/** Mentions stored after `from` (ms), oldest first, at most `limit`. */
export async function mentionsStoredAfter(store: Store, from: number, limit: number): Promise<AnalyzedMention[]> {
  const rows = await store.query<AnalyzedRow>(
    `SELECT ${ANALYZED_COLUMNS} FROM ${TABLES.mentions}
     WHERE ingested_at > ${FROM_MS}
     ORDER BY ingested_at, platform, id
     LIMIT {limit:UInt32}`,
    { from, limit },
  );
  return rows.map(decodeRow);
}

/** How many mentions were stored in (from, to]. */
export async function countStoredBetween(store: Store, from: number, to: number): Promise<number> {
  const [row] = await store.query<{ n: string }>(
    `SELECT count() AS n FROM ${TABLES.mentions} WHERE ingested_at > ${FROM_MS} AND ingested_at <= ${TO_MS}`,
    { from, to },
  );
  return toNumber(row?.n);
}

/** Keys ("platform:id") of the mentions stored in (from, to]. */
export async function keysStoredBetween(store: Store, from: number, to: number): Promise<string[]> {
  const rows = await store.query<{ key: string }>(
    `SELECT concat(platform, ':', id) AS key FROM ${TABLES.mentions} WHERE ingested_at > ${FROM_MS} AND ingested_at <= ${TO_MS}`,
    { from, to },
  );
  return rows.map((r) => r.key);
}

/** The mentions with these keys stored in (from, to]. */
export async function mentionsByKey(store: Store, keys: readonly string[], from: number, to: number): Promise<AnalyzedMention[]> {
  if (!keys.length) return [];
  const rows = await store.query<AnalyzedRow>(
    `SELECT ${ANALYZED_COLUMNS} FROM ${TABLES.mentions}
     WHERE ingested_at > ${FROM_MS} AND ingested_at <= ${TO_MS} AND concat(platform, ':', id) IN {keys:Array(String)}`,
    { keys, from, to },
  );
  return rows.map(decodeRow);
}

/**
 * Mentions with event time in [from, to) that were stored by `storedBy`,
 * with the event each was stored under (a restart rebuilding its state).
 */
export async function mentionsForRestore(store: Store, from: number, to: number, storedBy: number): Promise<AnalyzedMention[]> {
  const rows = await store.query<AnalyzedRow & { stored_event: string }>(
    `SELECT ${ANALYZED_COLUMNS}, em.event_id AS stored_event
     FROM ${TABLES.mentions} AS m
     LEFT JOIN (
       SELECT platform, id, any(event_id) AS event_id FROM ${TABLES.eventMentions}
       WHERE time >= ${FROM_MS} AND time < ${TO_MS}
       GROUP BY platform, id
     ) AS em USING (platform, id)
     WHERE m.time >= ${FROM_MS} AND m.time < ${TO_MS} AND m.ingested_at <= fromUnixTimestamp64Milli({storedBy:Int64}, 'UTC')`,
    { from, to, storedBy },
  );
  return rows.map((r) => {
    const m = decodeRow(r);
    if (r.stored_event) m.storedEventId = r.stored_event;
    return m;
  });
}

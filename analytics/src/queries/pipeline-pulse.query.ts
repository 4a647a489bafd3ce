import { TABLES, toNumber, type Store } from '@fenghuo/shared';

export interface PipelinePulse {
  /** Mentions stored in the last minute (wall clock of the store). */
  stored_last_minute: number;
  /** When the newest mention was stored, within the last day; null when none was. */
  last_stored_at: number | null;
}

/** Is data flowing: what the last minute stored and when the newest row arrived (index-pruned on ingested_at). */
export async function pipelinePulse(store: Store): Promise<PipelinePulse> {
  const [row] = await store.query<{ n: string | number; last: string | number | null }>(
    `SELECT countIf(ingested_at >= now64(3) - toIntervalSecond(60)) AS n,
            toUnixTimestamp64Milli(maxOrNull(ingested_at)) AS last
     FROM ${TABLES.mentions}
     WHERE ingested_at >= now64(3) - toIntervalDay(1)`,
  );
  return { stored_last_minute: toNumber(row?.n ?? 0), last_stored_at: row?.last === null || row?.last === undefined ? null : toNumber(row.last) };
}

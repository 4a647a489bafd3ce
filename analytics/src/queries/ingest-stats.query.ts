import { TABLES, toNumber, type Store } from '@fenghuo/shared';

export interface IngestCounts {
  mentions: number;
  rejected: number;
}

/** Stored mentions and kept rejects. Exact: the writer never inserts a key twice. */
export async function ingestCounts(store: Store): Promise<IngestCounts> {
  const [row] = await store.query<{ mentions: string; rejected: string }>(
    `SELECT
       (SELECT count() FROM ${TABLES.mentions}) AS mentions,
       (SELECT count() FROM ${TABLES.rejected}) AS rejected`,
  );
  return { mentions: toNumber(row?.mentions), rejected: toNumber(row?.rejected) };
}

/**
 * p95 of received → inserted over the last `seconds`, from the rows
 * themselves: what a process without the writer in it can see.
 */
export async function recentIngestLagP95(store: Store, seconds = 60): Promise<number> {
  const [row] = await store.query<{ p95: number | null }>(
    `SELECT quantileOrNull(0.95)(dateDiff('millisecond', received_at, ingested_at)) AS p95
     FROM ${TABLES.mentions}
     WHERE ingested_at >= now64(3) - toIntervalSecond({seconds:UInt32})`,
    { seconds },
  );
  return Math.round(toNumber(row?.p95 ?? 0));
}

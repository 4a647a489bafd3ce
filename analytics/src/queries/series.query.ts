import { TABLES, toNumber, type Store } from '@fenghuo/shared';

export const SERIES_DIMENSIONS = ['platform', 'region', 'sentiment'] as const;
export type SeriesDimension = (typeof SERIES_DIMENSIONS)[number];

const COLUMN: Record<SeriesDimension, string> = {
  platform: 'platform',
  region: 'province',
  sentiment: 'sentiment_label',
};

export interface SeriesFilter {
  dimension: SeriesDimension;
  from: number;
  to: number;
  /** Bucket width, minutes. */
  stepMinutes: number;
}

export interface SeriesPointRow {
  t: number;
  key: string;
  count: number;
}

/** Mentions per bucket and per platform, province or sentiment, from the per-minute aggregate. */
export async function mentionSeries(store: Store, f: SeriesFilter): Promise<SeriesPointRow[]> {
  const col = COLUMN[f.dimension];
  const rows = await store.query<{ t: string | number; key: string; count: string | number }>(
    `SELECT toUnixTimestamp(toStartOfInterval(minute, toIntervalMinute({step:UInt32}))) * 1000 AS t, ${col} AS key, sum(mentions) AS count
     FROM ${TABLES.mentionMinutes}
     WHERE minute >= toStartOfMinute(fromUnixTimestamp64Milli({from:Int64}, 'UTC'))
       AND minute < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
     GROUP BY t, key ORDER BY t, key`,
    { from: f.from, to: f.to, step: f.stepMinutes },
  );
  return rows.map((r) => ({ t: toNumber(r.t), key: r.key, count: toNumber(r.count) }));
}

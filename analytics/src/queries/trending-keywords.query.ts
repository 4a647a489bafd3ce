import { TABLES, toNumber, type Store, type TrendingKeyword } from '@fenghuo/shared';

export interface TrendingFilter {
  /** End of the recent window, ms (default: the latest stored minute). */
  to?: number;
  /** Recent window, minutes. */
  windowMinutes: number;
  /** Baseline before it, minutes. */
  baselineMinutes: number;
  /** Keywords with fewer recent mentions are left out. */
  minCount: number;
  limit: number;
}

/**
 * Keywords used more in the recent window than their baseline rate predicts,
 * from the per-minute keyword aggregate. Growth is damped for small counts
 * (a word going from 0 to 3 is not news).
 */
export async function trendingKeywords(store: Store, f: TrendingFilter): Promise<TrendingKeyword[]> {
  let to = f.to;
  if (to === undefined) {
    const [row] = await store.query<{ t: string | number | null }>(`SELECT toUnixTimestamp(maxOrNull(minute)) * 1000 AS t FROM ${TABLES.keywordMinutes}`);
    if (row?.t === null || row?.t === undefined) return [];
    to = toNumber(row.t) + 60_000;
  }
  const rows = await store.query<{ keyword: string; recent: string | number; previous: string | number }>(
    `WITH fromUnixTimestamp64Milli({to:Int64}, 'UTC') AS t_end,
          t_end - toIntervalMinute({window:UInt32}) AS t_mid,
          t_mid - toIntervalMinute({baseline:UInt32}) AS t_start
     SELECT keyword,
            sumIf(mentions, minute >= t_mid) AS recent,
            sumIf(mentions, minute < t_mid) AS previous
     FROM ${TABLES.keywordMinutes}
     WHERE minute >= t_start AND minute < t_end
     GROUP BY keyword
     HAVING recent >= {min:UInt32}
     ORDER BY (recent + 1) / ((previous * {window:UInt32} / {baseline:UInt32}) + 5) DESC, recent DESC
     LIMIT {limit:UInt32}`,
    { to, window: f.windowMinutes, baseline: f.baselineMinutes, min: f.minCount, limit: f.limit },
  );
  return rows.map((r) => {
    const recent = toNumber(r.recent);
    const previous = toNumber(r.previous);
    const expected = (previous * f.windowMinutes) / f.baselineMinutes;
    return { keyword: r.keyword, recent, previous, growth: Math.round(((recent + 1) / (expected + 1)) * 10) / 10 };
  });
}

import { TABLES, toNumber, type Store } from '@fenghuo/shared';

export interface ProvinceVolume {
  /** Province name as stored on mentions (e.g. 湖北省); '' when unknown. */
  province: string;
  mentions: number;
  negative: number;
}

/** Mentions and negative mentions per province over [from, to), from the per-minute aggregate. */
export async function provinceVolume(store: Store, from: number, to: number): Promise<ProvinceVolume[]> {
  const rows = await store.query<{ province: string; n: string | number; neg: string | number }>(
    `SELECT province, sum(mentions) AS n, sumIf(mentions, sentiment_label = 'negative') AS neg
     FROM ${TABLES.mentionMinutes}
     WHERE minute >= toStartOfMinute(fromUnixTimestamp64Milli({from:Int64}, 'UTC'))
       AND minute < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
     GROUP BY province
     ORDER BY n DESC`,
    { from, to },
  );
  return rows.map((r) => ({ province: r.province, mentions: toNumber(r.n), negative: toNumber(r.neg) }));
}

import { TABLES, toNumber, type Store } from '@fenghuo/shared';

export interface HourVolume {
  /** Hours since `from` (0 = the first hour of the day). */
  hour: number;
  mentions: number;
  negative: number;
  positive: number;
  neutral: number;
}

/**
 * Mentions per hour of [from, to) by sentiment, from the per-minute
 * aggregate. Hours count from `from` (a local midnight), so the buckets are
 * local hours in any zone, whole or half-hour offset alike.
 */
export async function dayVolume(store: Store, from: number, to: number): Promise<HourVolume[]> {
  const rows = await store.query<{ hour: string | number; sentiment_label: string; n: string | number }>(
    `SELECT intDiv(toInt64(toUnixTimestamp(minute)) * 1000 - {from:Int64}, 3600000) AS hour, sentiment_label, sum(mentions) AS n
     FROM ${TABLES.mentionMinutes}
     WHERE minute >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
       AND minute < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
     GROUP BY hour, sentiment_label
     ORDER BY hour`,
    { from, to },
  );
  const hours = new Map<number, HourVolume>();
  for (const r of rows) {
    const hour = toNumber(r.hour);
    let h = hours.get(hour);
    if (!h) hours.set(hour, (h = { hour, mentions: 0, negative: 0, positive: 0, neutral: 0 }));
    const n = toNumber(r.n);
    h.mentions += n;
    if (r.sentiment_label === 'negative' || r.sentiment_label === 'positive' || r.sentiment_label === 'neutral') h[r.sentiment_label] += n;
  }
  return [...hours.values()].sort((a, b) => a.hour - b.hour);
}

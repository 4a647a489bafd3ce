import { TABLES, toNumber, type Store } from '@fenghuo/shared';

/**
 * Mentions per minute of each given event over [from, to), zero-filled: one
 * array per event, oldest minute first. From the per-minute aggregate, so a
 * wall of sparklines never scans raw mentions.
 */
export async function eventSparklines(store: Store, eventIds: readonly string[], from: number, to: number): Promise<Record<string, number[]>> {
  const minutes = Math.max(1, Math.ceil((to - from) / 60_000));
  const start = Math.floor(from / 60_000) * 60_000;
  const out: Record<string, number[]> = {};
  for (const id of eventIds) out[id] = new Array<number>(minutes).fill(0);
  if (!eventIds.length) return out;
  const rows = await store.query<{ event_id: string; t: string | number; n: string | number }>(
    `SELECT event_id, toUnixTimestamp(minute) * 1000 AS t, sum(mentions) AS n
     FROM ${TABLES.eventMinutes}
     WHERE event_id IN {ids:Array(String)}
       AND minute >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
       AND minute < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
     GROUP BY event_id, t`,
    { ids: [...eventIds], from: start, to },
  );
  for (const r of rows) {
    const i = Math.floor((toNumber(r.t) - start) / 60_000);
    const series = out[r.event_id];
    if (series && i >= 0 && i < minutes) series[i] = toNumber(r.n);
  }
  return out;
}

import { toNumber, type Store } from '@fenghuo/shared';

/** The latest post time of each registered account, whenever it was (silence is measured from it). */
export async function lastPosts(store: Store, accounts: readonly { platform: string; account_id: string }[], before: number): Promise<Map<string, { id: string; t: number; text: string }>> {
  if (!accounts.length) return new Map();
  const rows = await store.query<{ key: string; id: string; t: string | number; text: string }>(
    `SELECT concat(platform, ':', author_id) AS key, argMax(id, time) AS id, toUnixTimestamp64Milli(max(time)) AS t, argMax(substring(text, 1, 300), time) AS text
     FROM mentions
     WHERE time < fromUnixTimestamp64Milli({before:Int64})
       AND kind NOT IN ('comment', 'message', 'ticket')
       AND concat(platform, ':', author_id) IN {keys:Array(String)}
     GROUP BY key`,
    { before, keys: accounts.map((a) => `${a.platform}:${a.account_id}`) },
  );
  return new Map(rows.map((r) => [r.key, { id: r.id, t: toNumber(r.t), text: r.text }]));
}

import { toNumber, type Store } from '@fenghuo/shared';

export interface AccountPostRow {
  platform: string;
  id: string;
  author_id: string;
  t: number;
  text: string;
  interactions: number | undefined;
  followers: number | undefined;
}

/**
 * The registered accounts' own posts (not their comments) in [from, to):
 * by author id (`platform:author_id` in the registry), or marked official
 * with the registry's account name. Newest first, at most `limit` per account.
 */
export async function accountPosts(store: Store, accounts: readonly { platform: string; account_id: string }[], from: number, to: number, limit = 500): Promise<AccountPostRow[]> {
  if (!accounts.length) return [];
  const rows = await store.query<{ platform: string; id: string; author_id: string; t: string | number; text: string; interactions: string | number | null; followers: string | number | null }>(
    `SELECT platform, id, author_id, toUnixTimestamp64Milli(time) AS t, substring(text, 1, 300) AS text,
            if(isNull(likes) AND isNull(comments) AND isNull(reposts), NULL, ifNull(likes, 0) + ifNull(comments, 0) + ifNull(reposts, 0)) AS interactions,
            author_followers AS followers
     FROM mentions
     WHERE time >= fromUnixTimestamp64Milli({from:Int64}) AND time < fromUnixTimestamp64Milli({to:Int64})
       AND kind NOT IN ('comment', 'message', 'ticket')
       AND concat(platform, ':', author_id) IN {keys:Array(String)}
     ORDER BY time DESC
     LIMIT {limit:UInt32} BY platform, author_id`,
    { from, to, limit, keys: accounts.map((a) => `${a.platform}:${a.account_id}`) },
  );
  return rows.map((r) => ({
    platform: r.platform,
    id: r.id,
    author_id: r.author_id,
    t: toNumber(r.t),
    text: r.text,
    interactions: r.interactions === null ? undefined : toNumber(r.interactions),
    followers: r.followers === null ? undefined : toNumber(r.followers),
  }));
}

import { toNumber, type Store } from '@fenghuo/shared';
import type { AudiencePoint } from './history';

const opt = (v: string | number | null): number | undefined => (v === null ? undefined : toNumber(v));

/** Audience snapshots of the accounts in [from, to), oldest first, keyed `platform:account_id`. */
export async function accountSnapshots(store: Store, accounts: readonly { platform: string; account_id: string }[], from: number, to: number): Promise<Map<string, AudiencePoint[]>> {
  const out = new Map<string, AudiencePoint[]>();
  if (!accounts.length) return out;
  const rows = await store.query<{ key: string; t: string | number; followers: string | number; engagement: string | number | null; sampled: string | number | null; suspicious: string | number | null }>(
    `SELECT concat(platform, ':', account_id) AS key, toUnixTimestamp64Milli(at) AS t, any(followers) AS followers,
            any(if(isNull(engagement) AND isNull(likes) AND isNull(comments) AND isNull(reposts), NULL, ifNull(engagement, ifNull(likes, 0) + ifNull(comments, 0) + ifNull(reposts, 0)))) AS engagement,
            any(engagers_sampled) AS sampled, any(engagers_new_or_inactive) AS suspicious
     FROM account_snapshots
     WHERE at >= fromUnixTimestamp64Milli({from:Int64}) AND at < fromUnixTimestamp64Milli({to:Int64})
       AND concat(platform, ':', account_id) IN {keys:Array(String)}
     GROUP BY key, at
     ORDER BY key, at`,
    { from, to, keys: accounts.map((a) => `${a.platform}:${a.account_id}`) },
  );
  for (const r of rows) {
    const p: AudiencePoint = { at: toNumber(r.t), followers: toNumber(r.followers) };
    const e = opt(r.engagement);
    if (e !== undefined) p.engagement = e;
    const s = opt(r.sampled);
    if (s !== undefined) p.engagers_sampled = s;
    const n = opt(r.suspicious);
    if (n !== undefined) p.engagers_new_or_inactive = n;
    out.set(r.key, [...(out.get(r.key) ?? []), p]);
  }
  return out;
}

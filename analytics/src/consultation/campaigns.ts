import { hamming64 } from '@fenghuo/shared/text';

/**
 * Near-identical comments: a coordinated campaign is the same wording from
 * many accounts in a short time (水军/统一口径); a repeat is one account
 * saying the same thing again. Both are shown, but each campaign and each
 * account's repeated wording counts once in stance shares, so a hundred
 * pasted comments do not outvote a hundred people.
 *
 * Two comments are near-identical when their SimHashes (the project's,
 * over content words) are at most `maxHamming` bits apart, or, for comments
 * too short for a meaningful SimHash, when their character bigram sets have
 * a Jaccard similarity of at least `minJaccard` (the exact value MinHash
 * estimates; a consultation has thousands of comments, not millions).
 */

export interface CampaignOptions {
  maxHamming: number;
  minJaccard: number;
  /** Distinct accounts needed within `windowMs` to call it a campaign. */
  minAccounts: number;
  windowMs: number;
}

export const DEFAULT_CAMPAIGN_OPTIONS: CampaignOptions = { maxHamming: 3, minJaccard: 0.8, minAccounts: 5, windowMs: 60 * 60_000 };

export interface NearDuplicateItem {
  author: string;
  at: number;
  bigrams: ReadonlySet<number>;
  simhash: bigint | undefined;
}

export function jaccard(a: ReadonlySet<number>, b: ReadonlySet<number>): number {
  if (a.size === 0 && b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let common = 0;
  for (const x of small) if (large.has(x)) common++;
  return common / (a.size + b.size - common);
}

export function nearIdentical(a: NearDuplicateItem, b: NearDuplicateItem, o: Pick<CampaignOptions, 'maxHamming' | 'minJaccard'>): boolean {
  if (a.simhash !== undefined && b.simhash !== undefined && hamming64(a.simhash, b.simhash) <= o.maxHamming) return true;
  const [n, m] = a.bigrams.size <= b.bigrams.size ? [a.bigrams.size, b.bigrams.size] : [b.bigrams.size, a.bigrams.size];
  // Jaccard ≤ n/m: skip pairs whose sizes already rule it out.
  if (m === 0 || n / m < o.minJaccard) return false;
  return jaccard(a.bigrams, b.bigrams) >= o.minJaccard;
}

/** Groups of near-identical items (indices, in input order), by union-find over all pairs. */
export function nearIdenticalGroups(items: readonly NearDuplicateItem[], o: Pick<CampaignOptions, 'maxHamming' | 'minJaccard'>): number[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      if (find(i) === find(j)) continue;
      if (nearIdentical(items[i]!, items[j]!, o)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, number[]>();
  items.forEach((_, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), i]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

export interface RepeatsAndCampaigns {
  /** Each campaign's member indices, earliest first. */
  campaigns: number[][];
  /** Items that repeat an earlier near-identical item by the same account → that earlier item. */
  repeatOf: Map<number, number>;
}

/** Members of a group that fall in a window of `windowMs` holding `minAccounts` distinct accounts. */
function campaignMembers(group: readonly number[], items: readonly NearDuplicateItem[], o: CampaignOptions): number[] {
  const sorted = [...group].sort((a, b) => items[a]!.at - items[b]!.at || a - b);
  const inCampaign = new Set<number>();
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    end = Math.max(end, start);
    while (end + 1 < sorted.length && items[sorted[end + 1]!]!.at - items[sorted[start]!]!.at <= o.windowMs) end++;
    const window = sorted.slice(start, end + 1);
    if (new Set(window.map((i) => items[i]!.author)).size >= o.minAccounts) for (const i of window) inCampaign.add(i);
  }
  return sorted.filter((i) => inCampaign.has(i));
}

export function detectRepeatsAndCampaigns(items: readonly NearDuplicateItem[], options: Partial<CampaignOptions> = {}): RepeatsAndCampaigns {
  const o = { ...DEFAULT_CAMPAIGN_OPTIONS, ...options };
  const campaigns: number[][] = [];
  const repeatOf = new Map<number, number>();
  for (const group of nearIdenticalGroups(items, o)) {
    const firstBy = new Map<string, number>();
    for (const i of [...group].sort((a, b) => items[a]!.at - items[b]!.at || a - b)) {
      const first = firstBy.get(items[i]!.author);
      if (first === undefined) firstBy.set(items[i]!.author, i);
      else repeatOf.set(i, first);
    }
    const members = campaignMembers(group, items, o);
    if (members.length) campaigns.push(members);
  }
  campaigns.sort((a, b) => items[a[0]!]!.at - items[b[0]!]!.at);
  return { campaigns, repeatOf };
}

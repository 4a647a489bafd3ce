import type { Cascade } from '../eval/datasets';
import { cueMatchers, normaliseForCues } from './cues';

/**
 * Explainable rumor signals of one cascade: numbers a press officer can read
 * ("3 hearsay phrases", "12% of replies call it a rumor", "reposted 40 times
 * in the first 10 minutes"). `null` means "unknown" (the field is missing from
 * the source, or there is nothing to measure, e.g. a share with no reactions);
 * scorers treat it as "no evidence either way".
 *
 * With `windowMs`, only reactions within that time of the post are used, and
 * the post's own metrics (reposts/comments/likes, which reflect the time the
 * post was stored, not the window) are left out.
 */
export interface RumorSignals {
  // --- post wording (cues) ---
  /** Distinct hearsay / unverifiable-sourcing phrases in the post (网传, 据说, 朋友说, 内部消息 …). */
  hearsay_cues: number;
  /** Distinct urgency / spread-begging phrases (紧急扩散, 转发救人, 千万别 …). */
  urgency_cues: number;
  /** Distinct sensational phrases (震惊, 致癌, 惨剧 …). */
  sensational_cues: number;
  /** Distinct attributions to official or professional sources (通报, 警方, 新华社, 记者 …). */
  official_source_cues: number;
  /** Distinct refuting phrases in the post itself (辟谣, 不实, 澄清 …): the post is a debunk. */
  post_debunk_cues: number;
  /** 1 when neither the author is an official account nor the post cites an official source. */
  no_official_source: number;
  // --- post form ---
  /** Length of the post text in characters. */
  text_length: number;
  /** Exclamation marks (！/!) in the post. */
  exclamations: number;
  /** Question marks (？/?) in the post. */
  questions: number;
  /** @-mentions in the post. */
  mentions: number;
  /** #hashtags# in the post. */
  hashtags: number;
  /** 1 when the post carries a link (has_url or a URL in the text). */
  links: number;
  /** Pictures attached (unknown for stored mentions). */
  pics: number | null;
  /** 1 when the post opens with a 【headline】, the usual form of news posts. */
  headline: number;
  // --- author ---
  /** 1 when anything is known about the author. */
  author_known: number;
  /** 1 verified (any blue/orange V), 0 not verified. */
  author_verified: number | null;
  /** 1 for a government, media, school, website or organisation account (Weibo verified_type 1, 3, 4, 5, 7) or a mention marked official. */
  author_official: number | null;
  /** Weibo verified_type as given (-1 none, 0 person, 1 government, 2 company, 3 media, 4 school, 5 website, 7 organisation, 200/220 Weibo "达人"). */
  author_verified_type: number | null;
  /** log10(1 + followers). */
  author_log_followers: number | null;
  /** log10(1 + accounts the author follows). */
  author_log_friends: number | null;
  /** log10(1 + posts the author has written). */
  author_log_statuses: number | null;
  /** Age of the account at the time of the post, in days. */
  author_account_age_days: number | null;
  /** 1 when the profile has a description. */
  author_has_description: number | null;
  /** 1 when the profile location is "其他" (other) or "海外" (abroad): unplaceable accounts. */
  author_vague_location: number | null;
  // --- propagation (reactions within the window) ---
  /** Reactions (reposts + comments) seen. */
  reactions: number;
  /** Reactions in the first 10 minutes. */
  reactions_10m: number;
  /** Reactions in the first 30 minutes. */
  reactions_30m: number;
  /** Reactions in the first 60 minutes. */
  reactions_60m: number;
  /** Minutes from the post to its first reaction. */
  minutes_to_first_reaction: number | null;
  /** Longest repost/reply chain from the post (1 = everybody reacted to the post itself). */
  tree_depth: number;
  /** Average chain length of the reactions. */
  mean_depth: number | null;
  /** Most reactions on one level of the tree. */
  tree_breadth: number;
  /** Share of reactions made directly on the post (not on somebody's repost). */
  direct_share: number | null;
  /** Share of reactions that are reposts (rest: comments). */
  repost_share: number | null;
  /** Distinct reacting accounts / reactions (low: a few accounts push it). */
  distinct_reactor_share: number | null;
  /** Share of reactions that @-mention somebody (passing it on to friends). */
  reaction_mention_share: number | null;
  /** Share of reactions with a text of their own (not a bare repost). */
  reaction_text_share: number | null;
  /** Share of reactions by unverified accounts, among reactions whose account is known. */
  reactor_unverified_share: number | null;
  /** Share of reactions by new or near-empty accounts (under 30 days old, or under 20 followers when the age is unknown), among known accounts. */
  reactor_new_share: number | null;
  /** log10(1 + reposts) the platform reported for the post (only without a window). */
  post_log_reposts: number | null;
  /** log10(1 + comments) the platform reported for the post (only without a window). */
  post_log_comments: number | null;
  // --- replies (reactions within the window) ---
  /** Reactions that question the claim or ask for a source (真的假的, 求证, 来源 …). */
  skeptical_replies: number;
  /** skeptical_replies / reactions. */
  skeptical_share: number | null;
  /** Reactions that call it false, old, staged or refuted (谣言, 辟谣了, 假的, 旧闻 …). */
  debunk_replies: number;
  /** debunk_replies / reactions. */
  debunk_share: number | null;
  /** Reactions that take it at face value and amplify it (扩散, 太可怕, 祈福 …). */
  believing_replies: number;
  /** believing_replies / reactions. */
  believing_share: number | null;
}

export type SignalName = keyof RumorSignals;
export type SignalGroup = 'cues' | 'form' | 'author' | 'propagation' | 'replies';

/** Group and one-line description of every signal, for display. */
export const SIGNAL_INFO: Record<SignalName, { group: SignalGroup; label: string }> = {
  hearsay_cues: { group: 'cues', label: 'hearsay / unverifiable sourcing phrases in the post' },
  urgency_cues: { group: 'cues', label: 'urgency / "please spread" phrases in the post' },
  sensational_cues: { group: 'cues', label: 'sensational phrases in the post' },
  official_source_cues: { group: 'cues', label: 'official or press sources cited in the post' },
  post_debunk_cues: { group: 'cues', label: 'the post itself refutes a claim' },
  no_official_source: { group: 'cues', label: 'no official author and no official source cited' },
  text_length: { group: 'form', label: 'post length (characters)' },
  exclamations: { group: 'form', label: 'exclamation marks' },
  questions: { group: 'form', label: 'question marks' },
  mentions: { group: 'form', label: '@-mentions in the post' },
  hashtags: { group: 'form', label: '#hashtags# in the post' },
  links: { group: 'form', label: 'the post carries a link' },
  pics: { group: 'form', label: 'pictures attached' },
  headline: { group: 'form', label: 'the post opens with a 【headline】' },
  author_known: { group: 'author', label: 'author profile available' },
  author_verified: { group: 'author', label: 'verified author' },
  author_official: { group: 'author', label: 'official / media / organisation account' },
  author_verified_type: { group: 'author', label: 'Weibo verified type' },
  author_log_followers: { group: 'author', label: 'log10 followers' },
  author_log_friends: { group: 'author', label: 'log10 accounts followed' },
  author_log_statuses: { group: 'author', label: 'log10 posts written' },
  author_account_age_days: { group: 'author', label: 'account age at posting (days)' },
  author_has_description: { group: 'author', label: 'profile has a description' },
  author_vague_location: { group: 'author', label: 'profile location "其他"/"海外"' },
  reactions: { group: 'propagation', label: 'reactions seen' },
  reactions_10m: { group: 'propagation', label: 'reactions in the first 10 minutes' },
  reactions_30m: { group: 'propagation', label: 'reactions in the first 30 minutes' },
  reactions_60m: { group: 'propagation', label: 'reactions in the first hour' },
  minutes_to_first_reaction: { group: 'propagation', label: 'minutes to the first reaction' },
  tree_depth: { group: 'propagation', label: 'longest repost chain' },
  mean_depth: { group: 'propagation', label: 'average repost chain length' },
  tree_breadth: { group: 'propagation', label: 'most reactions on one level' },
  direct_share: { group: 'propagation', label: 'share of reactions on the post itself' },
  repost_share: { group: 'propagation', label: 'share of reposts among reactions' },
  distinct_reactor_share: { group: 'propagation', label: 'distinct accounts per reaction' },
  reaction_mention_share: { group: 'propagation', label: 'share of reactions @-mentioning someone' },
  reaction_text_share: { group: 'propagation', label: 'share of reactions with own text' },
  reactor_unverified_share: { group: 'propagation', label: 'share of reactions by unverified accounts' },
  reactor_new_share: { group: 'propagation', label: 'share of reactions by new or near-empty accounts' },
  post_log_reposts: { group: 'propagation', label: 'log10 reposts reported for the post' },
  post_log_comments: { group: 'propagation', label: 'log10 comments reported for the post' },
  skeptical_replies: { group: 'replies', label: 'replies doubting it or asking for a source' },
  skeptical_share: { group: 'replies', label: 'share of doubting replies' },
  debunk_replies: { group: 'replies', label: 'replies calling it false or refuted' },
  debunk_share: { group: 'replies', label: 'share of refuting replies' },
  believing_replies: { group: 'replies', label: 'replies alarmed / passing it on' },
  believing_share: { group: 'replies', label: 'share of alarmed / amplifying replies' },
};

export const SIGNAL_NAMES = Object.keys(SIGNAL_INFO) as SignalName[];

/** Weibo verified types of institutional accounts: government, media, school, website, organisation. */
const OFFICIAL_VERIFIED_TYPES = new Set([1, 3, 4, 5, 7]);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const log10p = (v: unknown): number | null => {
  const n = num(v);
  return n === null ? null : Math.log10(1 + Math.max(0, n));
};
const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;

export type WindowReaction = Cascade['reactions'][number] & { delayMs: number };

/** Reactions within `windowMs` of the post (all when undefined), with their delay; same rule as `withinWindow`. */
export function reactionsInWindow(c: Cascade, windowMs?: number): WindowReaction[] {
  const t0 = Date.parse(c.post.time);
  const out: WindowReaction[] = [];
  for (const r of c.reactions ?? []) {
    const delayMs = Date.parse(r.time) - t0;
    if (windowMs !== undefined && !(delayMs <= windowMs)) continue;
    out.push({ ...r, delayMs });
  }
  return out;
}

/** Depth of every reaction in the repost tree (1 = on the post); unknown parents count as one level up. */
function depths(reactions: readonly WindowReaction[], postId: string | undefined): number[] {
  const index = new Map<string, number>();
  reactions.forEach((r, i) => index.set(r.id, i));
  const depth = new Array<number>(reactions.length).fill(0);
  const resolve = (start: number): number => {
    // Walk up until a known depth, the post or an unknown parent; then fill the path.
    const path: number[] = [];
    let i: number | undefined = start;
    let base = 0;
    while (i !== undefined) {
      if (depth[i]! > 0) {
        base = depth[i]!;
        break;
      }
      if (path.includes(i) || path.length > 10_000) {
        base = 1;
        break;
      }
      path.push(i);
      const parent: string | null | undefined = reactions[i]!.parent;
      if (!parent || parent === postId) {
        i = undefined;
        base = 0;
      } else {
        i = index.get(parent);
        // A parent outside the data: at least one level above.
        if (i === undefined) base = 1;
      }
    }
    for (let k = path.length - 1, d = base + 1; k >= 0; k--, d++) depth[path[k]!] = d;
    return depth[start]!;
  };
  for (let i = 0; i < reactions.length; i++) if (!depth[i]) resolve(i);
  return depth;
}

const URL_RE = /https?:\/\/\S+|t\.cn\/\w+/i;
const MENTION_RE = /@[\p{L}\p{N}_-]{1,30}/gu;
const HAS_MENTION = /@[\p{L}\p{N}_-]{1,30}/u;

/** Post-only signals (wording, form, author). */
function postSignals(c: Cascade) {
  const m = cueMatchers();
  const text = normaliseForCues(c.post.text ?? '');
  const a = (c.post.author ?? {}) as NonNullable<Cascade['post']['author']> & { official?: boolean };
  const vt = num(a.verified_type);
  const verified = typeof a.verified === 'boolean' ? (a.verified ? 1 : 0) : vt !== null ? (vt >= 0 && vt < 200 ? 1 : 0) : null;
  let official: number | null = null;
  if (typeof a.official === 'boolean') official = a.official ? 1 : 0;
  if (vt !== null) official = Math.max(official ?? 0, OFFICIAL_VERIFIED_TYPES.has(vt) ? 1 : 0);
  else if (official === null && verified === 0) official = 0;
  const officialCues = m.official.distinct(text).length;
  const created = a.created ? Date.parse(a.created) : NaN;
  const posted = Date.parse(c.post.time);
  const age = Number.isFinite(created) && Number.isFinite(posted) ? Math.max(0, (posted - created) / 86_400_000) : null;
  const loc = typeof a.location === 'string' && a.location.trim() ? a.location.trim() : null;
  return {
    hearsay_cues: m.hearsay.distinct(text).length,
    urgency_cues: m.urgency.distinct(text).length,
    sensational_cues: m.sensational.distinct(text).length,
    official_source_cues: officialCues,
    post_debunk_cues: m.postDebunk.distinct(m.maskDebunk(text)).length,
    no_official_source: official !== 1 && officialCues === 0 ? 1 : 0,
    text_length: [...(c.post.text ?? '')].length,
    exclamations: count(text, /!/g),
    questions: count(text, /\?/g),
    mentions: count(text, MENTION_RE),
    hashtags: count(text, /#[^#\n]{1,40}#/g),
    links: c.post.has_url || URL_RE.test(text) ? 1 : 0,
    pics: num(c.post.pics),
    headline: /^\s*(【|\[[^\]]{4,}\]|#[^#]{2,40}#\s*【)/.test(text) ? 1 : 0,
    author_known: c.post.author && Object.keys(c.post.author).length > 0 ? 1 : 0,
    author_verified: verified,
    author_official: official,
    author_verified_type: vt,
    author_log_followers: log10p(a.followers),
    author_log_friends: log10p(a.friends),
    author_log_statuses: log10p(a.statuses),
    author_account_age_days: age,
    author_has_description: typeof a.has_description === 'boolean' ? (a.has_description ? 1 : 0) : null,
    author_vague_location: loc === null ? null : /^(其他|其它|海外)/.test(loc) ? 1 : 0,
  };
}

/**
 * The signals of one cascade. Only reactions within `windowMs` of the post
 * are used when it is given (0: the post alone).
 */
export function extractSignals(c: Cascade, windowMs?: number): RumorSignals {
  return signalsFrom(c, reactionsInWindow(c, windowMs), windowMs);
}

/** Same as `extractSignals`, on reactions already cut to the window. */
export function signalsFrom(c: Cascade, rs: readonly WindowReaction[], windowMs?: number): RumorSignals {
  const m = cueMatchers();
  const n = rs.length;
  const share = (k: number) => (n ? k / n : null);
  let r10 = 0;
  let r30 = 0;
  let r60 = 0;
  let reposts = 0;
  let withMention = 0;
  let withText = 0;
  let skeptical = 0;
  let debunk = 0;
  let believing = 0;
  let first = Infinity;
  const reactors = new Set<string>();
  let unknownReactors = 0;
  let knownVerified = 0;
  let unverified = 0;
  let knownAge = 0;
  let fresh = 0;
  for (const r of rs) {
    const ra = r.author;
    if (ra) {
      if (typeof ra.verified === 'boolean') {
        knownVerified++;
        if (!ra.verified) unverified++;
      }
      const created = ra.created ? Date.parse(ra.created) : NaN;
      const at = Date.parse(r.time);
      if (Number.isFinite(created) && Number.isFinite(at)) {
        knownAge++;
        if (at - created < 30 * 86_400_000) fresh++;
      } else if (typeof ra.followers === 'number' && Number.isFinite(ra.followers)) {
        knownAge++;
        if (ra.followers < 20) fresh++;
      }
    }
    if (r.delayMs <= 600_000) r10++;
    if (r.delayMs <= 1_800_000) r30++;
    if (r.delayMs <= 3_600_000) r60++;
    if (r.delayMs < first) first = r.delayMs;
    if (r.kind !== 'comment') reposts++;
    if (r.author_id) reactors.add(r.author_id);
    else unknownReactors++;
    const raw = r.text ?? '';
    if (!raw.trim()) continue;
    const t = normaliseForCues(raw);
    if (HAS_MENTION.test(t)) withMention++;
    // Own words: the text without @-mentions and emoticons-only leftovers.
    if (t.replace(MENTION_RE, '').replace(/\[[^\]]{1,8}\]/g, '').trim()) withText++;
    if (m.skeptical.test(t)) skeptical++;
    if (m.debunk.test(m.maskDebunk(t))) debunk++;
    if (m.believing.test(t)) believing++;
  }
  const d = depths(rs, c.post.id);
  let maxDepth = 0;
  let sumDepth = 0;
  let direct = 0;
  const perLevel = new Map<number, number>();
  for (const x of d) {
    if (x > maxDepth) maxDepth = x;
    sumDepth += x;
    if (x === 1) direct++;
    perLevel.set(x, (perLevel.get(x) ?? 0) + 1);
  }
  const metrics = windowMs === undefined;
  return {
    ...postSignals(c),
    reactions: n,
    reactions_10m: r10,
    reactions_30m: r30,
    reactions_60m: r60,
    minutes_to_first_reaction: n ? Math.max(0, first) / 60_000 : null,
    tree_depth: maxDepth,
    mean_depth: n ? sumDepth / n : null,
    tree_breadth: perLevel.size ? Math.max(...perLevel.values()) : 0,
    direct_share: share(direct),
    repost_share: share(reposts),
    distinct_reactor_share: n && n > unknownReactors ? reactors.size / (n - unknownReactors) : null,
    reaction_mention_share: share(withMention),
    reaction_text_share: share(withText),
    reactor_unverified_share: knownVerified ? unverified / knownVerified : null,
    reactor_new_share: knownAge ? fresh / knownAge : null,
    post_log_reposts: metrics ? log10p(c.post.reposts) : null,
    post_log_comments: metrics ? log10p(c.post.comments) : null,
    skeptical_replies: skeptical,
    skeptical_share: share(skeptical),
    debunk_replies: debunk,
    debunk_share: share(debunk),
    believing_replies: believing,
    believing_share: share(believing),
  };
}

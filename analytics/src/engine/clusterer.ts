import { murmur3, popcount32 } from '@fenghuo/shared/text';
import { DistinctCounter } from './distinct-counter';
import { byCountThenKey, topN } from './top';
import type { AnalyzedMention, EngineConfig } from './types';

/**
 * Incremental clustering of mentions into events, in event-time order:
 *
 * 1. a reply or repost joins the event of its parent or root;
 * 2. else a near-duplicate text (SimHash within NEAR_DUPLICATE_BITS) joins
 *    that text's event;
 * 3. else enough shared distinctive keywords (IDF-weighted, place names and
 *    boilerplate left out) with a recent event join it;
 * 4. else it starts an event of its own.
 *
 * A mention that is a near duplicate of two different events merges the
 * smaller into the larger ("events that converge").
 */

export const NEAR_DUPLICATE_BITS = 3;
/** Below this many content tokens a text says too little to match on (转发微博, [泪]…). */
const MIN_TOKENS_TO_MATCH = 4;
const MIN_SHARED_KEYWORDS = 2;
const KEYWORD_SCORE_THRESHOLD = 16;
/** Keywords too generic to link events even when their IDF is high. */
const MAX_EVENTS_PER_KEYWORD = 64;
const MINUTE = 60_000;
const RECENT_SIMHASHES = 24;
/** SimHash distance within which a keyword match counts (random texts are ~32 apart). */
const LOOSE_SIMILAR_BITS = 20;
/** Keyword-profile cosine above which two near-duplicate events merge. */
const MERGE_SIMILARITY = 0.5;
/** Events smaller than this are not merged (their keyword profiles say too little). */
const MIN_MERGE_SIZE = 5;
/** Distinct texts an event keeps in the SimHash band index (its latest wordings). */
const INDEXED_PER_EVENT = 256;
/** Texts kept per SimHash band value. */
const BAND_LIST_LIMIT = 64;
/** A keyword in this share of recent mentions is too common to link events. */
const GENERIC_SHARE = 0.01;
/** Memory of the stream's keyword counts (decay time constant). */
const STREAM_TAU_MS = 30 * MINUTE;

/** A text in the SimHash band index; its hash also as two 32-bit halves, compared without BigInt arithmetic. */
interface BandEntry {
  hash: bigint;
  hi: number;
  lo: number;
  eventId: string;
  time: number;
  reply: boolean;
}

const MASK32 = 0xffffffffn;
const halves = (h: bigint): [number, number] => [Number((h >> 32n) & MASK32), Number(h & MASK32)];

export interface ClusterEvent {
  id: string;
  firstSeen: number;
  lastSeen: number;
  size: number;
  /** Per event-time minute (start ms) → mentions, last ~2 hours. */
  minutes: Map<number, number>;
  keywordCounts: Map<string, number>;
  /** Decayed keyword counts, on the stream's clock: how much of the stream's use of a word is this event's. */
  keywordDecay: Map<string, { n: number; t: number }>;
  totalDecay: { n: number; t: number };
  platforms: Map<string, number>;
  provinces: Map<string, number>;
  cities: Map<string, number>;
  sentiment: { positive: number; negative: number; neutral: number };
  authors: DistinctCounter;
  simhashes: bigint[];
  /** Hashes this event holds in the band index, oldest first (at most INDEXED_PER_EVENT). */
  indexed: bigint[];
  /** The mention that names the event: the first post, or the most shared one. */
  representative: AnalyzedMention;
  first: AnalyzedMention[];
  recentSamples: AnalyzedMention[];
  /** The source post of the rumor cascade: the first post or article. */
  cascadePost?: AnalyzedMention;
  /** Early reactions kept for the rumor cascade, in compact form. */
  reactions: CascadeReaction[];
  /** Members not yet written out (all of them while the event is below the publishing size). */
  pending: AnalyzedMention[];
  published: boolean;
  mergedInto?: string;
  /** Set when the event changed since it was last written. */
  dirty: boolean;
  /** Event time its summary was last written out. */
  writtenAt?: number;
}

/** What the rumor scorers read of a reaction (kept small: an event can hold thousands). */
export interface CascadeReaction {
  id: string;
  parentId: string;
  kind: string;
  authorId: string;
  authorVerified: boolean;
  authorFollowers: number | null;
  time: number;
  text: string;
}

const CASCADE_LIMIT = 500;
const REACTION_TEXT_LIMIT = 200;

function bump(map: Map<string, number>, key: string, n = 1): void {
  if (!key) return;
  map.set(key, (map.get(key) ?? 0) + n);
}

/** A 53-bit hash of a mention key: exact enough to follow reply chains (collisions ~1 in 10^9 at a million keys). */
function keyHash(key: string): number {
  return (murmur3(key, 3) >>> 0) * 2 ** 21 + ((murmur3(key, 11) >>> 0) & 0x1fffff);
}

/** The four 16-bit bands of a SimHash given as its halves, each as one number key (band i → i·2^16 + value). */
function bands(hi: number, lo: number): [number, number, number, number] {
  return [lo & 0xffff, 0x10000 + (lo >>> 16), 0x20000 + (hi & 0xffff), 0x30000 + (hi >>> 16)];
}

/** Hamming distance of two SimHashes given as halves. */
function distance(hi1: number, lo1: number, hi2: number, lo2: number): number {
  return popcount32((hi1 ^ hi2) >>> 0) + popcount32((lo1 ^ lo2) >>> 0);
}

/** Cosine similarity of two events' top keyword counts. */
export function profileSimilarity(a: ClusterEvent, b: ClusterEvent): number {
  // The 20 most used words, ties in the order the words came (a stable sort's first 20, without sorting them all).
  const top = (e: ClusterEvent) => new Map(topN(e.keywordCounts, 20, (x, y) => x[1] > y[1]));
  const ta = top(a);
  const tb = top(b);
  let dotp = 0;
  for (const [k, n] of ta) dotp += n * (tb.get(k) ?? 0);
  const norm = (t: Map<string, number>) => Math.sqrt([...t.values()].reduce((s, n) => s + n * n, 0));
  const d = norm(ta) * norm(tb);
  return d ? dotp / d : 0;
}

export function eventIdFor(m: AnalyzedMention): string {
  return `e${m.time.toString(36)}${murmur3(m.key, 7).toString(36)}`;
}

export class Clusterer {
  readonly events = new Map<string, ClusterEvent>();
  /** How mentions joined events (for metrics and tuning). */
  readonly joins = { chain: 0, near_duplicate: 0, keywords: 0, new: 0, merges: 0 };
  /** Followed mentions (by a 53-bit hash of platform:id, ~60 bytes each) → their event. */
  private readonly keyToEvent = new Map<number, string>();
  private keyOrder: number[] = [];
  private keyTimes: number[] = [];
  private keyOrderHead = 0;
  /** SimHash band → the recent texts with that band: their hash, event and time. */
  private readonly bandIndex = new Map<number, BandEntry[]>();
  private readonly keywordIndex = new Map<string, Set<string>>();
  /** How common each keyword is in the recent stream (decayed counts): common words link nothing. */
  private readonly streamCounts = new Map<string, { n: number; t: number }>();
  private readonly streamTotal = { n: 0, t: 0 };
  private lastBandSweep = -Infinity;
  /** When the stream first carried each keyword: what a new story brings is words not heard before. */
  private readonly keywordFirstSeen = new Map<string, number>();

  constructor(
    private readonly config: EngineConfig,
    private readonly idf: (t: string) => number,
    private readonly isPlace: (t: string) => boolean,
  ) {}

  /** The live event an id resolves to, following merges. */
  resolve(id: string | undefined): ClusterEvent | undefined {
    let e = id ? this.events.get(id) : undefined;
    while (e?.mergedInto) e = this.events.get(e.mergedInto);
    return e;
  }

  /** Adds a mention; returns its event and the events merged into it (if any). */
  add(m: AnalyzedMention): { event: ClusterEvent; merged: ClusterEvent[] } {
    this.observeStream(m);
    const merged: ClusterEvent[] = [];
    let event = this.byChain(m);
    // A reply joins its parent's event; its text is indexed too (the same
    // words posted later belong to the same story) but never merges events
    // (a meme pasted under two posts must not join them).
    const viaChain = event !== undefined;
    if (viaChain) this.joins.chain++;
    if (!event && m.tokenCount >= MIN_TOKENS_TO_MATCH) {
      const dups = this.byNearDuplicate(m);
      if (dups.length) {
        this.joins.near_duplicate++;
        event = dups[0]!.event;
        // Two events converge when a text is a near duplicate of both (posted
        // in each, not just replied) and they talk about the same things; a
        // shared boilerplate line is not enough.
        for (const { event: other, original } of dups.slice(1)) {
          if (!original || !dups[0]!.original) continue;
          if (other.size < MIN_MERGE_SIZE || profileSimilarity(event, other) < MERGE_SIMILARITY) continue;
          merged.push(this.merge(event, other));
          this.joins.merges++;
        }
        event = this.resolve(event.id)!;
      } else {
        event = this.byKeywords(m);
        if (event) this.joins.keywords++;
      }
    }
    if (!event) {
      event = this.create(m);
      this.joins.new++;
    }
    this.join(event, m, viaChain);
    return { event, merged };
  }

  private byChain(m: AnalyzedMention): ClusterEvent | undefined {
    for (const ref of [m.parentId, m.rootId]) {
      if (!ref) continue;
      const e = this.resolve(this.keyToEvent.get(keyHash(`${m.platform}:${ref}`)));
      if (e) return e;
    }
    return undefined;
  }

  /** Events holding a near duplicate of the text; `original` when one of those texts was not a reply. */
  private byNearDuplicate(m: AnalyzedMention): { event: ClusterEvent; original: boolean }[] {
    const found = new Map<string, { event: ClusterEvent; original: boolean }>();
    const [hi, lo] = halves(m.simhash);
    for (const b of bands(hi, lo)) {
      const list = this.bandIndex.get(b);
      if (!list) continue;
      for (const entry of list) {
        if (distance(entry.hi, entry.lo, hi, lo) > NEAR_DUPLICATE_BITS) continue;
        const e = this.resolve(entry.eventId);
        if (!e) continue;
        const f = found.get(e.id);
        if (!f) found.set(e.id, { event: e, original: !entry.reply });
        else if (!entry.reply) f.original = true;
      }
    }
    // The oldest event first: it absorbs the others.
    return [...found.values()].sort((a, b) => b.event.size - a.event.size || a.event.firstSeen - b.event.firstSeen);
  }

  private decayed(c: { n: number; t: number }, now: number): number {
    // Mentions of one millisecond share their time: no decay to compute (exp(0) is 1 exactly).
    return now === c.t ? c.n : c.n * Math.exp(-(now - c.t) / STREAM_TAU_MS);
  }

  /** Adds one to a decayed count at `now`, in place (one allocation per word ever seen, not per mention). */
  private addDecayed(c: { n: number; t: number }, now: number): void {
    c.n = this.decayed(c, now) + 1;
    c.t = now;
  }

  private observeStream(m: AnalyzedMention): void {
    this.addDecayed(this.streamTotal, m.time);
    for (const k of m.keywords) {
      const c = this.streamCounts.get(k);
      if (c) this.addDecayed(c, m.time);
      else this.streamCounts.set(k, { n: 1, t: m.time });
      if (!this.keywordFirstSeen.has(k)) this.keywordFirstSeen.set(k, m.time);
    }
    if (this.keywordFirstSeen.size > 1_000_000) this.keywordFirstSeen.clear();
    if (this.streamCounts.size > 500_000) {
      for (const [k, c] of this.streamCounts) if (this.decayed(c, m.time) < 0.5) this.streamCounts.delete(k);
    }
  }

  /** Keywords that could link a mention to an event: not places, not common words. */
  private distinctive(m: AnalyzedMention): string[] {
    return m.keywords.filter((k) => !this.isPlace(k) && (k.startsWith('#') || this.idf(k) >= 6));
  }

  /**
   * Share of recent mentions outside `e` that carry `k`. A word the event
   * itself made common (自来水 in a water rumor) stays specific to it; a word
   * common in the rest of the stream (来电 in every hotline ticket) links nothing.
   */
  private shareOutside(k: string, e: ClusterEvent, now: number): number {
    const c = this.streamCounts.get(k);
    if (!c) return 0;
    const own = e.keywordDecay.get(k);
    const outside = this.decayed(c, now) - (own ? this.decayed(own, now) : 0);
    const total = this.decayed(this.streamTotal, now) - this.decayed(e.totalDecay, now);
    return total > 1 ? Math.max(0, outside) / total : 0;
  }

  private byKeywords(m: AnalyzedMention): ClusterEvent | undefined {
    const kws = this.distinctive(m);
    if (kws.length < MIN_SHARED_KEYWORDS) return undefined;
    const scores = new Map<string, { event: ClusterEvent; shared: number; score: number }>();
    for (const k of kws) {
      const ids = this.keywordIndex.get(k);
      if (!ids || ids.size > MAX_EVENTS_PER_KEYWORD) continue;
      const w = k.startsWith('#') ? 12 : this.idf(k);
      for (const id of ids) {
        const e = this.resolve(id);
        if (!e || m.time - e.lastSeen > this.config.eventWindowMs) continue;
        if (this.shareOutside(k, e, m.time) >= GENERIC_SHARE) continue;
        // A keyword counts as much as it is typical of the event: a word that
        // a big event mentioned once does not pull new mentions into it.
        const typical = Math.min(1, (2 * (e.keywordCounts.get(k) ?? 0)) / Math.max(1, e.size));
        const s = scores.get(e.id) ?? { event: e, shared: 0, score: 0 };
        s.shared++;
        s.score += w * typical;
        scores.set(e.id, s);
      }
    }
    let best: { event: ClusterEvent; shared: number; score: number } | undefined;
    for (const s of scores.values()) {
      if (s.shared < MIN_SHARED_KEYWORDS || s.score < KEYWORD_SCORE_THRESHOLD) continue;
      // Keywords are not enough on their own: the text must also be loosely
      // similar to one of the event's (a variant of it, not a stranger that
      // shares two everyday words).
      if (!this.looselySimilar(s.event, m)) continue;
      if (!best || s.score > best.score || (s.score === best.score && s.event.firstSeen < best.event.firstSeen)) best = s;
    }
    return best?.event;
  }

  private looselySimilar(e: ClusterEvent, m: AnalyzedMention): boolean {
    const [hi, lo] = halves(m.simhash);
    for (const h of e.simhashes) {
      const [hi2, lo2] = halves(h);
      if (distance(hi, lo, hi2, lo2) <= LOOSE_SIMILAR_BITS) return true;
    }
    return false;
  }

  private create(m: AnalyzedMention): ClusterEvent {
    // After a restart, an event keeps the id it was stored under.
    const stored = m.storedEventId && !this.events.has(m.storedEventId) ? m.storedEventId : undefined;
    const e: ClusterEvent = {
      id: stored ?? eventIdFor(m),
      firstSeen: m.time,
      lastSeen: m.time,
      size: 0,
      minutes: new Map(),
      keywordCounts: new Map(),
      keywordDecay: new Map(),
      totalDecay: { n: 0, t: m.time },
      platforms: new Map(),
      provinces: new Map(),
      cities: new Map(),
      sentiment: { positive: 0, negative: 0, neutral: 0 },
      authors: new DistinctCounter(),
      indexed: [],
      simhashes: [],
      representative: m,
      first: [],
      recentSamples: [],
      reactions: [],
      pending: [],
      published: false,
      dirty: true,
    };
    this.events.set(e.id, e);
    return e;
  }

  private join(e: ClusterEvent, m: AnalyzedMention, reply: boolean): void {
    e.size++;
    e.lastSeen = Math.max(e.lastSeen, m.time);
    const minute = Math.floor(m.time / MINUTE) * MINUTE;
    e.minutes.set(minute, (e.minutes.get(minute) ?? 0) + 1);
    for (const k of m.keywords) {
      bump(e.keywordCounts, k);
      const d = e.keywordDecay.get(k);
      if (d) this.addDecayed(d, m.time);
      else e.keywordDecay.set(k, { n: 1, t: m.time });
    }
    this.addDecayed(e.totalDecay, m.time);
    bump(e.platforms, m.platform);
    bump(e.provinces, m.province);
    bump(e.cities, m.city);
    const s = m.sentimentLabel === 'positive' ? 'positive' : m.sentimentLabel === 'negative' ? 'negative' : 'neutral';
    e.sentiment[s]++;
    if (m.authorId) e.authors.add(m.authorId);
    if (e.first.length < 5) e.first.push(m);
    e.recentSamples.push(m);
    if (e.recentSamples.length > 20) e.recentSamples.shift();
    if (!e.cascadePost && (m.kind === 'post' || m.kind === 'article')) e.cascadePost = m;
    else if (e.reactions.length < CASCADE_LIMIT) {
      e.reactions.push({ id: m.id, parentId: m.parentId, kind: m.kind, authorId: m.authorId, authorVerified: m.authorVerified, authorFollowers: m.authorFollowers, time: m.time, text: m.text.length > REACTION_TEXT_LIMIT ? m.text.slice(0, REACTION_TEXT_LIMIT) : m.text });
    }
    e.pending.push(m);
    // The most shared original post names the event.
    const weight = (x: AnalyzedMention) => (x.kind === 'post' || x.kind === 'article' ? 1_000_000 : 0) + (x.reposts ?? 0) + (x.comments ?? 0);
    if (weight(m) > weight(e.representative)) e.representative = m;
    if (m.tokenCount >= MIN_TOKENS_TO_MATCH && !e.simhashes.some((h) => h === m.simhash)) {
      e.simhashes.push(m.simhash);
      if (e.simhashes.length > RECENT_SIMHASHES) e.simhashes.shift();
      let added = false;
      const [hi, lo] = halves(m.simhash);
      for (const b of bands(hi, lo)) {
        let list = this.bandIndex.get(b);
        if (!list) this.bandIndex.set(b, (list = []));
        const same = list.find((x) => x.hi === hi && x.lo === lo && x.eventId === e.id);
        if (same) {
          same.time = m.time;
          same.reply &&= reply;
        } else {
          list.push({ hash: m.simhash, hi, lo, eventId: e.id, time: m.time, reply });
          added = true;
        }
        if (list.length > BAND_LIST_LIMIT) list.splice(0, list.length - BAND_LIST_LIMIT);
      }
      if (added) {
        e.indexed.push(m.simhash);
        // A big event keeps its latest wordings indexed, not every one it ever had.
        if (e.indexed.length > INDEXED_PER_EVENT) this.unindex(e.id, e.indexed.shift()!);
      }
    }
    for (const k of this.distinctive(m)) {
      let set = this.keywordIndex.get(k);
      if (!set) this.keywordIndex.set(k, (set = new Set()));
      set.add(e.id);
    }
    // Only originals are followed: a reply names its root too, so replies to replies still find the event.
    if (!m.parentId && !m.rootId) this.track(m.key, e.id, m.time);
    e.dirty = true;
    // Keep two hours of minutes.
    if (e.minutes.size > 130) for (const t of e.minutes.keys()) if (t < minute - 120 * MINUTE) e.minutes.delete(t);
  }

  private unindex(eventId: string, hash: bigint): void {
    const [hi, lo] = halves(hash);
    for (const b of bands(hi, lo)) {
      const list = this.bandIndex.get(b);
      if (!list) continue;
      const i = list.findIndex((x) => x.hi === hi && x.lo === lo && x.eventId === eventId);
      if (i >= 0) list.splice(i, 1);
      if (!list.length) this.bandIndex.delete(b);
    }
  }

  private track(key: string, eventId: string, time: number): void {
    const h = keyHash(key);
    this.keyToEvent.set(h, eventId);
    this.keyOrder.push(h);
    this.keyTimes.push(time);
    if (this.keyToEvent.size > this.config.maxTrackedKeys) this.evictKeys(Infinity, this.keyToEvent.size - this.config.maxTrackedKeys);
  }

  private evictKeys(before: number, atLeast = 0): void {
    let removed = 0;
    while (this.keyOrderHead < this.keyOrder.length) {
      if (this.keyTimes[this.keyOrderHead]! >= before && removed >= atLeast) break;
      this.keyToEvent.delete(this.keyOrder[this.keyOrderHead]!);
      this.keyOrderHead++;
      removed++;
    }
    if (this.keyOrderHead > 100_000) {
      this.keyOrder = this.keyOrder.slice(this.keyOrderHead);
      this.keyTimes = this.keyTimes.slice(this.keyOrderHead);
      this.keyOrderHead = 0;
    }
  }

  /** Merges `from` into `into`; returns the merged-away event. */
  merge(into: ClusterEvent, from: ClusterEvent): ClusterEvent {
    if (into.id === from.id) return from;
    into.size += from.size;
    into.firstSeen = Math.min(into.firstSeen, from.firstSeen);
    into.lastSeen = Math.max(into.lastSeen, from.lastSeen);
    for (const [t, n] of from.minutes) into.minutes.set(t, (into.minutes.get(t) ?? 0) + n);
    for (const [k, n] of from.keywordCounts) bump(into.keywordCounts, k, n);
    for (const [k, d] of from.keywordDecay) {
      const mine = into.keywordDecay.get(k);
      const t = Math.max(d.t, mine?.t ?? 0);
      into.keywordDecay.set(k, { n: this.decayed(d, t) + (mine ? this.decayed(mine, t) : 0), t });
    }
    const tt = Math.max(into.totalDecay.t, from.totalDecay.t);
    into.totalDecay = { n: this.decayed(into.totalDecay, tt) + this.decayed(from.totalDecay, tt), t: tt };
    for (const [k, n] of from.platforms) bump(into.platforms, k, n);
    for (const [k, n] of from.provinces) bump(into.provinces, k, n);
    for (const [k, n] of from.cities) bump(into.cities, k, n);
    into.sentiment.positive += from.sentiment.positive;
    into.sentiment.negative += from.sentiment.negative;
    into.sentiment.neutral += from.sentiment.neutral;
    into.authors.merge(from.authors);
    for (const h of from.simhashes) if (into.simhashes.length < RECENT_SIMHASHES) into.simhashes.push(h);
    // The merged-away event's band entries still point to it and resolve to `into`.
    into.cascadePost ??= from.cascadePost;
    for (const r of from.reactions) if (into.reactions.length < CASCADE_LIMIT) into.reactions.push(r);
    into.pending.push(...from.pending);
    from.mergedInto = into.id;
    from.dirty = true;
    into.dirty = true;
    // The merged-away event stays only as a pointer for reply chains.
    from.minutes.clear();
    from.keywordCounts.clear();
    from.keywordDecay.clear();
    from.reactions = [];
    delete from.cascadePost;
    from.pending = [];
    from.recentSamples = [];
    return from;
  }

  /** Forgets events idle since before `now − window` (small ones sooner). */
  expire(now: number): ClusterEvent[] {
    const cutoff = now - this.config.eventWindowMs;
    // Most chatter never becomes an event: forget it sooner.
    const smallCutoff = now - Math.min(this.config.smallEventIdleMs, this.config.eventWindowMs);
    const gone: ClusterEvent[] = [];
    for (const e of this.events.values()) {
      // A merged-away event lives as long as the event it points to.
      if (e.mergedInto ? this.resolve(e.id) !== undefined : e.lastSeen >= (e.size < this.config.minEventSize ? smallCutoff : cutoff)) continue;
      gone.push(e);
    }
    for (const e of gone) this.events.delete(e.id);
    if (gone.length) {
      const ids = new Set(gone.map((e) => e.id));
      for (const [k, set] of this.keywordIndex) {
        for (const id of set) if (ids.has(id)) set.delete(id);
        if (set.size === 0) this.keywordIndex.delete(k);
      }
    }
    // Texts older than the window no longer match.
    if (now - this.lastBandSweep > 2 * MINUTE) {
      this.lastBandSweep = now;
      for (const [b, list] of this.bandIndex) {
        const kept = list.filter((x) => x.time >= cutoff && this.events.has(x.eventId));
        if (kept.length) this.bandIndex.set(b, kept);
        else this.bandIndex.delete(b);
      }
    }
    this.evictKeys(cutoff);
    return gone;
  }

  /**
   * Share of the event's top keywords (places left out) that the stream first
   * carried no earlier than `slackMs` before the event began: near 1 for a
   * new story, near 0 for another wave of a known topic.
   */
  novelty(e: ClusterEvent, slackMs: number): number {
    const top = topN(this.wordsNotPlaces(e), 5, (a, b) => a[1] > b[1]);
    if (!top.length) return 0;
    const fresh = top.filter(([k]) => (this.keywordFirstSeen.get(k) ?? e.firstSeen) >= e.firstSeen - slackMs).length;
    return fresh / top.length;
  }

  /** When the stream first carried a keyword (as far as the engine remembers). */
  firstSeen(k: string): number | undefined {
    return this.keywordFirstSeen.get(k);
  }

  /** The event's most used words that can say what it is about (places and common words left out). */
  topWords(e: ClusterEvent, n: number): string[] {
    return topN(this.wordsNotPlaces(e, true), n, byCountThenKey).map(([k]) => k);
  }

  /** The event's words and counts without place names (and, if `telling`, without common words). */
  private *wordsNotPlaces(e: ClusterEvent, telling = false): Generator<[string, number]> {
    for (const entry of e.keywordCounts) {
      const k = entry[0];
      if (!this.isPlace(k) && (!telling || k.startsWith('#') || this.idf(k) >= 6)) yield entry;
    }
  }

  trackedKeys(): number {
    return this.keyToEvent.size;
  }
}

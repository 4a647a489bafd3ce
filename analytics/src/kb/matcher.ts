/**
 * The debunk knowledge-base (辟谣库) matcher: is a new event a rumor that has
 * already been rebutted?
 *
 * Each claim is indexed as up to several variants: its own text with its
 * curated keywords, and each restatement of it quoted in its rebuttal
 * (网传“…”不实), which is often closer to the words people post. A variant
 * keeps weighted content words, weighted character bigrams and a SimHash;
 * the rebuttal keeps weighted bigrams. Hearsay, urgency and debunk wording
 * is cut out of everything first (claim-text.ts).
 *
 * Weights: a word weighs its jieba IDF; curated keywords 2 × max(IDF,
 * median IDF); place names 0.3 × IDF (old rumors come back with another
 * city's name); numbers 2. Each bigram inside a word weighs the word's
 * weight / (its bigrams), so a word weighs the same in both views; a bigram
 * across two words weighs half the lighter side.
 *
 * Similarity of a variant v to a text t (RESULTS.md has the data that chose
 * the constants and the threshold):
 *
 *   words(v,t)   = Σ w(k) over v's words found in t (as a substring: 水厂 is
 *                  in 自来水厂) or among the event's keywords, / max(Σ w(k), 20)
 *   bigrams(v,t) = Σ w(b) over v's bigrams found in t, / max(Σ w(b), 25)
 *   content      = (words + bigrams) / 2 × f(n), where n counts the matched
 *                  words that are neither places nor common (IDF < 5), and
 *                  f(0) = 0, f(1) = 0.5, f(2) = 0.8, f(≥3) = 1
 *   similarity   = content, raised to
 *                  - 1 − d/32 when the SimHashes are d ≤ 3 bits apart (a
 *                    near-duplicate repost: 0.91–1), and to
 *                  - the share of the rebuttal's weighted bigrams found in t
 *                    when that share is ≥ 0.6 (the rebuttal being passed on).
 *
 * Both shares measure how much of the claim a text contains, not how much of
 * the text is the claim, so a repost under a long comment still matches; the
 * floors keep a two-word claim from being "contained" by chance, and f keeps
 * one or two shared topic words (疫苗, 微博) from being taken for the claim.
 * Words credit the claim's terms; bigrams credit partial words and word
 * order and survive segmentation differences.
 *
 * The event's similarity to a claim is the best over the claim's variants
 * and over the event's texts, each alone and all together: posts of one
 * event each carry a piece of the claim (自来水有毒 / 千万别喝 / 水厂的人都不喝).
 * Candidates come from two inverted indexes (word → variants, bigram →
 * variants) that accumulate both shares for every variant the event touches
 * in one pass over its words and bigrams, so a query costs the postings it
 * hits, not the size of the KB; only the best 40 are scored in full.
 */
import type { DebunkClaim, KbMatch } from '@fenghuo/shared';
import type { KbMatcher } from '../engine/types';
import { hamming64 as hamming } from '@fenghuo/shared/text';
import { createTextAnalyser, restatedClaims, type TextAnalyser, type TextFeatures, type WeightedFeatures } from './claim-text';

/** Chosen on the synthetic KB (src/kb/fixtures) by calibrateKbThreshold; see RESULTS.md. */
export const DEFAULT_KB_THRESHOLD = 0.32;

/** SimHashes at most this many bits apart are the same text (a repost, a copy with a few words changed). */
export const NEAR_DUPLICATE_BITS = 3;
/** A text holding this share of a rebuttal's weighted bigrams is that rebuttal being passed on. */
export const REBUTTAL_SHARE = 0.6;
/** A claim shorter than this (in IDF mass) is scored as if it were this long: a two-word claim is found by chance. */
const MIN_WORD_MASS = 20;
const MIN_BIGRAM_MASS = 25;
/**
 * By how many non-place words a text shares with a claim: one or two words
 * put a text on the claim's topic (微博, 疫苗), not on the claim, however rare
 * they are.
 */
const WORD_COUNT_FACTOR: readonly number[] = [0, 0.5, 0.8, 1];
/** Words this common (不能, 没有, 可以) are counted in the shares but are no evidence of a particular claim. */
const MIN_EVIDENCE_IDF = 5;
/** Variants scored in full per query: the best by either accumulated share. */
const MAX_CANDIDATES = 40;
/** A variant below this share on both indexes is not a candidate. */
const MIN_CANDIDATE_SHARE = 0.15;

export type KbVariantKind = 'claim' | 'restatement';

export interface KbCandidate {
  claim_id: string;
  claim: string;
  similarity: number;
  /** What decided the similarity. */
  via: 'content' | 'near-duplicate' | 'rebuttal';
  /** The claim's own text, or its restatement quoted in the rebuttal. */
  variant: KbVariantKind;
  /** Which of `texts` scored best; absent when the texts scored best together. */
  text_index?: number;
  /** Weighted share of the variant's words found in the text (or the event's keywords). */
  words: number;
  /** Weighted share of the variant's character bigrams found in the text. */
  bigrams: number;
  /** Bits between the variant's and the text's SimHash (undefined: too few words to hash). */
  simhash_distance: number | undefined;
  /** Weighted share of the rebuttal's bigrams found in the text. */
  rebuttal: number;
  matched_words: string[];
}

export interface KbMatcherOptions {
  /** Lowest similarity that counts as a match (default DEFAULT_KB_THRESHOLD). */
  threshold?: number;
  /** Shared analyser (the segmenter is a process-wide singleton either way). */
  analyser?: TextAnalyser;
}

export interface KbMatcherHandle {
  match: KbMatcher;
  /** The best candidates (one per claim, best first), with their component scores, whatever the threshold. */
  explain(texts: string[], keywords: string[], limit?: number): KbCandidate[];
  size: number;
  threshold: number;
}

/** Weighted bigrams as flat arrays: a Map per claim costs several times the memory at 10k claims. */
interface CompactBigrams {
  keys: Uint32Array;
  weights: Float32Array;
  mass: number;
}

interface Variant {
  claim: number;
  kind: KbVariantKind;
  words: string[];
  wordWeights: Float32Array;
  wordMass: number;
  bigrams: CompactBigrams;
  simhash: bigint | undefined;
}

interface IndexedClaim {
  claim: DebunkClaim;
  rebuttal: CompactBigrams;
}

interface QueryText {
  features: TextFeatures;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function compact(f: WeightedFeatures): CompactBigrams {
  return { keys: Uint32Array.from(f.weightedBigrams.keys()), weights: Float32Array.from(f.weightedBigrams.values()), mass: f.bigramMass };
}

/** Share of the bigrams' weight present in a text, against at least `minMass`. */
function share(b: CompactBigrams, present: Set<number>, minMass = 0): number {
  const mass = Math.max(b.mass, minMass);
  if (mass <= 0) return 0;
  let got = 0;
  for (let i = 0; i < b.keys.length; i++) if (present.has(b.keys[i]!)) got += b.weights[i]!;
  return got / mass;
}

/** Growable postings: ids and weights in parallel. */
interface Postings {
  ids: number[];
  weights: number[];
}

function post(index: Map<number, Postings> | Map<string, Postings>, key: number | string, id: number, weight: number): void {
  const m = index as Map<number | string, Postings>;
  const p = m.get(key);
  if (p) {
    p.ids.push(id);
    p.weights.push(weight);
  } else {
    m.set(key, { ids: [id], weights: [weight] });
  }
}

export function createKbMatcher(claims: readonly DebunkClaim[], options: KbMatcherOptions = {}): KbMatcherHandle {
  const threshold = options.threshold ?? DEFAULT_KB_THRESHOLD;
  const analyser = options.analyser ?? createTextAnalyser();

  const indexed: IndexedClaim[] = [];
  const variants: Variant[] = [];
  const wordPostings = new Map<string, Postings>();
  const bigramPostings = new Map<number, Postings>();

  const addVariant = (claim: number, kind: KbVariantKind, f: WeightedFeatures) => {
    if (f.wordMass <= 0 && f.bigramMass <= 0) return;
    const id = variants.length;
    variants.push({ claim, kind, words: [...f.words.keys()], wordWeights: Float32Array.from(f.words.values()), wordMass: f.wordMass, bigrams: compact(f), simhash: f.simhash });
    for (const [w, weight] of f.words) post(wordPostings, w, id, weight);
    for (const [b, weight] of f.weightedBigrams) post(bigramPostings, b, id, weight);
  };

  for (const claim of claims) {
    const ci = indexed.length;
    indexed.push({ claim, rebuttal: compact(analyser.weighted(claim.rebuttal)) });
    addVariant(ci, 'claim', analyser.weighted(claim.claim, claim.keywords));
    for (const q of restatedClaims(claim.rebuttal)) {
      const f = analyser.weighted(q, claim.keywords, false);
      // A quote of one or two words (“塑料大米”, “不信谣”) names a topic, not a claim.
      if (f.words.size < 3) continue;
      addVariant(ci, 'restatement', f);
    }
  }

  const wordAcc = new Float64Array(variants.length);
  const bigramAcc = new Float64Array(variants.length);

  /** Variants worth scoring: accumulated over the union of the event's texts and keywords. */
  function candidates(texts: QueryText[], keywords: Set<string>): number[] {
    const touched: number[] = [];
    const touch = (v: number) => {
      if (wordAcc[v] === 0 && bigramAcc[v] === 0) touched.push(v);
    };
    const words = new Set(keywords);
    const bigrams = new Set<number>();
    for (const t of texts) {
      for (const w of t.features.tokens) words.add(w);
      for (const b of t.features.bigrams) bigrams.add(b);
    }
    for (const w of words) {
      const p = wordPostings.get(w);
      if (!p) continue;
      for (let i = 0; i < p.ids.length; i++) {
        const v = p.ids[i]!;
        touch(v);
        wordAcc[v]! += p.weights[i]!;
      }
    }
    for (const b of bigrams) {
      const p = bigramPostings.get(b);
      if (!p) continue;
      for (let i = 0; i < p.ids.length; i++) {
        const v = p.ids[i]!;
        touch(v);
        bigramAcc[v]! += p.weights[i]!;
      }
    }
    const scored: { v: number; s: number }[] = [];
    for (const v of touched) {
      const x = variants[v]!;
      const s = Math.max(x.wordMass > 0 ? wordAcc[v]! / x.wordMass : 0, x.bigrams.mass > 0 ? bigramAcc[v]! / x.bigrams.mass : 0);
      wordAcc[v] = 0;
      bigramAcc[v] = 0;
      if (s >= MIN_CANDIDATE_SHARE) scored.push({ v, s });
    }
    scored.sort((a, b) => b.s - a.s || a.v - b.v);
    return scored.slice(0, MAX_CANDIDATES).map((x) => x.v);
  }

  function scoreVariant(v: Variant, t: QueryText, ti: number | undefined, keywords: Set<string>): KbCandidate {
    let got = 0;
    let distinct = 0;
    const matched: string[] = [];
    for (let i = 0; i < v.words.length; i++) {
      const w = v.words[i]!;
      if (keywords.has(w) || t.features.plain.includes(w)) {
        got += v.wordWeights[i]!;
        matched.push(w);
        if (v.wordWeights[i]! >= MIN_EVIDENCE_IDF && !analyser.isPlace(w)) distinct++;
      }
    }
    const words = got / Math.max(v.wordMass, MIN_WORD_MASS);
    const bigrams = share(v.bigrams, t.features.bigrams, MIN_BIGRAM_MASS);
    let similarity = (words + bigrams) / 2;
    similarity *= WORD_COUNT_FACTOR[Math.min(distinct, WORD_COUNT_FACTOR.length - 1)]!;
    let via: KbCandidate['via'] = 'content';
    const distance = v.simhash !== undefined && t.features.simhash !== undefined ? hamming(v.simhash, t.features.simhash) : undefined;
    if (distance !== undefined && distance <= NEAR_DUPLICATE_BITS && 1 - distance / 32 > similarity) {
      similarity = 1 - distance / 32;
      via = 'near-duplicate';
    }
    const rebuttal = share(indexed[v.claim]!.rebuttal, t.features.bigrams);
    if (rebuttal >= REBUTTAL_SHARE && rebuttal > similarity) {
      similarity = rebuttal;
      via = 'rebuttal';
    }
    const c = indexed[v.claim]!.claim;
    return {
      claim_id: c.id,
      claim: c.claim,
      similarity: round(similarity),
      via,
      variant: v.kind,
      ...(ti === undefined ? {} : { text_index: ti }),
      words: round(words),
      bigrams: round(bigrams),
      simhash_distance: distance,
      rebuttal: round(rebuttal),
      matched_words: matched,
    };
  }

  function explain(texts: string[], keywords: string[], limit = 5): KbCandidate[] {
    if (variants.length === 0) return [];
    const given = texts.filter((t) => typeof t === 'string' && t.trim());
    if (given.length === 0) return [];
    const queries: QueryText[] = given.map((t) => ({ features: analyser.features(t) }));
    // An event's posts each carry a piece of a claim (自来水有毒 / 千万别喝 / 水厂的人都不喝): together they carry it.
    if (queries.length > 1) queries.push({ features: { ...analyser.features(given.join('\n')), simhash: undefined } });
    const kw = new Set(keywords.map((k) => k.toLowerCase()));
    const best = new Map<number, KbCandidate>();
    for (const vi of candidates(queries, kw)) {
      const v = variants[vi]!;
      queries.forEach((q, ti) => {
        const c = scoreVariant(v, q, ti < given.length ? ti : undefined, kw);
        const prev = best.get(v.claim);
        if (!prev || c.similarity > prev.similarity) best.set(v.claim, c);
      });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity || a.claim_id.localeCompare(b.claim_id)).slice(0, limit);
  }

  const byId = new Map(indexed.map((c) => [c.claim.id, c.claim]));

  const match: KbMatcher = (texts, keywords) => {
    const top = explain(texts, keywords, 1)[0];
    if (!top || top.similarity < threshold) return undefined;
    const c = byId.get(top.claim_id)!;
    const out: KbMatch = { claim_id: c.id, claim: c.claim, similarity: top.similarity, rebuttal: c.rebuttal, source: c.source, date: c.date };
    if (c.url) out.url = c.url;
    return out;
  };

  return { match, explain, size: indexed.length, threshold };
}

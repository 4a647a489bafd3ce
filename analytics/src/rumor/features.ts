import { FeatureBuilder, charNgrams, type SparseVector } from '@fenghuo/shared/ml';
import { segmenter, toAnalysisText } from '@fenghuo/shared/text';
import type { Cascade } from '../eval/datasets';
import { SIGNAL_INFO, SIGNAL_NAMES, reactionsInWindow, signalsFrom, type RumorSignals, type SignalName, type WindowReaction } from './signals';

/**
 * Feature extraction for the trainable rumor model, in two steps:
 * `prepareCascade` does the costly, model-independent work (segmentation,
 * signals) and `vectorise` turns it into hashed sparse vectors, one per
 * feature group, using the numeric encoder fitted on the training data.
 */

/** Feature groups of the model, in the order of the ablation. */
export const FEATURE_GROUPS = ['post_text', 'reaction_text', 'cues', 'form', 'propagation', 'author'] as const;
export type FeatureGroup = (typeof FEATURE_GROUPS)[number];

export const GROUP_LABELS: Record<FeatureGroup, string> = {
  post_text: 'post text',
  reaction_text: 'reaction text',
  cues: 'cue words',
  form: 'post form',
  propagation: 'propagation',
  author: 'author',
};

/** Model group of each numeric signal. */
export function signalGroup(name: SignalName): FeatureGroup {
  const g = SIGNAL_INFO[name].group;
  return g === 'replies' ? 'cues' : g;
}

export interface PreparedCascade {
  signals: RumorSignals;
  /** Post text features (char n-grams, words, word bigrams, emoticons, hashtags), with repeats. */
  post: string[];
  /** Reaction text features → number of reactions holding them. */
  reactions: Map<string, number>;
  /** Reactions in the window. */
  nReactions: number;
}

const PUNCT_ONLY = /^[\s\p{P}\p{S}]+$/u;

function words(body: string): string[] {
  const out: string[] = [];
  for (const t of segmenter().cut(body)) {
    const w = t.trim();
    if (w && !PUNCT_ONLY.test(w)) out.push(w);
  }
  return out;
}

/** Post features: char 1–3-grams, jieba words and word bigrams, emoticons and hashtags. */
export function postTextFeatures(text: string, maxN = 3): string[] {
  const a = toAnalysisText(text);
  const body = a.body.replace(/\s+/g, ' ');
  const out: string[] = [];
  for (const g of charNgrams(body.replace(/@[\p{L}\p{N}_-]{1,30}/gu, '@'), maxN)) if (!PUNCT_ONLY.test(g)) out.push(`c:${g}`);
  const ws = words(body);
  for (const w of ws) out.push(`w:${w}`);
  for (let i = 0; i + 1 < ws.length; i++) out.push(`b:${ws[i]}_${ws[i + 1]}`);
  for (const e of a.emoticons) out.push(`e:${e}`);
  for (const h of a.hashtags) out.push(`h:${h}`);
  return out;
}

/** Features of one reaction text (distinct): char 1–2-grams, words, emoticons. */
function reactionFeatures(text: string, maxN: number): Set<string> {
  const a = toAnalysisText(text);
  const body = a.body.replace(/@[\p{L}\p{N}_-]{1,30}/gu, ' ').replace(/\s+/g, ' ').trim();
  const out = new Set<string>();
  if (body) {
    for (const g of charNgrams(body, maxN)) if (!PUNCT_ONLY.test(g)) out.add(`c:${g}`);
    for (const w of words(body)) out.add(`w:${w}`);
  }
  for (const e of a.emoticons) out.add(`e:${e}`);
  return out;
}

export interface PrepareOptions {
  /** Use reaction texts (default true); off saves the segmentation when the group is not used. */
  reactionText?: boolean;
  /** At most this many reactions (the earliest) feed the reaction-text bag (default 1000). */
  maxReactionTexts?: number;
  /** Longest char n-gram of the post (default 3) and of reactions (default 2). */
  postMaxN?: number;
  reactionMaxN?: number;
}

export function prepareCascade(c: Cascade, windowMs?: number, options: PrepareOptions = {}): PreparedCascade {
  const rs: WindowReaction[] = reactionsInWindow(c, windowMs);
  const signals = signalsFrom(c, rs, windowMs);
  const reactions = new Map<string, number>();
  if (options.reactionText !== false) {
    const max = options.maxReactionTexts ?? 1000;
    for (let i = 0; i < rs.length && i < max; i++) {
      const t = rs[i]!.text;
      if (!t || !t.trim()) continue;
      for (const f of reactionFeatures(t, options.reactionMaxN ?? 2)) reactions.set(f, (reactions.get(f) ?? 0) + 1);
    }
  }
  return { signals, post: postTextFeatures(c.post.text ?? '', options.postMaxN ?? 3), reactions, nReactions: rs.length };
}

// --- numeric encoding -------------------------------------------------------

/** Signals whose raw value is a count or a length: encoded on a log scale. */
const LOG_SCALE = new Set<SignalName>([
  'text_length', 'reactions', 'reactions_10m', 'reactions_30m', 'reactions_60m', 'minutes_to_first_reaction', 'tree_depth',
  'tree_breadth', 'skeptical_replies', 'debunk_replies', 'believing_replies', 'author_account_age_days', 'exclamations',
  'questions', 'mentions', 'hashtags', 'pics', 'mean_depth',
]);
/** Categorical signals: one feature per value. */
const CATEGORICAL = new Set<SignalName>(['author_verified_type']);

export interface NumericEncoder {
  /** Per signal: bin edges (upper bounds, ascending), mean and sd of the transformed value. */
  stats: Record<string, { edges: number[]; mean: number; sd: number }>;
}

const transform = (name: SignalName, v: number) => (LOG_SCALE.has(name) ? Math.log1p(Math.max(0, v)) : v);

/** Fits quantile bins (≤ `bins`) and scaling of every numeric signal on training data. */
export function fitNumericEncoder(signals: readonly RumorSignals[], bins = 8): NumericEncoder {
  const stats: NumericEncoder['stats'] = {};
  for (const name of SIGNAL_NAMES) {
    if (CATEGORICAL.has(name)) continue;
    const xs: number[] = [];
    for (const s of signals) {
      const v = s[name];
      if (v !== null && Number.isFinite(v)) xs.push(transform(name, v));
    }
    if (xs.length === 0) {
      stats[name] = { edges: [], mean: 0, sd: 1 };
      continue;
    }
    xs.sort((a, b) => a - b);
    const edges: number[] = [];
    for (let b = 1; b < bins; b++) {
      const e = xs[Math.min(xs.length - 1, Math.floor((b * xs.length) / bins))]!;
      if (!edges.length || e > edges[edges.length - 1]!) edges.push(e);
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length) || 1;
    stats[name] = { edges: edges.map((e) => Math.round(e * 1e6) / 1e6), mean, sd };
  }
  return { stats };
}

/** The encoded features of one numeric signal: [name, value] pairs, names starting with `n:<signal>`. */
export function numericFeatures(s: RumorSignals, enc: NumericEncoder, name: SignalName): [string, number][] {
  const v = s[name];
  if (v === null || !Number.isFinite(v)) return [[`n:${name}:?`, 1]];
  if (CATEGORICAL.has(name)) return [[`n:${name}=${v}`, 1]];
  const st = enc.stats[name];
  if (!st) return [];
  const x = transform(name, v);
  let b = 0;
  while (b < st.edges.length && x > st.edges[b]!) b++;
  return [
    [`n:${name}:b${b}`, 1],
    [`n:${name}`, Math.max(-3, Math.min(3, (x - st.mean) / st.sd))],
  ];
}

/** Adds the encoded numeric signals of one group to a builder. */
function addNumeric(fb: FeatureBuilder, s: RumorSignals, enc: NumericEncoder, group: FeatureGroup, weight: number): void {
  for (const name of SIGNAL_NAMES) {
    if (signalGroup(name) !== group) continue;
    for (const [f, v] of numericFeatures(s, enc, name)) fb.add(f, weight * v);
  }
}

export interface VectoriseOptions {
  bits: number;
  groups: readonly FeatureGroup[];
  encoder: NumericEncoder;
  /** Weight of each group's block (default 1). */
  groupWeights?: Partial<Record<FeatureGroup, number>>;
}

/** One sparse vector per used group. */
export function vectoriseGroups(p: PreparedCascade, o: VectoriseOptions): Partial<Record<FeatureGroup, SparseVector>> {
  const out: Partial<Record<FeatureGroup, SparseVector>> = {};
  for (const g of o.groups) {
    const w = o.groupWeights?.[g] ?? 1;
    const fb = new FeatureBuilder(o.bits);
    if (g === 'post_text') {
      fb.addBag('p', p.post, w);
    } else if (g === 'reaction_text') {
      // Sublinear counts, L2-normalised over the bag: a few hundred reposts saying the same thing do not swamp the rest.
      let norm = 0;
      for (const n of p.reactions.values()) norm += (1 + Math.log(n)) ** 2;
      norm = Math.sqrt(norm);
      if (norm > 0) for (const [f, n] of p.reactions) fb.add(`r${f}`, (w * (1 + Math.log(n))) / norm);
    } else {
      addNumeric(fb, p.signals, o.encoder, g, w);
    }
    out[g] = fb.build();
  }
  return out;
}

/** Adds sparse vectors (indexes may overlap). */
export function mergeVectors(vs: readonly SparseVector[]): SparseVector {
  const acc = new Map<number, number>();
  for (const v of vs) for (let k = 0; k < v.idx.length; k++) acc.set(v.idx[k]!, (acc.get(v.idx[k]!) ?? 0) + v.val[k]!);
  const entries = [...acc].sort((a, b) => a[0] - b[0]);
  return { idx: Int32Array.from(entries.map((e) => e[0])), val: Float32Array.from(entries.map((e) => e[1])) };
}

import { FeatureBuilder, trainLogistic, type SparseVector } from '@fenghuo/shared/ml';
import type { Cascade } from '../eval/datasets';
import { boostContributions, boostMargin, trainBoostedTrees, type BoostOptions, type BoostedTrees } from './boost';
import type { RumorScore } from './default-scorer';
import { FEATURE_GROUPS, GROUP_LABELS, fitNumericEncoder, mergeVectors, numericFeatures, prepareCascade, signalGroup, vectoriseGroups, type FeatureGroup, type NumericEncoder, type PreparedCascade } from './features';
import { SIGNAL_NAMES, type SignalName } from './signals';

/**
 * The trainable rumor model, in two stages:
 *
 * 1. Text: logistic regression (AdaGrad, hashed features) over the post text
 *    (char 1–3-grams, jieba words and word bigrams) and the bag of reaction
 *    texts within the window (char 1–2-grams, words, emoticons).
 * 2. Signals: gradient-boosted trees over the numeric signals (cue counts,
 *    post form, propagation, author), boosted on top of the text model's
 *    log-odds. During training the trees start from out-of-fold text log-odds
 *    (k-fold), so they learn what the text model misses instead of trusting
 *    its over-confident in-sample scores.
 *
 * The output is additive in log-odds: text groups (exact, from the linear
 * model) + signal contributions (Saabas path attribution of the trees), so
 * every score can be broken down by group and by signal.
 *
 * `combine: 'linear'` trains a single logistic regression over all groups
 * instead (signals as quantile bins and scaled values): the simpler baseline
 * the stacked design was chosen against.
 */

export interface RumorModelOptions {
  /** Reactions used, from the post time (undefined: all; 0: the post alone). Scoring defaults to the same window. */
  windowMs?: number;
  /** Feature groups (default: all of FEATURE_GROUPS). */
  groups?: readonly FeatureGroup[];
  /** Text model: hash space 2^bits (default 20), AdaGrad epochs (10), learning rate (0.1), L2 (1e-5). */
  bits?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** Folds for the out-of-fold text scores the trees start from (default 5). */
  folds?: number;
  /** At most this many (earliest) reactions per cascade feed the reaction-text bag (default 1000). */
  maxReactionTexts?: number;
  /** Tree options (default 200 trees of depth 3, learning rate 0.05). */
  boost?: BoostOptions;
  /**
   * 'stacked' (default): the linear model reads the texts, boosted trees read the numeric signals on top of it.
   * 'linear': one logistic regression over everything (numeric signals as quantile bins + scaled values); smaller, a little weaker.
   */
  combine?: 'stacked' | 'linear';
  seed?: number;
  /** Decision threshold on the rumor probability (default 0.5). */
  threshold?: number;
  /** Called with progress messages. */
  log?: (message: string) => void;
}

/** Binary logistic text model: log-odds = bias + Σ weights[i]·x[i] (margin of the two-class softmax). */
export interface TextModel {
  bits: number;
  bias: number;
  weights: Float32Array;
}

/** A trained rumor model; `serialiseRumorModel` / `loadRumorModel` turn it into JSON text and back. */
export interface RumorModel {
  kind: 'fenghuo-rumor-model';
  version: 1;
  windowMs: number | null;
  groups: FeatureGroup[];
  maxReactionTexts: number;
  threshold: number;
  combine: 'stacked' | 'linear';
  /** Linear part: present when it has a group (the text groups; every group when combine is 'linear'). */
  text: TextModel | null;
  /** Quantile bins and scaling of the signals inside the linear part ('linear' only). */
  encoder: NumericEncoder | null;
  /** Present when a signal group is used; its features are `signals`. */
  trees: BoostedTrees | null;
  signals: SignalName[];
  trainedOn: { n: number; rumor: number; seconds: number };
}

const TEXT_GROUPS: readonly FeatureGroup[] = ['post_text', 'reaction_text'];
const EMPTY_ENCODER: NumericEncoder = { stats: {} };

function textVectors(p: PreparedCascade, groups: readonly FeatureGroup[], bits: number, encoder: NumericEncoder = EMPTY_ENCODER): Partial<Record<FeatureGroup, SparseVector>> {
  return vectoriseGroups(p, { bits, groups, encoder });
}

function textVector(p: PreparedCascade, groups: readonly FeatureGroup[], bits: number, encoder: NumericEncoder = EMPTY_ENCODER): SparseVector {
  return mergeVectors(Object.values(textVectors(p, groups, bits, encoder)) as SparseVector[]);
}

/** Groups read by the linear part of a model. */
const linearGroups = (m: Pick<RumorModel, 'groups' | 'combine'>) => (m.combine === 'linear' ? m.groups : m.groups.filter((g) => TEXT_GROUPS.includes(g)));

function dotMargin(m: TextModel, x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += m.weights[x.idx[k]!]! * x.val[k]!;
  return s;
}

const balancedWeights = (ys: readonly number[]): number[] => {
  const pos = ys.filter((y) => y === 1).length;
  const neg = ys.length - pos;
  return ys.map((y) => (y === 1 ? ys.length / (2 * Math.max(1, pos)) : ys.length / (2 * Math.max(1, neg))));
};

function trainText(xs: readonly SparseVector[], ys: readonly number[], o: RumorModelOptions, bits: number): TextModel {
  const w = balancedWeights(ys);
  const pos = ys.findIndex((y) => y === 1);
  const neg = ys.findIndex((y) => y === 0);
  const classWeights = [neg >= 0 ? w[neg]! : 1, pos >= 0 ? w[pos]! : 1];
  const lr = trainLogistic(xs as SparseVector[], ys as number[], ['non-rumor', 'rumor'], bits, {
    epochs: o.epochs ?? 10,
    learningRate: o.learningRate ?? 0.1,
    l2: o.l2 ?? 1e-5,
    classWeights,
    seed: o.seed ?? 7,
  });
  // Two-class softmax = logistic on the difference of the class weights.
  const D = 1 << bits;
  const weights = new Float32Array(D);
  for (let i = 0; i < D; i++) weights[i] = lr.weights[D + i]! - lr.weights[i]!;
  return { bits, bias: lr.bias[1]! - lr.bias[0]!, weights };
}

/** Dense signal row for the trees (unknown → NaN). */
const signalRow = (p: PreparedCascade, names: readonly SignalName[]) => names.map((n) => p.signals[n] ?? NaN);

/** Prepares cascades once (segmentation, signals) for training or scoring. */
export function prepareAll(cs: readonly Cascade[], windowMs: number | undefined, options: { groups?: readonly FeatureGroup[]; maxReactionTexts?: number } = {}): PreparedCascade[] {
  const reactionText = (options.groups ?? FEATURE_GROUPS).includes('reaction_text');
  return cs.map((c) => prepareCascade(c, windowMs, { reactionText, maxReactionTexts: options.maxReactionTexts }));
}

interface Plan {
  groups: FeatureGroup[];
  combine: 'stacked' | 'linear';
  textGroups: FeatureGroup[];
  /** Signals of the used numeric groups. */
  numeric: SignalName[];
  bits: number;
}

function plan(options: RumorModelOptions): Plan {
  const groups = FEATURE_GROUPS.filter((g) => (options.groups ?? FEATURE_GROUPS).includes(g));
  return {
    groups,
    combine: options.combine ?? 'stacked',
    textGroups: groups.filter((g) => TEXT_GROUPS.includes(g)),
    numeric: SIGNAL_NAMES.filter((n) => groups.includes(signalGroup(n))),
    bits: options.bits ?? 20,
  };
}

/** What training keeps of a cascade: its hashed text vector and its signals (the string bags are dropped). */
interface Example {
  x: SparseVector | null;
  signals: PreparedCascade['signals'];
}

const toExample = (p: PreparedCascade, pl: Plan): Example => ({
  x: pl.textGroups.length ? textVector(p, pl.textGroups, pl.bits) : null,
  signals: p.signals,
});

/** Trains the model on the labelled cascades of `train` (deterministic for a seed and an input order). */
export function trainRumorModel(train: readonly Cascade[], options: RumorModelOptions = {}): RumorModel {
  const t0 = performance.now();
  const pl = plan(options);
  const labelled = train.filter((c) => c.label === 'rumor' || c.label === 'non-rumor');
  const prep = { reactionText: pl.groups.includes('reaction_text'), maxReactionTexts: options.maxReactionTexts };
  const examples = labelled.map((c) => toExample(prepareCascade(c, options.windowMs, prep), pl));
  options.log?.(`prepared ${examples.length} cascades in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return fit(examples, labelled.map((c) => (c.label === 'rumor' ? 1 : 0)), options, pl, t0);
}

/** `trainRumorModel` on cascades already prepared (with `prepareAll`) for the same window. */
export function trainRumorModelPrepared(
  prepared: readonly PreparedCascade[],
  labels: readonly ('rumor' | 'non-rumor' | undefined)[],
  options: RumorModelOptions = {},
): RumorModel {
  const t0 = performance.now();
  const pl = plan(options);
  const keep = prepared.map((_, i) => i).filter((i) => labels[i] === 'rumor' || labels[i] === 'non-rumor');
  return fit(keep.map((i) => toExample(prepared[i]!, pl)), keep.map((i) => (labels[i] === 'rumor' ? 1 : 0)), options, pl, t0);
}

function fit(examples: readonly Example[], ys: readonly number[], options: RumorModelOptions, pl: Plan, t0: number): RumorModel {
  if (examples.length === 0) throw new Error('no labelled cascades to train on');
  const { groups, bits, combine } = pl;
  const log = options.log ?? (() => {});
  const secs = () => ((performance.now() - t0) / 1000).toFixed(1);
  const treeSignals = combine === 'stacked' ? pl.numeric : [];
  let encoder: NumericEncoder | null = null;

  // The linear part's vectors: texts, plus the encoded signals when everything is linear.
  let xs: SparseVector[] = [];
  if (combine === 'linear' && pl.numeric.length) {
    const enc = fitNumericEncoder(examples.map((e) => e.signals));
    encoder = enc;
    const numericGroups = groups.filter((g) => !TEXT_GROUPS.includes(g));
    xs = examples.map((e) => {
      const v = textVector({ signals: e.signals, post: [], reactions: new Map(), nReactions: 0 }, numericGroups, bits, enc);
      return e.x ? mergeVectors([e.x, v]) : v;
    });
  } else if (pl.textGroups.length) {
    xs = examples.map((e) => e.x!);
  }

  let text: TextModel | null = null;
  let start: number[] | undefined;
  if (xs.length) {
    text = trainText(xs, ys, options, bits);
    log(`linear model trained (${secs()} s)`);
    if (treeSignals.length) {
      // Out-of-fold text log-odds for the trees to start from.
      const k = Math.max(2, Math.min(options.folds ?? 5, examples.length));
      start = new Array<number>(examples.length).fill(0);
      for (let f = 0; f < k; f++) {
        const idx = xs.map((_, i) => i).filter((i) => i % k !== f);
        const m = trainText(idx.map((i) => xs[i]!), idx.map((i) => ys[i]!), options, bits);
        for (let i = f; i < xs.length; i += k) start[i] = m.bias + dotMargin(m, xs[i]!);
      }
      log(`out-of-fold text scores (${secs()} s)`);
    }
  }
  let trees: BoostedTrees | null = null;
  if (treeSignals.length) {
    trees = trainBoostedTrees(
      treeSignals,
      examples.map((e) => treeSignals.map((n) => e.signals[n] ?? NaN)),
      ys,
      { trees: 200, depth: 3, learningRate: 0.05, seed: options.seed ?? 11, ...options.boost, weights: balancedWeights(ys) },
      start,
    );
    log(`trees trained (${secs()} s)`);
  }
  return {
    kind: 'fenghuo-rumor-model',
    version: 1,
    windowMs: options.windowMs ?? null,
    groups,
    maxReactionTexts: options.maxReactionTexts ?? 1000,
    threshold: options.threshold ?? 0.5,
    combine,
    text,
    encoder,
    trees,
    signals: treeSignals,
    trainedOn: { n: examples.length, rumor: ys.filter((y) => y === 1).length, seconds: Math.round((performance.now() - t0) / 10) / 100 },
  };
}

/** JSON text of a model (text weights stored sparsely as base64 Float32). */
export function serialiseRumorModel(model: RumorModel): string {
  let text: Record<string, unknown> | null = null;
  if (model.text) {
    const idx: number[] = [];
    const val: number[] = [];
    model.text.weights.forEach((w, i) => {
      if (w !== 0) {
        idx.push(i);
        val.push(w);
      }
    });
    const b64 = (a: Int32Array | Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
    text = { bits: model.text.bits, bias: model.text.bias, idx: b64(Int32Array.from(idx)), val: b64(Float32Array.from(val)) };
  }
  return JSON.stringify({ ...model, text });
}

/** A model from `serialiseRumorModel` output (the JSON text or its parsed object). */
export function loadRumorModel(json: string | Record<string, unknown>): RumorModel {
  const o = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
  if (o.kind !== 'fenghuo-rumor-model' || o.version !== 1) throw new Error('not a Fenghuo rumor model (version 1)');
  let text: TextModel | null = null;
  const t = o.text as { bits: number; bias: number; idx: string; val: string } | null;
  if (t) {
    const buf = (s: string) => {
      const b = Buffer.from(s, 'base64');
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    };
    const idx = new Int32Array(buf(t.idx));
    const val = new Float32Array(buf(t.val));
    if (idx.length !== val.length) throw new Error('rumor model: text weights are damaged');
    const weights = new Float32Array(1 << t.bits);
    idx.forEach((i, k) => (weights[i] = val[k]!));
    text = { bits: t.bits, bias: t.bias, weights };
  }
  return { ...(o as unknown as RumorModel), text };
}

/** Rumor probability of a prepared cascade. */
export function modelProbability(model: RumorModel, p: PreparedCascade): number {
  let z = 0;
  if (model.text) z += model.text.bias + dotMargin(model.text, textVector(p, linearGroups(model), model.text.bits, model.encoder ?? EMPTY_ENCODER));
  if (model.trees) z += boostMargin(model.trees, signalRow(p, model.signals));
  return 1 / (1 + Math.exp(-z));
}

export type ModelRumorScore = RumorScore & {
  /**
   * The strongest single features behind the score (log-odds): up to 8 signals by name (value NaN = unknown),
   * 5 post text features ("post 网传": char n-gram or word) and 5 reaction text features ("reactions 谣言", value = reactions holding it).
   */
  details: RumorScore['contributions'];
};

/**
 * A scorer from a trained model. `contributions` are per group (post text,
 * reaction text, cue words, post form, propagation, author) in log-odds
 * towards rumor; their sum plus the model's baseline is the score's log-odds.
 * The window defaults to the one the model was trained with.
 */
export function createModelRumorScorer(model: RumorModel): (c: Cascade, windowMs?: number) => ModelRumorScore {
  const lin = linearGroups(model);
  const textGroups = lin.filter((g) => TEXT_GROUPS.includes(g));
  return (c, windowMs) => {
    const w = windowMs ?? model.windowMs ?? undefined;
    const p = prepareCascade(c, w, { reactionText: model.groups.includes('reaction_text'), maxReactionTexts: model.maxReactionTexts });
    const byGroup = new Map<FeatureGroup, { value: number; contribution: number }>();
    const textDetail: RumorScore['contributions'] = [];
    const signalDetail: RumorScore['contributions'] = [];
    let z = 0;
    if (model.text) {
      z += model.text.bias;
      const vs = textVectors(p, lin, model.text.bits, model.encoder ?? EMPTY_ENCODER);
      for (const g of lin) {
        const v = vs[g]!;
        const m = dotMargin(model.text, v);
        z += m;
        byGroup.set(g, { value: v.idx.length, contribution: m });
      }
      textDetail.push(...textDetails(model.text, p, textGroups));
      if (model.encoder) {
        // Linear model: each signal's encoded features, weighed.
        for (const name of SIGNAL_NAMES) {
          if (!lin.includes(signalGroup(name))) continue;
          let c = 0;
          for (const [f, v] of numericFeatures(p.signals, model.encoder, name)) c += model.text.weights[slotOf(f, model.text.bits)]! * v;
          if (Math.abs(c) > 1e-4) signalDetail.push({ signal: name, value: p.signals[name] ?? NaN, contribution: round(c) });
        }
      }
    }
    if (model.trees) {
      const row = signalRow(p, model.signals);
      const { bias, byFeature } = boostContributions(model.trees, row);
      z += bias;
      model.signals.forEach((name, j) => {
        z += byFeature[j]!;
        const g = signalGroup(name);
        const cur = byGroup.get(g) ?? { value: 0, contribution: 0 };
        cur.contribution += byFeature[j]!;
        if (!Number.isNaN(row[j]!)) cur.value++;
        byGroup.set(g, cur);
        if (Math.abs(byFeature[j]!) > 1e-4) signalDetail.push({ signal: name, value: p.signals[name] ?? NaN, contribution: round(byFeature[j]!) });
      });
    }
    const score = 1 / (1 + Math.exp(-z));
    const contributions = model.groups.map((g) => ({ signal: GROUP_LABELS[g], value: byGroup.get(g)?.value ?? 0, contribution: round(byGroup.get(g)?.contribution ?? 0) }));
    contributions.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
    const top = (xs: RumorScore['contributions'], k: number) => xs.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution)).slice(0, k);
    const details = [
      ...top(signalDetail, 8),
      ...top(textDetail.filter((d) => d.signal.startsWith('post ')), 5),
      ...top(textDetail.filter((d) => d.signal.startsWith('reactions ')), 5),
    ];
    return { score, label: score >= model.threshold ? 'rumor' : 'non-rumor', contributions, details: top(details, details.length) };
  };
}

/** Log-odds of single text features: each post feature, and reaction features, as the model weighs them in this cascade. */
function textDetails(m: TextModel, p: PreparedCascade, groups: readonly FeatureGroup[]): RumorScore['contributions'] {
  // Same names as vectoriseGroups: "p" + feature for the post, "r" + feature for reactions.
  const slot = (name: string) => slotOf(name, m.bits);
  // A char n-gram and the same word are one line: "post 网传".
  const acc = new Map<string, { value: number; contribution: number }>();
  const put = (key: string, value: number, c: number) => {
    const cur = acc.get(key);
    if (cur) {
      cur.contribution += c;
      cur.value = Math.max(cur.value, value);
    } else acc.set(key, { value, contribution: c });
  };
  if (groups.includes('post_text') && p.post.length) {
    const counts = new Map<string, number>();
    for (const f of p.post) counts.set(f, (counts.get(f) ?? 0) + 1);
    const scale = 1 / Math.sqrt(p.post.length);
    for (const [f, n] of counts) put(`post ${f.slice(2)}`, n, m.weights[slot(`p${f}`)]! * n * scale);
  }
  if (groups.includes('reaction_text') && p.reactions.size) {
    let norm = 0;
    for (const n of p.reactions.values()) norm += (1 + Math.log(n)) ** 2;
    norm = Math.sqrt(norm);
    for (const [f, n] of p.reactions) put(`reactions ${f.slice(2)}`, n, (m.weights[slot(`r${f}`)]! * (1 + Math.log(n))) / norm);
  }
  const out: RumorScore['contributions'] = [];
  for (const [signal, v] of acc) if (Math.abs(v.contribution) >= 0.01) out.push({ signal, value: v.value, contribution: round(v.contribution) });
  return out;
}

/** Hash slot of a feature name (as FeatureBuilder computes it). */
function slotOf(name: string, bits: number): number {
  const fb = new FeatureBuilder(bits);
  fb.add(name);
  return fb.build().idx[0]!;
}

const round = (x: number) => Math.round(x * 1e4) / 1e4;

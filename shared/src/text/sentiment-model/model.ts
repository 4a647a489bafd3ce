import { FeatureBuilder, type SparseVector } from '../../ml/sparse';
import { predictProba, trainLogistic, type LogisticModel } from '../../ml/logistic';
import {
  addFeatures,
  DEFAULT_FEATURE_OPTIONS,
  featureContext,
  parseText,
  type FeatureContext,
  type SentimentFeatureOptions,
} from './features';

/**
 * The trained sentiment model: multinomial logistic regression (AdaGrad,
 * seeded, from `@fenghuo/shared/ml`) over the hashed features of
 * `features.ts`, which include the project's lexicon scorer, so the model is
 * an ensemble of the learned weights and the hand-written lexicon.
 *
 * Optional, transductive domain adaptation (`unlabeled`): texts from the
 * domain the model will score (no labels) are pseudo-labelled by the model
 * and the model is retrained on the labelled examples plus the most confident
 * pseudo-labelled texts of each predicted class, in a few rounds (self-
 * training). It uses no target labels; it needs a few hundred target texts.
 *
 * Models are trained at run time from data the user points to; nothing here
 * ships with weights or word lists derived from any data set.
 */

export const SENTIMENT_CLASSES = ['positive', 'negative', 'neutral'] as const;
export type SentimentClass = (typeof SENTIMENT_CLASSES)[number];

export interface SentimentExampleInput {
  text: string;
  label: string;
}

export interface SentimentModelOptions {
  features?: Partial<SentimentFeatureOptions>;
  /** Passes over the data (AdaGrad); few passes generalise better across domains. Default 2. */
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** 'balanced' weighs each class by n / (K · n_class); default 'none'. */
  classWeights?: 'none' | 'balanced';
  /**
   * Unlabeled texts of the target domain (e.g. the batch to be scored, or a
   * sample of the stream): self-training adapts the model to them.
   */
  unlabeled?: readonly string[];
  /**
   * Self-training rounds: in round r the top `fractions[r]` of the target
   * texts predicted as each class (by confidence) join training with that
   * label. Default [0.5, 0.7, 0.9].
   */
  selfTrainingFractions?: readonly number[];
  /** Below this many unlabeled texts self-training is skipped. Default 200. */
  minUnlabeled?: number;
}

export interface SentimentModel {
  kind: 'fenghuo-sentiment-model';
  version: 1;
  classes: SentimentClass[];
  features: SentimentFeatureOptions;
  /** Class priors the probabilities are calibrated to (training frequencies, or uniform when class-balanced). */
  priors: number[];
  logistic: LogisticModel;
  training: {
    examples: number;
    counts: Record<SentimentClass, number>;
    skipped: number;
    unlabeled: number;
    selfTrainingRounds: number;
    epochs: number;
    learningRate: number;
    l2: number;
    seed: number;
    classWeights: 'none' | 'balanced';
  };
}

export interface ModelSentiment {
  label: SentimentClass;
  /** P(positive) − P(negative), in [−1, 1]. */
  score: number;
  probs: Record<SentimentClass, number>;
}

export type ModelSentimentScorer = (text: string) => ModelSentiment;

const DEFAULTS = { epochs: 2, learningRate: 0.1, l2: 1e-6, seed: 7 };
const DEFAULT_FRACTIONS = [0.5, 0.7, 0.9];

/** The three-class label of a data set label, or undefined for anything else (e.g. surprise). */
export function sentimentClass(label: string): SentimentClass | undefined {
  const l = label.trim().toLowerCase();
  return (SENTIMENT_CLASSES as readonly string[]).includes(l) ? (l as SentimentClass) : undefined;
}

function vectorise(texts: readonly string[], o: SentimentFeatureOptions, ctx: FeatureContext): SparseVector[] {
  return texts.map((t) => {
    const fb = new FeatureBuilder(o.bits);
    addFeatures(fb, parseText(t, ctx), o, ctx);
    return fb.build();
  });
}

/**
 * Trains a model on labelled examples. Labels other than positive, negative
 * and neutral (e.g. surprise) are skipped. Deterministic for a seed.
 */
export function trainSentimentModel(examples: readonly SentimentExampleInput[], options: SentimentModelOptions = {}): SentimentModel {
  const features: SentimentFeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options.features };
  if (!Number.isInteger(features.bits) || features.bits < 10 || features.bits > 22) throw new Error(`features.bits must be an integer in 10..22 (got ${features.bits})`);
  const epochs = options.epochs ?? DEFAULTS.epochs;
  const learningRate = options.learningRate ?? DEFAULTS.learningRate;
  const l2 = options.l2 ?? DEFAULTS.l2;
  const seed = options.seed ?? DEFAULTS.seed;
  const classWeights = options.classWeights ?? 'none';
  const classes = [...SENTIMENT_CLASSES];
  const K = classes.length;

  const texts: string[] = [];
  const ys: number[] = [];
  for (const e of examples) {
    const c = sentimentClass(e.label);
    if (c === undefined || typeof e.text !== 'string') continue;
    texts.push(e.text);
    ys.push(classes.indexOf(c));
  }
  const counts = classes.map((_, k) => ys.filter((y) => y === k).length);
  const missing = classes.filter((_, k) => counts[k] === 0);
  if (missing.length) throw new Error(`training needs examples of every class; none for ${missing.join(', ')}`);

  const cw = classWeights === 'balanced' ? counts.map((c) => ys.length / (K * c)) : undefined;
  const priors = classWeights === 'balanced' ? classes.map(() => 1 / K) : counts.map((c) => c / ys.length);
  const ctx = featureContext();
  const xs = vectorise(texts, features, ctx);
  const fit = (vx: SparseVector[], vy: number[]) => trainLogistic(vx, vy, classes, features.bits, { epochs, learningRate, l2, seed, ...(cw ? { classWeights: cw } : {}) });

  let logistic = fit(xs, ys);
  let rounds = 0;
  const unlabeled = options.unlabeled ?? [];
  const minUnlabeled = options.minUnlabeled ?? 200;
  if (unlabeled.length >= minUnlabeled) {
    const ux = vectorise(unlabeled, features, ctx);
    for (const fraction of options.selfTrainingFractions ?? DEFAULT_FRACTIONS) {
      const pseudo = pseudoLabels(ux.map((x) => predictProba(logistic, x)), fraction);
      logistic = fit([...xs, ...pseudo.map((p) => ux[p.index]!)], [...ys, ...pseudo.map((p) => p.label)]);
      rounds++;
    }
  }
  logistic = quantise(logistic);

  return {
    kind: 'fenghuo-sentiment-model',
    version: 1,
    classes,
    features,
    priors,
    logistic,
    training: {
      examples: ys.length,
      counts: Object.fromEntries(classes.map((c, k) => [c, counts[k]!])) as Record<SentimentClass, number>,
      skipped: examples.length - ys.length,
      unlabeled: rounds > 0 ? unlabeled.length : 0,
      selfTrainingRounds: rounds,
      epochs,
      learningRate,
      l2,
      seed,
      classWeights,
    },
  };
}

/**
 * For each class, the `fraction` most confident of the texts predicted as
 * that class (ties by position, so the choice is deterministic). Taking the
 * same share of every predicted class keeps the pseudo-labels from drifting
 * towards the majority class.
 */
function pseudoLabels(probs: number[][], fraction: number): { index: number; label: number }[] {
  const byClass = new Map<number, { index: number; p: number }[]>();
  probs.forEach((p, index) => {
    const label = argmax(p);
    let list = byClass.get(label);
    if (!list) byClass.set(label, (list = []));
    list.push({ index, p: p[label]! });
  });
  const out: { index: number; label: number }[] = [];
  for (const [label, list] of [...byClass].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => b.p - a.p || a.index - b.index);
    const take = Math.round(list.length * Math.min(1, Math.max(0, fraction)));
    for (const { index } of list.slice(0, take)) out.push({ index, label });
  }
  return out.sort((a, b) => a.index - b.index);
}

function argmax(p: readonly number[]): number {
  let best = 0;
  for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
  return best;
}

// --- serialisation: weights as int16 with one scale per class (half the size of float32) ---

function quantisedWeights(w: Float32Array, K: number, D: number): { q: Int16Array; scales: number[] } {
  const q = new Int16Array(K * D);
  const scales: number[] = [];
  for (let k = 0; k < K; k++) {
    let max = 0;
    for (let j = k * D; j < (k + 1) * D; j++) max = Math.max(max, Math.abs(w[j]!));
    const scale = max > 0 ? max / 32767 : 1;
    scales.push(scale);
    for (let j = k * D; j < (k + 1) * D; j++) q[j] = Math.round(w[j]! / scale);
  }
  return { q, scales };
}

function dequantise(q: Int16Array, scales: readonly number[], D: number): Float32Array {
  const w = new Float32Array(q.length);
  for (let j = 0; j < q.length; j++) w[j] = q[j]! * scales[Math.floor(j / D)]!;
  return w;
}

/** Rounds the weights to what the serialised form holds, so a loaded model predicts exactly like the trained one. */
function quantise(m: LogisticModel): LogisticModel {
  const D = 1 << m.bits;
  const { q, scales } = quantisedWeights(m.weights, m.classes.length, D);
  return { ...m, weights: dequantise(q, scales, D), bias: Float32Array.from(m.bias) };
}

/** JSON text of a model (a few MB at 18 bits). */
export function serialiseSentimentModel(model: SentimentModel): string {
  const lr = model.logistic;
  const D = 1 << lr.bits;
  const { q, scales } = quantisedWeights(lr.weights, lr.classes.length, D);
  return JSON.stringify({
    kind: model.kind,
    version: model.version,
    classes: model.classes,
    features: model.features,
    priors: model.priors,
    training: model.training,
    logistic: {
      bits: lr.bits,
      classes: lr.classes,
      bias: Array.from(lr.bias),
      scales,
      weights: Buffer.from(q.buffer, q.byteOffset, q.byteLength).toString('base64'),
    },
  });
}

/** A model from `serialiseSentimentModel` output (the JSON text or its parsed object). */
export function loadSentimentModel(json: string | Record<string, unknown>): SentimentModel {
  const o = (typeof json === 'string' ? JSON.parse(json) : json) as Record<string, unknown>;
  if (o.kind !== 'fenghuo-sentiment-model') throw new Error(`not a Fenghuo sentiment model (kind ${String(o.kind)})`);
  if (o.version !== 1) throw new Error(`unsupported sentiment model version ${String(o.version)}`);
  const lr = o.logistic as { bits: number; classes: string[]; bias: number[]; scales: number[]; weights: string };
  const classes = o.classes as SentimentClass[];
  if (!Array.isArray(classes) || classes.some((c) => sentimentClass(c) !== c) || classes.length !== lr.classes.length) throw new Error('sentiment model: bad classes');
  const D = 1 << lr.bits;
  const buf = Buffer.from(lr.weights, 'base64');
  if (buf.byteLength !== classes.length * D * 2) throw new Error('sentiment model: weights do not match its size');
  const q = new Int16Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const logistic: LogisticModel = { kind: 'logistic', bits: lr.bits, classes: lr.classes, weights: dequantise(q, lr.scales, D), bias: Float32Array.from(lr.bias) };
  return {
    kind: 'fenghuo-sentiment-model',
    version: 1,
    classes,
    features: { ...DEFAULT_FEATURE_OPTIONS, ...(o.features as Partial<SentimentFeatureOptions>) },
    priors: o.priors as number[],
    logistic,
    training: o.training as SentimentModel['training'],
  };
}

// --- scoring ---

function result(classes: readonly SentimentClass[], p: readonly number[]): ModelSentiment {
  const probs = { positive: 0, negative: 0, neutral: 0 } as Record<SentimentClass, number>;
  classes.forEach((c, k) => (probs[c] = p[k]!));
  const score = Math.max(-1, Math.min(1, probs.positive - probs.negative));
  return { label: classes[argmax(p)]!, score, probs };
}

function adjust(p: readonly number[], from: readonly number[], to: readonly number[]): number[] {
  const q = p.map((v, k) => (v * to[k]!) / Math.max(from[k]!, 1e-9));
  const s = q.reduce((a, b) => a + b, 0);
  return s > 0 ? q.map((v) => v / s) : [...p];
}

export interface ScorerOptions {
  /** Class priors of the texts to be scored (same order as `model.classes`): probabilities are re-weighted from the training priors to these. */
  priors?: readonly number[];
}

/** A scorer for single texts: label, score = P(pos) − P(neg), and the class probabilities. */
export function createModelSentimentScorer(model: SentimentModel, options: ScorerOptions = {}): ModelSentimentScorer {
  const ctx = featureContext();
  const o = model.features;
  const target = options.priors;
  if (target && target.length !== model.classes.length) throw new Error('priors: one per class');
  return (text) => {
    const fb = new FeatureBuilder(o.bits);
    addFeatures(fb, parseText(typeof text === 'string' ? text : '', ctx), o, ctx);
    const p = predictProba(model.logistic, fb.build());
    return result(model.classes, target ? adjust(p, model.priors, target) : p);
  };
}

/**
 * Class priors of a batch of texts by EM (Saerens, Latinne & Decaestecker
 * 2002): the model's probabilities are re-weighted to a prior, the prior is
 * re-estimated as their mean, until it settles. Sound under pure label shift
 * (p(text | class) unchanged); when the texts' wording shifts as well, the
 * estimate can be far off (see analytics/src/sentiment/RESULTS.md).
 */
export function estimateClassPriors(model: SentimentModel, texts: readonly string[], maxIterations = 100): number[] {
  const scorer = createModelSentimentScorer(model);
  const probs = texts.map((t) => {
    const r = scorer(t);
    return model.classes.map((c) => r.probs[c]);
  });
  return emPriors(probs, model.priors, maxIterations);
}

export function emPriors(probs: readonly (readonly number[])[], trainingPriors: readonly number[], maxIterations = 100): number[] {
  let prior = [...trainingPriors];
  if (probs.length === 0) return prior;
  for (let it = 0; it < maxIterations; it++) {
    const next = prior.map(() => 0);
    for (const p of probs) adjust(p, trainingPriors, prior).forEach((v, k) => (next[k]! += v / probs.length));
    const change = next.reduce((a, v, k) => a + Math.abs(v - prior[k]!), 0);
    prior = next;
    if (change < 1e-6) break;
  }
  return prior;
}

export interface BatchScoringOptions {
  /** 'em': estimate the batch's class priors (EM) and re-weight to them. Default 'none'. */
  priorCorrection?: 'none' | 'em';
}

/** Scores a batch of texts, optionally correcting for the batch's class priors. */
export function scoreSentimentBatch(model: SentimentModel, texts: readonly string[], options: BatchScoringOptions = {}): ModelSentiment[] {
  const scorer = createModelSentimentScorer(model);
  const raw = texts.map((t) => scorer(t));
  if ((options.priorCorrection ?? 'none') === 'none') return raw;
  const probs = raw.map((r) => model.classes.map((c) => r.probs[c]));
  const prior = emPriors(probs, model.priors);
  return probs.map((p) => result(model.classes, adjust(p, model.priors, prior)));
}

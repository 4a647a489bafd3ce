import path from 'node:path';
import { classificationReport, type ClassScores } from '@fenghuo/shared/ml';
import { loadSentimentLexicon, loadSentimentModifiers, segment, segmenter, sentiment, type SentimentLexicon } from '@fenghuo/shared/text';
import {
  SENTIMENT_CLASSES,
  scoreSentimentBatch,
  sentimentClass,
  trainSentimentModel,
  type SentimentClass,
  type SentimentModel,
  type SentimentModelOptions,
} from '@fenghuo/shared/sentiment-model';
import { readSentiment, readUnlabeledTexts, type SentimentExample, type TextFileFormat, type UnlabeledTextOptions } from '../eval/datasets';

/**
 * Three-class sentiment evaluation (positive / negative / neutral) on any
 * file in the emotion/polarity format (../shared/data/README.md: JSON lines
 * with text, label and an optional split; gzip or plain). Other labels
 * (surprise) are left out of training and evaluation.
 *
 * - no `train` and no `model`: the project's lexicon scorer (the default, untrained scorer)
 * - `train`: a model fitted on that file's `train` split (all of it when it has no splits)
 * - `model`: a model trained earlier
 *
 * The evaluated part of `data` is `split` when given, else `dev` if the file
 * has it, else `test`, else all of it.
 *
 * Two kinds of self-training (with `train`): `adapt` pseudo-labels the very
 * texts being scored (transductive: the figure needs the target batch at
 * training time); `adaptTo` pseudo-labels a sample of another unlabelled
 * corpus (inductive: the scored texts are unseen until they are scored).
 */

/**
 * Defaults for self-training on a separate corpus (`adaptTo`, and
 * `train sentiment --adapt-to`), chosen on SMP2020 dev with CED as the corpus
 * (analytics/src/sentiment/RESULTS.md):
 * - `sample`: 20,000 texts keep training to about 10 s and memory small;
 * - `minChars`: 50. Short replies ("转发微博", "[蜡烛]", "顶") give few features
 *   and unreliable pseudo-labels; full-length posts teach the model the other
 *   domain's wording (5 → 0.728, 30 → 0.747, 50 → 0.760 macro-F1);
 * - `bits`: 20. A second corpus brings a second vocabulary, and at 2^18 slots
 *   the two collide (0.745 vs 0.760); the model file is 8 MB instead of 2,
 *   so only when self-training runs (`minTexts` texts or more, the trainer's
 *   own minimum).
 */
export const ADAPT_DEFAULTS = Object.freeze({ sample: 20_000, minChars: 50, bits: 20, minTexts: 200 });

export interface SentimentEvalOptions {
  data: string;
  train?: string;
  split?: string;
  model?: SentimentModel;
  /** Options for training (with `train`). */
  modelOptions?: SentimentModelOptions;
  /**
   * Transductive adaptation (with `train`, not with `model`): self-training
   * on the evaluated texts, without their labels. Off by default.
   */
  adapt?: boolean;
  /**
   * Inductive adaptation (with `train`): self-training on a sample of this
   * unlabelled corpus (cascades, labelled posts with labels ignored, or one
   * post per line; gzip or plain) instead of the evaluated texts.
   */
  adaptTo?: string;
  /** Sampling of `adaptTo` (defaults: ADAPT_DEFAULTS; the seed is the model's). */
  adaptOptions?: UnlabeledTextOptions;
  /** Re-weight the trained model's probabilities to the evaluated batch's EM-estimated class priors. Default 'none'. */
  priorCorrection?: 'none' | 'em';
}

export interface SentimentEvalResult {
  n: number;
  accuracy: number;
  macro_f1: number;
  per_class: Record<SentimentClass, ClassScores>;
  scorer: 'lexicon' | 'trained';
  /** The evaluated split ('all' when the whole file). */
  split: string;
  /** Evaluated-file examples left out (labels other than the three classes). */
  skipped: number;
  /** Training, when a model was fitted here. */
  training?: {
    file: string;
    split: string;
    examples: number;
    seconds: number;
    adapted: boolean;
    /** Trained on the very examples evaluated (a file without splits used for both). */
    inSample: boolean;
    /** The corpus self-trained on: the scored texts (`adapt`) or another file (`adaptTo`). */
    adaptedTo?: AdaptedTo;
  };
  priorCorrection?: 'none' | 'em';
  /** The fitted or given model (e.g. to save it with serialiseSentimentModel). */
  model?: SentimentModel;
}

export interface AdaptedTo {
  /** The file, or 'scored texts' for `adapt`. */
  corpus: string;
  format: TextFileFormat | 'scored texts';
  /** Texts sampled and self-trained on. */
  texts: number;
  /** Texts in the corpus that passed the length and duplicate filters. */
  eligible: number;
  /** Sampled texts that are also among the scored texts (exact match). */
  overlap: number;
  /** No scored text was seen at training time. */
  inductive: boolean;
}

const CLASSES: readonly SentimentClass[] = SENTIMENT_CLASSES;

function splitsOf(examples: readonly SentimentExample[]): Set<string> {
  const s = new Set<string>();
  for (const e of examples) if (e.split) s.add(e.split);
  return s;
}

/** The split to evaluate: the one asked for, else dev, else test, else all. */
export function evaluationSplit(examples: readonly SentimentExample[], split?: string): string {
  if (split) return split;
  const s = splitsOf(examples);
  return s.has('dev') ? 'dev' : s.has('test') ? 'test' : 'all';
}

function pick(examples: readonly SentimentExample[], split: string): SentimentExample[] {
  return split === 'all' ? [...examples] : examples.filter((e) => e.split === split);
}

let lexiconScorer: ((text: string) => SentimentClass) | undefined;

/** The default, untrained scorer, exactly as enrichment runs it. */
function lexiconLabel(): (text: string) => SentimentClass {
  if (lexiconScorer) return lexiconScorer;
  const seg = segmenter();
  const lexicon: SentimentLexicon = { words: loadSentimentLexicon(), modifiers: loadSentimentModifiers() };
  const skip = new Set([...seg.stopwords, ...lexicon.modifiers.keys()]);
  lexiconScorer = (text) => {
    const s = segment(text, seg, skip);
    return sentiment(s.all, s.emoticons, lexicon).label;
  };
  return lexiconScorer;
}

export async function evaluateSentiment(options: SentimentEvalOptions): Promise<SentimentEvalResult> {
  if (options.adapt && (!options.train || options.model)) throw new Error('adapt needs train (self-training refits on the training file)');
  if (options.adaptTo && (!options.train || options.model)) throw new Error('adaptTo needs train (self-training refits on the training file)');
  if (options.adapt && options.adaptTo) throw new Error('adapt and adaptTo: choose one corpus to self-train on');
  const all = await readSentiment(options.data);
  const split = evaluationSplit(all, options.split);
  const chosen = pick(all, split);
  if (split !== 'all' && chosen.length === 0) throw new Error(`${options.data}: no examples in split "${split}" (splits: ${[...splitsOf(all)].join(', ') || 'none'})`);
  const evaluated = chosen.filter((e) => sentimentClass(e.label) !== undefined);
  const texts = evaluated.map((e) => e.text);
  const truth = evaluated.map((e) => sentimentClass(e.label)!);

  let model = options.model;
  let training: SentimentEvalResult['training'];
  if (!model && options.train) {
    const source = options.train === options.data ? all : await readSentiment(options.train);
    const trainSplit = splitsOf(source).has('train') ? 'train' : 'all';
    const examples = pick(source, trainSplit);
    const t0 = performance.now();
    let modelOptions: SentimentModelOptions = { ...options.modelOptions };
    let adaptedTo: AdaptedTo | undefined;
    if (options.adapt) {
      modelOptions.unlabeled = texts;
      adaptedTo = { corpus: 'scored texts', format: 'scored texts', texts: texts.length, eligible: texts.length, overlap: texts.length, inductive: false };
    } else if (options.adaptTo) {
      const sample = await readUnlabeledTexts(options.adaptTo, {
        sample: ADAPT_DEFAULTS.sample,
        minChars: ADAPT_DEFAULTS.minChars,
        ...(options.modelOptions?.seed !== undefined ? { seed: options.modelOptions.seed } : {}),
        ...options.adaptOptions,
      });
      const scored = new Set(texts.map((t) => t.trim()));
      const overlap = sample.texts.filter((t) => scored.has(t)).length;
      adaptedTo = { corpus: options.adaptTo, format: sample.format, texts: sample.texts.length, eligible: sample.eligible, overlap, inductive: overlap === 0 };
      const minUnlabeled = modelOptions.minUnlabeled ?? ADAPT_DEFAULTS.minTexts;
      modelOptions = { ...modelOptions, unlabeled: sample.texts, minUnlabeled };
      if (sample.texts.length >= minUnlabeled) modelOptions.features = { bits: ADAPT_DEFAULTS.bits, ...modelOptions.features };
    }
    model = trainSentimentModel(examples, modelOptions);
    training = {
      file: options.train,
      split: trainSplit,
      examples: model.training.examples,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      adapted: model.training.selfTrainingRounds > 0,
      inSample: path.resolve(options.train) === path.resolve(options.data) && (trainSplit === 'all' || split === 'all' || trainSplit === split),
      ...(adaptedTo ? { adaptedTo } : {}),
    };
  }

  let predicted: SentimentClass[];
  let priorCorrection: 'none' | 'em' | undefined;
  if (model) {
    priorCorrection = options.priorCorrection ?? 'none';
    predicted = scoreSentimentBatch(model, texts, { priorCorrection }).map((r) => r.label);
  } else {
    const label = lexiconLabel();
    predicted = texts.map(label);
  }

  const report = classificationReport(truth, predicted, CLASSES);
  const result: SentimentEvalResult = {
    n: report.n,
    accuracy: report.accuracy,
    macro_f1: report.macro_f1,
    per_class: report.per_class as Record<SentimentClass, ClassScores>,
    scorer: model ? 'trained' : 'lexicon',
    split,
    skipped: chosen.length - evaluated.length,
  };
  if (training) result.training = training;
  if (priorCorrection) result.priorCorrection = priorCorrection;
  if (model) result.model = model;
  return result;
}

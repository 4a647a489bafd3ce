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
import { readSentiment, type SentimentExample } from '../eval/datasets';

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
 */

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
  training?: { file: string; split: string; examples: number; seconds: number; adapted: boolean; /** Trained on the very examples evaluated (a file without splits used for both). */ inSample: boolean };
  priorCorrection?: 'none' | 'em';
  /** The fitted or given model (e.g. to save it with serialiseSentimentModel). */
  model?: SentimentModel;
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
    model = trainSentimentModel(examples, { ...options.modelOptions, ...(options.adapt ? { unlabeled: texts } : {}) });
    training = {
      file: options.train,
      split: trainSplit,
      examples: model.training.examples,
      seconds: Math.round((performance.now() - t0) / 100) / 10,
      adapted: model.training.selfTrainingRounds > 0,
      inSample: path.resolve(options.train) === path.resolve(options.data) && (trainSplit === 'all' || split === 'all' || trainSplit === split),
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

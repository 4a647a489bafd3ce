import { classificationReport, prAuc } from '@fenghuo/shared/ml';
import { parseWindow, readCascades, type Cascade } from '../eval/datasets';
import { createDefaultRumorScorer } from './default-scorer';
import { createModelRumorScorer, trainRumorModel, type RumorModel, type RumorModelOptions } from './model';

export interface RumorEvalOptions {
  /** Cascade file to score (JSON lines, gzip or plain; ../shared/data/README.md). */
  data: string;
  /** Cascade file to train on: its `train` split when it has splits, else all of it. Without it (and without `model`), the default scorer is used. */
  train?: string;
  /** Split of `data` to score (default: `test` when the file has splits, else everything). */
  split?: string;
  /** Reactions used: '0' (post only), '30m', '1h', '24h', 'all' (default 'all'). */
  window?: string;
  /** An already trained model (takes precedence over `train`). */
  model?: RumorModel;
  /** Extra training options (trainer defaults otherwise). */
  trainOptions?: Omit<RumorModelOptions, 'windowMs'>;
}

export interface RumorClassScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface RumorEvalResult {
  n: number;
  accuracy: number;
  macro_f1: number;
  rumor: RumorClassScores;
  non_rumor: RumorClassScores;
  pr_auc: number;
  window: string;
  scorer: 'default' | 'trained';
  /** Seconds spent training (trained scorer only). */
  train_seconds?: number;
}

/** Window text → milliseconds: '0' / '0m' is the post alone, 'all' (or empty) every reaction. */
export function rumorWindow(text: string | undefined): number | undefined {
  if (text !== undefined && /^\s*0+(\.0+)?\s*([mhd])?\s*$/.test(text)) return 0;
  return parseWindow(text);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

function hasSplits(cs: readonly Cascade[]): boolean {
  return cs.some((c) => typeof c.split === 'string' && c.split.length > 0);
}

/**
 * Scores a labelled cascade file with the default scorer or a trained model
 * and reports accuracy, macro-F1, per-class precision/recall/F1 and the
 * PR-AUC of the rumor score. Cascades without a rumor/non-rumor label are
 * skipped.
 */
export async function evaluateRumor(options: RumorEvalOptions): Promise<RumorEvalResult> {
  const windowText = options.window ?? 'all';
  const windowMs = rumorWindow(windowText);
  const all = await readCascades(options.data);
  const split = options.split ?? (hasSplits(all) ? 'test' : undefined);
  const data = all.filter((c) => (split ? c.split === split : true) && (c.label === 'rumor' || c.label === 'non-rumor'));
  if (data.length === 0) throw new Error(`${options.data}: no labelled cascades${split ? ` in split "${split}"` : ''}`);

  let scorer: (c: Cascade) => { score: number; label: string };
  let kind: RumorEvalResult['scorer'] = 'default';
  let trainSeconds: number | undefined;
  if (options.model) {
    const s = createModelRumorScorer(options.model);
    scorer = (c) => s(c, windowMs);
    kind = 'trained';
  } else if (options.train) {
    const source = options.train === options.data ? all : await readCascades(options.train);
    const train = hasSplits(source) ? source.filter((c) => c.split === 'train') : source;
    const model = trainRumorModel(train, { ...options.trainOptions, windowMs });
    trainSeconds = model.trainedOn.seconds;
    const s = createModelRumorScorer(model);
    scorer = (c) => s(c, windowMs);
    kind = 'trained';
  } else {
    const s = createDefaultRumorScorer();
    scorer = (c) => s(c, windowMs);
  }

  const truth: string[] = [];
  const predicted: string[] = [];
  const scores: number[] = [];
  for (const c of data) {
    const r = scorer(c);
    truth.push(c.label!);
    predicted.push(r.label);
    scores.push(r.score);
  }
  const report = classificationReport(truth, predicted, ['rumor', 'non-rumor']);
  const cls = (l: string): RumorClassScores => {
    const s = report.per_class[l]!;
    return { precision: round(s.precision), recall: round(s.recall), f1: round(s.f1) };
  };
  const result: RumorEvalResult = {
    n: report.n,
    accuracy: round(report.accuracy),
    macro_f1: round(report.macro_f1),
    rumor: cls('rumor'),
    non_rumor: cls('non-rumor'),
    pr_auc: round(prAuc(scores, truth.map((t) => t === 'rumor'))),
    window: windowText,
    scorer: kind,
  };
  if (trainSeconds !== undefined) result.train_seconds = trainSeconds;
  return result;
}

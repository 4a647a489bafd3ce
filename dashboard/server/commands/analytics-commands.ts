import fs from 'node:fs';
import { Command } from 'commander';
import {
  ADAPT_DEFAULTS,
  evaluateKb,
  evaluateRumor,
  evaluateSentiment,
  FEATURE_GROUPS,
  loadRumorModel,
  readCascades,
  readSentiment,
  readUnlabeledTexts,
  rumorWindow,
  serialiseRumorModel,
  trainRumorModel,
} from '@fenghuo/analytics';
import { loadSentimentModel, serialiseSentimentModel, trainSentimentModel } from '@fenghuo/shared/sentiment-model';
import type { FeatureGroup, RumorModelOptions, UnlabeledTextOptions } from '@fenghuo/analytics';

/**
 * `train` and `eval`: fit the rumor and sentiment models on a labelled file
 * the user points to, and measure scorers on any file in the formats of
 * ../shared/data/README.md. Evaluations print readable lines, then one JSON
 * object as the last line.
 */

const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function readModelFile(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the model ${file}: ${(error as Error).message}`);
  }
}

function writeModelFile(file: string, text: string): void {
  fs.writeFileSync(file, text);
  console.log(`model written to ${file} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB)`);
}

interface ModelFlags {
  groups?: string;
  combine?: string;
}

/** `--groups a,b` and `--combine linear|stacked` → trainer options (the ablations of docs/analytics.md). */
function modelOptions(flags: ModelFlags): Pick<RumorModelOptions, 'groups' | 'combine'> {
  const out: Pick<RumorModelOptions, 'groups' | 'combine'> = {};
  if (flags.groups !== undefined) {
    const groups = flags.groups.split(',').map((g) => g.trim()).filter(Boolean);
    const unknown = groups.filter((g) => !(FEATURE_GROUPS as readonly string[]).includes(g));
    if (unknown.length || !groups.length) throw new Error(`--groups: unknown group ${unknown.join(', ') || '(none)'}; use some of ${FEATURE_GROUPS.join(', ')}`);
    out.groups = groups as FeatureGroup[];
  }
  if (flags.combine !== undefined) {
    if (flags.combine !== 'linear' && flags.combine !== 'stacked') throw new Error(`--combine: expected linear or stacked, got ${flags.combine}`);
    out.combine = flags.combine;
  }
  return out;
}

interface AdaptFlags {
  adaptSample?: string;
  adaptMinChars?: string;
  adaptFrom?: string;
  seed?: string;
}

function positiveInt(flag: string, text: string, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag}: expected an integer ≥ ${min}, got ${text}`);
  return n;
}

/** `--adapt-sample`, `--adapt-min-chars`, `--adapt-from` and `--seed` → how the adaptation corpus is sampled. */
function adaptOptions(flags: AdaptFlags): UnlabeledTextOptions {
  const out: UnlabeledTextOptions = {};
  if (flags.adaptSample !== undefined) out.sample = positiveInt('--adapt-sample', flags.adaptSample);
  if (flags.adaptMinChars !== undefined) out.minChars = positiveInt('--adapt-min-chars', flags.adaptMinChars, 0);
  if (flags.adaptFrom !== undefined) {
    if (!['posts', 'reactions', 'all'].includes(flags.adaptFrom)) throw new Error(`--adapt-from: expected posts, reactions or all, got ${flags.adaptFrom}`);
    out.from = flags.adaptFrom as 'posts' | 'reactions' | 'all';
  }
  if (flags.seed !== undefined) out.seed = positiveInt('--seed', flags.seed, 0);
  return out;
}

const ADAPT_TO_HELP =
  'unlabelled posts of the kind to be scored, self-trained on: cascades (post and reaction texts), labelled posts (labels ignored) or plain text, one post per line; gzip or plain, told apart by content';
const ADAPT_SAMPLE_HELP = `with --adapt-to: texts sampled from it at random (default ${ADAPT_DEFAULTS.sample})`;
const ADAPT_MIN_CHARS_HELP = `with --adapt-to: shorter texts are left out, counted without links, @names, emoticons and repost chains (default ${ADAPT_DEFAULTS.minChars})`;
const ADAPT_FROM_HELP = 'with --adapt-to on cascades: posts, reactions or all (default all)';

const GROUPS_HELP = `feature groups to use, comma-separated (default all: ${FEATURE_GROUPS.join(',')})`;
const COMBINE_HELP = 'stacked (text model + boosted trees over the signals; default) or linear (one logistic regression)';

export function registerAnalyticsCommands(program: Command): void {
  const train = program.command('train').description('train a model from a labelled file (../shared/data/README.md formats)');

  train
    .command('rumor')
    .description('train the rumor model (logistic regression over signals and word/character n-grams, with boosted stumps) on cascades')
    .requiredOption('--data <file>', 'labelled cascades (JSON lines, gzip or plain); its `train` split when it has one')
    .requiredOption('--out <file>', 'where to write the model (JSON); use it with FENGHUO_RUMOR_MODEL')
    .option('--split <split>', 'split to train on (default: train when the file has splits, else all)')
    .option('--window <window>', 'reactions used, from the post time: 0, 30m, 1h, 24h, all', 'all')
    .option('--groups <list>', GROUPS_HELP)
    .option('--combine <kind>', COMBINE_HELP)
    .action(async (flags: { data: string; out: string; split?: string; window: string } & ModelFlags) => {
      const t0 = performance.now();
      const all = await readCascades(flags.data);
      const split = flags.split ?? (all.some((c) => c.split === 'train') ? 'train' : undefined);
      const cascades = split ? all.filter((c) => c.split === split) : all;
      const labelled = cascades.filter((c) => c.label === 'rumor' || c.label === 'non-rumor');
      if (!labelled.length) throw new Error(`${flags.data}: no labelled cascades${split ? ` in split ${split}` : ''}`);
      const windowMs = rumorWindow(flags.window);
      const model = trainRumorModel(labelled, { ...modelOptions(flags), ...(windowMs !== undefined ? { windowMs } : {}), log: (m) => console.log(m) });
      writeModelFile(flags.out, serialiseRumorModel(model));
      console.log(JSON.stringify({ trained_on: labelled.length, split: split ?? 'all', window: flags.window, seconds: seconds(t0), out: flags.out }));
    });

  train
    .command('sentiment')
    .description('train the 3-class sentiment model (logistic regression over words, character n-grams and the lexicon) on labelled posts')
    .requiredOption('--data <file>', 'labelled posts (JSON lines: text and label positive/negative/neutral)')
    .requiredOption('--out <file>', 'where to write the model (JSON); use it with FENGHUO_SENTIMENT_MODEL')
    .option('--split <split>', 'split to train on (default: train when the file has splits, else all)')
    .option('--adapt-to <file>', ADAPT_TO_HELP)
    .option('--adapt-sample <n>', ADAPT_SAMPLE_HELP)
    .option('--adapt-min-chars <n>', ADAPT_MIN_CHARS_HELP)
    .option('--adapt-from <part>', ADAPT_FROM_HELP)
    .option('--seed <n>', 'seed of training and of the --adapt-to sample (default 7)')
    .action(async (flags: { data: string; out: string; split?: string; adaptTo?: string } & AdaptFlags) => {
      const t0 = performance.now();
      const all = await readSentiment(flags.data);
      const split = flags.split ?? (all.some((e) => e.split === 'train') ? 'train' : undefined);
      const examples = split ? all.filter((e) => e.split === split) : all;
      const sampling = adaptOptions(flags);
      if (!flags.adaptTo && (sampling.sample !== undefined || sampling.minChars !== undefined || sampling.from !== undefined)) throw new Error('--adapt-sample, --adapt-min-chars and --adapt-from need --adapt-to');
      const adapt = flags.adaptTo ? await readUnlabeledTexts(flags.adaptTo, { sample: ADAPT_DEFAULTS.sample, minChars: ADAPT_DEFAULTS.minChars, ...sampling }) : undefined;
      if (adapt) console.log(`adapting to ${flags.adaptTo} (${adapt.format}): ${adapt.texts.length} texts sampled of ${adapt.eligible} eligible (${adapt.read} read)`);
      const selfTrain = adapt !== undefined && adapt.texts.length >= ADAPT_DEFAULTS.minTexts;
      if (adapt && !selfTrain) console.log(`no self-training: fewer than ${ADAPT_DEFAULTS.minTexts} texts of ${flags.adaptTo} passed the filters`);
      const model = trainSentimentModel(examples, {
        ...(sampling.seed !== undefined ? { seed: sampling.seed } : {}),
        // A second corpus brings a second vocabulary: more hash slots (ADAPT_DEFAULTS).
        ...(selfTrain ? { unlabeled: adapt.texts, minUnlabeled: ADAPT_DEFAULTS.minTexts, features: { bits: ADAPT_DEFAULTS.bits } } : {}),
      });
      writeModelFile(flags.out, serialiseSentimentModel(model));
      console.log(
        JSON.stringify({
          trained_on: examples.length,
          split: split ?? 'all',
          adapted_to: adapt ? { file: flags.adaptTo, format: adapt.format, texts: model.training.unlabeled, eligible: adapt.eligible, self_training_rounds: model.training.selfTrainingRounds } : null,
          seconds: seconds(t0),
          out: flags.out,
        }),
      );
    });

  const evaluate = program.command('eval').description('measure a scorer on a labelled file; the last line is one JSON object');

  evaluate
    .command('rumor')
    .description('rumor detection on cascades: n, accuracy, macro-F1, rumor precision/recall/F1, PR-AUC')
    .requiredOption('--data <file>', 'labelled cascades to score (JSON lines, gzip or plain)')
    .option('--train <file>', 'fit a model on this file first (its train split when it has one); without it, the default scorer')
    .option('--model <file>', 'score with a model trained before (pnpm fenghuo train rumor)')
    .option('--split <split>', 'split of --data to score (default: test when the file has splits, else all)')
    .option('--window <window>', 'reactions within this time of the post: 0, 30m, 1h, 6h, 24h, all', 'all')
    .option('--groups <list>', `with --train: ${GROUPS_HELP}`)
    .option('--combine <kind>', `with --train: ${COMBINE_HELP}`)
    .action(async (flags: { data: string; train?: string; model?: string; split?: string; window: string } & ModelFlags) => {
      const t0 = performance.now();
      const trainOptions = modelOptions(flags);
      if (Object.keys(trainOptions).length && !flags.train) throw new Error('--groups and --combine need --train');
      const r = await evaluateRumor({
        data: flags.data,
        window: flags.window,
        trainOptions,
        ...(flags.train ? { train: flags.train } : {}),
        ...(flags.split ? { split: flags.split } : {}),
        ...(flags.model ? { model: loadRumorModel(readModelFile(flags.model)) } : {}),
      });
      console.log(`rumor · ${r.scorer} scorer · window ${r.window} · n ${r.n}`);
      console.log(`  accuracy ${pct(r.accuracy)} · macro-F1 ${r.macro_f1.toFixed(3)} · PR-AUC ${r.pr_auc.toFixed(3)}`);
      console.log(`  rumor      precision ${r.rumor.precision.toFixed(3)} recall ${r.rumor.recall.toFixed(3)} F1 ${r.rumor.f1.toFixed(3)}`);
      console.log(`  non-rumor  precision ${r.non_rumor.precision.toFixed(3)} recall ${r.non_rumor.recall.toFixed(3)} F1 ${r.non_rumor.f1.toFixed(3)}`);
      console.log(JSON.stringify({ task: 'rumor', data: flags.data, ...r, seconds: seconds(t0) }));
    });

  evaluate
    .command('sentiment')
    .description('3-class sentiment (positive/negative/neutral; surprise left out): n, accuracy, macro-F1, per-class F1')
    .requiredOption('--data <file>', 'labelled posts to score (JSON lines)')
    .option('--train <file>', 'fit a model on this file first (its train split when it has one); without it, the lexicon scorer')
    .option('--model <file>', 'score with a model trained before (pnpm fenghuo train sentiment)')
    .option('--split <split>', 'split of --data to score (default: dev, else test, else all)')
    .option('--adapt', 'with --train: self-train on the scored texts (their labels unused; transductive)')
    .option('--adapt-to <file>', `with --train: self-train on another corpus instead, never on the scored texts (inductive): ${ADAPT_TO_HELP}`)
    .option('--adapt-sample <n>', ADAPT_SAMPLE_HELP)
    .option('--adapt-min-chars <n>', ADAPT_MIN_CHARS_HELP)
    .option('--adapt-from <part>', ADAPT_FROM_HELP)
    .option('--seed <n>', 'with --train: seed of training and of the --adapt-to sample (default 7)')
    .action(async (flags: { data: string; train?: string; model?: string; split?: string; adapt?: boolean; adaptTo?: string } & AdaptFlags) => {
      const t0 = performance.now();
      const { seed, ...sampling } = adaptOptions(flags);
      if (!flags.adaptTo && Object.keys(sampling).length) throw new Error('--adapt-sample, --adapt-min-chars and --adapt-from need --adapt-to');
      if (seed !== undefined && !flags.train) throw new Error('--seed needs --train');
      const r = await evaluateSentiment({
        data: flags.data,
        ...(flags.train ? { train: flags.train } : {}),
        ...(flags.split ? { split: flags.split } : {}),
        ...(flags.model ? { model: loadSentimentModel(readModelFile(flags.model)) } : {}),
        ...(flags.adapt ? { adapt: true } : {}),
        ...(flags.adaptTo ? { adaptTo: flags.adaptTo, adaptOptions: sampling } : {}),
        ...(seed !== undefined ? { modelOptions: { seed } } : {}),
      });
      const { model: _model, ...result } = r;
      const to = r.training?.adaptedTo;
      const adapted = !r.training?.adapted
        ? ''
        : to?.inductive
          ? ` · self-trained on ${to.texts} texts of ${to.corpus} (${to.format}), none of them scored: inductive`
          : to?.format === 'scored texts'
            ? ' · self-trained on the scored texts: transductive'
            : ` · self-trained on ${to?.texts} texts of ${to?.corpus}, ${to?.overlap} of them among the scored texts: not inductive`;
      console.log(`sentiment · ${r.scorer} scorer · split ${r.split} · n ${r.n}${adapted}`);
      if (to && !r.training?.adapted) console.log(`  no self-training: ${to.texts} texts of ${to.corpus} passed the filters, fewer than the ${ADAPT_DEFAULTS.minTexts} it needs`);
      console.log(`  accuracy ${pct(r.accuracy)} · macro-F1 ${r.macro_f1.toFixed(3)}`);
      for (const [c, s] of Object.entries(r.per_class)) console.log(`  ${c.padEnd(9)} precision ${s.precision.toFixed(3)} recall ${s.recall.toFixed(3)} F1 ${s.f1.toFixed(3)}`);
      console.log(
        JSON.stringify({
          task: 'sentiment',
          data: flags.data,
          ...result,
          f1: Object.fromEntries(Object.entries(result.per_class).map(([c, s]) => [c, s.f1])),
          seconds: seconds(t0),
        }),
      );
    });

  evaluate
    .command('kb')
    .description('the debunk knowledge-base matcher: precision/recall over thresholds on the project’s synthetic claims, and, with --data, false matches on real cascades')
    .option('--data <file>', 'labelled cascades: a KB of train-split rumors is matched against test-split posts')
    .action(async (flags: { data?: string }) => {
      const t0 = performance.now();
      const r = await evaluateKb(flags.data ? { data: flags.data } : {});
      console.log(JSON.stringify({ task: 'kb', ...r, seconds: seconds(t0) }));
    });
}

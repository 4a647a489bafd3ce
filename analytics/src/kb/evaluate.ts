/**
 * Choosing and checking the KB matcher's threshold on data.
 *
 * a) The project's synthetic KB (fixtures/): 40-odd invented claims with
 *    their rebuttals, the posts that spread each claim, and everyday and
 *    same-topic posts that must not match. The threshold is chosen here:
 *    best F1 with precision ≥ 0.95.
 * b) A rumor cascade file (../shared/data/README.md format, e.g. CED), read
 *    by path: the KB is the `train` rumor posts, every `test` post is
 *    matched. A match is right when the test post is a rumor (a known kind of
 *    rumor come back) and wrong when it is not. Only source post texts are
 *    used (no reactions).
 *
 * Run: npx tsx analytics/src/kb/evaluate.ts [--data ../shared/data/rumor/ced.jsonl.gz]
 */
import { pathToFileURL } from 'node:url';
import { debunkClaimInputSchema, type DebunkClaim } from '@fenghuo/shared';
import { keywords as topKeywords, segment, segmenter } from '@fenghuo/shared/text';
import { syntheticClaims } from './fixtures/synthetic-claims';
import { everydayPosts, hardNegatives, unrelatedDebunks } from './fixtures/synthetic-negatives';
import { createKbMatcher, DEFAULT_KB_THRESHOLD } from './matcher';
import { createTextAnalyser } from './claim-text';
import { textLines } from '../eval/datasets';

/** One event run through the matcher, with what it should have matched. */
export interface ScoredQuery {
  /** The claim it should match; null when it should match none. */
  expected: string | null;
  /** The best candidate whatever the threshold (undefined: no candidate at all). */
  predicted: string | undefined;
  similarity: number;
  kind: string;
}

export interface ThresholdPoint {
  threshold: number;
  matches: number;
  correct: number;
  /** correct / matches (1 when nothing matched). */
  precision: number;
  /** correct / events that should match. */
  recall: number;
  f1: number;
}

export interface Calibration {
  threshold: number;
  minPrecision: number;
  /** The point at the chosen threshold. */
  at: ThresholdPoint;
  curve: ThresholdPoint[];
}

/** Thresholds 0.20, 0.21, … 0.95. */
export const THRESHOLD_GRID: readonly number[] = Array.from({ length: 76 }, (_, i) => Math.round((0.2 + i * 0.01) * 100) / 100);

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function thresholdPoint(scored: readonly ScoredQuery[], threshold: number): ThresholdPoint {
  let matches = 0;
  let correct = 0;
  let positives = 0;
  for (const q of scored) {
    if (q.expected !== null) positives++;
    if (q.predicted === undefined || q.similarity < threshold) continue;
    matches++;
    if (q.expected !== null && q.predicted === q.expected) correct++;
  }
  const precision = matches ? correct / matches : 1;
  const recall = positives ? correct / positives : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { threshold, matches, correct, precision: r3(precision), recall: r3(recall), f1: r3(f1) };
}

/**
 * The threshold with the best F1 among those with precision ≥ minPrecision.
 * F1 is flat over a range of thresholds; the middle of the best range is
 * taken, so that the choice sits away from both edges (the fixtures are
 * small, and one post more or less should not move it to a cliff).
 */
export function calibrateKbThreshold(
  scored: readonly ScoredQuery[],
  options: { minPrecision?: number; grid?: readonly number[] } = {},
): Calibration {
  const minPrecision = options.minPrecision ?? 0.95;
  const grid = options.grid ?? THRESHOLD_GRID;
  const curve = grid.map((t) => thresholdPoint(scored, t));
  const ok = curve.filter((p) => p.precision >= minPrecision && p.matches > 0);
  if (ok.length === 0) throw new Error(`no threshold reaches precision ${minPrecision}`);
  const bestF1 = Math.max(...ok.map((p) => p.f1));
  const best = ok.filter((p) => p.f1 === bestF1);
  const at = best[Math.floor((best.length - 1) / 2)]!;
  return { threshold: at.threshold, minPrecision, at, curve };
}

/** The synthetic KB as stored claims (ids are the fixture keys). */
export function syntheticKb(): DebunkClaim[] {
  return syntheticClaims.map((c) => ({ ...debunkClaimInputSchema.parse(c.input), id: c.key, updated_at: 0 }));
}

export interface EvalEvent {
  texts: string[];
  keywords: string[];
  expected: string | null;
  kind: string;
}

let kwAnalyser: ((text: string) => string[]) | undefined;

/** An event's top keywords as the pipeline computes them (jieba TF-IDF over content tokens). */
export function eventKeywords(texts: readonly string[], topK = 12): string[] {
  if (!kwAnalyser) {
    const seg = segmenter();
    kwAnalyser = (text) => segment(text, seg, seg.stopwords).tokens;
  }
  const tokens = texts.flatMap((t) => kwAnalyser!(t));
  return topKeywords(tokens, segmenter(), topK);
}

const single = (text: string, expected: string | null, kind: string): EvalEvent => ({ texts: [text], keywords: eventKeywords([text]), expected, kind });

/**
 * A rebuttal as people pass it on: its opening sentences under a comment.
 * Not the whole text, which would match its stored copy trivially.
 */
export function rebuttalRepost(rebuttal: string): string {
  const sentences = rebuttal.split(/(?<=。)/).slice(0, 2).join('');
  return `转发辟谣：${sentences}`;
}

/** Every synthetic event: one post each (the hardest case: no other mentions to lean on). */
export function syntheticEvents(): EvalEvent[] {
  const out: EvalEvent[] = [];
  for (const c of syntheticClaims) {
    for (const p of c.paraphrases) out.push(single(p, c.key, 'paraphrase'));
    out.push(single(rebuttalRepost(c.input.rebuttal), c.key, 'rebuttal'));
  }
  for (const t of everydayPosts) out.push(single(t, null, 'everyday'));
  for (const h of hardNegatives) out.push(single(h.text, null, 'hard-negative'));
  for (const t of unrelatedDebunks) out.push(single(t, null, 'unrelated-debunk'));
  return out;
}

export function scoreEvents(matcher: ReturnType<typeof createKbMatcher>, events: readonly EvalEvent[]): ScoredQuery[] {
  return events.map((e) => {
    const top = matcher.explain(e.texts, e.keywords, 1)[0];
    return { expected: e.expected, predicted: top?.claim_id, similarity: top?.similarity ?? 0, kind: e.kind };
  });
}

interface PostHead {
  id?: unknown;
  label?: unknown;
  split?: unknown;
  post?: { text?: unknown; time?: unknown };
}

function headOf(json: string): PostHead | undefined {
  try {
    return JSON.parse(json) as PostHead;
  } catch {
    return undefined;
  }
}

/** Source posts of a cascade file (JSON lines, gzip or plain), without parsing the reactions. */
export async function readCascadePosts(file: string): Promise<{ id: string; label?: string; split?: string; text: string; time?: string }[]> {
  const out: { id: string; label?: string; split?: string; text: string; time?: string }[] = [];
  let line = 0;
  for await (const text of textLines(file)) {
    line++;
    if (!text.trim()) continue;
    // The reactions are most of each line; when they come last, skip them unparsed.
    const cut = text.lastIndexOf(',"reactions":');
    let c = cut > 0 ? headOf(`${text.slice(0, cut)}}`) : undefined;
    if (!c?.post) {
      try {
        c = JSON.parse(text) as PostHead;
      } catch (error) {
        throw new Error(`${file}:${line}: not JSON: ${(error as Error).message}`);
      }
    }
    if (!c || typeof c !== 'object' || !c.post || typeof c.post.text !== 'string') throw new Error(`${file}:${line}: not a cascade (needs post.text)`);
    out.push({
      id: typeof c.id === 'string' ? c.id : `line-${line}`,
      text: c.post.text,
      ...(typeof c.label === 'string' ? { label: c.label } : {}),
      ...(typeof c.split === 'string' ? { split: c.split } : {}),
      ...(typeof c.post.time === 'string' ? { time: c.post.time } : {}),
    });
  }
  return out;
}

export interface CascadePoint {
  threshold: number;
  matches: number;
  /** Matches of test posts that are rumors. */
  rumor_matches: number;
  /** rumor_matches / matches (1 when nothing matched). */
  precision: number;
  /** Share of test rumors matched to some train rumor. */
  rumor_coverage: number;
  /** Share of test non-rumors matched (false matches). */
  non_rumor_matched: number;
}

export interface CascadeEval {
  file: string;
  kb_claims: number;
  test_posts: number;
  test_rumors: number;
  test_non_rumors: number;
  at_default: CascadePoint;
  curve: CascadePoint[];
  seconds: { index: number; match: number };
}

export interface KbEvalResult {
  default_threshold: number;
  synthetic: {
    claims: number;
    events: number;
    positives: number;
    negatives: number;
    calibration: Calibration;
    at_default: ThresholdPoint;
    /** At the chosen threshold, by kind of event: how many, and how many matched (rightly for positives). */
    by_kind: Record<string, { events: number; matched: number; correct: number }>;
  };
  cascades?: CascadeEval;
}

function cascadePoint(rows: readonly { rumor: boolean; similarity: number }[], threshold: number, rumors: number, nonRumors: number): CascadePoint {
  let matches = 0;
  let rumorMatches = 0;
  for (const r of rows) {
    if (r.similarity < threshold) continue;
    matches++;
    if (r.rumor) rumorMatches++;
  }
  return {
    threshold,
    matches,
    rumor_matches: rumorMatches,
    precision: r3(matches ? rumorMatches / matches : 1),
    rumor_coverage: r3(rumors ? rumorMatches / rumors : 0),
    non_rumor_matched: r3(nonRumors ? (matches - rumorMatches) / nonRumors : 0),
  };
}

/** Train rumors as the KB, every test post matched (see the file comment). */
export async function evaluateCascades(file: string, grid: readonly number[] = THRESHOLD_GRID, threshold = DEFAULT_KB_THRESHOLD): Promise<CascadeEval> {
  const posts = await readCascadePosts(file);
  const train = posts.filter((p) => p.split === 'train' && p.label === 'rumor');
  const test = posts.filter((p) => p.split === 'test' && (p.label === 'rumor' || p.label === 'non-rumor'));
  if (train.length === 0 || test.length === 0) throw new Error(`${file}: needs train rumors and labelled test posts (found ${train.length} and ${test.length})`);
  const t0 = performance.now();
  const claims: DebunkClaim[] = train.map((p) => ({
    id: p.id,
    claim: p.text,
    // Placeholders: the file holds no rebuttals.
    rebuttal: '（评估用占位）',
    source: 'evaluation',
    date: (p.time ?? '1970-01-01').slice(0, 10),
    keywords: [],
    updated_at: 0,
  }));
  const matcher = createKbMatcher(claims, { analyser: createTextAnalyser() });
  const t1 = performance.now();
  const rows = test.map((p) => ({ rumor: p.label === 'rumor', similarity: matcher.explain([p.text], eventKeywords([p.text]), 1)[0]?.similarity ?? 0 }));
  const t2 = performance.now();
  const rumors = test.filter((p) => p.label === 'rumor').length;
  const nonRumors = test.length - rumors;
  return {
    file,
    kb_claims: claims.length,
    test_posts: test.length,
    test_rumors: rumors,
    test_non_rumors: nonRumors,
    at_default: cascadePoint(rows, threshold, rumors, nonRumors),
    curve: grid.map((t) => cascadePoint(rows, t, rumors, nonRumors)),
    seconds: { index: r3((t1 - t0) / 1000), match: r3((t2 - t1) / 1000) },
  };
}

export async function evaluateKb(options: { data?: string; grid?: readonly number[] } = {}): Promise<KbEvalResult> {
  const grid = options.grid ?? THRESHOLD_GRID;
  const matcher = createKbMatcher(syntheticKb());
  const events = syntheticEvents();
  const scored = scoreEvents(matcher, events);
  const calibration = calibrateKbThreshold(scored, { grid });
  const byKind: KbEvalResult['synthetic']['by_kind'] = {};
  for (const q of scored) {
    const k = (byKind[q.kind] ??= { events: 0, matched: 0, correct: 0 });
    k.events++;
    if (q.predicted !== undefined && q.similarity >= calibration.threshold) {
      k.matched++;
      if (q.predicted === q.expected) k.correct++;
    }
  }
  const result: KbEvalResult = {
    default_threshold: DEFAULT_KB_THRESHOLD,
    synthetic: {
      claims: matcher.size,
      events: events.length,
      positives: events.filter((e) => e.expected !== null).length,
      negatives: events.filter((e) => e.expected === null).length,
      calibration,
      at_default: thresholdPoint(scored, DEFAULT_KB_THRESHOLD),
      by_kind: byKind,
    },
  };
  if (options.data) result.cascades = await evaluateCascades(options.data, grid);
  return result;
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const eq = args.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const data = argValue(process.argv.slice(2), '--data');
  const result = await evaluateKb(data ? { data } : {});
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

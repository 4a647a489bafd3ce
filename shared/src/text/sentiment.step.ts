import type { Modifier } from './lexicon/load-lexicons';

export type SentimentLabel = 'positive' | 'negative' | 'neutral';

export interface Sentiment {
  score: number;
  label: SentimentLabel;
}

export interface SentimentLexicon {
  words: Map<string, number>;
  modifiers: Map<string, Modifier>;
}

const SENTENCE_END = /^[。！？!?；;\n…]+$/;
const LOOKBACK = 3;
export const SENTIMENT_THRESHOLD = 0.2;
/** Intensifiers that follow the word they strengthen: 糟糕透顶, 好极了. */
const POST_INTENSIFIERS = new Set(['透顶', '至极', '要命', '不得了', '极了', '死了', '爆了']);

/**
 * A word's weight. jieba often keeps a modifier and its word as one token
 * (不好, 没用, 好惨, 太棒): score those as the modifier applied to the word.
 */
const compoundCache = new WeakMap<SentimentLexicon, Map<string, number | null>>();

function weightOf(token: string, lex: SentimentLexicon): number | undefined {
  const w = lex.words.get(token);
  if (w !== undefined) return w;
  let cache = compoundCache.get(lex);
  if (!cache) compoundCache.set(lex, (cache = new Map()));
  const hit = cache.get(token);
  if (hit !== undefined) return hit ?? undefined;
  if (cache.size > 100_000) cache.clear();
  const computed = compoundWeight(token, lex);
  cache.set(token, computed ?? null);
  return computed;
}

function compoundWeight(token: string, lex: SentimentLexicon): number | undefined {
  for (let len = Math.min(2, token.length - 1); len >= 1; len--) {
    const rest = lex.words.get(token.slice(len));
    if (rest === undefined) continue;
    const mod = lex.modifiers.get(token.slice(0, len));
    if (mod?.type === 'negation' || mod?.type === 'intensifier') return rest * mod.value;
  }
  return undefined;
}

/**
 * Baseline lexicon scorer: word weights, flipped or scaled by a negation or
 * intensifier up to three tokens before them in the same clause; after a
 * contrast word (但是…) the clause counts more and what came before less;
 * a question weakens the sentence. Emoticons count like words.
 * The result is squashed to (-1, 1).
 */
export function sentiment(tokens: readonly string[], emoticons: readonly string[], lex: SentimentLexicon): Sentiment {
  let total = 0;
  let sentence = 0;
  let clauseWeight = 1;
  let questioned = false;
  let lastContribution = 0;

  const closeSentence = () => {
    total += questioned ? sentence * 0.5 : sentence;
    sentence = 0;
    clauseWeight = 1;
    questioned = false;
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (SENTENCE_END.test(t)) {
      if (t.includes('?') || t.includes('？')) questioned = true;
      closeSentence();
      continue;
    }
    const mod = lex.modifiers.get(t);
    if (mod?.type === 'contrast') {
      sentence *= 0.5;
      clauseWeight = mod.value;
      continue;
    }
    if (mod?.type === 'question') {
      questioned = true;
      continue;
    }
    if (POST_INTENSIFIERS.has(t) && mod?.type === 'intensifier') {
      sentence += lastContribution * (mod.value - 1);
      lastContribution = 0;
      continue;
    }
    const w = weightOf(t, lex);
    if (w === undefined) continue;
    // 好 is a word (好!) and an intensifier (好开心): before another sentiment word it only intensifies.
    if (mod?.type === 'intensifier') {
      const next = tokens[i + 1] ?? '';
      const after = tokens[i + 2] ?? '';
      if (weightOf(next, lex) !== undefined || weightOf(after, lex) !== undefined) continue;
    }
    let factor = 1;
    for (let j = i - 1; j >= 0 && j >= i - LOOKBACK; j--) {
      const prev = tokens[j]!;
      if (SENTENCE_END.test(prev) || prev === '，' || prev === ',') break;
      const m = lex.modifiers.get(prev);
      if (!m) continue;
      if (m.type === 'negation') factor *= m.value;
      else if (m.type === 'intensifier') factor *= m.value;
    }
    lastContribution = w * factor * clauseWeight;
    sentence += lastContribution;
  }
  closeSentence();
  for (const e of emoticons) total += lex.words.get(e) ?? 0;

  const score = Math.tanh(total / 2);
  // Never quite certain: keep the score inside (-1, 1) after rounding.
  const rounded = Math.max(-0.999, Math.min(0.999, Math.round(score * 1000) / 1000));
  const label: SentimentLabel =
    rounded >= SENTIMENT_THRESHOLD ? 'positive' : rounded <= -SENTIMENT_THRESHOLD ? 'negative' : 'neutral';
  return { score: rounded, label };
}

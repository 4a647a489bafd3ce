import type { Modifier } from '../lexicon/load-lexicons';

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
    const w = lex.words.get(t);
    if (w === undefined) continue;
    let factor = 1;
    for (let j = i - 1; j >= 0 && j >= i - LOOKBACK; j--) {
      const prev = tokens[j]!;
      if (SENTENCE_END.test(prev) || prev === '，' || prev === ',') break;
      const m = lex.modifiers.get(prev);
      if (!m) continue;
      if (m.type === 'negation') factor *= m.value;
      else if (m.type === 'intensifier') factor *= m.value;
    }
    sentence += w * factor * clauseWeight;
  }
  closeSentence();
  for (const e of emoticons) total += lex.words.get(e) ?? 0;

  const score = Math.tanh(total / 2);
  const rounded = Math.round(score * 1000) / 1000;
  const label: SentimentLabel =
    rounded >= SENTIMENT_THRESHOLD ? 'positive' : rounded <= -SENTIMENT_THRESHOLD ? 'negative' : 'neutral';
  return { score: rounded, label };
}

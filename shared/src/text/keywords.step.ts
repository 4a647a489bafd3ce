import type { Segmenter } from './segmenter';

export const KEYWORDS_PER_MENTION = 8;

/**
 * TF-IDF over the mention's content tokens, with jieba's IDF table (the median
 * for words it does not know, as jieba does). Hashtags rank first: they are
 * what people name the topic.
 */
export function keywords(tokens: readonly string[], seg: Pick<Segmenter, 'idf'>, topK = KEYWORDS_PER_MENTION): string[] {
  if (tokens.length === 0) return [];
  // Distinct words in first-seen order with their summed weight (tf × idf).
  const words: string[] = [];
  const weights: number[] = [];
  for (const t of tokens) {
    const i = words.indexOf(t);
    const idf = t.charCodeAt(0) === 35 /* # */ ? 100 : seg.idf(t);
    if (i >= 0) weights[i]! += idf;
    else {
      words.push(t);
      weights.push(idf);
    }
  }
  const order = words.map((_, i) => i);
  // Stable: equal weights keep first-seen order.
  order.sort((a, b) => weights[b]! - weights[a]! || a - b);
  const out: string[] = [];
  for (let k = 0; k < order.length && k < topK; k++) out.push(words[order[k]!]!);
  return out;
}

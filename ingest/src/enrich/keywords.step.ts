import type { Segmenter } from './segmenter';

export const KEYWORDS_PER_MENTION = 8;

/**
 * TF-IDF over the mention's content tokens, with jieba's IDF table (the median
 * for words it does not know, as jieba does). Hashtags rank first: they are
 * what people name the topic.
 */
export function keywords(tokens: readonly string[], seg: Segmenter, topK = KEYWORDS_PER_MENTION): string[] {
  if (tokens.length === 0) return [];
  const tf = new Map<string, number>();
  for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
  const scored: { word: string; weight: number; order: number }[] = [];
  let order = 0;
  for (const [word, n] of tf) {
    const idf = word.startsWith('#') ? 100 : seg.idf(word);
    scored.push({ word, weight: n * idf, order: order++ });
  }
  scored.sort((a, b) => b.weight - a.weight || a.order - b.order);
  return scored.slice(0, topK).map((s) => s.word);
}

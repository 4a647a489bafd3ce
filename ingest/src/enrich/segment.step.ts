import { toAnalysisText } from './analysis-text';
import type { Segmenter } from './segmenter';

export interface Segmentation {
  /** Every token jieba produced, in order (sentiment needs 不, 很, punctuation). */
  all: string[];
  /** Content tokens: no stopwords or modifiers (不是, 非常), punctuation, numbers or single characters; hashtags added whole. */
  tokens: string[];
  emoticons: string[];
}

const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const ONLY_DIGITS = /^[\d.,%]+$/;

export function segment(text: string, seg: Pick<Segmenter, 'cut'>, skip: ReadonlySet<string>): Segmentation {
  const analysis = toAnalysisText(text);
  const all = seg.cut(analysis.body);
  const tokens: string[] = [];
  for (const raw of all) {
    const t = raw.trim();
    if (t.length < 2) continue;
    if (!HAS_WORD_CHAR.test(t) || ONLY_DIGITS.test(t)) continue;
    if (skip.has(t)) continue;
    tokens.push(t);
  }
  for (const tag of analysis.hashtags) tokens.push(`#${tag}#`);
  return { all, tokens, emoticons: analysis.emoticons };
}

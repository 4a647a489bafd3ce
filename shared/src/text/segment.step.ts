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

/** A token worth keeping: two or more characters, with a letter, not just a number. */
function isContent(t: string): boolean {
  if (t.length < 2) return false;
  const c = t.charCodeAt(0);
  // Fast path: most tokens start with a CJK ideograph.
  if (c >= 0x4e00 && c <= 0x9fff) return true;
  if (c <= 0x20) return t.trim().length >= 2 && isContent(t.trim());
  return HAS_WORD_CHAR.test(t) && !ONLY_DIGITS.test(t);
}

export function segment(text: string, seg: Pick<Segmenter, 'cut'>, skip: ReadonlySet<string>): Segmentation {
  const analysis = toAnalysisText(text);
  const all = seg.cut(analysis.body);
  const tokens: string[] = [];
  for (const t of all) {
    if (!isContent(t) || skip.has(t)) continue;
    tokens.push(t);
  }
  for (const tag of analysis.hashtags) tokens.push(`#${tag}#`);
  return { all, tokens, emoticons: analysis.emoticons };
}

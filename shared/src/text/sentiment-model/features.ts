import { FeatureBuilder, charNgrams, type SparseVector } from '../../ml/sparse';
import { toAnalysisText } from '../analysis-text';
import { loadSentimentLexicon, loadSentimentModifiers } from '../lexicon/load-lexicons';
import { segmenter, type Segmenter } from '../segmenter';
import { sentiment, type SentimentLexicon } from '../sentiment.step';

/**
 * Text → hashed sparse features for the trained sentiment model. Feature
 * groups (each can be switched off for ablations):
 *
 * - `chars`: character 1..n-grams of the cleaned text (bag, √-normalised)
 * - `words`: jieba words, and `wordBigrams`: adjacent word pairs
 * - `negation`: words within three tokens after a negator (不, 没, 别 …) in
 *   the same clause, as `NOT_word`
 * - `emoticons`: Weibo bracket emoticons ([泪], [赞]) and emoji
 * - `lexicon`: the project's hand-written lexicon scorer (score, label) and
 *   counts of its positive and negative words as features, so the model can
 *   lean on domain-independent knowledge where its training words run out
 * - `punctuation`: ！ ？ … ~ and repeated-punctuation cues
 * - `length`: length bins
 *
 * Everything is a pure function of the text, the options and the project's
 * dictionaries and lexicons: the same text gives the same vector in every
 * process (a model should be retrained when the lexicon files change).
 */

export interface SentimentFeatureOptions {
  /** Hash space: 2^bits slots per class. */
  bits: number;
  /** Largest character n-gram (0 turns character n-grams off). */
  charNgrams: number;
  words: boolean;
  wordBigrams: boolean;
  negation: boolean;
  emoticons: boolean;
  lexicon: boolean;
  punctuation: boolean;
  length: boolean;
  /** Multiplier per feature group (default 1): how loud a group is next to the others. */
  scale?: Partial<Record<FeatureGroup, number>>;
}

export type FeatureGroup = 'chars' | 'words' | 'wordBigrams' | 'negation' | 'emoticons' | 'lexicon' | 'punctuation' | 'length';

export const DEFAULT_FEATURE_OPTIONS: Readonly<SentimentFeatureOptions> = Object.freeze({
  bits: 18,
  charNgrams: 3,
  words: true,
  wordBigrams: true,
  negation: true,
  emoticons: true,
  lexicon: true,
  punctuation: true,
  length: true,
});

export interface FeatureContext {
  seg: Pick<Segmenter, 'cut'>;
  lexicon: SentimentLexicon;
  negators: ReadonlySet<string>;
}

let defaultContext: FeatureContext | undefined;

/** The segmenter and the project's lexicons, loaded once per process. */
export function featureContext(): FeatureContext {
  if (defaultContext) return defaultContext;
  const lexicon: SentimentLexicon = { words: loadSentimentLexicon(), modifiers: loadSentimentModifiers() };
  const negators = new Set<string>();
  for (const [w, m] of lexicon.modifiers) if (m.type === 'negation') negators.add(w);
  defaultContext = { seg: segmenter(), lexicon, negators };
  return defaultContext;
}

/** Longest text looked at: a few thousand characters say everything a sentiment label needs. */
export const MAX_TEXT_CHARS = 2000;

const MENTION_RE = /(?:回复)?@[\p{L}\p{N}_\-·]{1,30}\s*[:：]?/gu;
const REPOST_SEP_RE = /\/\//g;
const SPACE_RE = /\s+/g;
const CLAUSE_END = /^[，,。！？!?；;：:\n…~～、]+$/;
const PUNCT_ONLY = /^[\p{P}\p{S}\s]+$/u;
/** Emoji carry sentiment on Weibo as well (bracket emoticons are lifted by toAnalysisText). */
const EMOJI_RE = /\p{Extended_Pictographic}/gu;

export interface ParsedText {
  /** Cleaned text (no links, @names, emoticons; width folded, lower case). */
  body: string;
  /** Every jieba token of the body, in order, whitespace dropped. */
  all: string[];
  emoticons: string[];
  emoji: string[];
}

/** Cleans and segments a text once; the features are computed from this. */
export function parseText(text: string, ctx: FeatureContext = featureContext()): ParsedText {
  const raw = text.length > MAX_TEXT_CHARS ? text.slice(0, MAX_TEXT_CHARS) : text;
  const a = toAnalysisText(raw);
  const emoji = a.body.match(EMOJI_RE) ?? [];
  const body = a.body.replace(MENTION_RE, ' ').replace(REPOST_SEP_RE, ' ').replace(EMOJI_RE, ' ').replace(SPACE_RE, ' ').trim();
  const all = body ? ctx.seg.cut(body).filter((t) => t.trim() !== '') : [];
  return { body, all, emoticons: a.emoticons, emoji };
}

const bin = (x: number, edges: readonly number[]): number => {
  let i = 0;
  while (i < edges.length && x >= edges[i]!) i++;
  return i;
};

/** Adds the features of one parsed text to a builder. */
export function addFeatures(fb: FeatureBuilder, p: ParsedText, o: SentimentFeatureOptions, ctx: FeatureContext = featureContext()): void {
  const sc = (g: FeatureGroup) => o.scale?.[g] ?? 1;
  fb.add('BIAS', 1);
  if (o.charNgrams > 0) {
    const compact = p.body.replace(SPACE_RE, '');
    fb.addBag('c:', charNgrams(compact, o.charNgrams), sc('chars'));
  }
  const words = p.all.filter((t) => !PUNCT_ONLY.test(t));
  if (o.words) fb.addBag('w:', words, sc('words'));
  if (o.wordBigrams && words.length > 1) {
    const bigrams: string[] = [];
    for (let i = 0; i + 1 < words.length; i++) bigrams.push(`${words[i]}_${words[i + 1]}`);
    fb.addBag('b:', bigrams, sc('wordBigrams'));
  }
  if (o.negation) {
    const scoped: string[] = [];
    let left = 0;
    for (const t of p.all) {
      if (CLAUSE_END.test(t)) {
        left = 0;
        continue;
      }
      const isNeg = ctx.negators.has(t) || (t.length > 1 && ctx.negators.has(t[0]!) && ctx.lexicon.words.has(t.slice(1)));
      if (left > 0 && !PUNCT_ONLY.test(t)) {
        scoped.push(t);
        left--;
      }
      if (isNeg) {
        left = 3;
        // jieba keeps 不好, 没用 whole: the negated word is inside the token.
        if (t.length > 1 && !ctx.negators.has(t)) scoped.push(t.slice(1));
      }
    }
    fb.addBag('NOT_', scoped, sc('negation'));
  }
  if (o.emoticons) {
    const k = sc('emoticons');
    fb.addBag('e:', p.emoticons, k);
    fb.addBag('j:', p.emoji, k);
    if (p.emoticons.length + p.emoji.length > 0) fb.add('HAS_EMO', k);
  }
  if (o.lexicon) {
    const lex = ctx.lexicon;
    const k = sc('lexicon');
    const s = sentiment(p.all, p.emoticons, lex);
    fb.add(`LEX_LABEL:${s.label}`, k);
    fb.add('LEX_POS', k * Math.max(0, s.score));
    fb.add('LEX_NEG', k * Math.max(0, -s.score));
    fb.add(`LEX_BIN:${Math.round(s.score * 4)}`, k);
    let pos = 0;
    let neg = 0;
    for (const t of p.all) {
      const w = lex.words.get(t);
      if (w === undefined) continue;
      if (w > 0) pos += w;
      else neg -= w;
    }
    for (const e of p.emoticons) {
      const w = lex.words.get(e);
      if (w === undefined) continue;
      if (w > 0) pos += w;
      else neg -= w;
    }
    fb.add(`LEX_NPOS:${bin(pos, [0.5, 1.5, 3, 5])}`, k);
    fb.add(`LEX_NNEG:${bin(neg, [0.5, 1.5, 3, 5])}`, k);
    if (pos === 0 && neg === 0) fb.add('LEX_NONE', k);
  }
  if (o.punctuation) {
    const b = p.body;
    const k = sc('punctuation');
    const count = (re: RegExp) => (b.match(re) ?? []).length;
    const excl = count(/!/g);
    const quest = count(/\?/g);
    const ellipsis = count(/…|\.{3,}|。{2,}/g);
    const tilde = count(/[~～]/g);
    if (excl) fb.add(`P_EXCL:${bin(excl, [2, 4])}`, k);
    if (quest) fb.add(`P_QUEST:${bin(quest, [2, 4])}`, k);
    if (ellipsis) fb.add('P_ELLIPSIS', k);
    if (tilde) fb.add('P_TILDE', k);
    if (/[!?]{2,}/.test(b)) fb.add('P_REPEAT', k);
    if (/[!?！？]\s*$/.test(b)) fb.add('P_END_MARK', k);
  }
  if (o.length) {
    const n = p.body.replace(SPACE_RE, '').length;
    fb.add(`LEN:${bin(n, [5, 10, 20, 40, 80, 140])}`, sc('length'));
  }
}

/** Text → hashed sparse vector. */
export function sentimentFeatures(text: string, options: Partial<SentimentFeatureOptions> = {}, ctx: FeatureContext = featureContext()): SparseVector {
  const o: SentimentFeatureOptions = { ...DEFAULT_FEATURE_OPTIONS, ...options };
  const fb = new FeatureBuilder(o.bits);
  addFeatures(fb, parseText(text, ctx), o, ctx);
  return fb.build();
}

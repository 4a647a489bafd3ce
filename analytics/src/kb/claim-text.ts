/**
 * The text features the debunk matcher compares: cue-free text, IDF-weighted
 * content words, IDF-weighted character bigrams and a SimHash.
 *
 * Hearsay, urgency and debunk wording (网传, 紧急扩散, 经核实…不实) is cut out
 * on both sides before anything is compared: it says how a claim is being
 * passed on or denied, not what it claims, and it is shared by every rumor
 * and every rebuttal. Left in, it would let a stored rebuttal's "不实, 系谣言"
 * (or a claim typed as "网传…") match any other debunk.
 */
import { foldWidth, gazetteer, segmenter, simhash, toAnalysisText, type Segmenter } from '@fenghuo/shared/text';
import {
  DEBUNK_REPLY_CUES,
  HEARSAY_CUES,
  POST_DEBUNK_CUES,
  SKEPTICAL_REPLY_CUES,
  URGENCY_CUES,
} from '../rumor/cues';

/** How official rebuttals frame a claim; not part of any claim. */
const REBUTTAL_BOILERPLATE: readonly string[] = [
  '经核实', '经核查', '经查', '经调查', '核实', '核查', '情况说明', '情况通报', '说明如下', '澄清如下', '现澄清',
  '系谣言', '系编造', '系伪造', '不信谣', '不传谣', '不造谣', '与事实不符', '不符合事实', '没有科学依据', '不科学',
  '依法查处', '依法处理', '依法', '查处', '编造', '散布', '散播', '捏造', '网民', '近日', '近期', '日前', '网上流传',
  '流传', '的说法', '说法', '的消息', '的信息', '以官方发布为准', '官方发布', '官方渠道', '广大市民', '请市民',
  '老谣言',
];

/** Place names weigh this much of their IDF: the same rumor is recycled with other cities in it. */
const PLACE_FACTOR = 0.3;
/** Numbers (12点, 50万, 3块) vary between retellings of one claim. */
const NUMBER_WEIGHT = 2;
/** Curated keywords weigh this many times an unknown word's IDF (or their own, if higher). */
const CURATED_FACTOR = 2;
/** Weight of a stopword (的, 了, 大家) in a bigram: it carries almost nothing. */
const STOPWORD_WEIGHT = 0.5;
/** A bigram across a word boundary weighs this share of its lighter word: adjacency, not a word. */
const BOUNDARY_FACTOR = 0.5;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let stripRe: RegExp | undefined;
function cueStripper(): RegExp {
  if (stripRe) return stripRe;
  const phrases = new Set<string>();
  for (const list of [HEARSAY_CUES, URGENCY_CUES, POST_DEBUNK_CUES, DEBUNK_REPLY_CUES, SKEPTICAL_REPLY_CUES, REBUTTAL_BOILERPLATE]) {
    for (const p of list) {
      const n = foldWidth(p).toLowerCase().trim();
      // Bracket emoticons are removed by toAnalysisText already.
      if (n && !n.startsWith('[')) phrases.add(n);
    }
  }
  // Longest first, so 已经辟谣 goes whole rather than leaving 已经.
  const sorted = [...phrases].sort((a, b) => b.length - a.length);
  stripRe = new RegExp(sorted.map(escapeRe).join('|'), 'g');
  return stripRe;
}

/** Width-folded, lower-cased text without links, emoticons or the @names of repost chains. */
export function plainText(text: string): string {
  // Hashtags stay in the body (#自来水#): their words are the topic.
  const { body } = toAnalysisText(text);
  // `//@name:` repost chains and @mentions name people, not the claim.
  // A bare @name is cut only when something ends it: Chinese runs on without spaces (@张三看看自来水…).
  return body.replace(/\/\/@[^:：\s]{1,30}[:：]?/g, ' ').replace(/@[^\s:：,，。!！?？@]{1,20}(?=[\s:：,，。!！?？@]|$)/g, ' ');
}

/** plainText without cue wording: what is compared. */
export function cleanText(text: string): string {
  return plainText(text).replace(cueStripper(), ' ');
}

/** A character that can be part of a bigram: CJK ideographs, Latin letters and digits. */
function isWordChar(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
}

/** Two UTF-16 units as one number: cheaper map keys than strings. */
const bigramKey = (a: number, b: number) => a * 65536 + b;

/** The set of character bigrams of a cleaned text (none across punctuation or spaces). */
export function charBigrams(clean: string): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i + 1 < clean.length; i++) {
    const a = clean.charCodeAt(i);
    const b = clean.charCodeAt(i + 1);
    if (isWordChar(a) && isWordChar(b)) out.add(bigramKey(a, b));
  }
  return out;
}

const ONLY_NUMBER = /^[\d.,%]+[万千百亿元块点号级个岁吨升米斤]?$/;
const HAS_LETTER = /[\p{L}]/u;

export interface TextFeatures {
  /** The text with cue wording cut out (tokens and bigrams come from it). */
  clean: string;
  /**
   * The text with cue wording kept: curated keywords are looked up here, as
   * a curator may choose words that contain a cue (别喝 in 千万别喝).
   */
  plain: string;
  /** Content words (two characters or more, not stopwords or numbers), distinct. */
  tokens: string[];
  bigrams: Set<number>;
  /** SimHash of the content words; undefined when there are too few to be meaningful. */
  simhash: bigint | undefined;
}

/** Fewer content words than this and two texts' SimHashes agree by chance. */
export const SIMHASH_MIN_TOKENS = 6;

export interface WeightedFeatures extends TextFeatures {
  /** Content words with their weights (IDF, places and numbers discounted). */
  words: Map<string, number>;
  /** Bigram → weight (its word's weight spread over the word's bigrams; less across word boundaries). */
  weightedBigrams: Map<number, number>;
  wordMass: number;
  bigramMass: number;
}

export interface TextAnalyser {
  /** Features of a text to be matched (a post). */
  features(text: string): TextFeatures;
  /**
   * Features of a text to be indexed (a claim), with weights. Curated
   * keywords weigh more; those the text lacks are added unless `addMissing`
   * is false (a restatement is weighed by the claim's keywords it contains).
   */
  weighted(text: string, extraKeywords?: readonly string[], addMissing?: boolean): WeightedFeatures;
  isPlace(token: string): boolean;
}

export function createTextAnalyser(seg: Segmenter = segmenter()): TextAnalyser {
  const places = gazetteer().byName;
  const isPlace = (t: string) => places.has(t);
  // jieba gives a word it does not know the median IDF.
  const unknownIdf = seg.idf('\u0000');
  const isContent = (t: string) => t.length >= 2 && HAS_LETTER.test(t) && !ONLY_NUMBER.test(t) && !seg.stopwords.has(t);
  const tokenWeight = (t: string): number => {
    if (seg.stopwords.has(t)) return STOPWORD_WEIGHT;
    if (ONLY_NUMBER.test(t) || !HAS_LETTER.test(t)) return NUMBER_WEIGHT;
    const idf = seg.idf(t);
    return isPlace(t) ? idf * PLACE_FACTOR : idf;
  };

  function base(text: string): { plain: string; clean: string; pieces: string[]; tokens: string[] } {
    const plain = plainText(text);
    const clean = plain.replace(cueStripper(), ' ');
    const pieces = seg.cut(clean);
    const tokens: string[] = [];
    const seen = new Set<string>();
    for (const p of pieces) {
      const t = p.trim();
      if (!isContent(t) || seen.has(t)) continue;
      seen.add(t);
      tokens.push(t);
    }
    return { plain, clean, pieces, tokens };
  }

  const hash = (tokens: string[]) => (tokens.length >= SIMHASH_MIN_TOKENS ? BigInt(simhash(tokens, seg)) : undefined);

  return {
    isPlace,
    features(text) {
      const { plain, clean, tokens } = base(text);
      return { plain, clean, tokens, bigrams: charBigrams(clean), simhash: hash(tokens) };
    },
    weighted(text, extraKeywords = [], addMissing = true) {
      const { plain, clean, pieces, tokens } = base(text);
      const words = new Map<string, number>();
      for (const t of tokens) words.set(t, tokenWeight(t));
      for (const k of extraKeywords) {
        const t = foldWidth(k).toLowerCase().trim();
        if (!t || (!addMissing && !plain.includes(t))) continue;
        // Someone chose these words as what identifies the claim; the rest of its text is partly context (爆炸后…).
        words.set(t, CURATED_FACTOR * Math.max(words.get(t) ?? tokenWeight(t), unknownIdf));
      }
      // Each character's word, to weigh bigrams by the word they sit in.
      const charWeight: number[] = [];
      const charWord: number[] = [];
      pieces.forEach((p, wi) => {
        // A word weighs its IDF in total however many bigrams it spans: 社区卫生服务中心 is one word, not seven.
        const w = tokenWeight(p.trim()) / Math.max(1, p.length - 1);
        for (let k = 0; k < p.length; k++) {
          charWeight.push(w);
          charWord.push(wi);
        }
      });
      const weightedBigrams = new Map<number, number>();
      const joined = pieces.join('');
      for (let i = 0; i + 1 < joined.length; i++) {
        const a = joined.charCodeAt(i);
        const b = joined.charCodeAt(i + 1);
        if (!isWordChar(a) || !isWordChar(b)) continue;
        const w = charWord[i] === charWord[i + 1] ? charWeight[i]! : BOUNDARY_FACTOR * Math.min(charWeight[i]!, charWeight[i + 1]!);
        const key = bigramKey(a, b);
        weightedBigrams.set(key, Math.max(weightedBigrams.get(key) ?? 0, w));
      }
      let wordMass = 0;
      for (const w of words.values()) wordMass += w;
      let bigramMass = 0;
      for (const w of weightedBigrams.values()) bigramMass += w;
      return { plain, clean, tokens, bigrams: new Set(weightedBigrams.keys()), simhash: hash(tokens), words, weightedBigrams, wordMass, bigramMass };
    },
  };
}

const QUOTED = /[“"「『]([^”"」』“]{4,160})[”"」』]/g;

/**
 * The claim as a rebuttal restates it: the quoted passages (网传“…”不实).
 * Rebuttals quote the rumor in the words that spread, which are often closer
 * to what people post than the claim an editor typed into the KB.
 */
export function restatedClaims(rebuttal: string): string[] {
  const out: string[] = [];
  for (const m of foldWidth(rebuttal).matchAll(QUOTED)) {
    const q = m[1]!.trim();
    if (q && !out.includes(q)) out.push(q);
  }
  return out;
}

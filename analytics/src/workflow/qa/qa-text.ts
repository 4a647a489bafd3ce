/**
 * The terms the Q&A library is searched by: jieba words (the project's one
 * segmenter), folded onto one canonical form per meaning, plus the known
 * words inside long words.
 *
 * Citizens and the library word the same question differently: 社保卡丢了怎么
 * 补办 is 社会保障卡遗失如何补办 in an official answer. The synonym table below
 * folds common government-service wording onto one form, on both sides, so
 * the two share 社保卡, 遗失 and 补办. It is small on purpose: a pair belongs
 * here only if a citizen would use either word for the same service.
 */
import { segmenter, toAnalysisText, type Segmenter } from '@fenghuo/shared/text';

/** Canonical form first, then the ways people say it. */
export const QA_SYNONYMS: readonly (readonly string[])[] = [
  ['社保卡', '社会保障卡', '社保ic卡'],
  ['社保', '社会保险'],
  ['医保', '医疗保险'],
  ['医保卡', '医疗保险卡'],
  ['公积金', '住房公积金'],
  ['户口', '户籍'],
  ['身份证', '居民身份证', '二代身份证'],
  ['驾驶证', '驾照', '驾驶执照', '机动车驾驶证'],
  ['不动产权证', '不动产权证书', '不动产证', '房产证', '房本', '产权证', '房屋所有权证'],
  ['12345', '12345热线', '市民热线', '市长热线', '政务热线', '便民热线', '政务服务热线', '政务服务便民热线'],
  ['养老金', '退休金', '退休工资', '养老保险金'],
  ['失业金', '失业保险金'],
  ['新生儿', '宝宝', '婴儿', '刚出生', '新生婴儿'],
  ['子女', '孩子', '小孩', '小孩子', '娃', '儿女'],
  ['入学', '上学', '读书', '念书'],
  ['异地', '外地', '外省'],
  ['就医', '看病', '看医生'],
  ['遗失', '丢失', '丢', '丢了', '弄丢', '丢掉', '搞丢'],
  ['补办', '补领', '补发', '重办'],
  ['换领', '换', '换证', '更换', '换发', '换新'],
  ['到期', '过期', '期满', '有效期满', '有效期届满', '快到期'],
  ['办理', '办', '申办'],
  ['缴纳', '交', '缴', '缴费', '交费', '缴交', '交钱'],
  ['提取', '取', '取出', '支取'],
  ['领取', '领', '申领'],
  ['违法', '违章'],
  ['罚款', '罚单', '罚金'],
  ['材料', '资料'],
  ['首次', '第一次', '头一次'],
  ['租房', '房租', '租房子'],
  ['进度', '进展'],
  ['查询', '查', '查看'],
  ['如何', '怎么', '怎样', '咋', '怎么样'],
];

/**
 * Question wording that says nothing about which service is asked about,
 * on top of the shared stopword list (which has 怎么, 如何, 需要, 哪些).
 */
const QA_STOPWORDS: ReadonlySet<string> = new Set([
  '请问', '您好', '你好', '咨询', '想问', '问问', '谢谢', '麻烦', '怎么办', '咋办', '怎么弄', '怎么搞', '知道', '能不能',
  '可不可以', '需不需要', '要不要', '是不是', '有没有', '一下', '相关', '具体', '什么样',
]);

/**
 * What is being done with a service (lose, reissue, renew, pay, apply) or
 * asked about it (materials, conditions, time), rather than which service:
 * canonical forms. Every service has these, so they tell apart questions
 * about one service (补办 vs 换领 of a 身份证) but are weak evidence that a
 * message is about a given service: 我的银行卡丢了怎么补办 shares 遗失 and
 * 补办 with 社会保障卡遗失如何补办 and is still not about it.
 */
export const QA_GENERIC_TERMS: ReadonlySet<string> = new Set([
  '遗失', '补办', '换领', '到期', '办理', '缴纳', '提取', '领取', '申请', '查询', '首次', '进度', '材料', '条件',
  '手续', '流程', '时间', '时候', '多久', '费用', '准备', '需要', '处理', '哪里', '地方', '携带', '提供', '满足',
  '参加', '可以', '能否', '最高', '多少', '每年', '本市', '普通',
]);

/** Words that jieba's IDF table lacks are given its median IDF: that value means "not a dictionary word". */
function isDictionaryWord(seg: Segmenter, unknownIdf: number, word: string): boolean {
  return seg.idf(word) !== unknownIdf;
}

export interface QaTerm {
  /** Canonical form: what is indexed and compared. */
  term: string;
  /** The text it came from, to show which words of a query matched. */
  surface: string;
  /** 1 for a word, SUBWORD_WEIGHT for a word found inside a longer one. */
  weight: number;
  /** For a word found inside a longer one: the longer word's term, and where in it the word sits. */
  of?: string;
  at?: number;
  length?: number;
}

/**
 * A word inside a longer word (户口 in 户口迁移, 违章 in 违章罚款) counts half:
 * it lets a query that says only 户口 find 户口迁移, without making the long
 * word count three times as much as a short one.
 */
export const SUBWORD_WEIGHT = 0.5;

export interface QaTextAnalyser {
  terms(text: string): QaTerm[];
}

const CJK = /^[\u4e00-\u9fff\u3400-\u4dbf]+$/;
const HAS_LETTER = /\p{L}/u;
const SCRIPT_RUN = /[\u4e00-\u9fff\u3400-\u4dbf]+|[a-z]+|\d+/g;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function createQaTextAnalyser(seg: Segmenter = segmenter()): QaTextAnalyser {
  const canonical = new Map<string, string>();
  for (const [head, ...variants] of QA_SYNONYMS) {
    canonical.set(head!, head!);
    for (const v of variants) canonical.set(v, head!);
  }
  // Phrases of three characters or more are found in the text before jieba
  // sees it: jieba cuts 社会保障卡 into 社会保障 + 卡 and 不动产权证 into three,
  // and a phrase this long is not part of some other word. Shorter forms
  // (丢, 户籍) are mapped word by word after cutting, where they cannot
  // match inside an unrelated word. Longest first, so 居民身份证 wins over 身份证.
  const phrases = [...canonical.keys()].filter((p) => p.length >= 3).sort((a, b) => b.length - a.length);
  const phraseRe = new RegExp(phrases.map(escapeRe).join('|'), 'g');
  const unknownIdf = seg.idf('\u0000');
  const canon = (w: string) => canonical.get(w) ?? w;

  const isContent = (t: string): boolean => {
    if (seg.stopwords.has(t) || QA_STOPWORDS.has(t)) return false;
    // Hotline and service numbers (12345, 12315, 110) identify a service; other numbers do not.
    if (/^\d+$/.test(t)) return t.length >= 3 && t.length <= 6;
    return t.length >= 2 && HAS_LETTER.test(t);
  };

  /** Known words inside a long word, as jieba's search mode would give them, with their offsets. */
  function subwords(word: string): { text: string; at: number }[] {
    const out: { text: string; at: number }[] = [];
    const runs = [...word.matchAll(SCRIPT_RUN)];
    for (const m of runs) {
      const run = m[0];
      // A mixed word (12345热线, app办理) splits into its scripts.
      if (runs.length > 1) out.push({ text: run, at: m.index });
      if (!CJK.test(run)) continue;
      for (const len of [2, 3]) {
        if (run.length <= len) continue;
        for (let i = 0; i + len <= run.length; i++) {
          const g = run.slice(i, i + len);
          if (canonical.has(g) || isDictionaryWord(seg, unknownIdf, g)) out.push({ text: g, at: m.index + i });
        }
      }
      // jieba's HMM glues unknown characters into words it invents (哪换, 要交满):
      // the one-character forms in the synonym table are what they carry.
      if (run.length > 1 && !isDictionaryWord(seg, unknownIdf, run) && !canonical.has(run)) {
        for (let i = 0; i < run.length; i++) if (canonical.has(run[i]!)) out.push({ text: run[i]!, at: m.index + i });
      }
    }
    return out;
  }

  function addWord(out: QaTerm[], word: string, surface: string): void {
    const term = canon(word);
    // A stopword's parts are not searched for either (怎么样 holds 怎么).
    if (!isContent(term)) return;
    out.push({ term, surface, weight: 1 });
    const seen = new Set([term]);
    // A renamed word is split in its canonical form, so that 社会保障卡 and 社保卡 give the same parts.
    for (const sub of subwords(term)) {
      const t = canon(sub.text);
      if (seen.has(t) || !isContent(t)) continue;
      seen.add(t);
      // A part of a renamed word is not in the text as typed: show the whole word.
      const shown = surface.includes(sub.text) ? sub.text : surface;
      out.push({ term: t, surface: shown, weight: SUBWORD_WEIGHT, of: term, at: sub.at, length: sub.text.length });
    }
  }

  return {
    terms(text) {
      const body = toAnalysisText(text).body;
      const out: QaTerm[] = [];
      let last = 0;
      const cutPiece = (piece: string) => {
        for (const raw of seg.cut(piece)) {
          const w = raw.trim();
          if (w) addWord(out, w, w);
        }
      };
      for (const m of body.matchAll(phraseRe)) {
        if (m.index > last) cutPiece(body.slice(last, m.index));
        addWord(out, m[0], m[0]);
        last = m.index + m[0].length;
      }
      if (last < body.length) cutPiece(body.slice(last));
      return out;
    },
  };
}

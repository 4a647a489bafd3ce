/**
 * Search over the Q&A library, for two uses:
 *
 * - `search`: a staff member types a few words (社保卡丢了怎么补办) and gets
 *   the entries ranked;
 * - `suggest`: a citizen's comment or private message (long, noisy, with
 *   @names and complaints around the question) gets the few entries that
 *   answer it, or nothing.
 *
 * Ranking is BM25F: a term's occurrences in the question (×2), tags (×1.5)
 * and answer (×1) are summed, each normalised by its field's length, into
 * one pseudo-frequency that saturates once (k1). A question says what an
 * entry is about; an answer mentions much in passing.
 *
 *   tf~(t, d)  = Σ_f W_f · tf_f(t, d) / (1 − b + b · len_f(d) / avglen_f)
 *   s(t, d)    = tf~ / (k1 + tf~)                     in [0, 1)
 *   idf(t)     = ln(1 + (N − df + 0.5) / (df + 0.5))  (a term in no entry gets the highest)
 *
 * Scores lie in [0, 1] and mean the same for every query, so that a floor
 * can be set once. Each word weighs w × importance × IDF, where w is 1 for
 * a word and ½ for a word inside a longer one, and importance is ¼ for the
 * generic wording every service shares (补办, 材料: QA_GENERIC_TERMS) and 1
 * otherwise.
 *
 *   search:  Σ weight·s / Σ weight over the query's words: the share of what
 *            the query asks that the entry answers (a query word no entry
 *            has lowers it; a perfect match is ≈ 0.7–0.85, as s < 1).
 *   suggest: √(asked × explained), with
 *            asked     = the weighted share of the entry's question the
 *                        message has (the long message is not penalised for
 *                        its other words);
 *            explained = the weighted share of the message's words that the
 *                        entry's question and tags have, counting only words
 *                        some entry is about (天气 and 领导 are not the
 *                        library's business; 激活 is, and an entry about a
 *                        lost 社保卡 does not explain it).
 *            IDF here is over questions and tags only: answers mention
 *            身份证 everywhere, which does not make it a weak word for
 *            telling questions apart. An entry the message shares only
 *            generic words with, or asks less than MIN_ENTRY_COVERAGE of, is
 *            not suggested at all.
 */
import { plainText } from '../../kb/claim-text';
import { isValidAt, type QaEntry } from './qa-entry';
import { createQaTextAnalyser, QA_GENERIC_TERMS, type QaTerm, type QaTextAnalyser } from './qa-text';

export interface QaSearchHit {
  entry: QaEntry;
  /** 0–1, see the module comment. */
  score: number;
  /** The query's words (as typed) that matched the entry. */
  matched: string[];
}

export interface QaSearchOptions {
  /** Default 10. */
  limit?: number;
  category?: string;
  /** Only entries owned by these units (a user sees their own units' answers). */
  unitIds?: ReadonlySet<string>;
  /** Also entries that are not valid now (expired, or not yet in force). */
  includeExpired?: boolean;
  /** Only entries carrying every one of these tags. */
  tags?: string[];
}

export interface QaSuggestOptions {
  /** Default 3. */
  limit?: number;
  unitIds?: ReadonlySet<string>;
}

export interface QaIndex {
  /**
   * Entries ranked for a query. A blank query lists the entries the filters
   * let through, most recently updated first, with score 0; a query of only
   * question words (怎么办) finds nothing.
   */
  search(query: string, opts?: QaSearchOptions): QaSearchHit[];
  /** Suggested answers for a citizen's comment or message (longer, noisier text): top hits above a score floor. */
  suggest(text: string, opts?: QaSuggestOptions): QaSearchHit[];
}

export interface QaIndexOptions {
  now?: () => number;
  /** The text analyser; one is built (with the shared jieba segmenter) if absent. */
  analyser?: QaTextAnalyser;
  /** Default QA_SUGGEST_FLOOR. */
  suggestFloor?: number;
}

/**
 * The suggest score an entry needs to be offered. Chosen on the test
 * library (qa-index.test.ts): the right entry for a message that asks a
 * library question scores 0.49–1; entries the message merely touches (how
 * to activate a 社保卡, for a message about a lost one) 0.2–0.45. Comments
 * about something else are mostly stopped before any score (no shared
 * non-generic word, or MIN_ENTRY_COVERAGE).
 */
export const QA_SUGGEST_FLOOR = 0.45;

/**
 * Less of an entry's question than this in a message and the entry is not
 * suggested however well it explains the message's few library words:
 * 银行卡怎么激活 has all its library words (激活) in 社保卡的金融功能怎么激活
 * but asks a quarter of that question. On the test library, messages that
 * ask an entry's question have ≥ 0.4 of it; the unrelated ones that get
 * this far, ≤ 0.26.
 */
const MIN_ENTRY_COVERAGE = 0.3;

const FIELD_WEIGHT = { question: 2, tags: 1.5, answer: 1 } as const;
type Field = keyof typeof FIELD_WEIGHT;
const FIELDS = Object.keys(FIELD_WEIGHT) as Field[];
const K1 = 1.2;
const B = 0.75;
/** How much a generic word (补办, 材料: QA_GENERIC_TERMS) weighs in what a query asks or a question is about. */
const GENERIC_WEIGHT = 0.25;
const importance = (term: string) => (QA_GENERIC_TERMS.has(term) ? GENERIC_WEIGHT : 1);

/** A word of an entry's question, for suggest's coverage. */
interface QuestionWord {
  term: string;
  /** importance × IDF over questions and tags. */
  weight: number;
  /** The known words inside it, by where they sit. */
  parts: { term: string; at: number; length: number }[];
}

interface Doc {
  entry: QaEntry;
  questionWords: QuestionWord[];
  /** Σ weight of questionWords. */
  questionMass: number;
  /** Every term of the question and tags: what the entry is about. */
  aboutTerms: Set<string>;
  tags: Set<string>;
}

interface Posting {
  doc: number;
  /** s(t, d): the saturated pseudo-frequency, fixed once the library is indexed. */
  s: number;
}

const foldTag = (t: string) => t.trim().toLowerCase();

/** Term → weight, summing repeats (a document) or keeping the largest (a query: repeating a word asks nothing more). */
function bag(terms: readonly QaTerm[], sum: boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of terms) out.set(t.term, sum ? (out.get(t.term) ?? 0) + t.weight : Math.max(out.get(t.term) ?? 0, t.weight));
  return out;
}

export function createQaIndex(entries: readonly QaEntry[], opts: QaIndexOptions = {}): QaIndex {
  const now = opts.now ?? Date.now;
  const analyser = opts.analyser ?? createQaTextAnalyser();
  const floor = opts.suggestFloor ?? QA_SUGGEST_FLOOR;
  const n = entries.length;

  const questionTerms = entries.map((e) => analyser.terms(e.question));
  const fieldBags = entries.map((e, i) => ({
    question: bag(questionTerms[i]!, true),
    // Each tag is a phrase someone chose; its words are cut like any text.
    tags: bag(e.tags.flatMap((t) => analyser.terms(t)), true),
    answer: bag(analyser.terms(e.answer), true),
  }));
  const length = (m: Map<string, number>) => {
    let s = 0;
    for (const w of m.values()) s += w;
    return s;
  };
  const avgLength = {} as Record<Field, number>;
  for (const f of FIELDS) {
    const total = fieldBags.reduce((s, b) => s + length(b[f]), 0);
    // An empty field everywhere (no tags in the library) must not divide by zero.
    avgLength[f] = n > 0 && total > 0 ? total / n : 1;
  }

  const pseudoTf = new Map<string, Map<number, number>>();
  fieldBags.forEach((b, doc) => {
    for (const f of FIELDS) {
      const norm = 1 - B + (B * length(b[f])) / avgLength[f];
      for (const [term, tf] of b[f]) {
        let byDoc = pseudoTf.get(term);
        if (!byDoc) pseudoTf.set(term, (byDoc = new Map()));
        byDoc.set(doc, (byDoc.get(doc) ?? 0) + (FIELD_WEIGHT[f] * tf) / norm);
      }
    }
  });
  const postings = new Map<string, Posting[]>();
  const idfByTerm = new Map<string, number>();
  const bm25Idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  for (const [term, byDoc] of pseudoTf) {
    postings.set(term, [...byDoc].map(([doc, tf]) => ({ doc, s: tf / (K1 + tf) })));
    idfByTerm.set(term, bm25Idf(byDoc.size));
  }
  const idf = (term: string) => idfByTerm.get(term) ?? bm25Idf(0);

  // What entries are about: document frequency over questions and tags only.
  // Answers name 身份证 as a document to bring in half the library; that
  // does not make 身份证 a weak word for telling questions apart.
  const aboutDf = new Map<string, number>();
  for (const b of fieldBags) for (const term of new Set([...b.question.keys(), ...b.tags.keys()])) aboutDf.set(term, (aboutDf.get(term) ?? 0) + 1);
  const aboutWeight = (term: string) => importance(term) * bm25Idf(aboutDf.get(term) ?? 0);

  const docs: Doc[] = entries.map((entry, i) => {
    const words = new Map<string, QuestionWord>();
    const terms = questionTerms[i]!;
    for (const t of terms) if (t.of === undefined && !words.has(t.term)) words.set(t.term, { term: t.term, weight: aboutWeight(t.term), parts: [] });
    for (const t of terms) {
      const w = t.of === undefined ? undefined : words.get(t.of);
      if (w && t.at !== undefined && t.length !== undefined) w.parts.push({ term: t.term, at: t.at, length: t.length });
    }
    const questionWords = [...words.values()];
    return {
      entry,
      questionWords,
      questionMass: questionWords.reduce((m, w) => m + w.weight, 0),
      aboutTerms: new Set([...fieldBags[i]!.question.keys(), ...fieldBags[i]!.tags.keys()]),
      tags: new Set(entry.tags.map(foldTag)),
    };
  });

  /**
   * The weighted share of a question's words a text has. A word it lacks
   * whole counts by the share of its characters that its parts in the text
   * cover, squared: 外地看病 gives 异地 and 就医, all of 异地就医 in other
   * words; 社保 is only part of 社保卡, a different thing.
   */
  function entryCoverage(d: Doc, has: (term: string) => boolean): number {
    if (d.questionMass === 0) return 0;
    let covered = 0;
    for (const w of d.questionWords) {
      if (has(w.term)) {
        covered += w.weight;
        continue;
      }
      const chars = new Set<number>();
      for (const p of w.parts) if (has(p.term)) for (let k = p.at; k < p.at + p.length; k++) chars.add(k);
      covered += w.weight * (Math.min(chars.size, w.term.length) / w.term.length) ** 2;
    }
    return covered / d.questionMass;
  }

  /**
   * The weighted share of a text's words that the entry's question and tags
   * have, counting only words some entry is about: 天气 and 领导 are no
   * question of the library's, 激活 is (社保卡怎么激活 is not answered by
   * how to replace a lost card).
   */
  function textCoverage(d: Doc, textWeights: ReadonlyMap<string, number>): number {
    let total = 0;
    let covered = 0;
    for (const [term, w] of textWeights) {
      if (!aboutDf.has(term)) continue;
      const weight = w * aboutWeight(term);
      total += weight;
      if (d.aboutTerms.has(term)) covered += weight;
    }
    return total === 0 ? 0 : covered / total;
  }

  function allowed(d: Doc, o: QaSearchOptions, t: number): boolean {
    if (o.unitIds && !o.unitIds.has(d.entry.unit_id)) return false;
    if (o.category !== undefined && o.category.trim() !== '' && d.entry.category !== o.category.trim()) return false;
    if (o.tags && !o.tags.every((tag) => foldTag(tag) === '' || d.tags.has(foldTag(tag)))) return false;
    return o.includeExpired === true || isValidAt(d.entry, t);
  }

  /** Per entry the raw BM25F sum and the query's words that matched; the query's total weight. */
  function match(queryTerms: readonly QaTerm[], pass: (d: Doc) => boolean) {
    const weights = bag(queryTerms, false);
    const raw = new Map<number, number>();
    const matchedTerms = new Map<number, Set<string>>();
    let queryMass = 0;
    for (const [term, w] of weights) {
      const termWeight = w * importance(term) * idf(term);
      queryMass += termWeight;
      const ps = postings.get(term);
      if (!ps) continue;
      for (const p of ps) {
        if (!pass(docs[p.doc]!)) continue;
        raw.set(p.doc, (raw.get(p.doc) ?? 0) + termWeight * p.s);
        let m = matchedTerms.get(p.doc);
        if (!m) matchedTerms.set(p.doc, (m = new Set()));
        m.add(term);
      }
    }
    const surfaces = (doc: number): string[] => {
      const m = matchedTerms.get(doc)!;
      const found: string[] = [];
      for (const t of queryTerms) if (m.has(t.term) && !found.includes(t.surface)) found.push(t.surface);
      // 社保 inside 社保卡 says nothing more to the reader.
      return found.filter((s) => !found.some((o) => o !== s && o.includes(s)));
    };
    return { raw, surfaces, queryMass };
  }

  const byScore = (a: { score: number; raw: number; entry: QaEntry }, b: { score: number; raw: number; entry: QaEntry }) =>
    b.score - a.score || b.raw - a.raw || b.entry.updated_at - a.entry.updated_at || a.entry.id.localeCompare(b.entry.id);

  return {
    search(query, o = {}) {
      const limit = o.limit ?? 10;
      const t = now();
      const pass = (d: Doc) => allowed(d, o, t);
      if (query.trim() === '') {
        return docs
          .filter(pass)
          .sort((a, b) => b.entry.updated_at - a.entry.updated_at || a.entry.id.localeCompare(b.entry.id))
          .slice(0, limit)
          .map((d) => ({ entry: d.entry, score: 0, matched: [] }));
      }
      const terms = analyser.terms(query);
      const { raw, surfaces, queryMass } = match(terms, pass);
      if (queryMass === 0) return [];
      return [...raw]
        .map(([doc, r]) => ({ entry: docs[doc]!.entry, raw: r, score: r / queryMass, matched: surfaces(doc) }))
        .sort(byScore)
        .slice(0, limit)
        .map(({ entry, score, matched }) => ({ entry, score, matched }));
    },

    suggest(text, o = {}) {
      const limit = o.limit ?? 3;
      const t = now();
      // Suggestions go to citizens: only answers in force, whatever a search may show.
      const pass = (d: Doc) => allowed(d, { unitIds: o.unitIds }, t);
      // @names and repost chains name people, not the question.
      const terms = analyser.terms(plainText(text));
      const textWeights = bag(terms, false);
      const has = (term: string) => textWeights.has(term);
      const { raw, surfaces } = match(terms, pass);
      const hits: { entry: QaEntry; raw: number; score: number; matched: string[] }[] = [];
      for (const [doc, r] of raw) {
        const d = docs[doc]!;
        // Sharing only 遗失 and 补办 (我的银行卡丢了怎么补办) is no sign of being about the same thing.
        if (![...textWeights.keys()].some((term) => !QA_GENERIC_TERMS.has(term) && d.aboutTerms.has(term))) continue;
        const asked = entryCoverage(d, has);
        if (asked < MIN_ENTRY_COVERAGE) continue;
        const score = Math.sqrt(asked * textCoverage(d, textWeights));
        if (score >= floor) hits.push({ entry: d.entry, raw: r, score, matched: surfaces(doc) });
      }
      return hits
        .sort(byScore)
        .slice(0, limit)
        .map(({ entry, score, matched }) => ({ entry, score, matched }));
    },
  };
}

import type { ConsultationSection } from '@fenghuo/shared';

/**
 * Which sections of the draft a comment is about. A section's words are its
 * title's and text's content words; a comment scores, for every section word
 * it uses, the word's IDF (jieba's table) times how specific the word is to
 * that section among the draft's sections (log(1 + sections / sections using
 * it)), so 停车 (in every section) weighs little and 夜间 (in one) a lot.
 * A comment naming the article (第三条) is about it whatever its words.
 * A comment matching no section above the threshold is "general".
 */

/** A comment must score this much for a section: about one specific word (IDF ≈ 8, in one of five sections) or two shared ones. */
export const SECTION_MIN_SCORE = 10;
/** Sections scoring under this share of the best one are not named as well: the comment is about the best. */
export const SECTION_RELATIVE = 0.6;

export interface SectionMatcherDeps {
  /** Content words of a text (distinct). */
  tokens(text: string): readonly string[];
  idf(token: string): number;
}

const ARTICLE = /^(第[一二三四五六七八九十百零〇\d]+[条章节款项])/u;

export function createSectionMatcher(sections: readonly ConsultationSection[], deps: SectionMatcherDeps, minScore = SECTION_MIN_SCORE) {
  const words = sections.map((s) => new Set(deps.tokens(`${s.title} ${s.text}`)));
  const df = new Map<string, number>();
  for (const set of words) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
  const specificity = (w: string) => Math.log(1 + sections.length / (df.get(w) ?? 1));
  const articles = sections.map((s) => ARTICLE.exec(s.title)?.[1]);

  /** Section ids the comment is about, best first; empty = general. */
  return (comment: { text: string; tokens: readonly string[] }): string[] => {
    const scores = sections.map((s, i) => {
      const article = articles[i];
      if (article && comment.text.includes(article)) return Number.POSITIVE_INFINITY;
      let score = 0;
      for (const t of new Set(comment.tokens)) if (words[i]!.has(t)) score += deps.idf(t) * specificity(t);
      return score;
    });
    const best = Math.max(0, ...scores);
    if (best < minScore) return [];
    return sections
      .map((s, i) => ({ id: s.id, score: scores[i]! }))
      .filter((x) => x.score >= minScore && (x.score === Number.POSITIVE_INFINITY || x.score >= SECTION_RELATIVE * best || best === Number.POSITIVE_INFINITY))
      .sort((a, b) => b.score - a.score)
      .map((x) => x.id);
  };
}
export type SectionMatcher = ReturnType<typeof createSectionMatcher>;

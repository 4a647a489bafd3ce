/**
 * Opinion themes: comments clustered by their content words. Each comment is
 * a vector of its words weighted by IDF; words used by too many comments
 * (停车, 收费 in a parking consultation: the consultation's own subject) or
 * by one only are left out, since they cannot tell opinions apart. A single
 * pass in time order joins a comment to the theme whose summed vector is
 * most similar (cosine) if at least `similarity`, else starts a theme; themes
 * smaller than `minSize` are pooled as "其他意见". A theme is labelled by its
 * heaviest words and its representatives are its most central comments.
 */

export interface ThemeOptions {
  similarity: number;
  minSize: number;
  /** Words in more than this share of comments are the subject, not a theme. */
  maxDocShare: number;
  labelWords: number;
  representatives: number;
}

export const DEFAULT_THEME_OPTIONS: ThemeOptions = { similarity: 0.3, minSize: 3, maxDocShare: 0.4, labelWords: 3, representatives: 3 };
export const OTHER_THEME_KEY = 'other';
export const OTHER_THEME_LABEL = '其他意见';

export interface ThemeCluster {
  key: string;
  label: string;
  keywords: string[];
  /** Item indices, most central first. */
  members: number[];
}

type Vector = Map<string, number>;

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function addInto(target: Vector, v: Vector): void {
  for (const [w, x] of v) target.set(w, (target.get(w) ?? 0) + x);
}

/** Fewer comments than this and no word is too common to be a theme. */
const MIN_DOCS_FOR_SHARE = 20;

/** Words that can tell opinions apart: used by at least two comments and by at most `maxDocShare` of them. */
export function themeVocabulary(docs: readonly (readonly string[])[], maxDocShare: number, excluded: ReadonlySet<string>): Set<string> {
  const df = new Map<string, number>();
  for (const d of docs) for (const w of new Set(d)) df.set(w, (df.get(w) ?? 0) + 1);
  // Among a handful of comments a shared word is a theme, not the subject.
  const limit = docs.length < MIN_DOCS_FOR_SHARE ? docs.length : Math.floor(docs.length * maxDocShare);
  return new Set([...df].filter(([w, n]) => n >= 2 && n <= limit && !excluded.has(w)).map(([w]) => w));
}

function topWords(v: Vector, n: number): string[] {
  return [...v].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n).map(([w]) => w);
}

/**
 * Clusters `docs` (content words per comment, in time order). `excluded` are
 * words never used (stance cues: 支持 says how, not what about).
 */
export function clusterThemes(docs: readonly (readonly string[])[], idf: (w: string) => number, excluded: ReadonlySet<string> = new Set(), options: Partial<ThemeOptions> = {}): ThemeCluster[] {
  const o = { ...DEFAULT_THEME_OPTIONS, ...options };
  const vocabulary = themeVocabulary(docs, o.maxDocShare, excluded);
  const vectors: Vector[] = docs.map((d) => new Map([...new Set(d)].filter((w) => vocabulary.has(w)).map((w) => [w, idf(w)])));
  const clusters: { centroid: Vector; members: number[] }[] = [];
  const unclustered: number[] = [];
  vectors.forEach((v, i) => {
    if (v.size === 0) {
      unclustered.push(i);
      return;
    }
    let best = -1;
    let bestSim = 0;
    clusters.forEach((c, k) => {
      const s = cosine(v, c.centroid);
      if (s > bestSim) [best, bestSim] = [k, s];
    });
    if (best >= 0 && bestSim >= o.similarity) {
      clusters[best]!.members.push(i);
      addInto(clusters[best]!.centroid, v);
    } else {
      const centroid: Vector = new Map();
      addInto(centroid, v);
      clusters.push({ centroid, members: [i] });
    }
  });
  const themes: ThemeCluster[] = [];
  const other: number[] = [...unclustered];
  for (const c of clusters) {
    if (c.members.length < o.minSize) {
      other.push(...c.members);
      continue;
    }
    const keywords = topWords(c.centroid, Math.max(o.labelWords, 8));
    const label = keywords.slice(0, o.labelWords).join('·');
    const central = [...c.members].sort((a, b) => cosine(vectors[b]!, c.centroid) - cosine(vectors[a]!, c.centroid) || a - b);
    themes.push({ key: `theme:${label}`, label, keywords, members: central });
  }
  themes.sort((a, b) => b.members.length - a.members.length || (a.key < b.key ? -1 : 1));
  if (other.length) themes.push({ key: OTHER_THEME_KEY, label: OTHER_THEME_LABEL, keywords: [], members: other.sort((a, b) => a - b) });
  return themes;
}

import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { loadStopwords, readListFile } from './lexicon/load-lexicons';
import { gazetteer } from './places';

/**
 * One jieba instance per process, with jieba's own dictionary, the project's
 * user dictionary and every GB/T 2260 place name, and jieba's IDF table for
 * keyword weights. Built on first use (≈0.5 s).
 */

const require = createRequire(import.meta.url);

export interface Segmenter {
  cut(text: string): string[];
  stopwords: Set<string>;
  idf(token: string): number;
  /**
   * The dictionary's part of speech of a word that is one dictionary entry
   * (n, v, m, r, …); undefined for a word jieba does not know as one (a new
   * name, or a phrase it joined while cutting).
   */
  partOfSpeech(word: string): string | undefined;
}

/** Words looked up for their part of speech, kept (the lookups are few: words that might link stories). */
const POS_CACHE_LIMIT = 50_000;

let instance: Segmenter | undefined;

export function segmenter(): Segmenter {
  if (instance) return instance;
  const { dict, idf: idfText } = require('@node-rs/jieba/dict.js') as { dict: Buffer; idf: Buffer };
  const jieba = Jieba.withDict(dict);
  jieba.loadDict(Buffer.from(userDictionary()));

  const idfTable = new Map<string, number>();
  const values: number[] = [];
  for (const line of idfText.toString('utf8').split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const v = Number(line.slice(space + 1));
    if (!Number.isFinite(v)) continue;
    idfTable.set(line.slice(0, space), v);
    values.push(v);
  }
  values.sort((a, b) => a - b);
  // jieba's rule for words missing from the table: the median IDF.
  const median = values[Math.floor(values.length / 2)] ?? 10;

  const posCache = new Map<string, string | undefined>();
  instance = {
    cut: (text) => jieba.cut(text, true),
    stopwords: loadStopwords(),
    idf: (token) => idfTable.get(token) ?? median,
    partOfSpeech: (word) => {
      if (posCache.has(word)) return posCache.get(word);
      const tags = jieba.tag(word, false);
      const pos = tags.length === 1 && tags[0]!.word === word ? tags[0]!.tag : undefined;
      if (posCache.size >= POS_CACHE_LIMIT) posCache.clear();
      posCache.set(word, pos);
      return pos;
    },
  };
  return instance;
}

function userDictionary(): string {
  const g = gazetteer();
  // jieba's loader takes only "word freq tag" lines: no comments, no blanks.
  const lines = readListFile('user-dict.txt').map((l) => l.trim());
  for (const name of g.names.full) lines.push(`${name} 3000 ns`);
  for (const name of g.names.short) lines.push(`${name} 1500 ns`);
  return `${lines.join('\n')}\n`;
}

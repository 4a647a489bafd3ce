import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Loads the project's own word lists (ingest/src/lexicon/*.txt, see its README). */

export const LEXICON_DIR = path.dirname(fileURLToPath(import.meta.url));

export function readListFile(file: string): string[] {
  const text = fs.readFileSync(path.isAbsolute(file) ? file : path.join(LEXICON_DIR, file), 'utf8');
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim() || line.startsWith('#')) continue;
    lines.push(line);
  }
  return lines;
}

export function loadStopwords(): Set<string> {
  return new Set(readListFile('stopwords.txt').map((l) => l.trim()));
}

/** Word → signed weight: positive words > 0, negative words < 0. */
export function loadSentimentLexicon(): Map<string, number> {
  const lexicon = new Map<string, number>();
  const add = (file: string, sign: 1 | -1) => {
    for (const line of readListFile(file)) {
      const [word, weight] = line.split('\t');
      const w = Number(weight);
      if (!word || !Number.isFinite(w)) throw new Error(`${file}: bad line "${line}" (expected word<TAB>weight)`);
      lexicon.set(word.trim(), sign * w);
    }
  };
  add('sentiment-positive.txt', 1);
  add('sentiment-negative.txt', -1);
  return lexicon;
}

export type ModifierType = 'negation' | 'intensifier' | 'contrast' | 'question';

export interface Modifier {
  type: ModifierType;
  value: number;
}

export function loadSentimentModifiers(): Map<string, Modifier> {
  const modifiers = new Map<string, Modifier>();
  for (const line of readListFile('sentiment-modifiers.txt')) {
    const [word, type, value] = line.split('\t');
    const v = Number(value);
    if (!word || !type || !['negation', 'intensifier', 'contrast', 'question'].includes(type) || !Number.isFinite(v)) {
      throw new Error(`sentiment-modifiers.txt: bad line "${line}" (expected word<TAB>type<TAB>value)`);
    }
    modifiers.set(word.trim(), { type: type as ModifierType, value: v });
  }
  return modifiers;
}

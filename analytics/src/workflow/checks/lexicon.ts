/**
 * The lexicon: the project's own lists in ./lexicon (see README.md for what
 * went in and why), parsed from plain text so editors who do not write code
 * can review them, and merged with what a deployment adds.
 */
import { readFileSync } from 'node:fs';
import type { CheckLexicon, CheckSeverity, TermMistake } from './types';

const LEXICON_DIR = new URL('./lexicon/', import.meta.url);

function contentLines(text: string): { line: string; no: number }[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ line: line.replace(/\s+$/, ''), no: i + 1 }))
    .filter(({ line }) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}

/** `term<TAB>note` per line; # starts a comment line. */
export function parseTermList(text: string): { terms: string[]; notes: Record<string, string> } {
  const terms: string[] = [];
  const notes: Record<string, string> = {};
  for (const { line } of contentLines(text)) {
    const [term = '', note] = line.split('\t').map((s) => s.trim());
    if (!term || terms.includes(term)) continue;
    terms.push(term);
    if (note) notes[term] = note;
  }
  return { terms, notes };
}

/** `wrong<TAB>right<TAB>error|warning<TAB>note<TAB>except,except`; the file is ours, so a bad line is a bug and throws. */
export function parseTermMistakes(text: string, source = 'term-mistakes.tsv'): TermMistake[] {
  return contentLines(text).map(({ line, no }) => {
    const [wrong = '', right = '', severity = '', note = '', except = ''] = line.split('\t').map((s) => s.trim());
    if (!wrong || !right || wrong === right) throw new Error(`${source}:${no}: needs a wrong and a different right form`);
    if (severity !== 'error' && severity !== 'warning') throw new Error(`${source}:${no}: severity must be error or warning, got "${severity}"`);
    const entry: TermMistake = { wrong, right, severity: severity satisfies CheckSeverity };
    if (note) entry.note = note;
    const exceptions = except.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
    if (exceptions.length) entry.except = exceptions;
    return entry;
  });
}

function read(name: string): string {
  return readFileSync(new URL(name, LEXICON_DIR), 'utf8');
}

/** Reads the built-in lists from disk; a fresh copy on every call. */
export function loadDefaultLexicon(): CheckLexicon {
  const forbidden = parseTermList(read('forbidden.txt'));
  const sensitive = parseTermList(read('sensitive.txt'));
  return {
    forbidden: forbidden.terms,
    sensitive: sensitive.terms,
    termMistakes: parseTermMistakes(read('term-mistakes.tsv')),
    notes: { ...sensitive.notes, ...forbidden.notes },
  };
}

/** Adds `extra` to `base`; an extra term-mistake entry replaces the built-in one for the same wrong form. */
export function mergeLexicon(base: CheckLexicon, extra: Partial<CheckLexicon> | undefined): CheckLexicon {
  if (!extra) return base;
  const union = (a: readonly string[], b: readonly string[] | undefined) => [...new Set([...a, ...(b ?? [])])];
  const replaced = new Set((extra.termMistakes ?? []).map((t) => t.wrong));
  return {
    forbidden: union(base.forbidden, extra.forbidden),
    sensitive: union(base.sensitive, extra.sensitive),
    termMistakes: [...base.termMistakes.filter((t) => !replaced.has(t.wrong)), ...(extra.termMistakes ?? [])],
    notes: { ...base.notes, ...extra.notes },
  };
}

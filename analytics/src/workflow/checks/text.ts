/**
 * The text every check reads: the original (for offsets and what the
 * reviewer sees) and a width-folded copy (for detection). Folding maps
 * full-width ASCII (０-９, Ｘ, Ａ, －, （…) and odd spaces and dashes one UTF-16
 * unit to one UTF-16 unit, so an offset found in the folded copy is the
 * same offset in the original.
 */
import type { CheckFinding, CheckId } from './types';

export interface Span {
  start: number;
  end: number;
}

export interface Draft {
  readonly text: string;
  readonly norm: string;
  /** Links: digit runs inside them are ids of posts and articles, not personal data. */
  readonly urls: readonly Span[];
}

const FOLDABLE = /[\uFF01-\uFF5E\u3000\u00A0\u2010-\u2015\u2212]/g;

export function foldWidth(s: string): string {
  return s.replace(FOLDABLE, (c) => {
    const code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    if (code === 0x3000 || code === 0xa0) return ' ';
    return '-';
  });
}

// Read on the original: folding would turn the full-width comma after a link
// into an ASCII one that looks like part of the link.
const URL_RE = /(?:https?:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'*+;=%]+/gi;

export function prepareDraft(text: string): Draft {
  const urls: Span[] = [];
  for (const m of text.matchAll(URL_RE)) {
    const trimmed = m[0].replace(/[.:!?;']+$/, '');
    urls.push({ start: m.index, end: m.index + trimmed.length });
  }
  return { text, norm: foldWidth(text), urls };
}

export function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

export function inUrl(draft: Draft, span: Span): boolean {
  return draft.urls.some((u) => overlaps(u, span));
}

const DIGIT = /[0-9]/;
const ALNUM = /[0-9A-Za-z]/;
const GROUP_SEPARATOR = /[ -]/;

/**
 * True when a number written in groups ("138 0013 8000") sits right next to
 * another digit group: it is then a slice of some longer grouped number
 * (a card, a serial) rather than a number of its own.
 */
export function continuesDigitGroup(norm: string, span: Span): boolean {
  const before = norm[span.start - 1] ?? '';
  const before2 = norm[span.start - 2] ?? '';
  const after = norm[span.end] ?? '';
  const after2 = norm[span.end + 1] ?? '';
  return (GROUP_SEPARATOR.test(before) && DIGIT.test(before2)) || (GROUP_SEPARATOR.test(after) && DIGIT.test(after2));
}

/** True when the span is glued to letters or digits: a slice of a longer code. */
export function gluedToAlnum(norm: string, span: Span): boolean {
  return ALNUM.test(norm[span.start - 1] ?? '') || ALNUM.test(norm[span.end] ?? '');
}

/**
 * Masks the characters of `original` that `maskable` accepts, except the
 * first `keepHead` and the last `keepTail` of them; separators and other
 * characters stay, so the masked form still reads like what it replaces.
 */
export function maskChars(original: string, maskable: RegExp, keepHead: number, keepTail: number): string {
  const chars = Array.from(original);
  const total = chars.filter((c) => maskable.test(c)).length;
  let seen = 0;
  return chars
    .map((c) => {
      if (!maskable.test(c)) return c;
      seen += 1;
      return seen <= keepHead || seen > total - keepTail ? c : '*';
    })
    .join('');
}

/** Digits (either width) and the check character X of an ID number. */
export const DIGIT_LIKE = /^[0-9０-９XxＸｘ]$/;

const CHECK_ORDER: readonly CheckId[] = [
  'id_number',
  'bank_card',
  'mobile',
  'private_address',
  'licence_plate',
  'forbidden_wording',
  'sensitive_wording',
  'term_mistake',
  'missing_element',
  'length',
];

/** By start; findings about the whole text (no offsets) last, in check order. */
export function compareFindings(a: CheckFinding, b: CheckFinding): number {
  const as = a.start ?? Number.POSITIVE_INFINITY;
  const bs = b.start ?? Number.POSITIVE_INFINITY;
  if (as !== bs) return as - bs;
  const ae = a.end ?? Number.POSITIVE_INFINITY;
  const be = b.end ?? Number.POSITIVE_INFINITY;
  if (ae !== be) return ae - be;
  return CHECK_ORDER.indexOf(a.check) - CHECK_ORDER.indexOf(b.check);
}

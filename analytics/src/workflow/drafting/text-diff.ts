import { ADD, DEL, SAME, diffSequences, type EditCode } from './myers';

/**
 * Diffs between versions of a draft statement: line diffs for the review
 * view, character diffs inside changed lines (Chinese has no spaces, so a word
 * diff would be a line diff), unified diffs for the audit trail.
 *
 * Line endings are not content: drafts pasted from Word arrive with CRLF and
 * the same text typed in the browser has LF, and a reviewer must not see every
 * line as changed. `diffLines` and `diffStats` ignore them and whether the text
 * ends with a newline; `unifiedDiff` keeps the final-newline difference (as
 * `\ No newline at end of file`) so that applying it rebuilds the new text.
 */

export type DiffOp = 'same' | 'add' | 'del';

export interface CharDiff {
  op: DiffOp;
  text: string;
}

export interface DiffLine {
  op: DiffOp;
  text: string;
  /** 1-based line in `before` (same and del lines). */
  oldLine?: number;
  /** 1-based line in `after` (same and add lines). */
  newLine?: number;
  /**
   * For a deleted line paired with an added one (a line that was edited rather
   * than replaced): the character diff, seen from this line's side, so a del
   * line holds only same/del pieces and an add line only same/add pieces.
   */
  chars?: CharDiff[];
}

/** Paired lines sharing less than this share of characters were rewritten, and highlighting every character helps nobody. */
const PAIR_SIMILARITY = 0.4;
/** Character diffs cost (n+m)·D; beyond this a line is shown as replaced, without character detail. */
const MAX_CHAR_DIFF_GRAPHEMES = 5_000;

interface SplitText {
  lines: string[];
  /** Whether the text ends with a line break (true for the empty text, which has no last line to lack one). */
  endsWithNewline: boolean;
}

function splitText(text: string): SplitText {
  if (text === '') return { lines: [], endsWithNewline: true };
  const lines = text.split(/\r\n|\r|\n/);
  const endsWithNewline = lines[lines.length - 1] === '';
  if (endsWithNewline) lines.pop();
  return { lines, endsWithNewline };
}

function internAll(keys: readonly string[], table: Map<string, number>): Int32Array {
  const ids = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    let id = table.get(k);
    if (id === undefined) {
      id = table.size;
      table.set(k, id);
    }
    ids[i] = id;
  });
  return ids;
}

/** Grapheme clusters, so an emoji with a skin tone or a ZWJ family is never cut, nor a surrogate pair. */
const graphemeSegmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });

function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const s of graphemeSegmenter.segment(text)) out.push(s.segment);
  return out;
}

/** A run of equal pieces followed by the edits up to the next equal run. */
type CharGroup = { kind: 'same'; g: string[] } | { kind: 'change'; del: string[]; add: string[] };

function groupCodes(codes: readonly EditCode[], a: readonly string[], b: readonly string[]): CharGroup[] {
  const groups: CharGroup[] = [];
  let i = 0;
  let j = 0;
  for (const code of codes) {
    let last = groups[groups.length - 1];
    if (code === SAME) {
      if (last?.kind !== 'same') groups.push((last = { kind: 'same', g: [] }));
      last.g.push(a[i++]!);
      j++;
    } else {
      if (last?.kind !== 'change') groups.push((last = { kind: 'change', del: [], add: [] }));
      if (code === DEL) last.del.push(a[i++]!);
      else last.add.push(b[j++]!);
    }
  }
  return groups;
}

/**
 * Folds a short equal run between two edits into the edits (the
 * diff-match-patch "semantic" rule: the run is no longer than the larger side
 * of the edit before it and of the edit after it). Myers happily matches a
 * stray 的 or ， in the middle of a rewritten clause, which reads as noise.
 */
function absorbShortEqualities(groups: CharGroup[]): CharGroup[] {
  const stack: CharGroup[] = [];
  for (const group of groups) {
    stack.push(group);
    for (;;) {
      const after = stack[stack.length - 1];
      const same = stack[stack.length - 2];
      const before = stack[stack.length - 3];
      if (after?.kind !== 'change' || same?.kind !== 'same' || before?.kind !== 'change') break;
      const len = same.g.length;
      if (len > Math.max(before.del.length, before.add.length) || len > Math.max(after.del.length, after.add.length)) break;
      stack.length -= 3;
      stack.push({
        kind: 'change',
        del: [...before.del, ...same.g, ...after.del],
        add: [...before.add, ...same.g, ...after.add],
      });
    }
  }
  return stack;
}

function charDiffOfGraphemes(a: readonly string[], b: readonly string[]): CharDiff[] {
  const table = new Map<string, number>();
  const codes = diffSequences(internAll(a, table), internAll(b, table));
  const out: CharDiff[] = [];
  for (const g of absorbShortEqualities(groupCodes(codes, a, b))) {
    if (g.kind === 'same') {
      out.push({ op: 'same', text: g.g.join('') });
    } else {
      if (g.del.length > 0) out.push({ op: 'del', text: g.del.join('') });
      if (g.add.length > 0) out.push({ op: 'add', text: g.add.join('') });
    }
  }
  return out;
}

/**
 * Character diff by grapheme cluster (so by code point at least: surrogate
 * pairs stay whole). Within a changed stretch the deletion comes before the
 * insertion; adjacent pieces of the same op are merged.
 */
export function diffChars(before: string, after: string): CharDiff[] {
  return charDiffOfGraphemes(graphemes(before), graphemes(after));
}

/** Character detail for an edited line, or undefined when the two lines have too little in common to call it an edit. */
function pairChars(oldText: string, newText: string): { del: CharDiff[]; add: CharDiff[] } | undefined {
  const a = graphemes(oldText);
  const b = graphemes(newText);
  if (a.length === 0 || b.length === 0) return undefined;
  if (a.length > MAX_CHAR_DIFF_GRAPHEMES || b.length > MAX_CHAR_DIFF_GRAPHEMES) return undefined;
  const pieces = charDiffOfGraphemes(a, b);
  let common = 0;
  for (const p of pieces) if (p.op === 'same') common += graphemes(p.text).length;
  if ((2 * common) / (a.length + b.length) < PAIR_SIMILARITY) return undefined;
  return { del: oneSide(pieces, 'add'), add: oneSide(pieces, 'del') };
}

/** One side of a character diff: the other side's pieces dropped, and the equal runs they separated joined again. */
function oneSide(pieces: readonly CharDiff[], drop: DiffOp): CharDiff[] {
  const out: CharDiff[] = [];
  for (const p of pieces) {
    if (p.op === drop) continue;
    const last = out[out.length - 1];
    if (last?.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

interface LineOp {
  op: DiffOp;
  /** Index of the line in the old text (same/del), or for an add the number of old lines before it. */
  oldIndex: number;
  /** Index of the line in the new text (same/add), or for a del the number of new lines before it. */
  newIndex: number;
}

/** Line ops in display order: in each changed stretch, all deletions, then all insertions. */
function lineOps(oldKeys: readonly string[], newKeys: readonly string[]): LineOp[] {
  const table = new Map<string, number>();
  const codes = diffSequences(internAll(oldKeys, table), internAll(newKeys, table));
  const out: LineOp[] = [];
  let dels: LineOp[] = [];
  let adds: LineOp[] = [];
  const flush = (): void => {
    out.push(...dels, ...adds);
    dels = [];
    adds = [];
  };
  let i = 0;
  let j = 0;
  // Where the current changed stretch starts on each side: after regrouping, a deletion comes
  // before every insertion of its stretch, so it sits after the same number of new lines, and vice versa.
  let stretchI = 0;
  let stretchJ = 0;
  for (const code of codes) {
    if (code === SAME) {
      flush();
      out.push({ op: 'same', oldIndex: i++, newIndex: j++ });
      continue;
    }
    if (dels.length === 0 && adds.length === 0) {
      stretchI = i;
      stretchJ = j;
    }
    if (code === DEL) dels.push({ op: 'del', oldIndex: i++, newIndex: stretchJ });
    else adds.push({ op: 'add', oldIndex: stretchI, newIndex: j++ });
  }
  flush();
  return out;
}

/**
 * Line diff. Within a changed stretch the k-th deleted line is paired with the
 * k-th added line and, when they are similar enough, both carry `chars`.
 * Pairing by position is what reviewers expect of an edited paragraph; a line
 * inserted in the middle of edits can pair wrongly, and then the similarity
 * threshold usually drops the character detail rather than show nonsense.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const oldLines = splitText(before).lines;
  const newLines = splitText(after).lines;
  const ops = lineOps(oldLines, newLines);
  const out: DiffLine[] = [];
  let k = 0;
  while (k < ops.length) {
    const op = ops[k]!;
    if (op.op === 'same') {
      out.push({ op: 'same', text: oldLines[op.oldIndex]!, oldLine: op.oldIndex + 1, newLine: op.newIndex + 1 });
      k++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    for (; k < ops.length && ops[k]!.op !== 'same'; k++) {
      const o = ops[k]!;
      if (o.op === 'del') dels.push({ op: 'del', text: oldLines[o.oldIndex]!, oldLine: o.oldIndex + 1 });
      else adds.push({ op: 'add', text: newLines[o.newIndex]!, newLine: o.newIndex + 1 });
    }
    for (let p = 0; p < Math.min(dels.length, adds.length); p++) {
      const del = dels[p]!;
      const add = adds[p]!;
      const chars = pairChars(del.text, add.text);
      if (chars !== undefined) {
        del.chars = chars.del;
        add.chars = chars.add;
      }
    }
    out.push(...dels, ...adds);
  }
  return out;
}

/** Lines added and removed, line endings ignored (as in `diffLines`). */
export function diffStats(before: string, after: string): { added: number; removed: number } {
  const ops = lineOps(splitText(before).lines, splitText(after).lines);
  let added = 0;
  let removed = 0;
  for (const o of ops) {
    if (o.op === 'add') added++;
    else if (o.op === 'del') removed++;
  }
  return { added, removed };
}

/**
 * Unified diff (`diff -u` format: `---`/`+++` headers, `@@ -l,s +l,s @@`
 * hunks, `,1` counts omitted, a zero-length range numbered by the line before
 * it). Changes closer than 2·context lines share a hunk. Identical texts give
 * the empty string. Output lines end with LF whatever the input used.
 */
export function unifiedDiff(before: string, after: string, labels?: { before: string; after: string }, context = 3): string {
  const oldText = splitText(before);
  const newText = splitText(after);
  // The last line without a final newline is a different line from the same
  // text with one, as in `diff`: that is how the marker survives a round trip.
  const keys = (t: SplitText): string[] =>
    t.lines.map((line, i) => (i === t.lines.length - 1 && !t.endsWithNewline ? `\u0001${line}` : `\u0000${line}`));
  const ops = lineOps(keys(oldText), keys(newText));
  const ctx = Math.max(0, Math.floor(context));

  const ranges: Array<[number, number]> = [];
  ops.forEach((o, idx) => {
    if (o.op === 'same') return;
    const start = Math.max(0, idx - ctx);
    const end = Math.min(ops.length, idx + ctx + 1);
    const last = ranges[ranges.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
  });
  if (ranges.length === 0) return '';

  const oldLastIndex = oldText.endsWithNewline ? -1 : oldText.lines.length - 1;
  const newLastIndex = newText.endsWithNewline ? -1 : newText.lines.length - 1;
  const noNewline = '\\ No newline at end of file';
  const out: string[] = [`--- ${labels?.before ?? 'before'}`, `+++ ${labels?.after ?? 'after'}`];
  for (const [start, end] of ranges) {
    const first = ops[start]!;
    let oldCount = 0;
    let newCount = 0;
    const body: string[] = [];
    for (let idx = start; idx < end; idx++) {
      const o = ops[idx]!;
      if (o.op === 'same') {
        oldCount++;
        newCount++;
        body.push(` ${oldText.lines[o.oldIndex]!}`);
        if (o.oldIndex === oldLastIndex) body.push(noNewline);
      } else if (o.op === 'del') {
        oldCount++;
        body.push(`-${oldText.lines[o.oldIndex]!}`);
        if (o.oldIndex === oldLastIndex) body.push(noNewline);
      } else {
        newCount++;
        body.push(`+${newText.lines[o.newIndex]!}`);
        if (o.newIndex === newLastIndex) body.push(noNewline);
      }
    }
    // `oldIndex`/`newIndex` of the first op count the lines before the hunk on each side.
    const range = (before: number, count: number): string => {
      const startLine = count === 0 ? before : before + 1;
      return count === 1 ? `${startLine}` : `${startLine},${count}`;
    };
    out.push(`@@ -${range(first.oldIndex, oldCount)} +${range(first.newIndex, newCount)} @@`, ...body);
  }
  return `${out.join('\n')}\n`;
}

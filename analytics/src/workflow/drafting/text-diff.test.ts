import { seededRandom } from '@fenghuo/shared';
import { describe, expect, it } from 'vitest';
import { ADD, DEL, SAME, diffSequences } from './myers';
import { diffChars, diffLines, diffStats, unifiedDiff, type CharDiff, type DiffLine } from './index';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Both sides rebuilt from a character diff. */
function sides(pieces: readonly CharDiff[]): { before: string; after: string } {
  return {
    before: pieces.filter((p) => p.op !== 'add').map((p) => p.text).join(''),
    after: pieces.filter((p) => p.op !== 'del').map((p) => p.text).join(''),
  };
}

/** Both sides rebuilt from a line diff (LF, no final newline). */
function lineSides(lines: readonly DiffLine[]): { before: string; after: string } {
  return {
    before: lines.filter((l) => l.op !== 'add').map((l) => l.text).join('\n'),
    after: lines.filter((l) => l.op !== 'del').map((l) => l.text).join('\n'),
  };
}

/**
 * Applies a unified diff the way `patch` does, checking every context and
 * deleted line against the old text and every hunk count against its header.
 */
function applyUnified(before: string, patch: string): string {
  const split = (t: string): { lines: string[]; eol: boolean } => {
    if (t === '') return { lines: [], eol: true };
    const lines = t.split('\n');
    const eol = lines[lines.length - 1] === '';
    if (eol) lines.pop();
    return { lines, eol };
  };
  const old = split(before);
  if (patch === '') return before;
  const rows = patch.replace(/\n$/, '').split('\n');
  expect(rows[0]).toMatch(/^--- /);
  expect(rows[1]).toMatch(/^\+\+\+ /);
  const out: string[] = [];
  let cursor = 0;
  let newEol = old.eol;
  let r = 2;
  while (r < rows.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(rows[r++]!);
    if (header === null) throw new Error(`bad hunk header: ${rows[r - 1]}`);
    const oldStart = Number(header[1]);
    const oldCount = header[2] === undefined ? 1 : Number(header[2]);
    const newStart = Number(header[3]);
    const newCount = header[4] === undefined ? 1 : Number(header[4]);
    const from = oldCount === 0 ? oldStart : oldStart - 1;
    expect(from).toBeGreaterThanOrEqual(cursor);
    while (cursor < from) out.push(old.lines[cursor++]!);
    expect(newCount === 0 ? out.length : out.length + 1).toBe(newStart);
    let seenOld = 0;
    let seenNew = 0;
    let last = '';
    let hunkNoEol = false;
    for (; r < rows.length && !rows[r]!.startsWith('@@'); r++) {
      const row = rows[r]!;
      const kind = row[0];
      const text = row.slice(1);
      if (kind === '\\') {
        if (last === ' ' || last === '+') hunkNoEol = true;
        continue;
      }
      last = kind ?? '';
      if (kind === ' ' || kind === '-') {
        expect(old.lines[cursor]).toBe(text);
        cursor++;
        seenOld++;
      }
      if (kind === ' ' || kind === '+') {
        out.push(text);
        seenNew++;
      }
    }
    expect([seenOld, seenNew]).toEqual([oldCount, newCount]);
    // Only a hunk that reaches the end of the old text can say how the new one ends.
    if (cursor === old.lines.length) newEol = !hunkNoEol;
  }
  while (cursor < old.lines.length) out.push(old.lines[cursor++]!);
  return out.length === 0 ? '' : out.join('\n') + (newEol ? '\n' : '');
}

describe('diffSequences (Myers)', () => {
  /** Length of the longest common subsequence, by the textbook table. */
  function lcs(a: readonly number[], b: readonly number[]): number {
    let prev = new Array<number>(b.length + 1).fill(0);
    for (const x of a) {
      const row = [0];
      b.forEach((y, j) => row.push(x === y ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!)));
      prev = row;
    }
    return prev[b.length]!;
  }

  it('is a valid and minimal edit script on 500 random pairs', () => {
    const rand = seededRandom(7);
    for (let trial = 0; trial < 500; trial++) {
      const alphabet = 1 + Math.floor(rand() * 6);
      const seq = (): number[] => Array.from({ length: Math.floor(rand() * 30) }, () => Math.floor(rand() * alphabet));
      const a = seq();
      const b = seq();
      const codes = diffSequences(a, b);
      let i = 0;
      let j = 0;
      const rebuilt: number[] = [];
      for (const c of codes) {
        if (c === SAME) {
          expect(a[i]).toBe(b[j]);
          rebuilt.push(a[i++]!);
          j++;
        } else if (c === DEL) i++;
        else if (c === ADD) rebuilt.push(b[j++]!);
      }
      expect([i, j]).toEqual([a.length, b.length]);
      expect(rebuilt).toEqual(b);
      expect(codes.filter((c) => c !== SAME).length).toBe(a.length + b.length - 2 * lcs(a, b));
    }
  });
});

describe('diffLines', () => {
  it.each([
    { name: 'identical', before: '甲\n乙\n丙', after: '甲\n乙\n丙', ops: 'sss' },
    { name: 'both empty', before: '', after: '', ops: '' },
    { name: 'from empty', before: '', after: '甲\n乙', ops: '++' },
    { name: 'to empty', before: '甲\n乙\n', after: '', ops: '--' },
    { name: 'insertion at start', before: '乙\n丙', after: '甲\n乙\n丙', ops: '+ss' },
    { name: 'insertion in the middle', before: '甲\n丙', after: '甲\n乙\n丙', ops: 's+s' },
    { name: 'insertion at end', before: '甲\n乙', after: '甲\n乙\n丙', ops: 'ss+' },
    { name: 'deletion in the middle', before: '甲\n乙\n丙', after: '甲\n丙', ops: 's-s' },
    { name: 'replacement: deletions before insertions', before: '甲\n乙\n丙\n丁', after: '甲\n一\n二\n丁', ops: 's--++s' },
    { name: 'CRLF vs LF is no change', before: '甲\r\n乙\r\n', after: '甲\n乙', ops: 'ss' },
    { name: 'lone CR counts as a line break', before: '甲\r乙', after: '甲\n乙\n', ops: 'ss' },
    { name: 'blank lines are lines', before: '甲\n\n乙', after: '甲\n乙', ops: 's-s' },
  ])('$name', ({ before, after, ops }) => {
    const lines = diffLines(before, after);
    expect(lines.map((l) => ({ same: 's', add: '+', del: '-' })[l.op]).join('')).toBe(ops);
    const norm = (t: string): string => t.split(/\r\n|\r|\n/).join('\n').replace(/\n$/, '');
    expect(lineSides(lines)).toEqual({ before: norm(before), after: norm(after) });
    // Line numbers count each side in order.
    expect(lines.filter((l) => l.oldLine !== undefined).map((l) => l.oldLine)).toEqual(
      lines.filter((l) => l.op !== 'add').map((_, k) => k + 1),
    );
    expect(lines.filter((l) => l.newLine !== undefined).map((l) => l.newLine)).toEqual(
      lines.filter((l) => l.op !== 'del').map((_, k) => k + 1),
    );
  });

  it('pairs an edited line with a character diff on both sides', () => {
    const lines = diffLines('一、情况\n经初步核实，事故造成2人受伤。\n完', '一、情况\n经初步核实，事故造成3人受伤，均无生命危险。\n完');
    const del = lines.find((l) => l.op === 'del');
    const add = lines.find((l) => l.op === 'add');
    expect(del).toMatchObject({ oldLine: 2 });
    expect(add).toMatchObject({ newLine: 2 });
    expect(del!.chars).toEqual([
      { op: 'same', text: '经初步核实，事故造成' },
      { op: 'del', text: '2' },
      { op: 'same', text: '人受伤。' },
    ]);
    expect(add!.chars).toEqual([
      { op: 'same', text: '经初步核实，事故造成' },
      { op: 'add', text: '3' },
      { op: 'same', text: '人受伤' },
      { op: 'add', text: '，均无生命危险' },
      { op: 'same', text: '。' },
    ]);
  });

  it('leaves a rewritten line without character detail', () => {
    const lines = diffLines('甲\n今天下午召开新闻发布会\n乙', '甲\n请广大网民不信谣不传谣\n乙');
    expect(lines.filter((l) => l.op !== 'same').map((l) => l.chars)).toEqual([undefined, undefined]);
    expect(diffLines('a\n\nb', 'a\nx\nb').filter((l) => l.op !== 'same').map((l) => l.chars)).toEqual([undefined, undefined]);
  });

  it('is a consistent two-sided view on random edits', () => {
    const rand = seededRandom(11);
    for (let trial = 0; trial < 100; trial++) {
      const { before, after } = randomEdit(rand);
      const lines = diffLines(before, after);
      const norm = (t: string): string => t.replace(/\n$/, '');
      expect(lineSides(lines)).toEqual({ before: norm(before), after: norm(after) });
      for (const l of lines) {
        if (l.chars === undefined) continue;
        expect(l.op).not.toBe('same');
        expect(l.chars.map((c) => c.text).join('')).toBe(l.text);
        expect(l.chars.every((c) => c.op === 'same' || c.op === l.op)).toBe(true);
        l.chars.forEach((c, k) => expect(c.op).not.toBe(l.chars![k + 1]?.op));
      }
      const stats = diffStats(before, after);
      expect(stats).toEqual({
        added: lines.filter((l) => l.op === 'add').length,
        removed: lines.filter((l) => l.op === 'del').length,
      });
    }
  });
});

describe('diffChars', () => {
  it.each([
    { name: 'identical', before: '不信谣、不传谣', after: '不信谣、不传谣', pieces: [{ op: 'same', text: '不信谣、不传谣' }] },
    { name: 'both empty', before: '', after: '', pieces: [] },
    { name: 'pure insertion', before: '', after: '辟谣', pieces: [{ op: 'add', text: '辟谣' }] },
    { name: 'pure deletion', before: '辟谣', after: '', pieces: [{ op: 'del', text: '辟谣' }] },
    {
      name: 'Chinese substitution',
      before: '造成2人受伤',
      after: '造成3人受伤',
      pieces: [
        { op: 'same', text: '造成' },
        { op: 'del', text: '2' },
        { op: 'add', text: '3' },
        { op: 'same', text: '人受伤' },
      ],
    },
    {
      // 😀 and 😃 share their high surrogate: a code-unit diff would keep it and swap half a character.
      name: 'emoji sharing a high surrogate',
      before: '今天😀好',
      after: '今天😃好',
      pieces: [
        { op: 'same', text: '今天' },
        { op: 'del', text: '😀' },
        { op: 'add', text: '😃' },
        { op: 'same', text: '好' },
      ],
    },
    {
      name: 'astral CJK (Extension B) character',
      before: '𠮷野家',
      after: '吉野家',
      pieces: [
        { op: 'del', text: '𠮷' },
        { op: 'add', text: '吉' },
        { op: 'same', text: '野家' },
      ],
    },
    {
      name: 'skin-tone modifier stays with its emoji',
      before: '点赞👍',
      after: '点赞👍🏽',
      pieces: [
        { op: 'same', text: '点赞' },
        { op: 'del', text: '👍' },
        { op: 'add', text: '👍🏽' },
      ],
    },
    {
      name: 'short equality between edits is absorbed',
      before: '今天天气很好',
      after: '今天天气不好啊',
      pieces: [
        { op: 'same', text: '今天天气' },
        { op: 'del', text: '很好' },
        { op: 'add', text: '不好啊' },
      ],
    },
  ])('$name', ({ before, after, pieces }) => {
    expect(diffChars(before, after)).toEqual(pieces);
  });

  it('rebuilds both sides and never splits a surrogate pair on random text', () => {
    const rand = seededRandom(3);
    const alphabet = ['网', '传', '谣', '言', '，', '。', '😀', '😃', '🚒', '𠮷', 'a', '\n', '👍🏽'];
    const text = (): string =>
      Array.from({ length: Math.floor(rand() * 40) }, () => alphabet[Math.floor(rand() * alphabet.length)]!).join('');
    for (let trial = 0; trial < 300; trial++) {
      const before = text();
      const after = text();
      const pieces = diffChars(before, after);
      expect(sides(pieces)).toEqual({ before, after });
      for (const p of pieces) {
        expect(p.text).not.toBe('');
        expect(p.text).not.toMatch(LONE_SURROGATE);
      }
      // Adjacent pieces are merged: no two neighbours share an op, and a change is del then add.
      pieces.forEach((p, k) => {
        const next = pieces[k + 1];
        if (next !== undefined) {
          expect(next.op).not.toBe(p.op);
          if (p.op === 'add') expect(next.op).toBe('same');
        }
      });
    }
  });
});

const VOCAB = [
  '经初步核实，事故造成2人受伤。',
  '目前，现场交通已恢复正常。',
  '网传“某地自来水被污染”不实。',
  '请广大网民不信谣、不传谣。🙏',
  '',
  '某某市应急管理局',
  '2026年11月26日',
  '后续情况将及时发布。',
];

/** A random draft and an edited copy: inserted, deleted, replaced and duplicated lines, sometimes a changed final newline. */
function randomEdit(rand: () => number): { before: string; after: string } {
  const pick = (): string => VOCAB[Math.floor(rand() * VOCAB.length)]! + (rand() < 0.3 ? String(Math.floor(rand() * 5)) : '');
  const lines = Array.from({ length: Math.floor(rand() * 25) }, pick);
  const edited = [...lines];
  const edits = Math.floor(rand() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (edited.length + 1));
    const kind = rand();
    if (kind < 0.35) edited.splice(at, 0, pick());
    else if (kind < 0.7) edited.splice(at, 1);
    else if (kind < 0.9) edited.splice(at, 1, pick());
    else edited.splice(at, 0, ...edited.slice(at, at + 3));
  }
  const end = (ls: string[]): string => (ls.length === 0 ? '' : ls.join('\n') + (rand() < 0.7 ? '\n' : ''));
  return { before: end(lines), after: end(edited) };
}

describe('unifiedDiff', () => {
  it.each([
    { name: 'identical', before: '甲\n乙\n', after: '甲\n乙\n', labels: undefined, context: undefined, out: '' },
    { name: 'CRLF vs LF', before: '甲\r\n乙\r\n', after: '甲\n乙\n', labels: undefined, context: undefined, out: '' },
    {
      name: 'one changed line with default context and labels',
      before: '1\n2\n3\n4\n5\n6\n7\n8\n9\n',
      after: '1\n2\n3\n4\n五\n6\n7\n8\n9\n',
      labels: { before: '草稿 v1', after: '草稿 v2' },
      context: undefined,
      out: '--- 草稿 v1\n+++ 草稿 v2\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+五\n 6\n 7\n 8\n',
    },
    {
      name: 'two changes far apart make two hunks',
      before: '1\n2\n3\n4\n5\n6\n7\n8\n',
      after: '一\n2\n3\n4\n5\n6\n7\n八\n',
      labels: undefined,
      context: 1,
      out: '--- before\n+++ after\n@@ -1,2 +1,2 @@\n-1\n+一\n 2\n@@ -7,2 +7,2 @@\n 7\n-8\n+八\n',
    },
    {
      name: 'changes within 2·context lines share a hunk',
      before: '1\n2\n3\n4\n',
      after: '一\n2\n3\n四\n',
      labels: undefined,
      context: 1,
      out: '--- before\n+++ after\n@@ -1,4 +1,4 @@\n-1\n+一\n 2\n 3\n-4\n+四\n',
    },
    {
      name: 'pure insertion with no context: zero-length range names the line before',
      before: '1\n2\n',
      after: '1\n插\n2\n',
      labels: undefined,
      context: 0,
      out: '--- before\n+++ after\n@@ -1,0 +2 @@\n+插\n',
    },
    {
      name: 'from empty',
      before: '',
      after: '甲\n',
      labels: undefined,
      context: undefined,
      out: '--- before\n+++ after\n@@ -0,0 +1 @@\n+甲\n',
    },
    {
      name: 'final newline added',
      before: '甲\n乙',
      after: '甲\n乙\n',
      labels: undefined,
      context: undefined,
      out: '--- before\n+++ after\n@@ -1,2 +1,2 @@\n 甲\n-乙\n\\ No newline at end of file\n+乙\n',
    },
  ])('$name', ({ before, after, labels, context, out }) => {
    const patch = unifiedDiff(before, after, labels, context);
    expect(patch).toBe(out);
    if (!before.includes('\r')) expect(applyUnified(before, patch)).toBe(after);
  });

  it('applies back to the new text on random seeded edits, for several context sizes', () => {
    const rand = seededRandom(2026);
    for (let trial = 0; trial < 400; trial++) {
      const { before, after } = randomEdit(rand);
      const context = Math.floor(rand() * 4);
      const patch = unifiedDiff(before, after, { before: 'v1', after: 'v2' }, context);
      expect(applyUnified(before, patch)).toBe(after);
      expect(patch === '').toBe(before === after);
    }
  });
});

describe('large inputs', () => {
  const rand = seededRandom(99);
  const line = (): string =>
    Array.from({ length: 10 + Math.floor(rand() * 30) }, () => String.fromCodePoint(0x4e00 + Math.floor(rand() * 3000))).join('');
  const draft = Array.from({ length: 2000 }, line);

  it.each([
    {
      name: '2000 lines, 200 scattered edits',
      edit: (ls: string[]): string[] => {
        const out = [...ls];
        for (let e = 0; e < 200; e++) {
          const at = Math.floor(rand() * out.length);
          const kind = rand();
          if (kind < 0.4) out[at] = `${out[at]!.slice(0, 5)}修改${out[at]!.slice(5)}`;
          else if (kind < 0.7) out.splice(at, 1);
          else out.splice(at, 0, line());
        }
        return out;
      },
    },
    { name: '2000 lines against 2000 unrelated lines (D = 4000)', edit: (ls: string[]): string[] => ls.map(() => `新${line()}`) },
  ])('$name', ({ edit }) => {
    const before = draft.join('\n');
    const after = edit(draft).join('\n');
    const started = performance.now();
    const lines = diffLines(before, after);
    const patch = unifiedDiff(before, after);
    const elapsed = performance.now() - started;
    expect(lineSides(lines)).toEqual({ before, after });
    expect(applyUnified(before, patch)).toBe(after);
    // Generous for a shared, busy machine; the quadratic table would be 4 M cells and the O(D²) trace 16 M.
    expect(elapsed).toBeLessThan(3_000);
  });

  it('character diff of a 20 000-character text with a few edits', () => {
    const before = draft.slice(0, 800).join('');
    const after = `${before.slice(0, 5000)}（补充说明）${before.slice(5000, 12000)}${before.slice(12100)}`;
    const started = performance.now();
    const pieces = diffChars(before, after);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(sides(pieces)).toEqual({ before, after });
    expect(pieces.filter((p) => p.op !== 'same').map((p) => p.text)).toEqual(['（补充说明）', before.slice(12000, 12100)]);
  });
});

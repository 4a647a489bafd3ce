import type { DiffLine } from './types';

/** One row of a side-by-side diff: the old line on the left, the new on the right (either may be absent). */
export interface SideBySideRow {
  left?: DiffLine;
  right?: DiffLine;
}

/**
 * Pairs the server's line diff into rows: a same line on both sides; within
 * a change block (its deleted lines, then its added lines) the n-th deleted
 * line faces the n-th added one, which is also how the server paired them
 * for the character detail.
 */
export function sideBySide(lines: readonly DiffLine[]): SideBySideRow[] {
  const rows: SideBySideRow[] = [];
  let k = 0;
  while (k < lines.length) {
    const line = lines[k]!;
    if (line.op === 'same') {
      rows.push({ left: line, right: line });
      k++;
      continue;
    }
    const dels: DiffLine[] = [];
    const adds: DiffLine[] = [];
    for (; k < lines.length && lines[k]!.op !== 'same'; k++) (lines[k]!.op === 'del' ? dels : adds).push(lines[k]!);
    for (let p = 0; p < Math.max(dels.length, adds.length); p++) {
      const row: SideBySideRow = {};
      if (dels[p]) row.left = dels[p];
      if (adds[p]) row.right = adds[p];
      rows.push(row);
    }
  }
  return rows;
}

export function diffCounts(lines: readonly DiffLine[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const l of lines) {
    if (l.op === 'add') added++;
    else if (l.op === 'del') removed++;
  }
  return { added, removed };
}

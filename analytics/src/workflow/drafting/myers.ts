/**
 * Shortest edit script between two integer sequences (Myers 1986, the
 * linear-space "middle snake" variant, after the bisection in Neil Fraser's
 * diff-match-patch). Callers intern lines or graphemes to integers first, so
 * comparisons are cheap and the same core serves line and character diffs.
 *
 * Time is O((N+M)·D) and memory O(N+M): the plain Myers trace would keep every
 * V array, O(D²), which for two unrelated 2 000-line drafts is tens of MB.
 *
 * Hot loops index typed arrays inside checked bounds, hence the `!` (with
 * `noUncheckedIndexedAccess` every typed-array read is `number | undefined`).
 */

export const SAME = 0;
export const DEL = 1;
export const ADD = 2;
export type EditCode = typeof SAME | typeof DEL | typeof ADD;

/**
 * One code per step: SAME consumes one element of each side, DEL one of `a`,
 * ADD one of `b`. Within a changed stretch the order of DEL and ADD is not
 * normalised; callers that display diffs group them.
 */
export function diffSequences(a: ArrayLike<number>, b: ArrayLike<number>): EditCode[] {
  const out: EditCode[] = [];
  diffRange(Int32Array.from(a), 0, a.length, Int32Array.from(b), 0, b.length, out);
  return out;
}

function diffRange(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, out: EditCode[]): void {
  while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
    out.push(SAME);
    aLo++;
    bLo++;
  }
  let suffix = 0;
  while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) {
    aHi--;
    bHi--;
    suffix++;
  }
  if (aLo === aHi) {
    for (let j = bLo; j < bHi; j++) out.push(ADD);
  } else if (bLo === bHi) {
    for (let i = aLo; i < aHi; i++) out.push(DEL);
  } else {
    const split = middleSnake(a, aLo, aHi, b, bLo, bHi);
    const n = aHi - aLo;
    const m = bHi - bLo;
    // A split at a corner would recurse on the same problem; it cannot happen
    // once prefix and suffix are stripped, but a wrong answer beats a hang.
    if (split === undefined || (split.x === 0 && split.y === 0) || (split.x === n && split.y === m)) {
      for (let i = 0; i < n; i++) out.push(DEL);
      for (let j = 0; j < m; j++) out.push(ADD);
    } else {
      diffRange(a, aLo, aLo + split.x, b, bLo, bLo + split.y, out);
      diffRange(a, aLo + split.x, aHi, b, bLo + split.y, bHi, out);
    }
  }
  for (let s = 0; s < suffix; s++) out.push(SAME);
}

/**
 * Runs the forward and reverse searches at once and returns the point where
 * they meet: a point on some shortest path, so both halves can be solved
 * independently with about D/2 edits each (recursion depth O(log D)).
 */
function middleSnake(
  a: Int32Array,
  aLo: number,
  aHi: number,
  b: Int32Array,
  bLo: number,
  bHi: number,
): { x: number; y: number } | undefined {
  const n = aHi - aLo;
  const m = bHi - bLo;
  const maxD = Math.ceil((n + m) / 2);
  const offset = maxD;
  const vLength = 2 * maxD;
  // -1 marks diagonals not reached yet; +2 slack so `k ± 1` reads stay in bounds.
  const v1 = new Int32Array(vLength + 2).fill(-1);
  const v2 = new Int32Array(vLength + 2).fill(-1);
  v1[offset + 1] = 0;
  v2[offset + 1] = 0;
  const delta = n - m;
  // With an odd delta the paths can only meet on a forward step, with an even one on a reverse step.
  const front = delta % 2 !== 0;
  // Diagonals that ran off the grid are trimmed from later rounds.
  let k1start = 0;
  let k1end = 0;
  let k2start = 0;
  let k2end = 0;
  for (let d = 0; d < maxD; d++) {
    for (let k1 = -d + k1start; k1 <= d - k1end; k1 += 2) {
      const k1Offset = offset + k1;
      let x1 = k1 === -d || (k1 !== d && v1[k1Offset - 1]! < v1[k1Offset + 1]!) ? v1[k1Offset + 1]! : v1[k1Offset - 1]! + 1;
      let y1 = x1 - k1;
      while (x1 < n && y1 < m && a[aLo + x1] === b[bLo + y1]) {
        x1++;
        y1++;
      }
      v1[k1Offset] = x1;
      if (x1 > n) {
        k1end += 2;
      } else if (y1 > m) {
        k1start += 2;
      } else if (front) {
        const k2Offset = offset + delta - k1;
        if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset]! !== -1) {
          const x2 = n - v2[k2Offset]!;
          if (x1 >= x2) return { x: x1, y: y1 };
        }
      }
    }
    for (let k2 = -d + k2start; k2 <= d - k2end; k2 += 2) {
      const k2Offset = offset + k2;
      let x2 = k2 === -d || (k2 !== d && v2[k2Offset - 1]! < v2[k2Offset + 1]!) ? v2[k2Offset + 1]! : v2[k2Offset - 1]! + 1;
      let y2 = x2 - k2;
      while (x2 < n && y2 < m && a[aHi - x2 - 1] === b[bHi - y2 - 1]) {
        x2++;
        y2++;
      }
      v2[k2Offset] = x2;
      if (x2 > n) {
        k2end += 2;
      } else if (y2 > m) {
        k2start += 2;
      } else if (!front) {
        const k1Offset = offset + delta - k2;
        if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset]! !== -1) {
          const x1 = v1[k1Offset]!;
          const y1 = offset + x1 - k1Offset;
          if (x1 >= n - x2) return { x: x1, y: y1 };
        }
      }
    }
  }
  return undefined;
}

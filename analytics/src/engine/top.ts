/**
 * The first `n` items in the order `before` defines, without sorting them
 * all: an event's keyword map can hold thousands of words and is read on
 * every mention. `before(a, b)` is true when `a` ranks strictly ahead of `b`;
 * items that tie keep the order they came in (like a stable sort).
 */
export function topN<T>(items: Iterable<T>, n: number, before: (a: T, b: T) => boolean): T[] {
  const top: T[] = [];
  if (n <= 0) return top;
  for (const item of items) {
    if (top.length === n && !before(item, top[n - 1]!)) continue;
    let i = top.length === n ? n - 1 : top.length;
    while (i > 0 && before(item, top[i - 1]!)) i--;
    if (top.length === n) top.pop();
    top.splice(i, 0, item);
  }
  return top;
}

/** Entries with the largest counts first; ties by key in code-point order. */
export const byCountThenKey = (a: [string, number], b: [string, number]): boolean => a[1] > b[1] || (a[1] === b[1] && a[0] < b[0]);

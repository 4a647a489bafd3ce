/** One count of the event's per-minute series: mentions on a platform in the minute starting at t (ms). */
export interface StackPoint {
  t: number;
  platform: string;
  count: number;
}

/** One step of the stacked chart: its time and a count per key (platform). */
export type StackRow = { t: number } & Record<string, number>;

export const MINUTE = 60_000;

export const x = (row: StackRow) => row.t;
export const value = (row: StackRow, key: string) => row[key] ?? 0;

/**
 * The series as rows, one per step from the first to the last minute, every
 * key present (0 where a platform was quiet, so the areas come down to the
 * axis instead of bridging a gap); keys ordered by total, largest first,
 * so the biggest platform lies at the bottom.
 */
export function stackRows(series: readonly StackPoint[], step = MINUTE): { rows: StackRow[]; keys: string[]; totals: Record<string, number> } {
  if (!series.length) return { rows: [], keys: [], totals: {} };
  const totals: Record<string, number> = {};
  const byStep = new Map<number, Record<string, number>>();
  let first = Infinity;
  let last = -Infinity;
  for (const p of series) {
    const t = Math.floor(p.t / step) * step;
    first = Math.min(first, t);
    last = Math.max(last, t);
    totals[p.platform] = (totals[p.platform] ?? 0) + p.count;
    const at = byStep.get(t) ?? {};
    at[p.platform] = (at[p.platform] ?? 0) + p.count;
    byStep.set(t, at);
  }
  const keys = Object.keys(totals).sort((a, b) => totals[b]! - totals[a]! || a.localeCompare(b));
  const rows: StackRow[] = [];
  for (let t = first; t <= last; t += step) {
    const at = byStep.get(t) ?? {};
    const row = { t } as StackRow;
    for (const k of keys) (row as Record<string, number>)[k] = at[k] ?? 0;
    rows.push(row);
  }
  return { rows, keys, totals };
}

import type { DeadlineView } from '@fenghuo/shared/workflow';

/** Mentions per minute of one platform, summed over the incident's linked events. */
export interface VolumePoint {
  t: number;
  platform: string;
  count: number;
}

/** Something that happened at one time: first mention, detection, opening, each response action. */
export interface TimelineMarker {
  at: number;
  kind: 'first_mention' | 'detection' | 'opened' | 'acknowledged' | 'action' | 'closed';
  label: string;
  /** Response action kind (statement, rebuttal…), for actions. */
  action?: string;
}

export type TimelineDeadline = Pick<DeadlineView, 'key' | 'label' | 'due_at' | 'state' | 'met_at'>;

/** One stacked column: the start of its bin and each platform's count in it. */
export interface StackRow {
  t: number;
  [platform: string]: number;
}

export const markerX = (m: TimelineMarker) => m.at;
export const deadlineX = (d: TimelineDeadline) => d.due_at;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Beyond this many bins silent ones are not filled in: the curve only joins its points. */
const MAX_FILLED_BINS = 10_000;
const BINS = [MINUTE, 5 * MINUTE, 15 * MINUTE, HOUR, 6 * HOUR, 24 * HOUR];

/**
 * The width of one column: a minute for the first hour of a story, then
 * wider, so the chart keeps at most about 60 columns (minute counts over a
 * day are noise at this size).
 */
export function volumeBin(points: readonly Pick<VolumePoint, 't'>[]): number {
  if (!points.length) return MINUTE;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of points) {
    lo = Math.min(lo, p.t);
    hi = Math.max(hi, p.t);
  }
  const span = hi - lo + MINUTE;
  return BINS.find((b) => span / b <= 60) ?? BINS[BINS.length - 1]!;
}

/**
 * The volume as rows per bin (a minute unless given) with one column per
 * platform (zeros where a platform was silent, and a row of zeros for each
 * silent bin in between, so a quiet spell drops to the axis instead of
 * being bridged),
 * the busiest platform first so it sits at the bottom of the stack, and the
 * total per minute.
 */
export function stackRows(points: readonly VolumePoint[], bin = MINUTE): { rows: StackRow[]; platforms: string[]; maxTotal: number } {
  const byPlatform = new Map<string, number>();
  const byMinute = new Map<number, Map<string, number>>();
  for (const p of points) {
    byPlatform.set(p.platform, (byPlatform.get(p.platform) ?? 0) + p.count);
    const t = Math.floor(p.t / bin) * bin;
    let m = byMinute.get(t);
    if (!m) byMinute.set(t, (m = new Map()));
    m.set(p.platform, (m.get(p.platform) ?? 0) + p.count);
  }
  const platforms = [...byPlatform.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p]) => p);
  const minutes = [...byMinute.keys()].sort((a, b) => a - b);
  if (minutes.length > 1 && (minutes[minutes.length - 1]! - minutes[0]!) / bin <= MAX_FILLED_BINS) {
    for (let t = minutes[0]!; t < minutes[minutes.length - 1]!; t += bin) if (!byMinute.has(t)) byMinute.set(t, new Map());
  }
  let maxTotal = 0;
  const rows = [...byMinute.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([t, m]) => {
      const row: StackRow = { t };
      let total = 0;
      for (const p of platforms) {
        const c = m.get(p) ?? 0;
        row[p] = c;
        total += c;
      }
      maxTotal = Math.max(maxTotal, total);
      return row;
    });
  return { rows, platforms, maxTotal };
}

/** Whether a deadline was kept, missed or is still running, as a word and an icon (never colour alone). */
export function deadlineMark(d: Pick<TimelineDeadline, 'state'>): { icon: string; tone: 'met' | 'late' | 'breached' | 'pending' } {
  switch (d.state) {
    case 'met':
      return { icon: '✓', tone: 'met' };
    case 'met_late':
      return { icon: '✓!', tone: 'late' };
    case 'breached':
      return { icon: '✕', tone: 'breached' };
    default:
      return { icon: '◔', tone: 'pending' };
  }
}

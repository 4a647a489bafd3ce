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

/** One stacked column: the minute and each platform's count that minute. */
export interface StackRow {
  t: number;
  [platform: string]: number;
}

export const markerX = (m: TimelineMarker) => m.at;
export const deadlineX = (d: TimelineDeadline) => d.due_at;

/**
 * The volume as rows per minute with one column per platform (zeros where a
 * platform was silent), the busiest platform first so it sits at the bottom
 * of the stack, and the total per minute.
 */
export function stackRows(points: readonly VolumePoint[]): { rows: StackRow[]; platforms: string[]; maxTotal: number } {
  const byPlatform = new Map<string, number>();
  const byMinute = new Map<number, Map<string, number>>();
  for (const p of points) {
    byPlatform.set(p.platform, (byPlatform.get(p.platform) ?? 0) + p.count);
    let m = byMinute.get(p.t);
    if (!m) byMinute.set(p.t, (m = new Map()));
    m.set(p.platform, (m.get(p.platform) ?? 0) + p.count);
  }
  const platforms = [...byPlatform.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p]) => p);
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
      return { icon: '⏱', tone: 'pending' };
  }
}

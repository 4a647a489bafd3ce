import type { DeadlineView } from '@fenghuo/shared/workflow';

/** The share of the deadline's window still left, 0…1 (0 once due). */
export function remainingShare(d: Pick<DeadlineView, 'start_at' | 'due_at'>, now: number): number {
  const total = d.due_at - d.start_at;
  if (total <= 0) return 0;
  return Math.min(1, Math.max(0, (d.due_at - now) / total));
}

export type RingTone = 'ok' | 'warn' | 'breach' | 'done';

/**
 * What the ring says, computed from the clock at `now` (the server's state
 * may be seconds old): amber from the warning time, red when due and not met.
 */
export function ringTone(d: Pick<DeadlineView, 'state' | 'warn_at' | 'due_at'>, now: number): RingTone {
  if (d.state === 'met' || d.state === 'met_late') return 'done';
  if (d.state === 'breached' || now >= d.due_at) return 'breach';
  if (d.state === 'warning' || now >= d.warn_at) return 'warn';
  return 'ok';
}

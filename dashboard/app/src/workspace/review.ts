import type { Draft } from '@fenghuo/shared/workflow';

/**
 * The version a reviewer compares against: the last text version someone
 * already reviewed (what changed since they last looked), else the first
 * version (what the author changed in the template's text).
 */
export function baseVersion(d: Pick<Draft, 'reviews' | 'text_version'>): number {
  const reviewed = d.reviews.map((r) => r.version).filter((v) => v < d.text_version);
  return reviewed.length ? Math.max(...reviewed) : 1;
}

/** Drafts this reviewer may act on now: submitted, not their own, and not a text they already approved at an earlier level. */
export function reviewableBy<T extends Pick<Draft, 'status' | 'author_id' | 'reviews' | 'text_version'>>(drafts: readonly T[], me: string): T[] {
  return drafts.filter((d) => d.status === 'submitted' && d.author_id !== me && !d.reviews.some((r) => r.by === me && r.decision === 'approve' && r.version === d.text_version));
}

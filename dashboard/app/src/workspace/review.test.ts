import { describe, expect, it } from 'vitest';
import type { ReviewStep } from '@fenghuo/shared/workflow';
import { baseVersion, reviewableBy } from './review';

const step = (by: string, version: number, decision: 'approve' | 'reject' = 'approve'): ReviewStep => ({ level: 1, decision, by, at: 0, version });

describe('review queue helpers', () => {
  it('compares with the last reviewed version before this one, else the first', () => {
    expect(baseVersion({ reviews: [], text_version: 3 })).toBe(1);
    expect(baseVersion({ reviews: [step('r', 2, 'reject')], text_version: 4 })).toBe(2);
    expect(baseVersion({ reviews: [step('r', 2, 'reject'), step('r', 4)], text_version: 4 })).toBe(2);
  });

  it('leaves out one’s own drafts and texts one already approved at a lower level', () => {
    const drafts = [
      { id: 'a', status: 'submitted' as const, author_id: 'me', reviews: [], text_version: 1 },
      { id: 'b', status: 'submitted' as const, author_id: 'x', reviews: [step('me', 2)], text_version: 2 },
      { id: 'c', status: 'submitted' as const, author_id: 'x', reviews: [step('me', 1)], text_version: 2 },
      { id: 'd', status: 'approved' as const, author_id: 'x', reviews: [], text_version: 1 },
    ];
    expect(reviewableBy(drafts, 'me').map((d) => d.id)).toEqual(['c']);
  });
});

import { describe, expect, it } from 'vitest';
import { seededRandom } from '@fenghuo/shared';
import { byCountThenKey, topN } from './top';

describe('topN', () => {
  it('gives what a full stable sort gives, for random inputs of every size', () => {
    const rand = seededRandom(3);
    for (let round = 0; round < 300; round++) {
      const items = Array.from({ length: Math.floor(rand() * 40) }, (_, i) => ({ i, v: Math.floor(rand() * 6) }));
      const n = Math.floor(rand() * 12);
      const expected = [...items].sort((a, b) => b.v - a.v).slice(0, n);
      expect(topN(items, n, (a, b) => a.v > b.v)).toEqual(expected);
    }
  });

  it('ranks keyword counts by count, then by word', () => {
    const counts = new Map([['桥', 3], ['塌', 5], ['河', 3], ['救', 1], ['车', 5]]);
    expect(topN(counts, 3, byCountThenKey).map(([k]) => k)).toEqual(['塌', '车', '桥']);
    expect(topN(counts, 0, byCountThenKey)).toEqual([]);
    expect(topN(new Map<string, number>(), 5, byCountThenKey)).toEqual([]);
  });
});

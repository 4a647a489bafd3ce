import { describe, expect, it } from 'vitest';
import { BackpressureError } from '@fenghuo/shared';
import { SourceShares } from './source-share';

describe('SourceShares', () => {
  it('refuses a source past its share of the queue while other sources are still taken', () => {
    const shares = new SourceShares({ maxQueuedRecords: 100, share: 0.6, retryAfterSeconds: 1 });
    expect(shares.limit).toBe(60);
    shares.hold('weibo', 50);
    expect(shares.refusal('weibo', 10)).toBeUndefined(); // exactly at its limit
    const refused = shares.refusal('weibo', 11);
    expect(refused).toBeInstanceOf(BackpressureError);
    expect(refused!.retryAfterSeconds).toBe(1);
    expect(refused!.message).toMatch(/^source "weibo" holds its share of the ingest queue \(60 %: 50 records waiting to be stored, it may hold 60\); other sources are still taken/);
    expect(shares.refusal('hotline', 40)).toBeUndefined();
    // Asked with no records (before a body is read): refused while over half its limit.
    expect(shares.refusal('weibo', 0)).toBeDefined();
  });

  it('a refused source is taken again only once it holds half its limit or less, as its records are stored', () => {
    const shares = new SourceShares({ maxQueuedRecords: 100, share: 0.5, retryAfterSeconds: 2 });
    const releases = [shares.hold('weibo', 15), shares.hold('weibo', 15), shares.hold('weibo', 15)];
    expect(shares.holding('weibo')).toBe(45);
    expect(shares.refusal('weibo', 10)).toBeDefined();
    // Back under the limit, but above half of it: still refused (no hovering at the limit).
    releases[0]!();
    expect(shares.holding('weibo')).toBe(30);
    expect(shares.refusal('weibo', 1)?.message).toMatch(/taking more from it below 25/);
    // Released twice (stored, then the request's own end): counted once.
    releases[1]!();
    releases[1]!();
    expect(shares.holding('weibo')).toBe(15);
    expect(shares.refusal('weibo', 10)).toBeUndefined();
    releases[2]!();
    expect(shares.holding('weibo')).toBe(0);
  });

  it('concurrent requests of one source cannot pass on the same count: the hold is taken when a request passes', () => {
    const shares = new SourceShares({ maxQueuedRecords: 100, share: 0.5, retryAfterSeconds: 1 });
    const passed = [];
    for (let i = 0; i < 10; i++) if (!shares.refusal('weibo', 20)) passed.push(shares.hold('weibo', 20));
    // 20, then 40 (at most 50): the third would make 60.
    expect(passed).toHaveLength(2);
    expect(shares.refusal('hotline', 20)).toBeUndefined();
  });

  it.each([
    { why: 'a request larger than the whole limit goes through when the source holds nothing', share: 0.5, held: 0, records: 80, refused: false },
    { why: 'one more record past the limit is refused', share: 0.5, held: 50, records: 1, refused: true },
    { why: 'share 1 turns the limit off', share: 1, held: 500, records: 500, refused: false },
    { why: 'a tiny share still lets one record in', share: 0.001, held: 0, records: 1, refused: false },
  ])('$why', ({ share, held, records, refused }) => {
    const shares = new SourceShares({ maxQueuedRecords: 100, share, retryAfterSeconds: 1 });
    shares.hold('s', held);
    expect(shares.refusal('s', records) !== undefined).toBe(refused);
  });

  it.each([0, -0.5, 1.5, Number.NaN])('refuses a share of %s', (share) => {
    expect(() => new SourceShares({ maxQueuedRecords: 100, share, retryAfterSeconds: 1 })).toThrow(/share of the ingest queue/);
  });
});

import { describe, expect, it } from 'vitest';
import { createDefaultRumorScorer, defaultScorerTerms } from './default-scorer';
import { SIGNAL_INFO } from './signals';
import { cascade, officialLike, reaction, rumorLike } from './test-fixtures';

describe('default rumor scorer', () => {
  const score = createDefaultRumorScorer();

  it('ranks a rumor-like cascade above an official announcement', () => {
    const r = score(rumorLike());
    const o = score(officialLike());
    expect(r.score).toBeGreaterThan(o.score);
    expect(r.label).toBe('rumor');
    expect(o.label).toBe('non-rumor');
  });

  it('says why: cue words, the author and doubting replies push towards rumor', () => {
    const r = score(rumorLike());
    const by = Object.fromEntries(r.contributions.map((c) => [c.signal, c.contribution]));
    expect(by.hearsay_cues).toBeGreaterThan(0);
    expect(by.urgency_cues).toBeGreaterThan(0);
    expect(by.debunk_share).toBeGreaterThan(0);
    expect(by.skeptical_share).toBeGreaterThan(0);
    // Sorted by strength.
    const abs = r.contributions.map((c) => Math.abs(c.contribution));
    expect(abs).toEqual([...abs].sort((a, b) => b - a));
    const o = score(officialLike());
    expect(o.contributions.find((c) => c.signal === 'author_official')!.contribution).toBeLessThan(0);
  });

  it('the logit of the score is the sum of the contributions plus a constant', () => {
    const logit = (p: number) => Math.log(p / (1 - p));
    const a = score(rumorLike());
    const b = score(officialLike());
    const sum = (x: typeof a) => x.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(logit(a.score) - sum(a)).toBeCloseTo(logit(b.score) - sum(b), 3);
  });

  it('early doubt in the window raises the score; the window hides later replies', () => {
    const c = cascade('听说明天停水', [reaction('a', 5, '谣言'), reaction('b', 6, '假的'), reaction('c', 7, '辟谣了'), reaction('d', 300, '谣言')]);
    expect(score(c, 10 * 60_000).score).toBeGreaterThan(score(c, 0).score);
    expect(score(c, 0).contributions.find((x) => x.signal === 'debunk_share')).toBeUndefined();
  });

  it('a swarm of new, unverified accounts passing it on raises the score', () => {
    const post = '明天全市停水，大家赶紧储水';
    const make = (fresh: boolean) =>
      cascade(
        post,
        Array.from({ length: 20 }, (_, i) => ({ ...reaction(`r${i}`, i + 1), author: fresh ? { verified: false, followers: 3 } : { verified: i % 3 === 0, followers: 800 } })),
      );
    const swarm = score(make(true));
    const ordinary = score(make(false));
    expect(swarm.score).toBeGreaterThan(ordinary.score);
    expect(swarm.contributions.find((c) => c.signal === 'reactor_new_share')!.contribution).toBeGreaterThan(0);
  });

  it('works with almost nothing known', () => {
    const r = score(cascade(''));
    expect(r.score).toBeGreaterThan(0);
    expect(r.score).toBeLessThan(1);
  });

  it('every term names a documented signal and gives a reason', () => {
    for (const t of defaultScorerTerms()) {
      expect(SIGNAL_INFO[t.signal]).toBeDefined();
      expect(t.why.length).toBeGreaterThan(10);
    }
  });
});

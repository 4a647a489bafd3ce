import { describe, expect, it } from 'vitest';
import { firstStory, rising, severityFor, zScore, type SeriesStats } from './detectors';
import { KeywordRates } from './keyword-rates';
import { DailyRhythm } from './rhythm';
import { DEFAULT_ENGINE_CONFIG as C } from './types';

const base: SeriesStats = { recent: 0, expected: 0, authors: 0, ageMs: 0, isNew: false, now: 1_000, series: 'event:e1' };

describe('rising', () => {
  it.each([
    { name: 'too few recent mentions', s: { recent: 19, expected: 1 }, fires: false },
    { name: 'not enough above expectation (ratio < 3)', s: { recent: 60, expected: 25 }, fires: false },
    { name: 'far above expectation', s: { recent: 60, expected: 5 }, fires: true },
    { name: 'from nothing (expected floored at 0.5)', s: { recent: 25, expected: 0 }, fires: true },
  ])('$name → fires: $fires', ({ s, fires }) => {
    const r = rising({ ...base, ...s }, C);
    expect(Boolean(r)).toBe(fires);
    if (r) {
      expect(r).toMatchObject({ kind: 'rising', series: 'event:e1', observed: s.recent, statistic: 'poisson_z', threshold: C.risingZ, at: 1_000 });
      expect(r.value).toBeGreaterThanOrEqual(C.risingZ);
      expect(r.detail).toContain(`${s.recent} mentions`);
    }
  });

  it('needs significance too: with a stricter z the same counts do not fire', () => {
    const s = { ...base, recent: 24, expected: 7 };
    expect(rising(s, C)).toBeDefined();
    expect(rising(s, { ...C, risingZ: 8 })).toBeUndefined();
  });
});

describe('first story', () => {
  const young = { isNew: true, ageMs: 3 * 60_000, recent: 12, authors: 5 };
  it.each([
    { name: 'a new event with enough mentions and authors', s: young, fires: true },
    { name: 'known before the engine warmed up', s: { ...young, isNew: false }, fires: false },
    { name: 'older than the first-story window', s: { ...young, ageMs: C.firstStoryMaxAgeMs + 1 }, fires: false },
    { name: 'too few mentions', s: { ...young, recent: 11 }, fires: false },
    { name: 'one person posting many times', s: { ...young, authors: 4 }, fires: false },
  ])('$name → fires: $fires', ({ s, fires }) => {
    const r = firstStory({ ...base, ...s }, C);
    expect(Boolean(r)).toBe(fires);
    if (r) expect(r).toMatchObject({ kind: 'first_story', observed: s.recent, expected: 0, threshold: C.firstStoryMinRecent });
  });
});

describe('severity', () => {
  it.each([
    [20, 3, 'low'],
    [40, 3, 'medium'],
    [60, 10, 'high'],
    [200, 2, 'high'],
    [300, 20, 'critical'],
    [1000, 1, 'critical'],
  ] as const)('%i mentions at %i× → %s', (recent, ratio, severity) => {
    expect(severityFor(recent, ratio)).toBe(severity);
  });

  it('z-score is a Poisson score with a floor on the variance', () => {
    expect(zScore(30, 10)).toBeCloseTo(20 / Math.sqrt(10));
    expect(zScore(5, 0)).toBe(5);
  });
});

describe('keyword rates', () => {
  const MIN = 60_000;
  it('a word used steadily since the stream began is not rising, even early on', () => {
    const r = new KeywordRates();
    for (let t = 0; t < 20 * MIN; t += 6_000) r.observe(['停车费'], t);
    const x = r.rate('停车费', 20 * MIN);
    expect(x.recent / x.expected).toBeGreaterThan(0.7);
    expect(x.recent / x.expected).toBeLessThan(1.4);
  });

  it('a word that bursts is far above its usual rate', () => {
    const r = new KeywordRates();
    for (let t = 0; t < 60 * MIN; t += 60_000) r.observe(['大坝'], t);
    for (let t = 60 * MIN; t < 63 * MIN; t += 2_000) r.observe(['大坝'], t);
    const x = r.rate('大坝', 63 * MIN);
    expect(x.recent).toBeGreaterThan(60);
    expect(x.recent / x.expected).toBeGreaterThan(3);
  });

  it('an unknown word has no rate', () => {
    expect(new KeywordRates().rate('没有', 0)).toEqual({ recent: 0, expected: 0 });
  });
});

describe('daily rhythm', () => {
  const at = (hour: number) => Date.parse(`2026-11-26T${String(hour).padStart(2, '0')}:30:00+08:00`);
  it('3 a.m. is quieter than 9 p.m. before anything is learned', () => {
    const r = new DailyRhythm('Asia/Shanghai');
    expect(r.factor(at(3))).toBeLessThan(0.3);
    expect(r.factor(at(21))).toBeGreaterThan(1.5);
  });

  it('learns the stream’s own rhythm once it has seen most hours', () => {
    const r = new DailyRhythm('Asia/Shanghai');
    // A stream that is flat all day.
    for (let h = 0; h < 24; h++) for (let m = 0; m < 600; m++) r.observe(at(h) + (m % 60) * 60_000, 100);
    expect(r.factor(at(3))).toBeGreaterThan(0.8);
    expect(r.factor(at(21))).toBeLessThan(1.2);
  });
});

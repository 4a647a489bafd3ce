import type { AlertReason, Severity } from '@fenghuo/shared';
import type { EngineConfig } from './types';

/**
 * Detectors: pure functions over an event's counts. Each returns the reason
 * it fires (with the numbers that made it fire), or undefined.
 */

export interface SeriesStats {
  /** Mentions in the recent window. */
  recent: number;
  /** What the event's own history expects for that window at this hour. */
  expected: number;
  /** Distinct authors in the event. */
  authors: number;
  /** Age of the event (ms since its first mention). */
  ageMs: number;
  /** The event started after the engine had warmed up (it is new, not just unknown); false when the other first-story conditions fail (not worth computing). */
  isNew: boolean;
  now: number;
  series: string;
}

export function severityFor(recent: number, ratio: number): Severity {
  if (recent >= 1000 || (recent >= 300 && ratio >= 20)) return 'critical';
  if (recent >= 200 || (recent >= 60 && ratio >= 10)) return 'high';
  if (recent >= 40) return 'medium';
  return 'low';
}

/** Poisson z-score of an observed count against its expectation. */
export function zScore(observed: number, expected: number): number {
  return (observed - expected) / Math.sqrt(Math.max(expected, 1));
}

/** Rising: the recent rate is several times what the event's history expects, and significantly so. */
export function rising(s: SeriesStats, c: EngineConfig): AlertReason | undefined {
  if (s.recent < c.risingMinRecent) return undefined;
  const expected = Math.max(s.expected, 0.5);
  const ratio = s.recent / expected;
  const z = zScore(s.recent, expected);
  if (ratio < c.risingRatio || z < c.risingZ) return undefined;
  return {
    kind: 'rising',
    detail: `${s.recent} mentions in ${Math.round(c.recentWindowMs / 60_000)} min, ${ratio.toFixed(1)}× the ${expected.toFixed(1)} expected at this hour`,
    series: s.series,
    observed: s.recent,
    expected: Math.round(expected * 10) / 10,
    statistic: 'poisson_z',
    value: Math.round(z * 10) / 10,
    threshold: c.risingZ,
    severity: severityFor(s.recent, ratio),
    at: s.now,
  };
}

/** First story: an event with no history that gathers many mentions from many authors quickly. */
export function firstStory(s: SeriesStats, c: EngineConfig): AlertReason | undefined {
  if (!s.isNew || s.ageMs > c.firstStoryMaxAgeMs) return undefined;
  if (s.recent < c.firstStoryMinRecent || s.authors < c.firstStoryMinAuthors) return undefined;
  return {
    kind: 'first_story',
    detail: `a new event: ${s.recent} mentions from ${s.authors} authors within ${Math.round(s.ageMs / 60_000)} min of its first`,
    series: s.series,
    observed: s.recent,
    expected: 0,
    statistic: 'mentions_in_window',
    value: s.recent,
    threshold: c.firstStoryMinRecent,
    severity: severityFor(s.recent, s.recent),
    at: s.now,
  };
}

export interface StoryWordStats {
  word: string;
  /** Other cuts of the same new name (jieba splits a name it does not know differently in different sentences). */
  alsoCut?: readonly string[];
  /** Mentions with the word in the recent window, across all events. */
  recent: number;
  authors: number;
  /** Events those mentions fell into. */
  events: number;
  /** Since the stream first carried the word. */
  ageMs: number;
  now: number;
}

/**
 * First story told in many wordings: a word the stream never carried before
 * (a place, a name, a new hashtag) suddenly in many mentions from many
 * authors, however the clustering split them.
 */
export function firstStoryWord(w: StoryWordStats, c: EngineConfig): AlertReason | undefined {
  if (w.ageMs > c.firstStoryMaxAgeMs) return undefined;
  if (w.recent < c.firstStoryMinRecent || w.authors < c.firstStoryMinAuthors) return undefined;
  return {
    kind: 'first_story',
    detail: `a new word “${w.word}”${w.alsoCut?.length ? ` (also cut as ${w.alsoCut.map((k) => `“${k}”`).join(', ')})` : ''}: ${w.recent} mentions from ${w.authors} authors within ${Math.max(1, Math.round(w.ageMs / 60_000))} min of its first use${w.events > 1 ? `, across ${w.events} events` : ''}`,
    series: `keyword:${w.word}`,
    observed: w.recent,
    expected: 0,
    statistic: 'mentions_in_window',
    value: w.recent,
    threshold: c.firstStoryMinRecent,
    severity: severityFor(w.recent, w.recent),
    at: w.now,
  };
}

import type { Alert, AlertRule, KbMatch, RumorSignalContribution, Severity } from '@fenghuo/shared';
import type { Cascade } from '../eval/datasets';

/** A stored mention as the analytics see it. */
export interface AnalyzedMention {
  key: string;
  platform: string;
  id: string;
  kind: string;
  time: number;
  text: string;
  title: string;
  url: string;
  authorId: string;
  authorName: string;
  authorFollowers: number | null;
  authorVerified: boolean;
  authorVerifiedType: number | null;
  authorLocation: string;
  authorOfficial: boolean;
  parentId: string;
  rootId: string;
  reposts: number | null;
  comments: number | null;
  likes: number | null;
  province: string;
  city: string;
  /** Content tokens of the text (jieba, stopwords left out); the tokens themselves are not kept. */
  tokenCount: number;
  keywords: string[];
  simhash: bigint;
  sentimentLabel: string;
  ingestedAt: number;
  /** The event this mention was stored under before a restart (keeps event ids stable). */
  storedEventId?: string;
}

export interface RumorAssessment {
  score: number;
  contributions: RumorSignalContribution[];
}

export type RumorScorer = (cascade: Cascade) => RumorAssessment;

export type KbMatcher = (texts: string[], keywords: string[]) => KbMatch | undefined;

export interface EngineConfig {
  /** Events idle for this long are forgotten (ms). */
  eventWindowMs: number;
  /** Events that never reached `minEventSize` are forgotten sooner: after this long idle (ms). */
  smallEventIdleMs: number;
  /** An event is published (stored, alertable) once it has this many mentions. */
  minEventSize: number;
  /**
   * Warm-up: until the engine has seen the stream for this long and this many
   * mentions, no event counts as a new story (everything is new to it).
   */
  warmupMs: number;
  warmupMentions: number;
  /** Rising: the window compared with its expectation (ms). */
  recentWindowMs: number;
  risingMinRecent: number;
  risingRatio: number;
  risingZ: number;
  /** Rising also needs the event's top words to be used this many times more than usual across the stream. */
  keywordRatio: number;
  /** Rising needs this much of the event's history (young events have first-story). */
  minHistoryMs: number;
  /** First-story: a new event with this many mentions in the recent window… */
  firstStoryMinRecent: number;
  /** …from at least this many distinct authors… */
  firstStoryMinAuthors: number;
  /** …no older than this. */
  firstStoryMaxAgeMs: number;
  /** A rising detection must hold at two checks at least this far apart (event time) before it alerts. */
  confirmMs: number;
  /**
   * The same for a first story. Shorter: its thresholds (a new name, 12
   * mentions from 5 authors) already take many mentions to reach, and once
   * reached they hold for minutes; the rate statistic of "rising" flickers.
   */
  firstStoryConfirmMs: number;
  /** Events with at least this rumor score get an alert of their own, never grouped into another story's. */
  rumorOwnAlert: number;
  /** An alert resolves after the event has been calm this long. */
  resolveAfterMs: number;
  /** After a resolution, no new alert for the event for this long. */
  cooldownMs: number;
  /** Mentions older than the watermark by more than this are stored but not analysed (imports of old posts). */
  maxLatenessMs: number;
  /** Largest number of mention keys kept to follow reply chains. */
  maxTrackedKeys: number;
  /**
   * An event that keeps changing is written out at most this often (event
   * time): a big event changes with every mention, and writing its summary
   * thousands of times a minute costs more than the analysis.
   */
  eventWriteEveryMs: number;
}

export const DEFAULT_ENGINE_CONFIG: EngineConfig = {
  eventWindowMs: 6 * 3_600_000,
  smallEventIdleMs: 5 * 60_000,
  minEventSize: 3,
  warmupMs: 2 * 60_000,
  warmupMentions: 2_000,
  recentWindowMs: 5 * 60_000,
  risingMinRecent: 20,
  risingRatio: 3,
  risingZ: 5,
  keywordRatio: 2,
  minHistoryMs: 30 * 60_000,
  firstStoryMinRecent: 12,
  firstStoryMinAuthors: 5,
  firstStoryMaxAgeMs: 30 * 60_000,
  confirmMs: 2_000,
  firstStoryConfirmMs: 1_000,
  rumorOwnAlert: 0.8,
  resolveAfterMs: 15 * 60_000,
  cooldownMs: 30 * 60_000,
  maxLatenessMs: 10 * 60_000,
  maxTrackedKeys: 500_000,
  eventWriteEveryMs: 5_000,
};

export interface EngineDeps {
  idf: (token: string) => number;
  isPlace: (token: string) => boolean;
  /** The dictionary's part of speech of a word, when it is one dictionary entry (see Segmenter.partOfSpeech). */
  partOfSpeech?: (word: string) => string | undefined;
  rumorScorer?: RumorScorer;
  kbMatcher?: KbMatcher;
  rules?: AlertRule[];
}

export interface EventMember {
  eventId: string;
  platform: string;
  id: string;
  time: number;
}

export interface AlertChange {
  alert: Alert;
  action: 'opened' | 'escalated' | 'updated' | 'resolved' | 'acknowledged';
  severity: Severity;
}

export { ingestCounts, recentIngestLagP95, type IngestCounts } from './queries/ingest-stats.query';
export { listEvents, latestEventTime, type EventSort, type EventsFilter } from './queries/events-list.query';
export { eventDetail } from './queries/event-detail.query';
export { similarEvents, type SimilarEventsOptions } from './queries/similar-events.query';
export { listAlerts, getAlert, alertHistory, type AlertsFilter } from './queries/alerts.query';
export { trendingKeywords, type TrendingFilter } from './queries/trending-keywords.query';
export { mentionSeries, SERIES_DIMENSIONS, type SeriesDimension } from './queries/series.query';
export { eventSparklines } from './queries/event-sparklines.query';
export { provinceVolume, type ProvinceVolume } from './queries/province-volume.query';
export { pipelinePulse, type PipelinePulse } from './queries/pipeline-pulse.query';
export { createJsonRepository, parseWith, ValidationError, type JsonRepository } from './store/json-repository';
export {
  createRuleRepository,
  createChannelRepository,
  createClaimRepository,
  type RuleRepository,
  type ChannelRepository,
  type ClaimRepository,
} from './store/repositories';
export { acknowledgeAlert, AlertStateError } from './store/acknowledge-alert';
export { createAnalyticsWorker, type AnalyticsWorker, type AnalyticsWorkerOptions } from './worker/analytics-worker';
export { AnalyticsEngine, toCascade, type EngineOutput } from './engine/engine';
export { DEFAULT_ENGINE_CONFIG, type EngineConfig, type AnalyzedMention, type AlertChange, type RumorScorer, type KbMatcher } from './engine/types';
export * from './notify';
export { createRumorScorer } from './setup/scorers';
export { sendTestNotification } from './setup/test-notification';
export { readCascades, readSentiment, readUnlabeledTexts, type Cascade, type SentimentExample, type UnlabeledTextOptions } from './eval/datasets';
export {
  evaluateRumor,
  rumorWindow,
  trainRumorModel,
  serialiseRumorModel,
  loadRumorModel,
  createDefaultRumorScorer,
  createModelRumorScorer,
  FEATURE_GROUPS,
  type FeatureGroup,
  type RumorModelOptions,
} from './rumor';
export { ADAPT_DEFAULTS, evaluateSentiment, type AdaptedTo } from './sentiment';
export * from './kb';
export * from './workflow';
/** Analysed mentions made from text the way ingest enriches them, and the engine's text dependencies (tests and `bench engine`). */
export { engineDeps, mention as analyzedMention, type MentionSpec } from './engine/test-support';
export { dayVolume, type HourVolume } from './queries/day-volume.query';
export { dayTopEvents, type DayEvent } from './queries/day-top-events.query';
export { dayEventSentiment, type SentimentCounts } from './queries/day-event-sentiment.query';
export { risingAt, type RisingAt } from './queries/rising-at.query';
export * as governance from './governance';
export * as duty from './duty';
export * as consultation from './consultation';

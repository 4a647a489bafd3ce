/**
 * The trained sentiment model (positive / negative / neutral) for Weibo-style
 * Chinese text: features, training, serialisation and scoring. Trained at run
 * time from a labelled file the user points to; the untrained default is the
 * lexicon scorer (`sentiment` in `@fenghuo/shared/text`).
 */
export {
  sentimentFeatures,
  parseText,
  addFeatures,
  featureContext,
  DEFAULT_FEATURE_OPTIONS,
  MAX_TEXT_CHARS,
  type SentimentFeatureOptions,
  type FeatureGroup,
  type FeatureContext,
  type ParsedText,
} from './features';
export {
  trainSentimentModel,
  serialiseSentimentModel,
  loadSentimentModel,
  createModelSentimentScorer,
  scoreSentimentBatch,
  estimateClassPriors,
  emPriors,
  sentimentClass,
  SENTIMENT_CLASSES,
  type SentimentClass,
  type SentimentModel,
  type SentimentModelOptions,
  type SentimentExampleInput,
  type ModelSentiment,
  type ModelSentimentScorer,
  type ScorerOptions,
  type BatchScoringOptions,
} from './model';

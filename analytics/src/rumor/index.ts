/**
 * Rumor scoring for cascades (a source post with its reposts/comments):
 * explainable signals, a hand-weighted default scorer that needs no
 * training, a trainable model and the evaluation routine. See RESULTS.md.
 */
export { extractSignals, reactionsInWindow, SIGNAL_INFO, SIGNAL_NAMES, type RumorSignals, type SignalName, type SignalGroup } from './signals';
export { createDefaultRumorScorer, defaultScorerTerms, type RumorScore, type RumorScorer } from './default-scorer';
export {
  trainRumorModel,
  serialiseRumorModel,
  loadRumorModel,
  createModelRumorScorer,
  modelProbability,
  prepareAll,
  trainRumorModelPrepared,
  type RumorModel,
  type RumorModelOptions,
  type ModelRumorScore,
} from './model';
export { evaluateRumor, rumorWindow, type RumorEvalOptions, type RumorEvalResult, type RumorClassScores } from './evaluate';
export { FEATURE_GROUPS, GROUP_LABELS, type FeatureGroup } from './features';
export { cueMatchers, HEARSAY_CUES, URGENCY_CUES, SENSATIONAL_CUES, OFFICIAL_SOURCE_CUES, POST_DEBUNK_CUES, SKEPTICAL_REPLY_CUES, DEBUNK_REPLY_CUES, BELIEVING_REPLY_CUES } from './cues';
export { trainBoostedTrees, boostMargin, boostContributions, type BoostedTrees, type BoostOptions } from './boost';

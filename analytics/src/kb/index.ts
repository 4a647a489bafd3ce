/**
 * The debunk knowledge base (辟谣库): matching events against known, rebutted
 * rumors, choosing the match threshold on data, and importing/exporting claims.
 */
export {
  createKbMatcher,
  DEFAULT_KB_THRESHOLD,
  NEAR_DUPLICATE_BITS,
  REBUTTAL_SHARE,
  type KbCandidate,
  type KbMatcherHandle,
  type KbMatcherOptions,
  type KbVariantKind,
} from './matcher';
export { createTextAnalyser, restatedClaims, type TextAnalyser } from './claim-text';
export {
  calibrateKbThreshold,
  evaluateCascades,
  evaluateKb,
  thresholdPoint,
  THRESHOLD_GRID,
  type Calibration,
  type CascadeEval,
  type CascadePoint,
  type KbEvalResult,
  type ScoredQuery,
  type ThresholdPoint,
} from './evaluate';
export { exportClaims, parseClaims, CSV_COLUMNS, type ClaimFormat, type ClaimImport, type ClaimImportError, type ParsedClaim } from './io';
export { demoClaimInputs, demoClaims } from './demo-claims';

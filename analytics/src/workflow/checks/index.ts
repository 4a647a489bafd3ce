export type {
  CheckContext,
  CheckFinding,
  CheckId,
  CheckLexicon,
  CheckSeverity,
  Platform,
  RequiredElements,
  TermMistake,
} from './types';
export { checkDraft, checkDraftWith, hasBlockingFindings } from './check-draft';
export { DEFAULT_LENGTH_LIMITS } from './length.check';
export { loadDefaultLexicon } from './lexicon';

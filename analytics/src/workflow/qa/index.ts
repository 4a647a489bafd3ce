/**
 * The Q&A library (咨询答问库): approved answers to the questions citizens
 * ask, searched by staff and suggested for comments and messages, and kept
 * in spreadsheets (CSV import and export). Pure: the store and the HTTP
 * routes live elsewhere.
 */
export {
  isValidAt,
  qaEntryInputSchema,
  QA_ANSWER_MAX,
  QA_CATEGORY_MAX,
  QA_QUESTION_MAX,
  QA_TAG_MAX,
  QA_TAGS_MAX,
  type QaEntry,
  type QaEntryInput,
  type QaEntryInputRaw,
} from './qa-entry';
export {
  createQaIndex,
  QA_SUGGEST_FLOOR,
  type QaIndex,
  type QaIndexOptions,
  type QaSearchHit,
  type QaSearchOptions,
  type QaSuggestOptions,
} from './qa-index';
export { createQaTextAnalyser, QA_GENERIC_TERMS, QA_SYNONYMS, type QaTerm, type QaTextAnalyser } from './qa-text';
export { formatQaDate, parseQaCsv, parseQaDate, toQaCsv, QA_CSV_COLUMNS, type QaCsvError, type QaCsvImport } from './qa-csv';

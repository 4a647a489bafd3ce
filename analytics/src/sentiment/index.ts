/** Sentiment evaluation: the lexicon scorer and trained models on labelled emotion/polarity files. */
export { ADAPT_DEFAULTS, evaluateSentiment, evaluationSplit, type AdaptedTo, type SentimentEvalOptions, type SentimentEvalResult } from './evaluate';

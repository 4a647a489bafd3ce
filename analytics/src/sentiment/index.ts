/** Sentiment evaluation: the lexicon scorer and trained models on labelled emotion/polarity files. */
export { evaluateSentiment, evaluationSplit, type SentimentEvalOptions, type SentimentEvalResult } from './evaluate';

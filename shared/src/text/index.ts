/**
 * Chinese text analysis shared by ingest (enrichment) and analytics (models,
 * evaluation): the jieba segmenter with the project's dictionaries, the
 * project's lexicons, keywords, SimHash, lexicon sentiment and GB/T 2260
 * places. A separate entry point (`@fenghuo/shared/text`): it loads
 * dictionaries, so browser code never imports it.
 */
export { toAnalysisText, foldWidth, type AnalysisText } from './analysis-text';
export { segmenter, type Segmenter } from './segmenter';
export { segment, type Segmentation } from './segment.step';
export { keywords, KEYWORDS_PER_MENTION } from './keywords.step';
export { simhash, hammingDistance, hamming64, murmur3, popcount32 } from './simhash.step';
export { sentiment, SENTIMENT_THRESHOLD, type Sentiment, type SentimentLabel, type SentimentLexicon } from './sentiment.step';
export { region, type RegionResult } from './region.step';
export { gazetteer, placeByCode, placeFromFreeText, placeFromTokens, shortCityName, shortProvinceName, type Place, type Gazetteer } from './places';
export { loadSentimentLexicon, loadSentimentModifiers, loadStopwords, readListFile, LEXICON_DIR, type Modifier, type ModifierType } from './lexicon/load-lexicons';

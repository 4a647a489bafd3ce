/** Small, dependency-free machine learning for the project's models (entry point `@fenghuo/shared/ml`). */
export { FeatureBuilder, charNgrams, dot, type SparseVector } from './sparse';
export { trainLogistic, predictProba, contributions, serialiseLogistic, deserialiseLogistic, type LogisticModel, type LogisticOptions } from './logistic';
export { trainNaiveBayes, type NaiveBayes } from './naive-bayes';
export { classificationReport, prAuc, type ClassificationReport, type ClassScores } from './metrics';
export { shuffle, seededRandom } from './random';

/**
 * Public consultations on draft policies (决策前征求意见): comments linked by
 * the collecting posts and keyword rules, themes, stance, sections,
 * coordinated campaigns, the feedback table and its publication through
 * 先审后发. docs/operations.md.
 */
export { createConsultations, defaultAnalysisDeps, feedbackStatement, bookTitle, type Consultations, type ConsultationsOptions } from './consultations';
export { analyseConsultation, volumeSeries, feedbackTable, type AnalysisDeps, type AnalysisOptions, type CommentFeatures, type ConsultationComment } from './analyse';
export { createStanceClassifier, decideStance, SUPPORT_CUES, OPPOSE_CUES, SUGGESTION_CUES, type StanceClassifier, type StanceResult } from './stance';
export { createSectionMatcher, SECTION_MIN_SCORE, type SectionMatcher } from './sections';
export { detectRepeatsAndCampaigns, nearIdentical, nearIdenticalGroups, jaccard, DEFAULT_CAMPAIGN_OPTIONS, type CampaignOptions } from './campaigns';
export { clusterThemes, themeVocabulary, OTHER_THEME_KEY, OTHER_THEME_LABEL, DEFAULT_THEME_OPTIONS, type ThemeCluster, type ThemeOptions } from './themes';
export { linkedToConsultation, matchesRule, ruleTerms } from './link';
export { consultationComments, MAX_CONSULTATION_COMMENTS } from './comments.query';
export { demoConsultationInput, demoConsultationComments, demoConsultationPosts, DEMO_CONSULTATION_POSTS, DEMO_CONSULTATION_TITLE } from './demo';

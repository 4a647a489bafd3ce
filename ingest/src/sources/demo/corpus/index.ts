/**
 * Text corpus of the synthetic demo stream (烽火 `npm start`).
 * Everything here was written for the project; no real posts, articles or data sets.
 */
export type {
  AccountLevel,
  BackgroundTemplate,
  IncidentAuthorRole,
  IncidentPhase,
  IncidentPhaseName,
  MentionKind,
  OfficialAccount,
  OfficialPostCategory,
  OfficialRebuttal,
  OfficialStatement,
  Platform,
  RebuttalAuthorRole,
  RoutineOfficialPost,
  ScenarioTemplate,
  Sentiment,
  StatementStage,
} from './types';
export {
  brands,
  communities,
  composeNickname,
  emojiMoods,
  emojis,
  foods,
  givenNames,
  hashtags,
  hospitals,
  landmarks,
  nicknameParts,
  nicknamePrefixes,
  nicknameSuffixes,
  provinces,
  roads,
  schools,
  surnames,
  weatherWords,
} from './slots';
export { backgroundPlaceholders, backgroundReactions, backgroundTemplates } from './background';
export {
  companyNames,
  incidentEmojis,
  incidentHashtags,
  incidentHospitals,
  incidentOfficialReplies,
  incidentPhases,
  incidentPlaceholders,
  incidentStatementPlaceholders,
  officialIncidentStatements,
  parkNames,
} from './incident';
export {
  believingReplies,
  debunkCues,
  officialRebuttals,
  rebuttalPlaceholders,
  rumorCues,
  rumorHashtags,
  rumorPlaceholders,
  rumorTemplates,
  skepticalReplies,
} from './rumor';
export { accountPlaceholders, departmentReplies, officialAccounts, routineOfficialPosts } from './accounts';

/**
 * Account governance (政务新媒体 管理): checks over the registered official
 * accounts, the overview and monthly report, snapshot ingest and cadence
 * reminders. docs/governance.md.
 */
export { createGovernance, defaultTokenize, type Governance, type GovernanceOptions } from './governance';
export { CHECKS, runChecks, worstStatus, accountScore, rankUnits, recommend, weeklyTrend } from './evaluate';
export { cadenceCheck, missedPeriods } from './cadence.check';
export { zombieCheck } from './zombie.check';
export { duplicateCheck, nameSimilarity } from './duplicate.check';
export { interactionCheck, tokenOverlap } from './interaction.check';
export { fakeFollowersCheck } from './fake-followers.check';
export { reviewComplianceCheck } from './review-compliance.check';
export { remindersDue, reminderAlert, type CadenceReminder } from './reminders';
export { ingestSnapshots, MAX_SNAPSHOTS_PER_REQUEST } from './snapshot-ingest';
export { accountsToCsv, parseAccountsCsv, type ParsedAccountRow } from './registry-csv';
export { EMPTY_HISTORY, type AccountHistory, type AccountMessage, type AccountPost, type AudiencePoint, type CheckContext, type WorkflowPublication } from './history';

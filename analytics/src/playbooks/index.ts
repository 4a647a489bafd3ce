export { createPlaybooks, PLAYBOOK_OVERDUE_REASON, type Playbooks, type PlaybooksDeps, type OverdueStep } from './playbooks';
export { defaultPlaybooks, parsePlaybookFile, checkPlaybookSet, PlaybookFileError } from './defaults';
export { selectPlaybook } from './select';
export { buildChecklist, checklistEvents, firstDue, occurrences, stepState, timingOf, countStates, MAX_OCCURRENCES, type IncidentTiming, type StepRecord } from './checklist';
export { playbookAdherence, type UnitChecklist } from './adherence';

/**
 * Duty rosters and escalation (值班值守): who is on duty for a unit at an
 * instant (official holiday calendar, nights across midnight), roster CSV,
 * the escalation chain as a pure state machine, signed acknowledgement
 * links, and the service that keeps chains in the workflow log and pages.
 * docs/operations.md.
 *
 * For other parts (playbooks): the runtime's `duty.escalator` has
 *   startEscalation(subject: EscalationSubject): Promise<Escalation | undefined>
 *   acknowledgeEscalation(ref: { kind; id }, by: { name; via: 'link' | 'app' | 'api' }): Promise<Escalation | undefined>
 *   cancelEscalation(ref: { kind; id }, reason: string): Promise<Escalation | undefined>
 *   getEscalation(ref: { kind; id }): Promise<Escalation | undefined>
 * with EscalationSubject = { kind: 'alert' | 'incident_clock' | 'playbook_step'; id; unit_id; severity; title; link; incident_id? } from @fenghuo/shared.
 */
export { createDuty, type Duty, type DutyOptions, type DutyPage, type Escalator, type AckLinkAnswer, type SubjectRef } from './duty';
export { createDutyPager, pageMessage, pageChannel, type DutyPagerOptions } from './pager';
export { dutyAt, slotAt, shiftKindsOn, shiftWindow, shiftCalendarProblem, personView } from './roster';
export { advance, acknowledge, cancel, escalationId, planTargets, startChain, timeToAcknowledge, waitsFor, type PageDue, type AcknowledgeOutcome } from './escalation';
export { signAckToken, verifyAckToken, type AckClaims, type AckTokenCheck } from './ack-token';
export { parseShiftsCsv, shiftsToCsv, mergeShifts, ROSTER_CSV_COLUMNS } from './roster-csv';

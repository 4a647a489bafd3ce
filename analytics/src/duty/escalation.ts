import type { DutyNow, DutySettings, Escalation, EscalationLogEntry, EscalationRole, EscalationSubject, EscalationTarget } from '@fenghuo/shared';

const MINUTE = 60_000;

/**
 * The escalation chain as a pure state machine: `startChain` plans who is
 * paged, `advance` says which pages are due at an instant, `acknowledge`
 * ends the chain. Time comes in as an argument, so tests drive it with any
 * clock; the job that ticks it and the channels that page live elsewhere.
 */

/** The people a chain pages, in order: duty officer, backup, leader, the unit above's duty officer (each once). */
export function planTargets(own: DutyNow, higher: DutyNow | undefined): EscalationTarget[] {
  const out: EscalationTarget[] = [];
  const add = (role: EscalationRole, unitId: string, person: DutyNow['on_duty']) => {
    if (person && !out.some((t) => t.unit_id === unitId && t.person.id === person.id)) out.push({ role, unit_id: unitId, person });
  };
  add('on_duty', own.unit_id, own.on_duty);
  add('backup', own.unit_id, own.backup);
  add('leader', own.unit_id, own.leader);
  if (higher) add('higher_unit', higher.unit_id, higher.on_duty);
  return out;
}

/** Minutes to wait after each page before the next step (after the last, before giving up). */
export function waitsFor(targets: readonly EscalationTarget[], steps: DutySettings['steps'][keyof DutySettings['steps']]): number[] {
  // The wait after a page is the one configured for the next role up; after the last page, the give-up time.
  const before: Record<EscalationRole, number> = { on_duty: 0, backup: steps.backup_after_min, leader: steps.leader_after_min, higher_unit: steps.higher_unit_after_min };
  return targets.map((_, i) => (i + 1 < targets.length ? before[targets[i + 1]!.role] : steps.give_up_after_min));
}

export function escalationId(subject: Pick<EscalationSubject, 'kind' | 'id'>): string {
  return `${subject.kind}:${subject.id}`;
}

export function startChain(subject: EscalationSubject, targets: EscalationTarget[], waitsMin: number[], at: number, shift?: Escalation['shift']): Escalation {
  const started: EscalationLogEntry = { at, action: 'started', detail: targets.length ? targets.map((t) => `${t.role}:${t.person.name}`).join(' → ') : 'nobody to page' };
  const base: Escalation = { id: escalationId(subject), subject, status: 'active', started_at: at, ...(shift ? { shift } : {}), targets, step: -1, next_at: at, waits_min: waitsMin, log: [started] };
  if (targets.length) return base;
  const { next_at: _n, ...ended } = base;
  return { ...ended, status: 'exhausted', log: [started, { at, action: 'exhausted', detail: 'no duty officer, backup or leader on the roster' }] };
}

/** A page the caller must send now. */
export interface PageDue {
  step: number;
  target: EscalationTarget;
  /** When the step was due (a late tick still reports the planned time). */
  due_at: number;
}

/**
 * Every step due at `at`: pages to send (logged as `paged`; the caller adds
 * a `page_failed` entry when sending fails) and, once the last page's wait
 * runs out, the end of the chain. Steps missed by a late tick are all taken,
 * each at its planned time, so the log tells when each should have happened.
 */
export function advance(e: Escalation, at: number): { escalation: Escalation; pages: PageDue[] } {
  if (e.status !== 'active' || e.next_at === undefined) return { escalation: e, pages: [] };
  let state = e;
  const pages: PageDue[] = [];
  while (state.status === 'active' && state.next_at !== undefined && state.next_at <= at) {
    const due = state.next_at;
    const step = state.step + 1;
    const target = state.targets[step];
    if (!target) {
      const { next_at: _n, ...ended } = state;
      state = { ...ended, status: 'exhausted', log: [...state.log, { at: due, action: 'exhausted', detail: 'nobody acknowledged' }] };
      break;
    }
    pages.push({ step, target, due_at: due });
    const entry: EscalationLogEntry = { at: due, action: 'paged', step, role: target.role, person: target.person.name, channel: target.person.channel_kind };
    state = { ...state, step, next_at: due + (state.waits_min[step] ?? 0) * MINUTE, log: [...state.log, entry] };
  }
  return { escalation: state, pages };
}

export type AcknowledgeOutcome = { ok: true; escalation: Escalation } | { ok: false; reason: 'already_acknowledged' | 'ended'; escalation: Escalation };

/** Ends an active chain; a chain already acknowledged or ended is left as it is. */
export function acknowledge(e: Escalation, by: string, via: 'link' | 'app' | 'api', at: number, step = e.step): AcknowledgeOutcome {
  if (e.status === 'acknowledged') return { ok: false, reason: 'already_acknowledged', escalation: e };
  if (e.status !== 'active') return { ok: false, reason: 'ended', escalation: e };
  const { next_at: _n, ...rest } = e;
  return { ok: true, escalation: { ...rest, status: 'acknowledged', acknowledged: { at, by, via, step }, log: [...e.log, { at, action: 'acknowledged', by, via, step }] } };
}

/** Stops an active chain without an acknowledgement (the alert was resolved, the playbook step done). */
export function cancel(e: Escalation, reason: string, at: number): Escalation {
  if (e.status !== 'active') return e;
  const { next_at: _n, ...rest } = e;
  return { ...rest, status: 'cancelled', log: [...e.log, { at, action: 'cancelled', detail: reason }] };
}

/** Milliseconds from the start to the acknowledgement, for the report. */
export function timeToAcknowledge(e: Escalation): number | undefined {
  return e.acknowledged ? e.acknowledged.at - e.started_at : undefined;
}

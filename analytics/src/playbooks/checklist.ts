import { STEP_STATES, type ChecklistEvent, type ChecklistItem, type Incident, type Playbook, type PlaybookStep, type StepState } from '@fenghuo/shared';

const MINUTE = 60_000;
/** A repeating step on an incident left open for months stops adding occurrences here. */
export const MAX_OCCURRENCES = 200;

/** What a step's due time is counted from: the incident's clock, as its deadlines are. */
export interface IncidentTiming {
  start_at: number;
  /** Due time of each statutory deadline the incident's clock has. */
  deadlines: Readonly<Record<string, number>>;
  /** When a statutory deadline was met by a published action. */
  met: Readonly<Record<string, number>>;
  active: boolean;
  closed_at?: number;
}

/** A done or skipped mark, as stored on the run under the item's key. */
export interface StepRecord {
  state: 'done' | 'skipped';
  by: string;
  by_name: string;
  at: number;
  note?: string;
  reason?: string;
}

export function timingOf(i: Pick<Incident, 'clock' | 'opened_at' | 'status' | 'closed_at'>): IncidentTiming {
  const deadlines: Record<string, number> = {};
  const met: Record<string, number> = {};
  for (const d of i.clock?.deadlines ?? []) {
    deadlines[d.key] = d.due_at;
    if (d.met_at !== undefined) met[d.key] = d.met_at;
  }
  return { start_at: i.clock?.start_at ?? i.opened_at, deadlines, met, active: i.status !== 'closed', ...(i.closed_at !== undefined ? { closed_at: i.closed_at } : {}) };
}

/** The first due time of a step and how it was found; undefined `at` = not yet known (after close) or not applicable. */
export function firstDue(step: PlaybookStep, t: IncidentTiming): { at?: number; basis: string; applies: boolean } {
  const due = step.due;
  switch (due.from) {
    case 'start':
      return { at: t.start_at + due.minutes * MINUTE, basis: `start+${due.minutes}m`, applies: true };
    case 'deadline': {
      const d = t.deadlines[due.deadline];
      const shift = due.minutes ? `${due.minutes > 0 ? '+' : ''}${due.minutes}m` : '';
      if (d !== undefined) return { at: d + due.minutes * MINUTE, basis: `${due.deadline}${shift}`, applies: true };
      if (due.otherwise_minutes !== undefined) return { at: t.start_at + due.otherwise_minutes * MINUTE, basis: `start+${due.otherwise_minutes}m`, applies: true };
      // The clock has no such deadline (an admin changed the policies): the step does not apply.
      return { basis: due.deadline, applies: false };
    }
    case 'close':
      return t.closed_at !== undefined ? { at: t.closed_at + due.minutes * MINUTE, basis: `close+${due.minutes}m`, applies: true } : { basis: `close+${due.minutes}m`, applies: true };
  }
}

/**
 * Due times of a repeating step: every occurrence due up to now (or up to
 * the close), and the next one while the incident is active.
 */
export function occurrences(first: number, everyMin: number, t: IncidentTiming, now: number): number[] {
  const until = t.active ? now : Math.min(now, t.closed_at ?? now);
  const out: number[] = [];
  for (let at = first; out.length < MAX_OCCURRENCES; at += everyMin * MINUTE) {
    if (at > until) {
      if (t.active) out.push(at);
      break;
    }
    out.push(at);
  }
  return out;
}

/** Done, skipped, overdue (pending past its due time) or pending. */
export function stepState(record: StepRecord | undefined, dueAt: number | undefined, now: number): StepState {
  if (record) return record.state;
  return dueAt !== undefined && now >= dueAt ? 'overdue' : 'pending';
}

/**
 * A step due at a statutory deadline (no shift) is done when the incident's
 * published actions met that deadline: logging the statement ticks "发布权威信息".
 */
function metByClock(step: PlaybookStep, t: IncidentTiming): number | undefined {
  if (step.due.from !== 'deadline' || step.due.minutes !== 0 || step.repeat_every_minutes !== undefined) return undefined;
  return t.met[step.due.deadline];
}

/** The checklist of a playbook on one incident at `now`, in the playbook's order. */
export function buildChecklist(playbook: Playbook, t: IncidentTiming, records: Readonly<Record<string, StepRecord>>, now: number, unitId?: string): ChecklistItem[] {
  return playbook.steps.flatMap((step) => {
    const due = firstDue(step, t);
    if (!due.applies) return [];
    const base = {
      step_id: step.id,
      title: step.title,
      ...(step.title_en ? { title_en: step.title_en } : {}),
      ...(step.detail ? { detail: step.detail } : {}),
      owner: { ...step.owner, ...(step.owner.unit === 'incident' && unitId ? { unit_id: unitId } : {}) },
      required: step.required,
      templates: step.templates,
      due_basis: due.basis,
    };
    const item = (key: string, dueAt: number | undefined, occurrence?: number): ChecklistItem => {
      const met = metByClock(step, t);
      const record = records[key] ?? (met !== undefined ? { state: 'done' as const, by: 'system', by_name: '响应记录', at: met, note: 'published (response log)' } : undefined);
      const state = stepState(record, dueAt, now);
      return {
        ...base,
        key,
        ...(occurrence !== undefined ? { occurrence } : {}),
        ...(dueAt !== undefined ? { due_at: dueAt } : {}),
        state,
        ...(record?.state === 'done' ? { done: { by: record.by, by_name: record.by_name, at: record.at, ...(record.note ? { note: record.note } : {}), late: dueAt !== undefined && record.at > dueAt } } : {}),
        ...(record?.state === 'skipped' ? { skipped: { by: record.by, by_name: record.by_name, at: record.at, reason: record.reason ?? '' } } : {}),
      };
    };
    if (step.repeat_every_minutes === undefined || due.at === undefined) return [item(step.id, due.at)];
    return occurrences(due.at, step.repeat_every_minutes, t, now).map((at, n) => item(`${step.id}#${n + 1}`, at, n + 1));
  });
}

export function countStates(items: readonly ChecklistItem[]): Record<StepState, number> {
  const counts = Object.fromEntries(STEP_STATES.map((s) => [s, 0])) as Record<StepState, number>;
  for (const i of items) counts[i.state] += 1;
  return counts;
}

/**
 * The checklist's timeline entries: each step done or skipped at its time,
 * and each step that went past due before it was done (at its due time).
 */
export function checklistEvents(items: readonly ChecklistItem[]): ChecklistEvent[] {
  return items
    .flatMap((i): ChecklistEvent[] => {
      const base = { key: i.key, title: i.title, ...(i.title_en ? { title_en: i.title_en } : {}) };
      const out: ChecklistEvent[] = [];
      if (i.due_at !== undefined && (i.state === 'overdue' || i.done?.late)) out.push({ ...base, at: i.due_at, kind: 'overdue' });
      if (i.done) out.push({ ...base, at: i.done.at, kind: 'done', by_name: i.done.by_name, ...(i.done.note ? { text: i.done.note } : {}) });
      if (i.skipped) out.push({ ...base, at: i.skipped.at, kind: 'skipped', by_name: i.skipped.by_name, text: i.skipped.reason });
      return out;
    })
    .sort((a, b) => a.at - b.at);
}

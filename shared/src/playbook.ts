import { z } from 'zod';
import { INCIDENT_SEVERITIES, INCIDENT_TYPES, ROLES, TEMPLATE_KINDS, type IncidentSeverity, type Role, type TemplateKindName } from './workflow';

/**
 * Emergency playbooks (应急预案): per incident type and severity, the ordered
 * checklist of what must be done by whom and by when, counted from the
 * incident's clock (the same start the statutory deadlines use). Playbooks
 * are data: the shipped defaults are JSON files checked with these schemas,
 * and an admin replaces them through the API. Opening an incident copies its
 * playbook into a checklist (a run) whose steps are done, skipped with a
 * reason, or become overdue.
 */

/**
 * The statutory deadlines each severity has under the default clock policies
 * (国办发〔2016〕61号/80号): a step due "at the release deadline" must say when it
 * is due for severities whose clock has no release deadline. Kept in step with
 * analytics' DEFAULT_CLOCK_POLICIES by a test.
 */
export const STATUTORY_DEADLINE_KEYS = ['release', 'press_conference', 'response'] as const;
export type StatutoryDeadlineKey = (typeof STATUTORY_DEADLINE_KEYS)[number];
export const DEFAULT_DEADLINES_BY_SEVERITY: Readonly<Record<IncidentSeverity, readonly StatutoryDeadlineKey[]>> = {
  especially_major: ['release', 'press_conference'],
  major: ['release', 'press_conference'],
  large: ['response'],
  general: ['response'],
  public_opinion: ['response'],
};

const minutes = z.number().int().min(0).max(60 * 24 * 90);

/** When a step is due: after the clock start, relative to a statutory deadline, or after the incident closes. */
export const stepDueSchema = z.discriminatedUnion('from', [
  z.object({ from: z.literal('start'), minutes }).strict(),
  z
    .object({
      from: z.literal('deadline'),
      deadline: z.enum(STATUTORY_DEADLINE_KEYS),
      /** Negative: before the deadline. */
      minutes: z.number().int().min(-60 * 24 * 7).max(60 * 24 * 7).default(0),
      /** Minutes from the clock start when the incident's clock has no such deadline (lower severities). */
      otherwise_minutes: minutes.optional(),
    })
    .strict(),
  z.object({ from: z.literal('close'), minutes }).strict(),
]);
export type StepDue = z.output<typeof stepDueSchema>;

export const playbookStepSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and - (at most 40)'),
    title: z.string().trim().min(1).max(100),
    title_en: z.string().trim().max(100).optional(),
    /** What to do, for the duty officer. */
    detail: z.string().max(1000).optional(),
    /** Who does it: a role in the incident's unit, or its parent unit (上级). */
    owner: z
      .object({
        role: z.enum(ROLES),
        unit: z.enum(['incident', 'parent']).default('incident'),
        /** The office in words, e.g. 新闻发言人 or 宣传部门. */
        label: z.string().trim().max(60).optional(),
      })
      .strict(),
    due: stepDueSchema,
    /** Repeats every N minutes after its first due time while the incident is active (e.g. 每2小时更新). */
    repeat_every_minutes: z.number().int().min(15).max(60 * 24 * 7).optional(),
    /** Statement templates to draft this step with. */
    templates: z.array(z.enum(TEMPLATE_KINDS)).max(4).default([]),
    required: z.boolean().default(true),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.repeat_every_minutes !== undefined && s.due.from === 'close') {
      ctx.addIssue({ code: 'custom', path: ['repeat_every_minutes'], message: 'a step due after the incident closes cannot repeat while it is active' });
    }
  });
export type PlaybookStep = z.output<typeof playbookStepSchema>;

export const playbookSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, _ and - (at most 40)'),
    name: z.string().trim().min(1).max(100),
    name_en: z.string().trim().max(100).optional(),
    description: z.string().max(2000).optional(),
    /** Empty lists match every type / severity: the generic playbook has both empty. */
    applies_to: z
      .object({
        types: z.array(z.enum(INCIDENT_TYPES)).default([]),
        severities: z.array(z.enum(INCIDENT_SEVERITIES)).default([]),
      })
      .strict(),
    steps: z.array(playbookStepSchema).min(1).max(60),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Map<string, number>();
    p.steps.forEach((s, i) => {
      const first = seen.get(s.id);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}" (also step ${first})` });
      else seen.set(s.id, i);
    });
    const severities = p.applies_to.severities.length ? p.applies_to.severities : INCIDENT_SEVERITIES;
    p.steps.forEach((s, i) => {
      if (s.due.from !== 'deadline' || s.due.otherwise_minutes !== undefined) return;
      const deadline = s.due.deadline;
      const without = severities.filter((sev) => !DEFAULT_DEADLINES_BY_SEVERITY[sev].includes(deadline));
      if (without.length) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'due', 'otherwise_minutes'], message: `severities ${without.join(', ')} have no "${deadline}" deadline: say when the step is due for them (otherwise_minutes)` });
      }
    });
  });
export type Playbook = z.output<typeof playbookSchema>;
export type PlaybookInput = z.input<typeof playbookSchema>;

/** A whole set: unique ids and one generic playbook, so every incident finds one. */
export const playbookSetSchema = z
  .array(playbookSchema)
  .min(1)
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate playbook id "${p.id}"` });
      seen.add(p.id);
    });
    if (!set.some(isGenericPlaybook)) ctx.addIssue({ code: 'custom', path: [], message: 'no generic playbook (applies_to with no types and no severities): some incidents would have none' });
  });

export function isGenericPlaybook(p: Pick<Playbook, 'applies_to'>): boolean {
  return p.applies_to.types.length === 0 && p.applies_to.severities.length === 0;
}

/** One problem of a playbook, as the API answers it (400) and the editor shows it. */
export interface PlaybookIssue {
  path: string;
  message: string;
}

/** Checks a playbook; the issues name the field (steps.2.due.minutes) and what is wrong. */
export function checkPlaybook(input: unknown): { ok: true; playbook: Playbook } | { ok: false; issues: PlaybookIssue[] } {
  const r = playbookSchema.safeParse(input);
  if (r.success) return { ok: true, playbook: r.data };
  return { ok: false, issues: r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
}

export interface StoredPlaybook {
  playbook: Playbook;
  /** 0 for the shipped default that nobody replaced. */
  version: number;
  source: 'default' | 'custom';
  updated_at?: number;
  updated_by?: string;
}

export const playbookReplaceSchema = z.object({
  expected_version: z.number().int().nonnegative(),
  playbook: z.unknown(),
});

// ---- checklists (playbook runs on incidents) ----

export const STEP_STATES = ['pending', 'done', 'skipped', 'overdue'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** One occurrence of a step on an incident's checklist. */
export interface ChecklistItem {
  /** step id, or step id#n for the n-th occurrence of a repeating step (from 1). */
  key: string;
  step_id: string;
  occurrence?: number;
  title: string;
  title_en?: string;
  detail?: string;
  owner: { role: Role; unit: 'incident' | 'parent'; label?: string; unit_id?: string };
  required: boolean;
  templates: TemplateKindName[];
  /** Absent for steps due after closing while the incident is still active. */
  due_at?: number;
  /** How the due time was found, e.g. "start+30m", "release", "release→start+300m", "close+10080m". */
  due_basis: string;
  state: StepState;
  done?: { by: string; by_name: string; at: number; note?: string; late: boolean };
  skipped?: { by: string; by_name: string; at: number; reason: string };
}

export interface Checklist {
  incident_id: string;
  playbook_id: string;
  playbook_name: string;
  playbook_name_en?: string;
  playbook_version: number;
  items: ChecklistItem[];
  counts: Record<StepState, number>;
  /** What happened on the checklist, oldest first, for the incident's timeline: steps done, skipped, or gone past due. */
  events: ChecklistEvent[];
  /** Checklist version for the step actions (expected_version is not needed: step actions never conflict). */
  version: number;
}

export interface ChecklistEvent {
  at: number;
  kind: 'done' | 'skipped' | 'overdue';
  key: string;
  title: string;
  title_en?: string;
  by_name?: string;
  /** The note or the reason. */
  text?: string;
}

export const stepDoneSchema = z.object({ note: z.string().trim().max(2000).optional() });
export const stepSkipSchema = z.object({ reason: z.string().trim().min(1, 'a reason is required to skip a step').max(2000) });

/** Adherence of steps due in a period: in time, late, skipped, still overdue, per unit. */
export interface AdherenceRow {
  unit_id: string;
  unit_name: string;
  due: number;
  on_time: number;
  late: number;
  skipped: number;
  overdue: number;
  /** on_time / due; undefined when nothing was due. */
  rate?: number;
}


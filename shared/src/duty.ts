import { z } from 'zod';
import { SEVERITIES } from './analytics';

/**
 * Duty rosters (值班表) and escalation (值班值守): who is on duty for a unit
 * and when, and how an unacknowledged alert, clock warning or overdue
 * playbook step climbs from the duty officer to the backup, the unit's
 * leader and the unit above. Server and browser share these types.
 *
 * Shift dates are local days `YYYY-MM-DD` in the configured zone; shift
 * times are local `HH:MM`. Which shift applies at an instant follows the
 * official holiday calendar: on a working day (including a 调休 make-up
 * Saturday) the day and night shifts, on a rest day the holiday shift.
 */

export const SHIFT_KINDS = ['day', 'night', 'holiday'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];
export const SHIFT_KIND_LABELS: Record<ShiftKind, string> = { day: '白班', night: '夜班', holiday: '节假日班' };

/** How a person is paged: a chat robot webhook, email, or only in the app (the wall panel and the alert's timeline). */
export const DUTY_CHANNEL_KINDS = ['webhook', 'wecom', 'dingtalk', 'feishu', 'email', 'in_app'] as const;
export type DutyChannelKind = (typeof DUTY_CHANNEL_KINDS)[number];

const localDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date YYYY-MM-DD');
const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM');

export const dutyChannelSchema = z
  .object({
    kind: z.enum(DUTY_CHANNEL_KINDS),
    url: z.url().max(2000).optional(),
    /** DingTalk/Feishu robot signing secret; never sent back to clients. */
    secret: z.string().trim().min(1).max(200).optional(),
    /** Email address (email). */
    to: z.email().optional(),
  })
  .refine((c) => (c.kind === 'in_app' ? true : c.kind === 'email' ? Boolean(c.to) : Boolean(c.url)), { message: 'robot channels need a url, email needs "to"' });
export type DutyChannel = z.output<typeof dutyChannelSchema>;

/** A person on a roster: a name (and the user, when they have an account) and how to reach them. */
export const dutyPersonSchema = z.object({
  /** Roster-local id, referred to by shifts (e.g. "zhang"). */
  id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits and . _ - only'),
  name: z.string().trim().min(1).max(100),
  user_id: z.string().max(64).optional(),
  phone: z.string().trim().max(40).optional(),
  channel: dutyChannelSchema.default({ kind: 'in_app' }),
});
export type DutyPerson = z.output<typeof dutyPersonSchema>;

export const shiftTimesSchema = z.object({ start: localTime, end: localTime });
export type ShiftTimes = z.output<typeof shiftTimesSchema>;

/** When each kind of shift runs; an end at or before the start ends the next day (night, 24-hour holiday shift). */
export const DEFAULT_SHIFT_TIMES: Record<ShiftKind, ShiftTimes> = {
  day: { start: '08:30', end: '17:30' },
  night: { start: '17:30', end: '08:30' },
  holiday: { start: '08:30', end: '08:30' },
};

export const shiftSchema = z.object({
  /** The local day the shift starts on. */
  date: localDate,
  kind: z.enum(SHIFT_KINDS),
  /** Person ids on this roster. */
  on_duty: z.string().min(1).max(64),
  backup: z.string().min(1).max(64).optional(),
});
export type Shift = z.output<typeof shiftSchema>;

export const rosterInputSchema = z
  .object({
    people: z.array(dutyPersonSchema).max(500).default([]),
    /** The unit's leader (带班领导), paged after the backup. A person id. */
    leader: z.string().min(1).max(64).optional(),
    shift_times: z
      .object({ day: shiftTimesSchema, night: shiftTimesSchema, holiday: shiftTimesSchema })
      .default(DEFAULT_SHIFT_TIMES),
    shifts: z.array(shiftSchema).max(5000).default([]),
  })
  .superRefine((r, ctx) => {
    const ids = new Set<string>();
    r.people.forEach((p, i) => {
      if (ids.has(p.id)) ctx.addIssue({ code: 'custom', path: ['people', i, 'id'], message: `person id ${p.id} appears twice` });
      ids.add(p.id);
    });
    if (r.leader && !ids.has(r.leader)) ctx.addIssue({ code: 'custom', path: ['leader'], message: `no person ${r.leader} on this roster` });
    const slots = new Set<string>();
    r.shifts.forEach((s, i) => {
      for (const field of ['on_duty', 'backup'] as const) {
        const who = s[field];
        if (who && !ids.has(who)) ctx.addIssue({ code: 'custom', path: ['shifts', i, field], message: `no person ${who} on this roster` });
      }
      const slot = `${s.date}/${s.kind}`;
      if (slots.has(slot)) ctx.addIssue({ code: 'custom', path: ['shifts', i], message: `${s.date} ${s.kind} shift appears twice` });
      slots.add(slot);
    });
  });
export type RosterInput = z.input<typeof rosterInputSchema>;
export interface Roster extends z.output<typeof rosterInputSchema> {
  unit_id: string;
  updated_at: number;
  version: number;
}

/** Who is on duty for a unit at an instant, and how that was decided. */
export interface DutyNow {
  unit_id: string;
  unit_name?: string;
  at: number;
  /** The local day whose shift covers `at` (yesterday's night shift after midnight). */
  date?: string;
  kind?: ShiftKind;
  shift_start?: number;
  shift_end?: number;
  on_duty?: DutyPersonView;
  backup?: DutyPersonView;
  leader?: DutyPersonView;
  /** false when chinese-days has no holiday table for the year: Monday–Friday are taken as working days. */
  calendar_known: boolean;
  /** Why nobody is named (no roster, no shift for the slot). */
  note?: string;
}

/** A person as every role may see them: no webhook URL or secret. */
export interface DutyPersonView {
  id: string;
  name: string;
  phone?: string;
  channel_kind: DutyChannelKind;
}

// ---- escalation ----

/** Minutes without acknowledgement before each next step: to the backup, the leader, the unit above; then the chain ends. */
export const escalationStepsSchema = z.object({
  backup_after_min: z.number().int().min(1).max(1440),
  leader_after_min: z.number().int().min(1).max(1440),
  higher_unit_after_min: z.number().int().min(1).max(1440),
  /** After the last step, minutes before the chain is closed as unanswered. */
  give_up_after_min: z.number().int().min(1).max(1440),
});
export type EscalationSteps = z.output<typeof escalationStepsSchema>;

export const dutySettingsSchema = z.object({
  /** Alerts at or above this severity page the duty officer. */
  min_severity: z.enum(SEVERITIES).default('medium'),
  /** The unit whose roster answers engine alerts (they name no unit); default: the top unit. */
  alert_unit_id: z.string().max(64).optional(),
  /** How long an acknowledgement link stays valid. */
  link_ttl_hours: z.number().int().min(1).max(168).default(24),
  steps: z.object({ low: escalationStepsSchema, medium: escalationStepsSchema, high: escalationStepsSchema, critical: escalationStepsSchema }),
});
export type DutySettings = z.output<typeof dutySettingsSchema>;

export const DEFAULT_DUTY_SETTINGS: DutySettings = {
  min_severity: 'medium',
  link_ttl_hours: 24,
  steps: {
    low: { backup_after_min: 30, leader_after_min: 30, higher_unit_after_min: 60, give_up_after_min: 60 },
    medium: { backup_after_min: 15, leader_after_min: 15, higher_unit_after_min: 30, give_up_after_min: 60 },
    high: { backup_after_min: 10, leader_after_min: 10, higher_unit_after_min: 15, give_up_after_min: 30 },
    critical: { backup_after_min: 5, leader_after_min: 5, higher_unit_after_min: 10, give_up_after_min: 30 },
  },
};

export const ESCALATION_SUBJECT_KINDS = ['alert', 'incident_clock', 'playbook_step'] as const;
export type EscalationSubjectKind = (typeof ESCALATION_SUBJECT_KINDS)[number];

/** What is being escalated. `id` is the alert id, the clock notice id, or the playbook step id. */
export const escalationSubjectSchema = z.object({
  kind: z.enum(ESCALATION_SUBJECT_KINDS),
  id: z.string().min(1).max(200),
  unit_id: z.string().min(1).max(64),
  severity: z.enum(SEVERITIES),
  title: z.string().min(1).max(300),
  /** Where the person sees it: an absolute URL or an app path (/alerts/…). */
  link: z.string().max(2000),
  /** The incident a clock notice or playbook step belongs to (its timeline gets the steps too). */
  incident_id: z.string().max(64).optional(),
});
export type EscalationSubject = z.output<typeof escalationSubjectSchema>;

export const ESCALATION_ROLES = ['on_duty', 'backup', 'leader', 'higher_unit'] as const;
export type EscalationRole = (typeof ESCALATION_ROLES)[number];
export const ESCALATION_ROLE_LABELS: Record<EscalationRole, string> = { on_duty: '值班员', backup: '备班', leader: '带班领导', higher_unit: '上级单位值班' };

/** One person the chain will page, resolved when it starts. */
export interface EscalationTarget {
  role: EscalationRole;
  unit_id: string;
  person: DutyPersonView;
}

/** One entry of the escalation log (and of the subject's timeline). */
export interface EscalationLogEntry {
  at: number;
  action: 'started' | 'paged' | 'skipped' | 'page_failed' | 'acknowledged' | 'exhausted' | 'cancelled';
  step?: number;
  role?: EscalationRole;
  person?: string;
  channel?: DutyChannelKind;
  /** Who acknowledged, and through what. */
  by?: string;
  /** The acknowledging user's id, when a signed-in user did it (the audit entry's actor). */
  by_id?: string;
  via?: 'link' | 'app' | 'api';
  detail?: string;
}

export const ESCALATION_STATUSES = ['active', 'acknowledged', 'exhausted', 'cancelled'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];

export interface Escalation {
  /** `${kind}:${subject id}`. */
  id: string;
  subject: EscalationSubject;
  status: EscalationStatus;
  started_at: number;
  /** The shift that was on when it started (for the report). */
  shift?: { date: string; kind: ShiftKind };
  targets: EscalationTarget[];
  /** Index in `targets` of the last person paged; -1 before the first page. */
  step: number;
  /** When the next step is due (absent once the chain has ended). */
  next_at?: number;
  /** Minutes before each step after the first, and before giving up. */
  waits_min: number[];
  acknowledged?: { at: number; by: string; via: 'link' | 'app' | 'api'; step: number };
  log: EscalationLogEntry[];
  version?: number;
}

/** Time to acknowledge per unit and shift. */
export interface EscalationReportRow {
  unit_id: string;
  unit_name?: string;
  shift_kind: ShiftKind | 'none';
  escalations: number;
  acknowledged: number;
  /** Acknowledged after the chain went past the duty officer. */
  escalated: number;
  exhausted: number;
  median_ack_ms?: number;
  max_ack_ms?: number;
}

export interface EscalationReport {
  from: number;
  to: number;
  rows: EscalationReportRow[];
  escalations: Escalation[];
}

export interface RosterImportError {
  line: number;
  message: string;
}

export interface RosterImportResponse {
  roster?: Roster;
  errors: RosterImportError[];
}

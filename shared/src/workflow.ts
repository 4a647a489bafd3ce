import { z } from 'zod';
import { accountGovernanceFieldsSchema } from './governance';

/**
 * The response workflow: users and units, incidents with statutory clocks,
 * official accounts, statements and rebuttals under 先审后发 review, the Q&A
 * library, the reply queue and the audit log.
 */

export const ROLES = ['viewer', 'analyst', 'responder', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const UNIT_KINDS = ['province', 'city', 'county', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const unitInputSchema = z.object({
  name: z.string().trim().min(1).max(100),
  kind: z.enum(UNIT_KINDS),
  /** Empty for a top unit. */
  parent_id: z.string().max(64).optional(),
  /** GB/T 2260 division code of the area the unit answers for (属地). */
  division_code: z.string().regex(/^\d{6}$/).optional(),
});
export type UnitInput = z.input<typeof unitInputSchema>;
export interface Unit extends z.output<typeof unitInputSchema> {
  id: string;
  updated_at: number;
}

/** Strong enough for an office: ≥ 10 characters, 3 of 4 character classes, not the user name. */
export const PASSWORD_RULES = 'at least 10 characters with three of: lower case, upper case, digits, symbols; not containing the user name';

export const userInputSchema = z.object({
  username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'letters, digits and . _ @ - only'),
  display_name: z.string().trim().min(1).max(100),
  unit_id: z.string().min(1).max(64),
  roles: z.array(z.enum(ROLES)).min(1).transform((r) => [...new Set(r)]),
  disabled: z.boolean().default(false),
});
export type UserInput = z.input<typeof userInputSchema>;

/** A user as the API shows it (never the password hash). */
export interface User {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  roles: Role[];
  disabled: boolean;
  locked_until?: number;
  password_changed_at?: number;
  updated_at: number;
}

export interface SessionInfo {
  user: User;
  csrf_token: string;
  expires_at: number;
  /** Units this user sees: its own and every unit below it. */
  unit_ids: string[];
}

export const PLATFORMS_FOR_ACCOUNTS = ['weibo', 'wechat', 'douyin', 'toutiao', 'news', 'website', 'message_board', 'hotline_12345', 'kuaishou', 'bilibili', 'other'] as const;

export const officialAccountInputSchema = z.object({
  platform: z.string().trim().min(1).max(40),
  /** The platform's id of the account (author_id of its mentions). */
  account_id: z.string().trim().min(1).max(128),
  name: z.string().trim().min(1).max(100),
  unit_id: z.string().min(1).max(64),
  /** Working-day or hour deadline for answering comments and messages addressed to this account. */
  reply_deadline: z.object({ hours: z.number().positive().optional(), working_days: z.number().int().positive().optional() }).optional(),
  // Governance (level, status, 备案, contact, opening day): optional or defaulted, so older clients and stored accounts stay valid.
  ...accountGovernanceFieldsSchema.shape,
});
export type OfficialAccountInput = z.input<typeof officialAccountInputSchema>;
export interface OfficialAccount extends z.output<typeof officialAccountInputSchema> {
  id: string;
  updated_at: number;
}

export interface IngestTokenInfo {
  id: string;
  source: string;
  name: string;
  created_at: number;
  created_by: string;
  revoked_at?: number;
  /** Only in the answer that creates it. */
  token?: string;
}

// ---- incidents ----

export const INCIDENT_SEVERITIES = ['especially_major', 'major', 'large', 'general', 'public_opinion'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];
export const INCIDENT_SEVERITY_LABELS: Record<IncidentSeverity, string> = {
  especially_major: '特别重大',
  major: '重大',
  large: '较大',
  general: '一般',
  public_opinion: '政务舆情',
};

/** Kind of emergency behind an incident (突发事件分类 plus 网络谣言); picks its playbook (应急预案). */
export const INCIDENT_TYPES = ['safety_accident', 'natural_disaster', 'public_health', 'social_security', 'online_rumor', 'other'] as const;
export type IncidentType = (typeof INCIDENT_TYPES)[number];
export const INCIDENT_TYPE_LABELS: Record<IncidentType, string> = {
  safety_accident: '安全生产事故',
  natural_disaster: '自然灾害',
  public_health: '公共卫生事件',
  social_security: '社会安全事件',
  online_rumor: '网络谣言',
  other: '其他舆情',
};

export const INCIDENT_STATUSES = ['open', 'responding', 'monitoring', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const ACTION_KINDS = ['statement', 'rebuttal', 'press_conference', 'update', 'reply'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export interface ResponseAction {
  id: string;
  kind: ActionKind;
  /** Publication time. */
  at: number;
  /** Where it came from: an official account's mention, a published draft, or logged by hand. */
  source: 'account' | 'draft' | 'manual';
  link?: string;
  note?: string;
  /** platform:id of the account's mention. */
  mention?: string;
  account_id?: string;
  draft_id?: string;
  by: string;
  logged_at: number;
}

export const incidentInputSchema = z.object({
  title: z.string().trim().min(1).max(200),
  severity: z.enum(INCIDENT_SEVERITIES),
  /** Absent on incidents opened before types existed: they read as `other`. */
  type: z.enum(INCIDENT_TYPES).optional(),
  unit_id: z.string().min(1).max(64),
  /** 属地 (territorial) or 主管 (competent authority). */
  unit_role: z.enum(['territorial', 'competent']).default('territorial'),
  event_ids: z.array(z.string().max(64)).max(50).default([]),
  alert_ids: z.array(z.string().max(64)).max(50).default([]),
  owner_id: z.string().max(64).optional(),
  place: z.string().trim().max(200).optional(),
  facts: z.string().max(5000).optional(),
  measures: z.string().max(5000).optional(),
  contact: z.string().trim().max(200).optional(),
  /** Epoch ms; from the event when opened from one. */
  first_mention_at: z.number().int().nonnegative().optional(),
  detected_at: z.number().int().nonnegative().optional(),
});
export type IncidentInput = z.input<typeof incidentInputSchema>;

export const incidentPatchSchema = incidentInputSchema
  .omit({ first_mention_at: true, detected_at: true })
  .partial()
  .extend({ status: z.enum(INCIDENT_STATUSES).optional() });
export type IncidentPatch = z.input<typeof incidentPatchSchema>;

export interface DeadlineView {
  key: string;
  label: string;
  basis?: string;
  start_at: number;
  due_at: number;
  warn_at: number;
  state: 'pending' | 'warning' | 'breached' | 'met' | 'met_late';
  met_at?: number;
  remaining_ms: number;
}

export interface Incident {
  id: string;
  title: string;
  severity: IncidentSeverity;
  type?: IncidentType;
  unit_id: string;
  unit_role: 'territorial' | 'competent';
  event_ids: string[];
  alert_ids: string[];
  owner_id?: string;
  place?: string;
  facts?: string;
  measures?: string;
  contact?: string;
  status: IncidentStatus;
  first_mention_at?: number;
  detected_at?: number;
  opened_at: number;
  opened_by: string;
  acknowledged_at?: number;
  closed_at?: number;
  actions: ResponseAction[];
  version: number;
  updated_at: number;
  /** Computed on read. */
  clock?: { start_at: number; start_basis: string; deadlines: DeadlineView[]; next?: { key: string; label: string; due_at: number }; next_update_due_at?: number };
}

/** A link people click: http(s) only (a `javascript:` or `data:` URL would run in the dashboard's origin). */
const webLink = z
  .string()
  .max(2000)
  .refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

export const actionInputSchema = z.object({
  kind: z.enum(ACTION_KINDS),
  at: z.number().int().nonnegative(),
  link: webLink.optional(),
  note: z.string().max(2000).optional(),
});
export type ActionInput = z.input<typeof actionInputSchema>;

// ---- drafts ----

export const TEMPLATE_KINDS = ['situation_report', 'rebuttal', 'talking_points', 'press_qa'] as const;
export type TemplateKindName = (typeof TEMPLATE_KINDS)[number];

export const DRAFT_STATUSES = ['draft', 'submitted', 'approved', 'published', 'rejected'] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

export interface DraftVersion {
  version: number;
  title: string;
  body: string;
  at: number;
  by: string;
}

export interface ReviewStep {
  level: number;
  decision: 'approve' | 'reject';
  by: string;
  at: number;
  version: number;
  comment?: string;
}

export interface Draft {
  id: string;
  incident_id?: string;
  unit_id: string;
  kind: TemplateKindName;
  platform: string;
  title: string;
  body: string;
  /** Text version: changes with every edit of title or body. */
  text_version: number;
  /** Record version, for optimistic concurrency (If-Match / expected_version). */
  version: number;
  status: DraftStatus;
  author_id: string;
  /** Review levels this draft needs (1, or 3 for 三审). */
  levels: number;
  reviews: ReviewStep[];
  /** Review level the next approval is at (1-based); 0 when not in review. */
  current_level: number;
  versions: DraftVersion[];
  publication?: { where: string; at: number; link?: string; by: string };
  created_at: number;
  updated_at: number;
}

export const draftInputSchema = z.object({
  incident_id: z.string().max(64).optional(),
  unit_id: z.string().max(64).optional(),
  kind: z.enum(TEMPLATE_KINDS),
  platform: z.string().trim().min(1).max(40).default('weibo'),
  title: z.string().trim().max(200).optional(),
  /** Without a body, the template is filled from the incident and `values`. */
  body: z.string().max(100_000).optional(),
  values: z.record(z.string(), z.string().max(5000)).optional(),
});
export type DraftInput = z.input<typeof draftInputSchema>;

export const draftEditSchema = z.object({
  expected_version: z.number().int().nonnegative(),
  title: z.string().trim().max(200).optional(),
  body: z.string().max(100_000).optional(),
  platform: z.string().trim().min(1).max(40).optional(),
});

export const reviewInputSchema = z.object({
  expected_version: z.number().int().nonnegative(),
  decision: z.enum(['approve', 'reject']),
  comment: z.string().max(5000).optional(),
});

export const publishInputSchema = z.object({
  expected_version: z.number().int().nonnegative(),
  where: z.string().trim().min(1).max(200),
  at: z.number().int().nonnegative().optional(),
  link: webLink.optional(),
  action: z.enum(ACTION_KINDS).optional(),
});

// ---- reply queue ----

export interface ReplyItem {
  /** platform:id of the comment or message. */
  id: string;
  platform: string;
  mention_id: string;
  account_id: string;
  unit_id: string;
  author_name: string;
  text: string;
  received_at: number;
  due_at: number;
  status: 'open' | 'answered' | 'closed';
  answered_at?: number;
  answer?: string;
  answered_by?: string;
  qa_id?: string;
  version: number;
}

// ---- audit ----

export interface AuditEntry {
  at: number;
  actor: string;
  actor_name: string;
  action: string;
  object_type: string;
  object_id: string;
  before?: unknown;
  after?: unknown;
  ip?: string;
  detail?: string;
}

// ---- checks (先审后发) ----

/** A finding of the draft checks (personal data, wording, missing elements), as the API returns it. */
export type CheckSeverity = 'error' | 'warning';

export type CheckId =
  | 'id_number'
  | 'mobile'
  | 'bank_card'
  | 'licence_plate'
  | 'private_address'
  | 'forbidden_wording'
  | 'sensitive_wording'
  | 'term_mistake'
  | 'missing_element'
  | 'length';

export interface CheckFinding {
  check: CheckId;
  severity: CheckSeverity;
  /** Chinese, says what was found and why it matters. */
  message: string;
  /** UTF-16 offsets into the checked text; absent for findings about the whole text (missing_element, length). */
  start?: number;
  end?: number;
  /** The matched text; masked for personal data so that logs never hold it. */
  match?: string;
  /** The correct term, or a masked form to put in place of personal data. */
  suggestion?: string;
}

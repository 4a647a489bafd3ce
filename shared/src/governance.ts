import { z } from 'zod';

/**
 * Account governance (政务新媒体 管理): the registry fields the inspections
 * ask about, the checks run over every registered account, the overview, the
 * drill-down, the monthly inspection report (排查报告), the thresholds and the
 * follower/engagement snapshots. Server and browser share these types.
 *
 * Times are epoch ms; calendar days (filing date, opening date, report month,
 * week starts) are `YYYY-MM-DD` / `YYYY-MM` strings in the configured zone
 * (Asia/Shanghai), because an inspection speaks of days, not instants.
 */

export const ACCOUNT_LEVELS = [
  'provincial_government',
  'provincial_department',
  'city_government',
  'city_department',
  'county_government',
  'county_department',
  'township',
  'other',
] as const;
export type AccountLevel = (typeof ACCOUNT_LEVELS)[number];
export const ACCOUNT_LEVEL_LABELS: Record<AccountLevel, string> = {
  provincial_government: '省级政府',
  provincial_department: '省级部门',
  city_government: '市级政府',
  city_department: '市级部门',
  county_government: '县级政府',
  county_department: '县级部门',
  township: '乡镇（街道）',
  other: '其他',
};

export const ACCOUNT_STATUSES = ['active', 'merging', 'closing', 'closed'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_STATUS_LABELS: Record<AccountStatus, string> = {
  active: '正常运维',
  merging: '整合中',
  closing: '关停中',
  closed: '已关停',
};

const calendarDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
export const calendarMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM');

/**
 * The governance fields of an official account. Every field is optional (or
 * has a default) so that accounts registered before governance existed, and
 * the response workflow's own writes, stay valid.
 */
export const accountGovernanceFieldsSchema = z.object({
  level: z.enum(ACCOUNT_LEVELS).default('other'),
  status: z.enum(ACCOUNT_STATUSES).default('active'),
  /** 备案: the filing number and date with the network information office. */
  filing: z
    .object({
      number: z.string().trim().max(64).optional(),
      date: calendarDay.optional(),
    })
    .optional(),
  /** 运维联系人. */
  contact: z
    .object({
      name: z.string().trim().max(50).optional(),
      phone: z.string().trim().max(40).optional(),
      email: z.string().trim().max(120).optional(),
    })
    .optional(),
  /** The day the account was opened; checks judge it only from then on. */
  opened_on: calendarDay.optional(),
  /** The account publishes through Fenghuo's 先审后发 workflow, so every post needs an approved review. */
  publishes_via_workflow: z.boolean().default(false),
  /** For an account being merged: the registry id of the account it merges into. */
  merge_into: z.string().max(64).optional(),
  note: z.string().max(500).optional(),
});
export type AccountGovernanceFields = z.output<typeof accountGovernanceFieldsSchema>;

// ---- checks ----

export const GOVERNANCE_CHECKS = ['cadence', 'zombie', 'duplicate', 'interaction', 'fake_followers', 'review_compliance'] as const;
export type GovernanceCheckId = (typeof GOVERNANCE_CHECKS)[number];
export const GOVERNANCE_CHECK_LABELS: Record<GovernanceCheckId, string> = {
  cadence: '更新频率',
  zombie: '僵尸账号',
  duplicate: '重复开设',
  interaction: '互动回应',
  fake_followers: '粉丝异常',
  review_compliance: '先审后发',
};

export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'not_applicable'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

const messageEvidence = z.object({
  /** platform:id of the comment or message (the reply queue's id). */
  id: z.string(),
  received_at: z.number(),
  text: z.string(),
  due_at: z.number().optional(),
  answered_at: z.number().optional(),
  answer: z.string().optional(),
  /** Share of the question's tokens the answer repeats (答非所问 hint when low). */
  overlap: z.number().optional(),
});
export type MessageEvidence = z.output<typeof messageEvidence>;

const postEvidence = z.object({
  /** platform:id of the post. */
  id: z.string(),
  at: z.number(),
  text: z.string().optional(),
  interactions: z.number().optional(),
  draft_id: z.string().optional(),
});
export type PostEvidence = z.output<typeof postEvidence>;

export const checkEvidenceSchema = z.object({
  /** The rule applied, in words (规则依据). */
  rule: z.string().optional(),
  /** When the judged period starts (the account's opening when later than the window). */
  judged_from: z.number().optional(),
  last_post_at: z.number().optional(),
  /** The latest posts, newest first. */
  recent_posts: z.array(postEvidence).optional(),
  silent_days: z.number().optional(),
  /** The next cadence deadline: a post is needed before it. */
  deadline_at: z.number().optional(),
  /** Working days (or weeks) in the window that lacked the required posts. */
  missed_periods: z.array(z.string()).optional(),
  posts_in_window: z.number().optional(),
  posts_without_interaction: z.number().optional(),
  received: z.number().optional(),
  answered: z.number().optional(),
  answered_rate: z.number().nullable().optional(),
  on_time_rate: z.number().nullable().optional(),
  unanswered: z.array(messageEvidence).optional(),
  late: z.array(messageEvidence).optional(),
  off_topic: z.array(messageEvidence).optional(),
  duplicates: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        platform: z.string(),
        account_id: z.string(),
        reason: z.enum(['same_unit_platform', 'similar_name']),
        similarity: z.number().optional(),
      }),
    )
    .optional(),
  follower_jumps: z
    .array(
      z.object({
        from_at: z.number(),
        to_at: z.number(),
        followers_before: z.number(),
        followers_after: z.number(),
        gain: z.number(),
        /** Engagement (likes + comments + reposts) per day before and during the jump. */
        engagement_before: z.number(),
        engagement_during: z.number(),
      }),
    )
    .optional(),
  suspicious_engagers: z.object({ at: z.number(), sampled: z.number(), new_or_inactive: z.number(), share: z.number() }).optional(),
  unreviewed_posts: z.array(postEvidence).optional(),
});
export type CheckEvidence = z.output<typeof checkEvidenceSchema>;

export const checkResultSchema = z.object({
  check: z.enum(GOVERNANCE_CHECKS),
  status: z.enum(CHECK_STATUSES),
  /** Short Chinese statement of the finding (e.g. "已 15 天未更新"). */
  message: z.string(),
  /** A hint for review rather than a verdict (答非所问, fake followers). */
  hint: z.boolean().optional(),
  evidence: checkEvidenceSchema,
});
export type CheckResult = z.output<typeof checkResultSchema>;

// ---- overview ----

/** An account as the governance views list it. */
export interface GovernanceAccountSummary {
  id: string;
  platform: string;
  account_id: string;
  name: string;
  unit_id: string;
  unit_name?: string;
  level: AccountLevel;
  status: AccountStatus;
  opened_on?: string;
}

export interface GovernanceTrendPoint {
  /** Monday of the week (local), YYYY-MM-DD. */
  week: string;
  /** Worst status over the checks at the end of that week. */
  status: CheckStatus;
  failing: GovernanceCheckId[];
}

export interface GovernanceAccountRow {
  account: GovernanceAccountSummary;
  /** One result per check, in GOVERNANCE_CHECKS order. */
  results: CheckResult[];
  /** Worst status over the checks. */
  overall: CheckStatus;
  trend: GovernanceTrendPoint[];
}

export interface GovernanceUnitRank {
  unit_id: string;
  unit_name?: string;
  accounts: number;
  pass: number;
  warn: number;
  fail: number;
  /** 0–100: each applicable check scores 1 (pass), 0.5 (warn) or 0 (fail). */
  score: number;
  rank: number;
}

export interface GovernanceOverview {
  generated_at: number;
  timezone: string;
  /** Years for which the holiday calendar (chinese-days) knows the official arrangement. */
  calendar_years: number[];
  checks: { id: GovernanceCheckId; label: string }[];
  accounts: GovernanceAccountRow[];
  units: GovernanceUnitRank[];
  /** Counts of accounts per overall status. */
  totals: Record<CheckStatus, number>;
}

export interface GovernanceAccountDetail {
  account: GovernanceAccountSummary & AccountGovernanceFields & { reply_deadline?: { hours?: number; working_days?: number } };
  results: CheckResult[];
  overall: CheckStatus;
  trend: GovernanceTrendPoint[];
  generated_at: number;
}

// ---- monthly inspection report (排查报告) ----

export const REPORT_RECOMMENDATIONS = ['keep', 'fix', 'merge', 'close'] as const;
export type ReportRecommendation = (typeof REPORT_RECOMMENDATIONS)[number];
export const REPORT_RECOMMENDATION_LABELS: Record<ReportRecommendation, string> = {
  keep: '保留',
  fix: '限期整改',
  merge: '整合',
  close: '关停',
};

export interface GovernanceReportAccount {
  account: GovernanceAccountSummary;
  overall: CheckStatus;
  /** Checks that warn or fail, with their message. */
  findings: { check: GovernanceCheckId; status: CheckStatus; message: string }[];
  /** What to fix, one line each (整改要求). */
  fixes: string[];
  recommendation: ReportRecommendation;
  /** For a merge: the account (registry id and name) to merge into. */
  merge_into?: { id: string; name: string };
}

export interface GovernanceReportUnit {
  unit_id: string;
  unit_name?: string;
  accounts: GovernanceReportAccount[];
  score: number;
}

export interface GovernanceReport {
  unit_id: string;
  unit_name?: string;
  month: string;
  /** The month in the configured zone: [from, to). */
  from: number;
  to: number;
  generated_at: number;
  timezone: string;
  summary: { accounts: number; pass: number; warn: number; fail: number; to_fix: number; to_merge: number; to_close: number };
  /** Accounts failing, per check. */
  by_check: { check: GovernanceCheckId; label: string; fail: number; warn: number }[];
  units: GovernanceReportUnit[];
}

// ---- thresholds ----

/** Cadence required of a level: posts on every working day, or at least n posts a week (Mon–Sun). */
export const cadenceRuleSchema = z.union([
  z.object({ every_working_day: z.literal(true) }),
  z.object({ per_week: z.number().int().min(1).max(50) }),
  z.object({ none: z.literal(true) }),
]);
export type CadenceRule = z.output<typeof cadenceRuleSchema>;

export const governanceThresholdsSchema = z
  .object({
    cadence: z
      .object({
        /** 2019 inspection (国办 政务新媒体检查指标): no update for 2 weeks fails (单项否决). */
        fail_silent_days: z.number().int().min(1).max(365).default(14),
        warn_silent_days: z.number().int().min(1).max(365).default(10),
        by_level: z
          .record(z.enum(ACCOUNT_LEVELS), cadenceRuleSchema)
          .default({
            provincial_government: { every_working_day: true },
            city_government: { every_working_day: true },
            provincial_department: { per_week: 2 },
            county_government: { per_week: 2 },
            city_department: { none: true },
            county_department: { none: true },
            township: { none: true },
            other: { none: true },
          }),
        /** Working days and weeks judged for the level rule (the last ones before now). */
        window_days: z.number().int().min(7).max(90).default(14),
        /** A working day counts as missed only once it is over; before this local time a reminder goes out. */
        daily_reminder_at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).default('15:00'),
        /** Missed working days (or weeks) in the window that only warn; more fail. */
        warn_missed_periods: z.number().int().min(0).max(90).default(1),
      })
      .prefault({}),
    zombie: z
      .object({
        /** Silent this long: a zombie (僵尸), recommended for closing. */
        silent_days: z.number().int().min(1).max(730).default(60),
        window_days: z.number().int().min(7).max(365).default(30),
        /** At least this many posts in the window, and none drew any interaction: a sleeping account (睡眠) that posts to nobody. */
        min_posts: z.number().int().min(1).max(1000).default(5),
      })
      .prefault({}),
    duplicate: z
      .object({
        /** Names at least this similar (character bigram Dice, 0–1) are flagged. */
        name_similarity: z.number().min(0.5).max(1).default(0.8),
      })
      .prefault({}),
    interaction: z
      .object({
        window_days: z.number().int().min(1).max(365).default(30),
        /** Below these shares: warn, and below the fail ones: fail. */
        warn_answered_rate: z.number().min(0).max(1).default(0.9),
        fail_answered_rate: z.number().min(0).max(1).default(0.6),
        warn_on_time_rate: z.number().min(0).max(1).default(0.8),
        /** 答非所问 hint: the answer repeats less than this share of the question's tokens. */
        off_topic_overlap: z.number().min(0).max(1).default(0.1),
        /** Fewer messages than this: no verdict on the rates. */
        min_received: z.number().int().min(1).max(1000).default(3),
      })
      .prefault({}),
    fake_followers: z
      .object({
        /** A gain between two snapshots of at least this share of the followers before... */
        jump_share: z.number().min(0).max(100).default(0.2),
        /** ...and at least this many followers... */
        min_gain: z.number().int().min(1).default(1000),
        /** ...with engagement per day growing less than this factor, is a jump not matched by engagement. */
        engagement_factor: z.number().min(1).max(100).default(1.5),
        /** Share of sampled engagers that are new or inactive accounts above which engagement is suspicious. */
        engager_share: z.number().min(0).max(1).default(0.5),
        min_engagers_sampled: z.number().int().min(1).default(20),
        window_days: z.number().int().min(7).max(365).default(30),
      })
      .prefault({}),
    review_compliance: z
      .object({
        window_days: z.number().int().min(1).max(365).default(30),
        /** A post this close to a publication record of an approved draft counts as that publication. */
        match_minutes: z.number().int().min(1).max(1440).default(120),
      })
      .prefault({}),
    reminders: z
      .object({
        enabled: z.boolean().default(true),
        /** Remind when the 14-day limit falls within this many hours. */
        before_hours: z.number().int().min(1).max(168).default(24),
      })
      .prefault({}),
    /** Weeks of trend in the overview. */
    trend_weeks: z.number().int().min(1).max(26).default(8),
  })
  .refine((t) => t.cadence.warn_silent_days <= t.cadence.fail_silent_days, { message: 'cadence.warn_silent_days must not exceed cadence.fail_silent_days', path: ['cadence', 'warn_silent_days'] })
  .refine((t) => t.interaction.fail_answered_rate <= t.interaction.warn_answered_rate, { message: 'interaction.fail_answered_rate must not exceed warn_answered_rate', path: ['interaction', 'fail_answered_rate'] });
export type GovernanceThresholdsInput = z.input<typeof governanceThresholdsSchema>;
export type GovernanceThresholds = z.output<typeof governanceThresholdsSchema>;
export const DEFAULT_GOVERNANCE_THRESHOLDS: GovernanceThresholds = governanceThresholdsSchema.parse({});

export interface GovernanceConfigResponse {
  thresholds: GovernanceThresholds;
  defaults: GovernanceThresholds;
  version: number;
}
export const governanceConfigInputSchema = z.object({
  expected_version: z.number().int().nonnegative(),
  thresholds: governanceThresholdsSchema,
});

// ---- follower / engagement snapshots ----

const epochOrIso = z.union([
  z.number().int().nonnegative(),
  z.string().transform((s, ctx) => {
    const t = Date.parse(s);
    if (Number.isNaN(t)) {
      ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds or an ISO-8601 time' });
      return z.NEVER;
    }
    return t;
  }),
]);
const nonNegative = z.number().int().nonnegative();

/** One observation of an account's audience, as a collector sends it (`POST /api/v1/accounts/snapshots`). */
export const accountSnapshotInputSchema = z.object({
  platform: z.string().trim().min(1).max(40),
  account_id: z.string().trim().min(1).max(128),
  at: epochOrIso,
  followers: nonNegative,
  posts: nonNegative.optional(),
  likes: nonNegative.optional(),
  comments: nonNegative.optional(),
  reposts: nonNegative.optional(),
  /** Engagement in the period since the previous snapshot, summed over likes, comments and reposts (when the collector counts it so). */
  engagement: nonNegative.optional(),
  /** Of the engaging accounts the collector sampled, how many are new (registered < 30 days) or inactive. */
  engagers_sampled: nonNegative.optional(),
  engagers_new_or_inactive: nonNegative.optional(),
});
export type AccountSnapshotInput = z.input<typeof accountSnapshotInputSchema>;
export type AccountSnapshot = z.output<typeof accountSnapshotInputSchema>;

export interface SnapshotIngestResponse {
  accepted: number;
  rejected: number;
  /** Rejected rows, by their index in the request, with the reason (also stored). */
  errors: { index: number; reason: string }[];
}

// ---- registry CSV ----

/** Columns of the registry's CSV, in order (export writes them, import reads them by header name). */
export const ACCOUNT_CSV_COLUMNS = [
  'id',
  'platform',
  'account_id',
  'name',
  'unit_id',
  'level',
  'status',
  'filing_number',
  'filing_date',
  'contact_name',
  'contact_phone',
  'contact_email',
  'opened_on',
  'publishes_via_workflow',
  'merge_into',
  'reply_deadline_hours',
  'reply_deadline_working_days',
  'note',
] as const;

export interface AccountImportResponse {
  created: number;
  updated: number;
  /** Nothing is written when any row is wrong: fix the rows and import again. */
  errors: { line: number; message: string }[];
}

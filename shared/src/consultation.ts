import { z } from 'zod';
import { PLATFORMS, type Platform } from './mention';

/**
 * Public consultation on a draft policy (决策前征求意见): the draft with its
 * sections, the channels and period comments are collected in, how comments
 * are linked (the collecting posts' ids, their threads, keyword rules), and
 * the answers of the analysis and report APIs (themes, stance shares,
 * per-section counts, coordinated campaigns, volume series, the feedback
 * table the drafting office fills in). Server and browser share these types.
 *
 * Times are epoch ms.
 */

/** Channels comments are collected on: the mention platforms (re-exported for browser code, which imports only this module). */
export const CONSULTATION_CHANNELS = PLATFORMS;
export type ConsultationChannel = Platform;

export const CONSULTATION_STANCES = ['support', 'oppose', 'suggestion', 'other'] as const;
export type ConsultationStance = (typeof CONSULTATION_STANCES)[number];
export const CONSULTATION_STANCE_LABELS: Record<ConsultationStance, string> = {
  support: '支持',
  oppose: '反对',
  suggestion: '建议',
  other: '其他',
};

export const FEEDBACK_DECISIONS = ['pending', 'adopted', 'partly', 'not_adopted'] as const;
export type FeedbackDecision = (typeof FEEDBACK_DECISIONS)[number];
export const FEEDBACK_DECISION_LABELS: Record<FeedbackDecision, string> = {
  pending: '待研究',
  adopted: '采纳',
  partly: '部分采纳',
  not_adopted: '未采纳',
};

export const CONSULTATION_STATUSES = ['draft', 'open', 'closed'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const consultationSectionSchema = z.object({
  /** Stable id within the consultation (e.g. "s1"); comments are matched to it. */
  id: z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'section id: letters, digits, - and _'),
  title: z.string().trim().min(1).max(120),
  text: z.string().trim().min(1).max(5000),
});
export type ConsultationSection = z.output<typeof consultationSectionSchema>;

/** A keyword rule: a mention matches when it holds every `all_of` term and, if any are given, one of `any_of`. */
export const consultationKeywordRuleSchema = z
  .object({
    all_of: z.array(z.string().trim().min(1).max(40)).max(10).default([]),
    any_of: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  })
  .refine((r) => r.all_of.length + r.any_of.length > 0, 'a keyword rule needs at least one term');
export type ConsultationKeywordRule = z.output<typeof consultationKeywordRuleSchema>;

export const consultationInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    summary: z.string().trim().max(2000).default(''),
    /** The office that drafted the policy (起草单位), printed on the report. */
    office: z.string().trim().max(100).default(''),
    sections: z.array(consultationSectionSchema).min(1).max(50),
    channels: z.array(z.enum(PLATFORMS)).min(1),
    period: z.object({ start: z.number().int(), end: z.number().int() }),
    /** Ids (mention `id`, without platform) of the collecting posts: their comments and replies are linked. */
    post_ids: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
    keyword_rules: z.array(consultationKeywordRuleSchema).max(20).default([]),
    status: z.enum(CONSULTATION_STATUSES).default('open'),
  })
  .refine((c) => c.period.end > c.period.start, { message: 'period.end must be after period.start', path: ['period'] })
  .refine((c) => c.post_ids.length + c.keyword_rules.length > 0, {
    message: 'give collecting post ids or keyword rules, or no comment can be linked',
    path: ['post_ids'],
  })
  .refine((c) => new Set(c.sections.map((s) => s.id)).size === c.sections.length, {
    message: 'section ids must be unique',
    path: ['sections'],
  });
export type ConsultationInput = z.input<typeof consultationInputSchema>;
export type ConsultationDraftPolicy = z.output<typeof consultationInputSchema>;

export const feedbackRowSchema = z.object({
  /** Theme the row answers (the theme's stable key from the analysis). */
  theme_key: z.string().min(1).max(200),
  theme_label: z.string().max(200),
  decision: z.enum(FEEDBACK_DECISIONS).default('pending'),
  reason: z.string().trim().max(2000).default(''),
});
export type FeedbackRow = z.output<typeof feedbackRowSchema>;

export const feedbackUpdateSchema = z.object({
  expected_version: z.number().int().min(1),
  rows: z.array(feedbackRowSchema).max(200),
});
export type FeedbackUpdate = z.input<typeof feedbackUpdateSchema>;

export const consultationUpdateSchema = z.object({
  expected_version: z.number().int().min(1),
  consultation: consultationInputSchema,
});

export const consultationSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  /** The unit that runs the consultation: users of it and of the units above see it. */
  unit_id: z.string(),
  created_at: z.number(),
  created_by: z.string(),
  updated_at: z.number(),
  policy: consultationInputSchema,
  feedback: z.array(feedbackRowSchema).default([]),
  /** The 先审后发 draft that publishes the feedback, once requested. */
  feedback_draft_id: z.string().optional(),
});
export type Consultation = z.output<typeof consultationSchema>;

export const consultationSummarySchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  status: z.enum(CONSULTATION_STATUSES),
  period: z.object({ start: z.number(), end: z.number() }),
  channels: z.array(z.enum(PLATFORMS)),
  updated_at: z.number(),
});
export type ConsultationSummary = z.output<typeof consultationSummarySchema>;
export const consultationListSchema = z.object({ consultations: z.array(consultationSummarySchema) });
export type ConsultationList = z.output<typeof consultationListSchema>;

// ---- analysis ----

const stanceCounts = z.object({
  support: z.number(),
  oppose: z.number(),
  suggestion: z.number(),
  other: z.number(),
});
export type StanceCounts = z.output<typeof stanceCounts>;

export const analysedCommentSchema = z.object({
  /** platform:id of the mention. */
  id: z.string(),
  platform: z.enum(PLATFORMS),
  author: z.string(),
  at: z.number(),
  text: z.string(),
  stance: z.enum(CONSULTATION_STANCES),
  /** The lexicon cues that decided the stance, so the classification can be explained. */
  cues: z.array(z.string()),
  /** Section ids the comment is about; empty = general. */
  sections: z.array(z.string()),
  theme_key: z.string().optional(),
  /** Campaign id when the comment is part of a coordinated campaign. */
  campaign_id: z.string().optional(),
  /** True when the same account already said the same thing (counted once). */
  duplicate: z.boolean(),
});
export type AnalysedComment = z.output<typeof analysedCommentSchema>;

export const consultationThemeSchema = z.object({
  key: z.string(),
  /** Top keywords joined, e.g. "夜间·免费·停车". */
  label: z.string(),
  keywords: z.array(z.string()),
  size: z.number(),
  stances: stanceCounts,
  /** Most central comments (closest to the theme's keyword profile). */
  representatives: z.array(analysedCommentSchema),
  sections: z.array(z.string()),
});
export type ConsultationTheme = z.output<typeof consultationThemeSchema>;

export const sectionCountSchema = z.object({
  section_id: z.string(),
  title: z.string(),
  count: z.number(),
  stances: stanceCounts,
});
export type SectionCount = z.output<typeof sectionCountSchema>;

export const campaignSchema = z.object({
  id: z.string(),
  /** The shared wording (the first member's text). */
  text: z.string(),
  accounts: z.number(),
  first_at: z.number(),
  last_at: z.number(),
  stance: z.enum(CONSULTATION_STANCES),
  members: z.array(z.object({ id: z.string(), author: z.string(), at: z.number() })),
});
export type Campaign = z.output<typeof campaignSchema>;

export const volumePointSchema = z.object({
  /** Bucket start (epoch ms, one day in Asia/Shanghai or one hour for short periods). */
  t: z.number(),
  comments: z.number(),
  /** Distinct accounts commenting in the bucket. */
  accounts: z.number(),
});
export type VolumePoint = z.output<typeof volumePointSchema>;

export const consultationAnalysisSchema = z.object({
  consultation_id: z.string(),
  version: z.number(),
  generated_at: z.number(),
  totals: z.object({
    comments: z.number(),
    accounts: z.number(),
    /** Comments after campaigns count once and repeats are removed: the base of the stance shares. */
    weighted: z.number(),
    duplicates: z.number(),
    campaign_comments: z.number(),
    general: z.number(),
  }),
  /** Stance counts over the weighted base (each campaign counts once; same-account repeats dropped). */
  stances: stanceCounts,
  bucket_ms: z.number(),
  volume: z.array(volumePointSchema),
  themes: z.array(consultationThemeSchema),
  sections: z.array(sectionCountSchema),
  campaigns: z.array(campaignSchema),
  /** Notable suggestions (suggestion stance, most keyword-rich first) with quotes. */
  suggestions: z.array(analysedCommentSchema),
  feedback: z.array(feedbackRowSchema),
});
export type ConsultationAnalysis = z.output<typeof consultationAnalysisSchema>;

export const consultationPublishSchema = z.object({
  expected_version: z.number().int().min(1),
  /** The account the feedback is published on (an official account id); optional. */
  account_id: z.string().optional(),
});

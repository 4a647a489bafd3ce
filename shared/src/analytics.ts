import { z } from 'zod';

/** The analytics domain: events, alerts, rules, the debunk knowledge base, notification channels. */

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** What people are talking about: mentions grouped by reply chains, near-duplicate text and shared keywords. */
export interface EventSummary {
  id: string;
  title: string;
  /** platform:id of the mention the title comes from. */
  representative: string;
  keywords: string[];
  first_seen: number;
  last_seen: number;
  size: number;
  /** Mentions in the last 5 minutes and the expected number, for "rising". */
  recent: number;
  expected: number;
  platforms: Record<string, number>;
  provinces: Record<string, number>;
  cities: Record<string, number>;
  sentiment: { positive: number; negative: number; neutral: number };
  rumor_score: number;
  /** Known rumor: the knowledge-base claim it matched. */
  kb_match?: KbMatch;
  merged_into?: string;
}

/** An earlier event about the same thing (GET /api/v1/events/:id/similar). */
export interface SimilarEvent extends EventSummary {
  /** The keywords it shares with the event, in the event's order. */
  shared_keywords: string[];
  /** Keyword overlap (Jaccard), 0..1. */
  similarity: number;
}

export interface SimilarEventsResponse {
  events: SimilarEvent[];
}

export interface RumorSignalContribution {
  signal: string;
  value: number;
  contribution: number;
}

export interface KbMatch {
  claim_id: string;
  claim: string;
  similarity: number;
  rebuttal: string;
  source: string;
  date: string;
  url?: string;
}

export interface SeriesPoint {
  t: number;
  value: number;
}

export interface EventDetail extends EventSummary {
  series: { t: number; platform: string; count: number }[];
  rumor_signals: RumorSignalContribution[];
  samples: {
    platform: string;
    id: string;
    kind: string;
    time: number;
    text: string;
    url: string;
    author_name: string;
    author_official: boolean;
    sentiment_label: string;
  }[];
}

export const ALERT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** Why an alert fired, with the numbers that made it fire. */
export interface AlertReason {
  /** rising | first_story | rule:<id> */
  kind: string;
  detail: string;
  series: string;
  observed: number;
  expected: number;
  statistic: string;
  value: number;
  threshold: number;
  severity: Severity;
  at: number;
}

export interface Alert {
  id: string;
  event_id: string;
  title: string;
  severity: Severity;
  status: AlertStatus;
  opened_at: number;
  updated_at: number;
  acknowledged_at?: number;
  acknowledged_by?: string;
  resolved_at?: number;
  reasons: AlertReason[];
  first_mentions: { platform: string; id: string; time: number; text: string }[];
  samples: { platform: string; id: string; time: number; text: string }[];
  rumor_score: number;
  kb_match?: KbMatch;
  /** Other events that are sides of the same story (they share its new words). */
  related_events?: string[];
  /** Set on deadline notices of an incident's clock (warning or breach), which are not stored as alerts. */
  incident_id?: string;
}

export interface AlertStreamMessage {
  type: 'alert' | 'ack' | 'resolved' | 'hello';
  alert?: Alert;
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const alertRuleInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('keyword'),
    name: text(200),
    /** Any of these phrases in a mention's text (or title) matches. */
    phrases: z.array(text(100)).min(1).max(500),
    /** Matching mentions within the window that make the rule fire. */
    min_count: z.number().int().min(1).default(1),
    window_minutes: z.number().int().min(1).max(1440).default(10),
    severity: z.enum(SEVERITIES).default('medium'),
    enabled: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('volume'),
    name: text(200),
    /** An event with at least this many mentions within the window. */
    min_count: z.number().int().min(1),
    window_minutes: z.number().int().min(1).max(1440).default(10),
    severity: z.enum(SEVERITIES).default('medium'),
    enabled: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('negative_share'),
    name: text(200),
    /** Share of negative mentions in an event, 0..1, once it has min_count mentions. */
    min_share: z.number().min(0).max(1),
    min_count: z.number().int().min(1).default(20),
    severity: z.enum(SEVERITIES).default('medium'),
    enabled: z.boolean().default(true),
  }),
  z.object({
    kind: z.literal('rumor_score'),
    name: text(200),
    /** An event whose rumor score reaches this (0..1), once it has min_count mentions. */
    min_score: z.number().min(0).max(1),
    min_count: z.number().int().min(1).default(10),
    severity: z.enum(SEVERITIES).default('high'),
    enabled: z.boolean().default(true),
  }),
]);

export type AlertRuleInput = z.input<typeof alertRuleInputSchema>;
export type AlertRule = z.output<typeof alertRuleInputSchema> & { id: string; updated_at: number };

export const debunkClaimInputSchema = z.object({
  /** The rumor as people spread it. */
  claim: text(2000),
  /** The official rebuttal. */
  rebuttal: text(5000),
  source: text(200),
  /** Date of the rebuttal, YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  url: z.url().optional(),
  /** Extra words that identify the claim (added to those taken from its text). */
  keywords: z.array(text(50)).max(50).default([]),
});

export type DebunkClaimInput = z.input<typeof debunkClaimInputSchema>;
export type DebunkClaim = z.output<typeof debunkClaimInputSchema> & { id: string; updated_at: number };

export const CHANNEL_KINDS = ['webhook', 'wecom', 'dingtalk', 'feishu', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const notificationChannelInputSchema = z.object({
  kind: z.enum(CHANNEL_KINDS),
  name: text(200),
  /** Webhook URL (webhook, wecom, dingtalk, feishu). */
  url: z.url().optional(),
  /** Signing secret of a DingTalk or Feishu robot (optional; sent as their sign parameters). */
  secret: z.string().trim().min(1).max(200).optional(),
  /** Recipients (email). */
  to: z.array(z.email()).max(50).default([]),
  /** Alerts at or above this severity are sent. */
  min_severity: z.enum(SEVERITIES).default('medium'),
  enabled: z.boolean().default(true),
}).refine((c) => (c.kind === 'email' ? c.to.length > 0 : Boolean(c.url)), { message: 'webhook channels need a url, email channels need recipients in "to"' });

export type NotificationChannelInput = z.input<typeof notificationChannelInputSchema>;
export type NotificationChannel = z.output<typeof notificationChannelInputSchema> & { id: string; updated_at: number };

export interface AlertDelivery {
  id: string;
  alert_id: string;
  channel_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string;
  updated_at: number;
}

export interface TrendingKeyword {
  keyword: string;
  recent: number;
  previous: number;
  growth: number;
}

/** HTTP API contract shared by the server and its clients. */
import type { EventSummary } from './analytics';
import type { Incident } from './workflow';
import type { AdherenceRow } from './playbook';

export interface IngestRejection {
  index: number;
  id?: string;
  error: string;
  /** Where the record is kept (rejected_mentions.reject_id): the same bad record sent again is kept once, under this id. */
  reject_id: string;
}

export interface IngestResponse {
  accepted: number;
  rejected: IngestRejection[];
  /** Accepted records that were already stored (embedded mode, where 202 waits for storage). */
  duplicates?: number;
}

export interface StatsResponse {
  mentions: number;
  rejected: number;
  /** p95 of received → stored over the last minute, ms. */
  lag_ms: number;
}

export interface HealthResponse {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, { ok: boolean; detail?: string }>;
}

export interface ApiError {
  error: string;
}

export interface EventsResponse {
  from: number;
  to: number;
  events: EventSummary[];
}

export interface AlertsResponse {
  alerts: import('./analytics').Alert[];
}

export interface AlertDetailResponse {
  alert: import('./analytics').Alert;
  history: { at: number; action: string; severity: string; actor: string; detail: string }[];
  deliveries: import('./analytics').AlertDelivery[];
}

export interface TrendingKeywordsResponse {
  to: number | null;
  window_minutes: number;
  baseline_minutes: number;
  keywords: import('./analytics').TrendingKeyword[];
}

export interface SeriesResponse {
  dimension: 'platform' | 'region' | 'sentiment';
  from: number;
  to: number;
  step_minutes: number;
  points: { t: number; key: string; count: number }[];
}

export interface ImportResponse {
  imported: number;
  /** Rows that were not imported, with why (line numbers for CSV, indexes for JSON). */
  errors: { line?: number; index?: number; message: string }[];
}

/** Everything the wall display shows, computed on the server and pushed over `GET /api/v1/live`. */
export interface WallSnapshot {
  /** Server wall clock when computed. */
  at: number;
  /** "Now" of the data: the wall clock, or the end of a replayed stream. */
  data_now: number;
  pipeline: {
    mentions: number;
    rejected: number;
    stored_last_minute: number;
    lag_ms: number | null;
    last_stored_at: number | null;
  };
  /** Events rising now, each with mentions per minute over the last hour (oldest first). */
  rising: (EventSummary & { spark: number[] })[];
  /** Events most likely to be rumors (score ≥ 0.5 or a knowledge-base match), with any matched rebuttal. */
  rumors: EventSummary[];
  /** Incidents not closed, visible to the viewer, with their clocks. */
  incidents: Incident[];
  response: {
    from: number;
    to: number;
    /** Detection (clock start) → first release, per incident with a release, ms. */
    first_release_ms: number[];
    on_time_rate: number | null;
    units: { unit_id: string; unit_name?: string; incidents: number; on_time_rate: number | null; first_release_median_ms: number | null }[];
  };
  /** Mentions and negative mentions per province over the last 24 h of data. */
  provinces: { province: string; mentions: number; negative: number }[];
}


/**
 * The leaders' daily brief (`GET /api/v1/brief?date=YYYY-MM-DD`): one local
 * calendar day [00:00, 24:00) in the configured time zone. Every number is
 * computed from the stored data; nothing is estimated.
 */
export interface DailyBrief {
  /** YYYY-MM-DD, local. */
  date: string;
  timezone: string;
  /** The day as epoch ms: [from, to). */
  from: number;
  to: number;
  /** When this brief was computed; deadline states are as of then. */
  generated_at: number;
  /** False while the day is still running (figures cover the day so far, up to `as_of`). */
  complete: boolean;
  as_of: number;
  totals: {
    mentions: number;
    negative: number;
    positive: number;
    neutral: number;
    /** negative / mentions; null on a day without mentions. */
    negative_share: number | null;
    /** Mentions per local hour 0–23 of the day. */
    hourly: { hour: number; mentions: number; negative: number }[];
  };
  /** Events with the most mentions that day, with that day's mentions and their sentiment. */
  top_events: {
    id: string;
    title: string;
    keywords: string[];
    mentions: number;
    sentiment: { positive: number; negative: number; neutral: number };
    negative_share: number | null;
    first_seen: number;
    /** Mentions over the event's whole life. */
    size: number;
    rumor_score: number;
    provinces: string[];
  }[];
  /** Events active that day with rumor score ≥ 0.5 or a knowledge-base match, and whether each has been rebutted. */
  rumors: {
    event_id: string;
    title: string;
    mentions: number;
    rumor_score: number;
    first_seen: number;
    rebutted: boolean;
    /** A knowledge-base rebuttal (who, when) or an incident's rebuttal action. */
    rebuttal?: { kind: 'kb'; source: string; date: string; url?: string; claim: string } | { kind: 'incident'; incident_id: string; at: number; link?: string };
  }[];
  incidents: {
    opened: BriefIncident[];
    closed: BriefIncident[];
  };
  /** Incidents whose clock started that day, per unit (the actor's units). */
  response: {
    units: { unit_id: string; unit_name?: string; incidents: number; released: number; first_release_median_ms: number | null; on_time_rate: number | null; decided: number; on_time: number }[];
  };
  /** Playbook steps that fell due that day (and by the brief's time), per unit: done in time, late, skipped, still overdue. Absent in briefs archived before playbooks. */
  playbook_adherence?: AdherenceRow[];
  watch: {
    /** Events still rising at the end of the day: mentions in its last hour against the hour expected from the six before. */
    rising: { event_id: string; title: string; recent: number; expected: number; ratio: number }[];
    unrebutted_rumors: { event_id: string; title: string; rumor_score: number }[];
    /** Incidents not closed at the end of the day, with their next deadline. */
    open_incidents: { id: string; title: string; unit_id: string; unit_name?: string; status: string; next?: { label: string; due_at: number } }[];
  };
}

export interface BriefIncident {
  id: string;
  title: string;
  severity: import('./workflow').IncidentSeverity;
  unit_id: string;
  unit_name?: string;
  status: import('./workflow').IncidentStatus;
  opened_at: number;
  closed_at?: number;
  deadlines: { key: string; label: string; due_at: number; state: 'met' | 'met_late' | 'breached' | 'pending'; met_at?: number }[];
}

/** Stored daily briefs (`GET /api/v1/briefs`). */
export interface StoredBriefsResponse {
  briefs: { date: string; bytes: number; generated_at: number; path: string }[];
}

/** HTTP API contract shared by the server and its clients. */
import type { EventSummary } from './analytics';
import type { Incident } from './workflow';

export interface IngestRejection {
  index: number;
  id?: string;
  error: string;
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


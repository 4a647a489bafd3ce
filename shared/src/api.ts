/** HTTP API contract shared by the server and its clients. */

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
  events: import('./analytics').EventSummary[];
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

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

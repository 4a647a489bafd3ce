import type { DailyBrief } from '@fenghuo/shared/api';
import { ApiError, qs } from '../api';

export interface LoadedBrief {
  brief: DailyBrief;
  /** Answered by the service worker from its copy (no network). */
  offline: boolean;
  /** When that copy was fetched (the service worker stamps what it keeps). */
  fetchedAt?: number;
}

/**
 * The brief of a local day, read with its headers: the service worker marks
 * an answer from its copy (`X-Fenghuo-Offline`) and the time the copy was
 * fetched (`X-Fenghuo-Fetched-At`), which the screen shows as "offline copy
 * from …". Not the shared API client, which keeps only the body.
 */
export async function loadBrief(date: string): Promise<LoadedBrief> {
  const res = await fetch(`/api/v1/brief${qs({ date })}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new ApiError(res.status, typeof body.error === 'string' ? body.error : `${res.status} ${res.statusText}`, body);
  const fetchedAt = Number(res.headers.get('X-Fenghuo-Fetched-At'));
  return { brief: body as unknown as DailyBrief, offline: res.headers.get('X-Fenghuo-Offline') === '1', ...(fetchedAt > 0 ? { fetchedAt } : {}) };
}

/** Today and yesterday as local calendar dates ("2026-11-27"), from today's date string. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

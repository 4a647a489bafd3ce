import type { EventSummary } from '@fenghuo/shared/analytics';
import { fromZoneInput } from '../format';

/**
 * The events explorer's filters as they live in the URL (so a filtered list
 * is a link one can send), and as the API query they become.
 */
export const RANGES = ['1h', '6h', '24h', '7d', 'custom'] as const;
export type RangePreset = (typeof RANGES)[number];
export const SORTS = ['rising', 'volume', 'rumor', 'recent'] as const;
export type Sort = (typeof SORTS)[number];
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;

export interface EventFilters {
  range: RangePreset;
  /** Custom range, as the datetime-local inputs give it ("2026-11-27T14:05", in the configured zone). */
  from: string;
  to: string;
  platform: string;
  province: string;
  sentiment: string;
  /** "0.5", or empty. */
  minRumor: string;
  keyword: string;
  sort: Sort;
}

export const DEFAULT_FILTERS: EventFilters = { range: '24h', from: '', to: '', platform: '', province: '', sentiment: '', minRumor: '', keyword: '', sort: 'rising' };

const HOURS: Record<Exclude<RangePreset, 'custom'>, number> = { '1h': 1, '6h': 6, '24h': 24, '7d': 168 };

const oneOf = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : fallback);

export function filtersFromQuery(q: URLSearchParams): EventFilters {
  return {
    range: oneOf(RANGES, q.get('range'), q.get('from') ? 'custom' : '24h'),
    from: q.get('from') ?? '',
    to: q.get('to') ?? '',
    platform: q.get('platform') ?? '',
    province: q.get('province') ?? '',
    sentiment: oneOf(['', ...SENTIMENTS], q.get('sentiment'), ''),
    minRumor: q.get('min_rumor') ?? '',
    keyword: q.get('keyword') ?? '',
    sort: oneOf(SORTS, q.get('sort'), 'rising'),
  };
}

/** The page's own query string: only what differs from the defaults. */
export function filtersToQuery(f: EventFilters): string {
  const u = new URLSearchParams();
  if (f.range !== DEFAULT_FILTERS.range) u.set('range', f.range);
  if (f.range === 'custom') {
    if (f.from) u.set('from', f.from);
    if (f.to) u.set('to', f.to);
  }
  if (f.platform) u.set('platform', f.platform);
  if (f.province.trim()) u.set('province', f.province.trim());
  if (f.sentiment) u.set('sentiment', f.sentiment);
  if (f.minRumor) u.set('min_rumor', f.minRumor);
  if (f.keyword.trim()) u.set('keyword', f.keyword.trim());
  if (f.sort !== DEFAULT_FILTERS.sort) u.set('sort', f.sort);
  const s = u.toString();
  return s ? `?${s}` : '';
}

/**
 * Parameters of GET /api/v1/events. Presets ask the server for the last N
 * hours of *its* now (the end of a replay, when the data is old); a custom
 * range is local time turned into epoch ms.
 */
export function filtersToApi(f: EventFilters, limit = 100): Record<string, string | number | undefined> {
  const local = (s: string) => (s ? fromZoneInput(s) : undefined);
  const time = f.range === 'custom' ? { from: local(f.from), to: local(f.to) } : { hours: HOURS[f.range] };
  return {
    ...time,
    sort: f.sort,
    limit,
    platform: f.platform || undefined,
    province: f.province.trim() || undefined,
    sentiment: f.sentiment || undefined,
    min_rumor: f.minRumor || undefined,
    keyword: f.keyword.trim() || undefined,
  };
}

/** How much faster than expected an event runs now (recent over expected, +1 each so a quiet baseline does not divide by zero). */
export function risingRatio(e: Pick<EventSummary, 'recent' | 'expected'>): number {
  return (e.recent + 1) / (e.expected + 1);
}

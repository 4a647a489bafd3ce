import { TABLES, toNumber, type EventSummary, type KbMatch, type Store } from '@fenghuo/shared';

export type EventSort = 'rising' | 'volume' | 'rumor' | 'recent';

export interface EventsFilter {
  /** Events active (last seen) at or after this time, ms. */
  from: number;
  /** …and begun at or before this time, ms. */
  to: number;
  sort: EventSort;
  limit: number;
  /** Seen on this platform. */
  platform?: string;
  /** Seen in this province: a stored name ("湖北省") or its start ("湖北"). */
  province?: string;
  /** The label with the most mentions (ties count for every tied label). */
  sentiment?: 'positive' | 'negative' | 'neutral';
  /** Rumor score at least this (0..1). */
  minRumor?: number;
  /** In the event's keywords (a keyword containing it) or its title. */
  keyword?: string;
}

type FilterName = 'platform' | 'province' | 'minRumor' | 'keyword';

/**
 * Each optional filter as a fixed SQL condition over its parameter: the
 * conditions are chosen, never built from values, and values travel as
 * {name:Type} parameters.
 */
const FILTERS: Record<FilterName, string> = {
  platform: `platforms[{platform:String}] > 0`,
  province: `arrayExists(p -> startsWith(p, {province:String}), mapKeys(provinces))`,
  minRumor: `rumor_score >= {minRumor:Float64}`,
  keyword: `(arrayExists(k -> positionCaseInsensitiveUTF8(k, {keyword:String}) > 0, keywords)
    OR positionCaseInsensitiveUTF8(title, {keyword:String}) > 0)`,
};

/** "Mostly negative" and its siblings: the label with the most mentions (a tie counts for each tied label). */
const DOMINANT: Record<NonNullable<EventsFilter['sentiment']>, string> = {
  negative: 'negative > 0 AND negative >= greatest(positive, neutral)',
  positive: 'positive > 0 AND positive >= greatest(negative, neutral)',
  neutral: 'neutral > 0 AND neutral >= greatest(positive, negative)',
};

export interface EventRow {
  event_id: string;
  title: string;
  representative: string;
  keywords: string[];
  first: string | number;
  last: string | number;
  size: string | number;
  recent: string | number;
  expected: number;
  platforms: Record<string, string | number>;
  provinces: Record<string, string | number>;
  cities: Record<string, string | number>;
  positive: string | number;
  negative: string | number;
  neutral: string | number;
  rumor_score: number;
  kb_match: string;
  merged_into: string;
}

export const EVENT_COLUMNS_SQL = `event_id, title, representative, keywords,
  toUnixTimestamp64Milli(first_seen) AS first, toUnixTimestamp64Milli(last_seen) AS last,
  size, recent, expected, platforms, provinces, cities, positive, negative, neutral, rumor_score, kb_match, merged_into`;

const ORDER: Record<EventSort, string> = {
  // Observed over expected, damped for small counts: 30 over 1 ranks below 300 over 10.
  rising: '(recent + 1) / (expected + 5) DESC, size DESC',
  volume: 'size DESC',
  rumor: 'rumor_score DESC, size DESC',
  recent: 'last_seen DESC',
};

const counts = (m: Record<string, string | number>) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, toNumber(v)]));

export function toEventSummary(r: EventRow): EventSummary {
  return {
    id: r.event_id,
    title: r.title,
    representative: r.representative,
    keywords: r.keywords,
    first_seen: toNumber(r.first),
    last_seen: toNumber(r.last),
    size: toNumber(r.size),
    recent: toNumber(r.recent),
    expected: Math.round(r.expected * 10) / 10,
    platforms: counts(r.platforms),
    provinces: counts(r.provinces),
    cities: counts(r.cities),
    sentiment: { positive: toNumber(r.positive), negative: toNumber(r.negative), neutral: toNumber(r.neutral) },
    rumor_score: Math.round(r.rumor_score * 1000) / 1000,
    ...(r.kb_match ? { kb_match: JSON.parse(r.kb_match) as KbMatch } : {}),
    ...(r.merged_into ? { merged_into: r.merged_into } : {}),
  };
}

/**
 * Events (not merged into another) active in [from, to], ranked. `recent` is
 * counted now from the per-minute aggregate (the last 5 minutes before `to`),
 * so a story that went quiet stops ranking as rising. The optional filters
 * narrow the list in the same query (before the limit).
 */
export async function listEvents(store: Store, f: EventsFilter): Promise<EventSummary[]> {
  const params: Record<string, unknown> = { from: f.from, to: f.to, limit: f.limit };
  const conditions: string[] = [];
  for (const name of Object.keys(FILTERS) as FilterName[]) {
    const value = f[name];
    if (value === undefined || value === '') continue;
    params[name] = value;
    conditions.push(FILTERS[name]);
  }
  if (f.sentiment) conditions.push(DOMINANT[f.sentiment]);
  const rows = await store.query<EventRow>(
    `SELECT ${EVENT_COLUMNS_SQL.replace('recent,', 'coalesce(r.n, 0) AS recent,')}
     FROM ${TABLES.events} AS e FINAL
     LEFT JOIN (
       SELECT event_id, sum(mentions) AS n FROM ${TABLES.eventMinutes}
       WHERE minute >= toStartOfMinute(fromUnixTimestamp64Milli({to:Int64}, 'UTC') - toIntervalMinute(5))
         AND minute <= fromUnixTimestamp64Milli({to:Int64}, 'UTC')
       GROUP BY event_id
     ) AS r USING (event_id)
     WHERE merged_into = ''
       AND last_seen >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
       AND first_seen <= fromUnixTimestamp64Milli({to:Int64}, 'UTC')
       ${conditions.map((c) => `AND ${c}`).join('\n       ')}
     ORDER BY ${ORDER[f.sort]}
     LIMIT {limit:UInt32}`,
    params,
  );
  return rows.map(toEventSummary);
}

/** The latest event time the analytics have stored (the "now" of a replayed stream). */
export async function latestEventTime(store: Store): Promise<number | undefined> {
  const [row] = await store.query<{ t: string | number | null }>(`SELECT toUnixTimestamp64Milli(maxOrNull(last_seen)) AS t FROM ${TABLES.events}`);
  return row?.t === null || row?.t === undefined ? undefined : toNumber(row.t);
}

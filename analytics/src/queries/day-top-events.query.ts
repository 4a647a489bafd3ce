import { TABLES, toNumber, type Store } from '@fenghuo/shared';
import { EVENT_COLUMNS_SQL, toEventSummary, type EventRow } from './events-list.query';
import type { EventSummary } from '@fenghuo/shared';

export interface DayEvent {
  event: EventSummary;
  /** Mentions of the event within [from, to). */
  mentions: number;
}

/**
 * Events (not merged into another) ranked by their mentions within [from, to),
 * from the per-minute aggregate of event members. `minScore` > 0 keeps only
 * events whose rumor score reaches it or that matched a knowledge-base claim
 * (the day's rumors), whatever their volume.
 */
export async function dayTopEvents(store: Store, from: number, to: number, options: { limit: number; minRumorScore?: number }): Promise<DayEvent[]> {
  const rumorsOnly = options.minRumorScore !== undefined;
  const rows = await store.query<EventRow & { day_mentions: string | number }>(
    `SELECT ${EVENT_COLUMNS_SQL}, d.n AS day_mentions
     FROM (
       SELECT event_id, sum(mentions) AS n FROM ${TABLES.eventMinutes}
       WHERE minute >= fromUnixTimestamp64Milli({from:Int64}, 'UTC')
         AND minute < fromUnixTimestamp64Milli({to:Int64}, 'UTC')
       GROUP BY event_id
     ) AS d
     INNER JOIN (SELECT * FROM ${TABLES.events} FINAL) AS e USING (event_id)
     WHERE merged_into = ''
       AND ({rumorsOnly:UInt8} = 0 OR rumor_score >= {minScore:Float64} OR kb_match != '')
     ORDER BY day_mentions DESC, event_id
     LIMIT {limit:UInt32}`,
    { from, to, limit: options.limit, rumorsOnly: rumorsOnly ? 1 : 0, minScore: options.minRumorScore ?? 0 },
  );
  return rows.map((r) => ({ event: toEventSummary(r), mentions: toNumber(r.day_mentions) }));
}

import { TABLES, toNumber, type EventDetail, type RumorSignalContribution, type Store } from '@fenghuo/shared';
import { EVENT_COLUMNS_SQL, toEventSummary, type EventRow } from './events-list.query';

/**
 * One event with its per-minute series by platform (from the aggregate, not
 * the raw mentions), its rumor signals, and its most shared mentions. An id
 * merged into another event resolves to the event it joined.
 */
export async function eventDetail(store: Store, id: string, samples = 10): Promise<EventDetail | undefined> {
  let row: (EventRow & { rumor_signals: string }) | undefined;
  const chain = new Set<string>();
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    [row] = await store.query<EventRow & { rumor_signals: string }>(
      `SELECT ${EVENT_COLUMNS_SQL}, rumor_signals FROM ${TABLES.events} FINAL WHERE event_id = {id:String}`,
      { id: current },
    );
    if (!row) return undefined;
    chain.add(current);
    if (!row.merged_into || chain.has(row.merged_into)) break;
    current = row.merged_into;
  }
  if (!row) return undefined;
  // The series and samples of an event include those of the events merged into it.
  const merged = await store.query<{ event_id: string }>(
    `SELECT event_id FROM ${TABLES.events} FINAL WHERE merged_into = {id:String}`,
    { id: row.event_id },
  );
  const ids = [row.event_id, ...merged.map((m) => m.event_id)];
  const [series, mentions] = await Promise.all([
    store.query<{ t: string | number; platform: string; count: string | number }>(
      `SELECT toUnixTimestamp(minute) * 1000 AS t, platform, sum(mentions) AS count
       FROM ${TABLES.eventMinutes} WHERE event_id IN {ids:Array(String)}
       GROUP BY t, platform ORDER BY t, platform`,
      { ids },
    ),
    store.query<{
      platform: string; id: string; kind: string; t: string | number; text: string; url: string;
      author_name: string; author_official: boolean; sentiment_label: string;
    }>(
      `SELECT platform, id, kind, toUnixTimestamp64Milli(time) AS t, text, url, author_name, author_official, sentiment_label
       FROM ${TABLES.mentions}
       WHERE (platform, id) IN (SELECT platform, id FROM ${TABLES.eventMentions} WHERE event_id IN {ids:Array(String)})
       ORDER BY author_official DESC, coalesce(reposts, 0) + coalesce(comments, 0) DESC, time
       LIMIT {samples:UInt32}`,
      { ids, samples },
    ),
  ]);
  return {
    ...toEventSummary(row),
    series: series.map((s) => ({ t: toNumber(s.t), platform: s.platform, count: toNumber(s.count) })),
    rumor_signals: JSON.parse(row.rumor_signals || '[]') as RumorSignalContribution[],
    samples: mentions.map((m) => ({
      platform: m.platform,
      id: m.id,
      kind: m.kind,
      time: toNumber(m.t),
      text: m.text,
      url: m.url,
      author_name: m.author_name,
      author_official: Boolean(m.author_official),
      sentiment_label: m.sentiment_label,
    })),
  };
}

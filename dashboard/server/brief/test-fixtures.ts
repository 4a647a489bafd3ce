import { TABLES, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '@fenghuo/infra';

/**
 * Seeds stored mentions, events and event members straight into the tables
 * the analytics write (tests of the brief): what the engine would have
 * written, with exact numbers to check.
 */
export interface SeedMention {
  id: string;
  at: number;
  sentiment: 'positive' | 'negative' | 'neutral';
  event?: string;
  platform?: string;
  text?: string;
}

export interface SeedEvent {
  id: string;
  title: string;
  first: number;
  last: number;
  size: number;
  rumor_score?: number;
  kb_match?: { claim_id: string; claim: string; similarity: number; rebuttal: string; source: string; date: string; url?: string };
  provinces?: Record<string, number>;
  keywords?: string[];
}

let version = Date.now() * 1000;

export async function seedMentions(store: Store, mentions: readonly SeedMention[]): Promise<void> {
  await store.insert(
    TABLES.mentions,
    ['platform', 'id', 'kind', 'time_ms', 'text', 'simhash', 'sentiment', 'sentiment_label', 'source'],
    mentions.map((m) => [m.platform ?? 'weibo', m.id, 'post', m.at, m.text ?? `测试 ${m.id}`, 0, m.sentiment === 'negative' ? -0.8 : m.sentiment === 'positive' ? 0.8 : 0, m.sentiment, 'test']),
  );
  const members = mentions.filter((m) => m.event);
  if (members.length) {
    await store.insert(TABLES.eventMentions, ['event_id', 'platform', 'id', 'time'], members.map((m) => [m.event!, m.platform ?? 'weibo', m.id, toDateTime64(m.at)]));
  }
}

export async function seedEvents(store: Store, events: readonly SeedEvent[]): Promise<void> {
  await store.insert(
    TABLES.events,
    ['event_id', 'title', 'representative', 'keywords', 'first_seen', 'last_seen', 'size', 'recent', 'expected', 'platforms', 'provinces', 'cities', 'positive', 'negative', 'neutral', 'rumor_score', 'rumor_signals', 'kb_match', 'merged_into', 'version'],
    events.map((e) => [
      e.id, e.title, '', e.keywords ?? [], toDateTime64(e.first), toDateTime64(e.last), e.size, 0, 0,
      { weibo: e.size }, e.provinces ?? {}, {}, 0, 0, e.size, e.rumor_score ?? 0, '[]', e.kb_match ? JSON.stringify(e.kb_match) : '', '', ++version,
    ]),
  );
}

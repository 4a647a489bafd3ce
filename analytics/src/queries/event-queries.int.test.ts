import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, migrate } from '@fenghuo/infra';
import type { EventSummary, Store } from '@fenghuo/shared';
import { writeEvents } from '../worker/persist';
import { listEvents, type EventsFilter } from './events-list.query';
import { similarEvents } from './similar-events.query';

/** The events explorer's filters and "similar past events", on chdb. */

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-event-queries-'));
let store: Store;

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
const H = 3_600_000;

function event(id: string, patch: Partial<EventSummary>): EventSummary {
  return {
    id, title: `事件 ${id}`, representative: `weibo:${id}`, keywords: [], first_seen: T0, last_seen: T0 + H, size: 10, recent: 0, expected: 1,
    platforms: { weibo: 10 }, provinces: {}, cities: {}, sentiment: { positive: 0, negative: 0, neutral: 10 }, rumor_score: 0.1, ...patch,
  };
}

const EVENTS: EventSummary[] = [
  event('e-water', {
    title: '网传自来水有毒', keywords: ['自来水', '有毒', '荆州'], size: 40, rumor_score: 0.82,
    platforms: { weibo: 30, douyin: 10 }, provinces: { 湖北省: 35 }, sentiment: { positive: 2, negative: 30, neutral: 8 },
    kb_match: { claim_id: 'k1', claim: '自来水有毒', similarity: 0.8, rebuttal: '水质达标', source: '荆州市水务局', date: '2026-11-20' },
  }),
  event('e-plant', {
    title: '化工厂爆炸', keywords: ['化工厂', '爆炸', '荆州'], size: 120, rumor_score: 0.2,
    platforms: { weibo: 100, news: 20 }, provinces: { 湖北省: 100, 湖南省: 5 }, sentiment: { positive: 10, negative: 60, neutral: 50 },
  }),
  event('e-fair', {
    title: '美食节开幕', keywords: ['美食节', '开幕'], size: 25, rumor_score: 0.05,
    platforms: { wechat: 25 }, provinces: { 广东省: 20 }, sentiment: { positive: 20, negative: 1, neutral: 4 },
  }),
  event('e-tie', {
    title: '停水通知', keywords: ['停水', '通知'], size: 8,
    platforms: { gov_board: 8 }, provinces: { 内蒙古自治区: 8 }, sentiment: { positive: 0, negative: 4, neutral: 4 },
  }),
  // Earlier stories about the same water, for "similar past events".
  event('e-water-old', { title: '去年自来水有毒传言', keywords: ['自来水', '有毒', '谣言'], first_seen: T0 - 300 * 24 * H, last_seen: T0 - 299 * 24 * H }),
  event('e-water-older', { title: '荆州自来水发黄', keywords: ['自来水', '发黄', '荆州', '有毒'], first_seen: T0 - 400 * 24 * H, last_seen: T0 - 399 * 24 * H }),
  event('e-one-word', { title: '荆州天气', keywords: ['荆州', '天气'], first_seen: T0 - 10 * H, last_seen: T0 - 9 * H }),
  // Later than the water story: not "past".
  event('e-water-later', { title: '自来水有毒后续', keywords: ['自来水', '有毒'], first_seen: T0 + 30 * 60_000, last_seen: T0 + H }),
  // Merged into another event: never listed.
  event('e-merged', { title: '自来水有毒（并入）', keywords: ['自来水', '有毒'], first_seen: T0 - 20 * H, last_seen: T0 - 19 * H, merged_into: 'e-water' }),
];

beforeAll(async () => {
  store = await createStore({ user: 'default', password: '', database: 'fenghuo', chdbPath: path.join(dir, 'clickhouse') }, { holder: 'event queries test' });
  await migrate(store);
  await writeEvents(store, EVENTS, () => []);
});

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('listEvents filters', () => {
  const base: EventsFilter = { from: T0, to: T0 + 2 * H, sort: 'volume', limit: 50 };

  it('without filters lists the events active in the range, merged ones left out', async () => {
    expect((await listEvents(store, base)).map((e) => e.id)).toEqual(['e-plant', 'e-water', 'e-fair', 'e-water-later', 'e-tie']);
  });

  it.each<[string, Partial<EventsFilter>, string[]]>([
    ['platform', { platform: 'douyin' }, ['e-water']],
    ['platform with no events', { platform: 'toutiao' }, []],
    ['province by full name', { province: '湖南省' }, ['e-plant']],
    ['province by its short form', { province: '湖北' }, ['e-plant', 'e-water']],
    ['province by the short form of an autonomous region', { province: '内蒙古' }, ['e-tie']],
    ['dominant sentiment negative (a tie counts)', { sentiment: 'negative' }, ['e-plant', 'e-water', 'e-tie']],
    ['dominant sentiment positive', { sentiment: 'positive' }, ['e-fair']],
    ['dominant sentiment neutral (a tie counts)', { sentiment: 'neutral' }, ['e-water-later', 'e-tie']],
    ['minimum rumor score', { minRumor: 0.5 }, ['e-water']],
    ['minimum rumor score at the boundary', { minRumor: 0.2 }, ['e-plant', 'e-water']],
    ['keyword in the keywords', { keyword: '爆炸' }, ['e-plant']],
    ['keyword as part of a keyword', { keyword: '水' }, ['e-water', 'e-water-later', 'e-tie']],
    ['keyword in the title only', { keyword: '开幕' }, ['e-fair']],
    ['keyword in the title, any case', { keyword: '网传' }, ['e-water']],
    ['filters together', { province: '湖北', sentiment: 'negative', minRumor: 0.5, keyword: '荆州' }, ['e-water']],
    ['values are parameters, not SQL', { keyword: "' OR 1=1 --" }, []],
    ['a province that is SQL', { province: "湖北') OR 1=1 --" }, []],
  ])('%s', async (_name, filter, ids) => {
    expect((await listEvents(store, { ...base, ...filter })).map((e) => e.id)).toEqual(ids);
  });

  it('keeps the time range and the sort with the filters', async () => {
    expect((await listEvents(store, { ...base, sort: 'rumor', keyword: '荆州' })).map((e) => e.id)).toEqual(['e-water', 'e-plant']);
    expect((await listEvents(store, { ...base, from: T0 - 12 * H, to: T0 - 8 * H, keyword: '荆州' })).map((e) => e.id)).toEqual(['e-one-word']);
    expect((await listEvents(store, { ...base, keyword: '荆州', limit: 1 })).map((e) => e.id)).toEqual(['e-plant']);
  });
});

describe('similarEvents', () => {
  it('finds earlier events sharing at least two keywords, most shared first, with what they share', async () => {
    const similar = await similarEvents(store, 'e-water');
    expect(similar!.map((e) => [e.id, e.shared_keywords, e.similarity])).toEqual([
      ['e-water-older', ['自来水', '有毒', '荆州'], 0.75],
      ['e-water-old', ['自来水', '有毒'], 0.5],
    ]);
    expect(similar![0]).toMatchObject({ title: '荆州自来水发黄', first_seen: T0 - 400 * 24 * H });
  });

  it('leaves out later, merged and one-word matches; honours the limit and the minimum', async () => {
    expect((await similarEvents(store, 'e-water', { limit: 1 }))!.map((e) => e.id)).toEqual(['e-water-older']);
    expect((await similarEvents(store, 'e-water', { minShared: 1 }))!.map((e) => e.id)).toEqual(['e-water-older', 'e-water-old', 'e-one-word']);
    expect((await similarEvents(store, 'e-fair'))!).toEqual([]);
  });

  it('is undefined for an unknown event', async () => {
    expect(await similarEvents(store, 'nope')).toBeUndefined();
  });
});

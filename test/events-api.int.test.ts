import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSummary, EventsResponse, SimilarEventsResponse } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { writeEvents } from '../analytics/src/worker/persist';
import { signInAdmin, userWithRoles, type ApiClient } from './support/api-client';
import { startTestRuntime } from './support/runtime';

/**
 * The events explorer's API over HTTP: GET /api/v1/events with its filters
 * (query parameters validated, 400 on nonsense) and GET
 * /api/v1/events/:id/similar, for any signed-in role.
 */

const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
const H = 3_600_000;

function event(id: string, patch: Partial<EventSummary>): EventSummary {
  return {
    id, title: `事件 ${id}`, representative: `weibo:${id}`, keywords: [], first_seen: T0, last_seen: T0 + H, size: 10, recent: 0, expected: 1,
    platforms: { weibo: 10 }, provinces: {}, cities: {}, sentiment: { positive: 0, negative: 0, neutral: 10 }, rumor_score: 0.1, ...patch,
  };
}

let runtime: Runtime;
let viewer: ApiClient;

beforeAll(async () => {
  runtime = await startTestRuntime();
  const admin = await signInAdmin(runtime.url!);
  viewer = await userWithRoles(runtime.url!, admin, 'viewer1', ['viewer']);
  await writeEvents(runtime.store, [
    event('water', { title: '网传自来水有毒', keywords: ['自来水', '有毒', '荆州'], size: 40, rumor_score: 0.8, platforms: { weibo: 30, douyin: 10 }, provinces: { 湖北省: 40 }, sentiment: { positive: 0, negative: 30, neutral: 10 } }),
    event('plant', { title: '化工厂爆炸', keywords: ['化工厂', '爆炸', '荆州'], size: 100, rumor_score: 0.2, platforms: { news: 100 }, provinces: { 湖北省: 90 }, sentiment: { positive: 5, negative: 40, neutral: 55 } }),
    event('water-old', { title: '自来水有毒传言', keywords: ['自来水', '有毒'], first_seen: T0 - 90 * 24 * H, last_seen: T0 - 89 * 24 * H }),
  ], () => []);
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

const range = `from=${T0 - H}&to=${T0 + 2 * H}`;

describe('GET /api/v1/events filters', () => {
  it.each<[string, string[]]>([
    ['', ['plant', 'water']],
    ['&platform=douyin', ['water']],
    ['&province=' + encodeURIComponent('湖北'), ['plant', 'water']],
    ['&sentiment=negative', ['water']],
    ['&sentiment=neutral', ['plant']],
    ['&min_rumor=0.5', ['water']],
    ['&keyword=' + encodeURIComponent('爆炸'), ['plant']],
    ['&keyword=' + encodeURIComponent('网传'), ['water']],
    ['&keyword=' + encodeURIComponent('荆州') + '&sort=rumor', ['water', 'plant']],
  ])('?%s', async (query, ids) => {
    const r = await viewer.get(`/api/v1/events?${range}${query}`);
    expect(r.status).toBe(200);
    expect((r.body as EventsResponse).events.map((e) => e.id)).toEqual(ids);
  });

  it('without from, takes the last `hours` before to', async () => {
    const ids = async (q: string) => ((await viewer.get(`/api/v1/events?to=${T0 - 88 * 24 * H}&${q}`)).body as EventsResponse).events.map((e) => e.id);
    expect(await ids('hours=1')).toEqual([]);
    expect(await ids('hours=48')).toEqual(['water-old']);
  });

  it.each([
    ['hours=0', 'hours'],
    ['platform=myspace', 'platform'],
    ['sentiment=angry', 'sentiment'],
    ['min_rumor=2', 'min_rumor'],
    ['min_rumor=abc', 'min_rumor'],
    [`keyword=${'x'.repeat(101)}`, 'keyword'],
  ])('answers 400 for %s', async (query, field) => {
    const r = await viewer.get(`/api/v1/events?${query}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toContain(field);
  });
});

describe('GET /api/v1/events/:id/similar', () => {
  it('lists earlier events sharing keywords, for any signed-in role', async () => {
    const r = await viewer.get('/api/v1/events/water/similar');
    expect(r.status).toBe(200);
    expect((r.body as SimilarEventsResponse).events).toMatchObject([{ id: 'water-old', shared_keywords: ['自来水', '有毒'], similarity: 0.667 }]);
  });

  it('answers 404 for an unknown event and 401 without a session', async () => {
    expect((await viewer.get('/api/v1/events/nope/similar')).status).toBe(404);
    expect((await fetch(`${runtime.url}/api/v1/events/water/similar`)).status).toBe(401);
  });
});

describe('validation errors name their fields', () => {
  it('a rejected rule answers 400 with each issue by its path, for the form to show next to the field', async () => {
    const analyst = await userWithRoles(runtime.url!, await signInAdmin(runtime.url!), 'analyst1', ['analyst']);
    const r = await analyst.post('/api/v1/rules', { kind: 'keyword', name: ' ', phrases: [] });
    expect(r.status).toBe(400);
    expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'phrases']);
  });
});

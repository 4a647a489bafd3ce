import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, migrate } from '@fenghuo/infra';
import type { Store, Unit } from '@fenghuo/shared';
import { createWorkflow, SYSTEM_ACTOR, type Actor, type Workflow } from '@fenghuo/analytics';
import { buildDailyBrief } from './daily-brief';
import { seedEvents, seedMentions, type SeedMention } from './test-fixtures';
import { localDay } from './local-day';

const TZ = 'Asia/Shanghai';
const DATE = '2026-11-26';
const { from: DAY, to: END } = localDay(DATE, TZ);
const H = 3_600_000;
const at = (hour: number, minute = 0) => DAY + hour * H + minute * 60_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-brief-'));
let store: Store;
let wf: Workflow;
let now = at(8);
const units: Record<string, Unit> = {};
let cityActor: Actor;
const ids: Record<string, string> = {};

/** n mentions of one event at a local time, with the given sentiment labels in turn. */
function burst(prefix: string, event: string | undefined, start: number, labels: SeedMention['sentiment'][], n = labels.length): SeedMention[] {
  return Array.from({ length: n }, (_, i) => ({ id: `${prefix}-${i}`, at: start + i * 60_000, sentiment: labels[i % labels.length]!, ...(event ? { event } : {}) }));
}

beforeAll(async () => {
  store = await createStore({ user: 'default', password: '', database: 'fenghuo', chdbPath: path.join(dir, 'clickhouse') }, { holder: 'brief test' });
  await migrate(store);
  wf = createWorkflow(store, { now: () => now, timezone: TZ });
  units.city = await wf.directory.createUnit(SYSTEM_ACTOR, { name: '荆州市委宣传部', kind: 'city' });
  units.other = await wf.directory.createUnit(SYSTEM_ACTOR, { name: '宜昌市委宣传部', kind: 'city' });
  const u = await wf.directory.createUser(SYSTEM_ACTOR, { username: 'resp', display_name: 'resp', unit_id: units.city.id, roles: ['responder', 'viewer'], password: 'Strong-Pass-2026!' });
  cityActor = (await wf.directory.actorFor(u.id))!;

  await seedMentions(store, [
    // The day: 12 of the explosion (8 negative), 4 of a rumor, 2 of a known rumor, 3 of an unrebutted one, 6 late in the evening, 3 unclustered.
    ...burst('a', 'ev-explosion', at(10), ['negative', 'negative', 'neutral'], 12),
    ...burst('b', 'ev-rumor', at(11), ['negative', 'neutral'], 4),
    ...burst('c', 'ev-known', at(12), ['neutral'], 2),
    ...burst('d', 'ev-open-rumor', at(13), ['negative'], 3),
    ...burst('e', 'ev-evening', at(23, 10), ['positive', 'neutral'], 6),
    ...burst('f', undefined, at(15), ['positive'], 3),
    // Outside the day: the evening before and the morning after.
    ...burst('x', 'ev-explosion', at(-1), ['negative'], 5),
    ...burst('y', 'ev-explosion', at(24, 30), ['negative'], 4),
  ]);
  await seedEvents(store, [
    { id: 'ev-explosion', title: '沙市化工厂爆炸', first: at(-1), last: at(24, 33), size: 21, provinces: { 湖北: 20, 湖南: 1 }, keywords: ['爆炸', '化工厂'] },
    { id: 'ev-rumor', title: '自来水被投毒', first: at(11), last: at(11, 3), size: 4, rumor_score: 0.72 },
    { id: 'ev-known', title: '长江大桥封闭', first: at(12), last: at(12, 1), size: 2, rumor_score: 0.2, kb_match: { claim_id: 'k1', claim: '长江大桥封闭', similarity: 0.9, rebuttal: '大桥正常通行', source: '荆州市交通运输局', date: '2026-11-20', url: 'https://example.gov.cn/r/1' } },
    { id: 'ev-open-rumor', title: '学校停课三天', first: at(13), last: at(13, 2), size: 3, rumor_score: 0.55 },
    { id: 'ev-evening', title: '晚间灯光秀', first: at(23, 10), last: at(23, 15), size: 6, rumor_score: 0.1 },
  ]);

  // Incidents: one opened at 09:00 with a statement at 10:00 and closed at 20:00; one on the rumor with a rebuttal; one opened the day before and closed today; one of another unit.
  now = at(-5);
  const before = await wf.incidents.open(SYSTEM_ACTOR, { title: '前一日事件', severity: 'general', unit_id: units.city.id });
  ids.before = before.id;
  now = at(9);
  const first = await wf.incidents.open(SYSTEM_ACTOR, { title: '化工厂爆炸处置', severity: 'general', unit_id: units.city.id, event_ids: ['ev-explosion'] });
  ids.first = first.id;
  now = at(10);
  await wf.incidents.addAction(SYSTEM_ACTOR, first.id, { kind: 'statement', at: at(10) });
  now = at(11, 30);
  const rumor = await wf.incidents.open(SYSTEM_ACTOR, { title: '投毒谣言', severity: 'public_opinion', unit_id: units.city.id, event_ids: ['ev-rumor'] });
  ids.rumor = rumor.id;
  now = at(12);
  await wf.incidents.addAction(SYSTEM_ACTOR, rumor.id, { kind: 'rebuttal', at: at(12), link: 'https://example.gov.cn/r/2' });
  now = at(14);
  const other = await wf.incidents.open(SYSTEM_ACTOR, { title: '宜昌事件', severity: 'general', unit_id: units.other.id });
  ids.other = other.id;
  now = at(20);
  const f = await wf.incidents.get(SYSTEM_ACTOR, first.id);
  await wf.incidents.patch(SYSTEM_ACTOR, first.id, f.version, { status: 'closed' });
  const b = await wf.incidents.get(SYSTEM_ACTOR, before.id);
  await wf.incidents.patch(SYSTEM_ACTOR, before.id, b.version, { status: 'closed' });
  now = at(24 + 8);
});

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the daily brief of a local day', () => {
  it('totals and the hourly volume come from the per-minute aggregate, only within the local day', async () => {
    const brief = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, DATE);
    expect(brief).toMatchObject({ date: DATE, from: Date.UTC(2026, 10, 25, 16), to: Date.UTC(2026, 10, 26, 16), complete: true });
    // 12 + 4 + 2 + 3 + 6 + 3 = 30 that day; negative: 8 + 2 + 3 = 13; positive: 3 + 3 = 6.
    expect(brief.totals).toMatchObject({ mentions: 30, negative: 13, positive: 6, neutral: 11 });
    expect(brief.totals.negative_share).toBeCloseTo(13 / 30, 6);
    expect(brief.totals.hourly).toHaveLength(24);
    expect(brief.totals.hourly[10]).toEqual({ hour: 10, mentions: 12, negative: 8 });
    expect(brief.totals.hourly[23]).toEqual({ hour: 23, mentions: 6, negative: 0 });
    expect(brief.totals.hourly.reduce((n, h) => n + h.mentions, 0)).toBe(30);
  });

  it('top events carry that day’s mentions and sentiment, not their lifetime counts', async () => {
    const brief = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, DATE);
    expect(brief.top_events.map((e) => [e.id, e.mentions])).toEqual([['ev-explosion', 12], ['ev-evening', 6], ['ev-rumor', 4], ['ev-open-rumor', 3], ['ev-known', 2]]);
    const top = brief.top_events[0]!;
    expect(top).toMatchObject({ title: '沙市化工厂爆炸', size: 21, sentiment: { negative: 8, neutral: 4, positive: 0 }, provinces: ['湖北', '湖南'] });
    expect(top.negative_share).toBeCloseTo(8 / 12, 6);
  });

  it('rumors: score ≥ 0.5 or a KB match; rebutted by the KB (source, date) or by an incident’s rebuttal', async () => {
    const brief = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, DATE);
    const byId = Object.fromEntries(brief.rumors.map((r) => [r.event_id, r]));
    expect(Object.keys(byId).sort()).toEqual(['ev-known', 'ev-open-rumor', 'ev-rumor']);
    expect(byId['ev-known']).toMatchObject({ rebutted: true, rebuttal: { kind: 'kb', source: '荆州市交通运输局', date: '2026-11-20' } });
    expect(byId['ev-rumor']).toMatchObject({ rebutted: true, mentions: 4, rebuttal: { kind: 'incident', incident_id: ids.rumor, at: at(12) } });
    expect(byId['ev-open-rumor']).toMatchObject({ rebutted: false });
    expect(brief.watch.unrebutted_rumors.map((r) => r.event_id)).toEqual(['ev-open-rumor']);
  });

  it('incidents opened and closed that day with each deadline’s state, scoped to the actor’s units', async () => {
    const brief = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, DATE);
    expect(brief.incidents.opened.map((i) => i.id)).toEqual([ids.first, ids.rumor]);
    expect(brief.incidents.closed.map((i) => i.id).sort()).toEqual([ids.before, ids.first].sort());
    const first = brief.incidents.opened[0]!;
    expect(first).toMatchObject({ unit_name: '荆州市委宣传部', status: 'closed', closed_at: at(20) });
    expect(first.deadlines.find((d) => d.key === 'response')).toMatchObject({ state: 'met', met_at: at(10) });
    // Every state is the workflow's own, with "warning" reported as pending.
    const workflowView = await wf.incidents.get(cityActor, ids.rumor!);
    expect(brief.incidents.opened[1]!.deadlines.map((d) => d.state)).toEqual(workflowView.clock!.deadlines.map((d) => (d.state === 'warning' ? 'pending' : d.state)));
    expect(JSON.stringify(brief)).not.toContain(ids.other);
    // The system sees every unit.
    const all = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, SYSTEM_ACTOR, DATE);
    expect(all.incidents.opened.map((i) => i.id)).toContain(ids.other);
  });

  it('response performance per unit from the workflow’s statistics; what to watch: still rising, unrebutted, open', async () => {
    const brief = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, DATE);
    const stats = await wf.responseStats(cityActor, DAY, END);
    expect(brief.response.units).toHaveLength(1);
    expect(brief.response.units[0]).toMatchObject({ unit_id: units.city!.id, unit_name: '荆州市委宣传部', incidents: 2, released: 2, on_time_rate: stats.units[0]!.on_time_rate, first_release_median_ms: stats.units[0]!.first_release_median_ms });
    // The evening event: 6 in the last hour of the day, none in the six before.
    expect(brief.watch.rising).toEqual([{ event_id: 'ev-evening', title: '晚间灯光秀', recent: 6, expected: 0, ratio: 7 }]);
    expect(brief.watch.open_incidents.map((i) => i.id)).toEqual([ids.rumor]);
  });

  it('a day still running is reported up to now; the day before has no incidents of this day', async () => {
    now = at(12, 30);
    const running = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, DATE);
    expect(running).toMatchObject({ complete: false, as_of: at(12, 30) });
    now = at(24 + 8);
    const before = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, '2026-11-25');
    expect(before.totals.mentions).toBe(5);
    expect(before.incidents.opened.map((i) => i.id)).toEqual([ids.before]);
    expect(before.incidents.closed).toEqual([]);
    // A day that has not begun: nothing counted, nothing rising (not the evening before it).
    now = at(23, 30);
    const tomorrow = await buildDailyBrief({ store, workflow: wf, timezone: TZ, now: () => now }, cityActor, '2026-11-27');
    expect(tomorrow).toMatchObject({ complete: false, totals: { mentions: 4 }, watch: { rising: [] } });
    now = at(24 + 8);
  });
});

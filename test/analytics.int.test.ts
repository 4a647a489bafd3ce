import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES, type Alert, type AlertDetailResponse, type AlertsResponse, type EventDetail, type EventsResponse, type SeriesResponse, type TrendingKeywordsResponse } from '@fenghuo/shared';
import { createDemoStream, createLocalSubmitter, runReplay, toMentionInput, type DemoMention, type SubmitItem } from '@fenghuo/ingest';
import { createChannelRepository, demoClaimInputs } from '@fenghuo/analytics';
import { followAlertStream, type Runtime } from '@fenghuo/dashboard';
import { startTestRuntime, tempDir } from './support/runtime';
import { signIn, signInAdmin, TEST_USER_PASSWORD, userWithRoles, type ApiClient } from './support/api-client';

/**
 * The analytics end to end on the embedded store: the demo's recorded
 * stream (30 minutes of everyday chatter, then a chemical-plant explosion and
 * a tap-water rumor) replayed through ingest; the analytics worker must alert
 * on the incident and on the rumor with their evidence, and on nothing else;
 * alerts reach the live stream and webhooks; the same recording at two
 * speeds gives the same events and alerts; a restart carries on.
 */

const T0 = Date.parse('2026-11-20T19:30:00+08:00');
const MIN = 60_000;
const INCIDENT_AT = T0 + 30 * MIN;
const END = T0 + 75 * MIN;

const recording: DemoMention[] = (() => {
  const stream = createDemoStream({ seed: 3, start: T0, rate: 8, firstIncidentAfterMin: 30 });
  const out: DemoMention[] = [];
  for (let t = T0 + MIN; t <= END; t += MIN) out.push(...stream.until(t));
  return out;
})();
const kindOf = new Map(recording.map((m) => [m.id, m.demo.stream]));

async function* items(from = 0, to = Infinity): AsyncGenerator<SubmitItem> {
  let position = 0;
  for (const m of recording) {
    if (m.time < from || m.time >= to) continue;
    const value = toMentionInput(m);
    yield { position: position++, value, raw: JSON.stringify(value) };
  }
}

/** What an alert is about, from the mentions it quotes. */
function aboutOf(a: Alert): string {
  const kinds = new Set([...a.first_mentions, ...a.samples].map((m) => kindOf.get(m.id) ?? 'unknown'));
  if (kinds.has('rumor')) return 'rumor';
  if (kinds.has('incident') || kinds.has('official')) return 'incident';
  return [...kinds].join('+');
}

async function replay(runtime: Runtime, speed: number | 'max', from?: number, to?: number): Promise<void> {
  await runReplay(items(from, to), createLocalSubmitter(runtime.service, 'replay'), { speed });
  await runtime.analytics!.flush((to ?? END) + MIN);
}

const analyticsRoles = { api: true, worker: true, analytics: true };
const fastEnv = { FENGHUO_ANALYTICS_POLL_MS: '100' };

interface Received {
  path: string;
  body: Record<string, unknown>;
}

function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: JSON.parse(body) as Record<string, unknown> });
      res.setHeader('Content-Type', 'application/json');
      res.end(req.url?.startsWith('/wecom') ? '{"errcode":0,"errmsg":"ok"}' : '{}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, received, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** The signed-in analyst (with admin rights for channels) every call goes through. */
let api: ApiClient | undefined;

async function signedIn(url: string): Promise<ApiClient> {
  const origin = new URL(url).origin;
  if (api && api.cookie && (api as ApiClient & { origin?: string }).origin === origin) return api;
  const admin = await signInAdmin(origin);
  const existing = await admin.get('/api/v1/users');
  const found = (existing.body.users as { username: string }[]).some((u) => u.username === 'analyst');
  api = found ? await signIn(origin, 'analyst', TEST_USER_PASSWORD) : await userWithRoles(origin, admin, 'analyst', ['analyst', 'responder', 'admin']);
  Object.assign(api, { origin });
  return api;
}

async function send(method: string, url: string, body?: unknown, type = 'application/json'): Promise<{ status: number; body: any }> {
  const client = await signedIn(url);
  const u = new URL(url);
  const r = await client.request(method, u.pathname + u.search, body, { 'content-type': type });
  return { status: r.status, body: r.body === '' ? undefined : r.body };
}

async function getJson(url: string): Promise<any> {
  return (await send('GET', url)).body;
}

describe('analytics on the demo recording', () => {
  let runtime: Runtime;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  const streamed: { event: string; data: any }[] = [];
  const abort = new AbortController();
  let alerts: Alert[];

  beforeAll(async () => {
    receiver = await startReceiver();
    runtime = await startTestRuntime(fastEnv, analyticsRoles);
    const url = runtime.url!;
    // The knowledge base knows the demo's rumor; two channels take every alert.
    const kb = await send('POST', `${url}/api/v1/kb/import?format=json`, JSON.stringify(demoClaimInputs.map(({ id: _id, ...c }) => c)));
    expect(kb).toMatchObject({ status: 200, body: { imported: demoClaimInputs.length, errors: [] } });
    expect((await send('POST', `${url}/api/v1/channels`, { kind: 'webhook', name: '值班系统', url: `${receiver.url}/hook`, min_severity: 'low' })).status).toBe(201);
    expect((await send('POST', `${url}/api/v1/channels`, { kind: 'wecom', name: '舆情群', url: `${receiver.url}/wecom`, min_severity: 'medium' })).status).toBe(201);
    void followAlertStream(`${url}/api/v1/alerts/stream`, abort.signal, (event, data) => streamed.push({ event, data: JSON.parse(data) }), { cookie: (await signedIn(url)).cookie });
    await replay(runtime, 'max');
    await runtime.notifier!.drain();
    alerts = ((await getJson(`${url}/api/v1/alerts`)) as AlertsResponse).alerts;
  }, 240_000);

  afterAll(async () => {
    abort.abort();
    await runtime?.stop();
    await receiver?.close();
  });

  it('alerts on the incident within minutes of its start, with evidence, and on nothing in the background', async () => {
    const about = alerts.map(aboutOf);
    expect(about.filter((k) => k !== 'incident' && k !== 'rumor')).toEqual([]);
    const incident = alerts.filter((a) => aboutOf(a) === 'incident').sort((a, b) => a.opened_at - b.opened_at);
    expect(incident.length).toBeGreaterThanOrEqual(1);
    expect(incident[0]!.opened_at - INCIDENT_AT).toBeLessThan(6 * MIN);
    // The main alert: the one on the story's biggest event.
    const sizes = new Map(((await getJson(`${runtime.url}/api/v1/events?sort=volume&limit=50&from=${T0}&to=${END}`)) as EventsResponse).events.map((e) => [e.id, e.size]));
    const first = [...incident].sort((a, b) => (sizes.get(b.event_id) ?? 0) - (sizes.get(a.event_id) ?? 0))[0]!;
    expect(first.severity).toBe('critical');
    const reason = first.reasons[0]!;
    expect(reason).toMatchObject({ kind: 'first_story', statistic: 'mentions_in_window' });
    expect(reason.observed).toBeGreaterThanOrEqual(reason.threshold);
    expect(first.first_mentions.length).toBeGreaterThan(0);
    expect(first.samples.length).toBeGreaterThan(0);

    // The event behind it: series from the per-minute aggregate, keywords, places, samples.
    const detail = (await getJson(`${runtime.url}/api/v1/events/${first.event_id}`)) as EventDetail;

    expect(detail.size).toBeGreaterThan(100);
    expect(detail.series.reduce((s, p) => s + p.count, 0)).toBeGreaterThan(100);
    expect(detail.keywords.length).toBeGreaterThan(3);
    expect(Object.keys(detail.provinces)).toContain('湖北省');
    expect(detail.samples.length).toBeGreaterThan(0);
  });

  it('alerts on the rumor as its own alert, scored as a likely rumor with its signals, linked to the rebuttal', async () => {
    const rumor = alerts.filter((a) => aboutOf(a) === 'rumor');
    expect(rumor.length).toBeGreaterThanOrEqual(1);
    const r = rumor.sort((a, b) => b.rumor_score - a.rumor_score)[0]!;
    expect(r.rumor_score).toBeGreaterThanOrEqual(0.8);
    expect(r.kb_match).toMatchObject({ source: expect.stringContaining('水务') });
    const detail = (await getJson(`${runtime.url}/api/v1/events/${r.event_id}`)) as EventDetail;
    expect(detail.rumor_signals.length).toBeGreaterThan(0);
    expect(detail.kb_match?.rebuttal.length).toBeGreaterThan(10);
  });

  it('one story, one alert: the incident escalates instead of opening again and again', async () => {
    const incident = alerts.filter((a) => aboutOf(a) === 'incident');
    expect(incident.length).toBeLessThanOrEqual(2);
    const detail = (await getJson(`${runtime.url}/api/v1/alerts/${incident[0]!.id}`)) as AlertDetailResponse;
    const actions = detail.history.map((h) => h.action);
    expect(actions.filter((a) => a === 'opened')).toHaveLength(1);
    expect(actions).toContain('escalated');
  });

  it('sends alerts to the live stream and to the webhooks, and records the deliveries', async () => {
    expect(streamed[0]?.event).toBe('hello');
    const live = streamed.filter((s) => s.event === 'alert').map((s) => s.data.alert.id as string);
    for (const a of alerts) expect(live).toContain(a.id);

    const hook = receiver.received.filter((r) => r.path === '/hook');
    expect(hook.length).toBeGreaterThanOrEqual(alerts.length);
    expect(hook.find((h) => h.body.action === 'opened')!.body).toMatchObject({ type: 'fenghuo.alert', alert: { id: expect.any(String) } });
    const wecom = receiver.received.filter((r) => r.path === '/wecom');
    expect(wecom.length).toBeGreaterThan(0);
    expect(wecom[0]!.body).toMatchObject({ msgtype: 'markdown' });
    expect(String((wecom[0]!.body.markdown as { content: string }).content)).toContain('舆情预警');

    const detail = (await getJson(`${runtime.url}/api/v1/alerts/${alerts[0]!.id}`)) as AlertDetailResponse;
    expect(detail.deliveries.length).toBeGreaterThan(0);
    expect(detail.deliveries.every((d) => d.status === 'sent')).toBe(true);
    const metrics = await (await fetch(`${runtime.url}/metrics`)).text();
    expect(Number(/fenghuo_alert_deliveries_total\{status="sent"\} (\d+)/.exec(metrics)?.[1])).toBeGreaterThanOrEqual(hook.length);
  });

  it('a duty officer acknowledges an alert: stored, logged, streamed', async () => {
    const open = alerts.find((a) => a.status === 'open');
    if (!open) return; // every alert already resolved in the recording
    const res = await send('POST', `${runtime.url}/api/v1/alerts/${open.id}/ack`, { by: '张三' });
    // The signed-in user acknowledges, whatever name the body gives.
    expect(res).toMatchObject({ status: 200, body: { status: 'acknowledged', acknowledged_by: 'analyst' } });
    const detail = (await getJson(`${runtime.url}/api/v1/alerts/${open.id}`)) as AlertDetailResponse;
    expect(detail.alert.status).toBe('acknowledged');
    expect(detail.history.some((h) => h.action === 'acknowledged' && h.actor === 'analyst')).toBe(true);
    await expect.poll(() => streamed.some((s) => s.event === 'ack' && s.data.alert.id === open.id)).toBe(true);
    expect((await send('POST', `${runtime.url}/api/v1/alerts/nope/ack`, {})).status).toBe(404);
  });

  it('from a demo alert a responder opens an incident with counting deadlines, drafts a rebuttal from the template, a reviewer approves it after the checks, the publication is logged and the latency is in the unit statistics', async () => {
    const origin = runtime.url!;
    const admin = await signInAdmin(origin);
    const responder = await userWithRoles(origin, admin, 'responder-e2e', ['responder']);
    const reviewer = await userWithRoles(origin, admin, 'reviewer-e2e', ['reviewer']);
    const alert = [...alerts].sort((a, b) => b.rumor_score - a.rumor_score)[0]!;

    const opened = await responder.post(`/api/v1/incidents/from-alert/${alert.id}`, { place: '荆州市', contact: '12345', facts: '经核实，网传内容与事实不符' });
    expect(opened.status).toBe(201);
    const inc = opened.body;
    expect(inc).toMatchObject({ title: alert.title, status: 'open', detected_at: alert.opened_at, alert_ids: [alert.id], event_ids: expect.arrayContaining([alert.event_id]) });
    expect(inc.first_mention_at).toBeLessThanOrEqual(alert.opened_at);
    expect(inc.clock.deadlines).toEqual([expect.objectContaining({ key: 'response', start_at: inc.first_mention_at, due_at: inc.first_mention_at + 48 * 3_600_000 })]);
    // One click again: the same incident, not a second one.
    expect((await responder.post(`/api/v1/incidents/from-alert/${alert.id}`, {})).body).toMatchObject({ id: inc.id, existing: true });
    const later = (await responder.get(`/api/v1/incidents/${inc.id}`)).body;
    expect(later.clock.deadlines[0].remaining_ms).toBeLessThanOrEqual(inc.clock.deadlines[0].remaining_ms);
    // Its playbook came with it (应急预案): authoritative information within 5 h, a press conference within 24 h.
    const checklist = (await responder.get(`/api/v1/incidents/${inc.id}/checklist`)).body as { playbook_id: string; items: { key: string; due_at?: number }[] };
    expect(checklist.playbook_id).toBe('generic');
    expect(checklist.items.find((i) => i.key === 'release')?.due_at).toBe(inc.clock.start_at + 5 * 3_600_000);
    expect(checklist.items.find((i) => i.key === 'press_conference')?.due_at).toBe(inc.clock.start_at + 24 * 3_600_000);

    const suggestions = (await responder.get(`/api/v1/incidents/${inc.id}/suggestions`)).body;
    expect(suggestions).toMatchObject({ kb: expect.any(Array), qa: expect.any(Array) });
    const created = await responder.post('/api/v1/drafts', { incident_id: inc.id, kind: 'rebuttal', platform: 'weibo', values: { rumor: suggestions.kb[0]?.claim ?? alert.title } });
    expect(created.status).toBe(201);
    let draft = created.body;
    expect(draft.body).toContain('网传内容与事实不符');
    expect(draft.body).not.toContain('【待填写');
    expect(draft.checks.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
    expect(draft.blocking).toBe(false);
    expect((await reviewer.post(`/api/v1/drafts/${draft.id}/review`, { expected_version: draft.version, decision: 'approve' })).status).toBe(409);
    draft = (await responder.post(`/api/v1/drafts/${draft.id}/submit`, { expected_version: draft.version })).body;
    expect(draft.status).toBe('submitted');
    expect((await responder.post(`/api/v1/drafts/${draft.id}/review`, { expected_version: draft.version, decision: 'approve' })).status).toBe(403);
    const approved = await reviewer.post(`/api/v1/drafts/${draft.id}/review`, { expected_version: draft.version, decision: 'approve' });
    expect(approved.body).toMatchObject({ status: 'approved', reviews: [expect.objectContaining({ by: reviewer.user.id, decision: 'approve' })] });
    const publishedAt = inc.first_mention_at + 3 * 3_600_000;
    const published = await responder.post(`/api/v1/drafts/${draft.id}/publish`, { expected_version: approved.body.version, where: '荆州发布微博', at: publishedAt, link: 'https://weibo.com/jzfb/123' });
    expect(published.body).toMatchObject({ status: 'published', publication: { where: '荆州发布微博', at: publishedAt } });

    const after = (await responder.get(`/api/v1/incidents/${inc.id}`)).body;
    expect(after.status).toBe('responding');
    expect(after.actions).toEqual([expect.objectContaining({ kind: 'rebuttal', source: 'draft', at: publishedAt })]);
    expect(after.clock.deadlines[0]).toMatchObject({ state: 'met', met_at: publishedAt });
    const stats = (await admin.get(`/api/v1/response/stats?from=${inc.first_mention_at - 1}&to=${inc.first_mention_at + 1}`)).body;
    expect(stats.units).toEqual([expect.objectContaining({ unit_id: inc.unit_id, incidents: 1, released: 1, first_release_median_ms: 3 * 3_600_000, on_time_rate: 1 })]);
    expect(stats.ranking[0]).toMatchObject({ rank: 1, unit_id: inc.unit_id });
    const log = (await admin.get(`/api/v1/audit?object_id=${draft.id}`)).body.entries.map((e: { action: string }) => e.action);
    expect(log.sort()).toEqual(['draft.approve', 'draft.create', 'draft.publish', 'draft.submit']);
  });

  it('lists events, trending keywords and series from the aggregates', async () => {
    const events = (await getJson(`${runtime.url}/api/v1/events?sort=volume&limit=5`)) as EventsResponse;
    expect(events.events).toHaveLength(5);
    expect(events.events[0]!.size).toBeGreaterThanOrEqual(events.events[1]!.size);
    const rumorFirst = (await getJson(`${runtime.url}/api/v1/events?sort=rumor&limit=1`)) as EventsResponse;
    expect(rumorFirst.events[0]!.rumor_score).toBeGreaterThanOrEqual(0.8);

    const trending = (await getJson(`${runtime.url}/api/v1/keywords/trending?to=${INCIDENT_AT + 10 * MIN}&window=10&baseline=30`)) as TrendingKeywordsResponse;
    expect(trending.keywords.length).toBeGreaterThan(0);
    expect(trending.keywords[0]!.growth).toBeGreaterThan(3);

    const series = (await getJson(`${runtime.url}/api/v1/series?dimension=platform&from=${T0}&to=${END}&step=15`)) as SeriesResponse;
    expect(new Set(series.points.map((p) => p.t)).size).toBe(5);
    expect(series.points.some((p) => p.key === 'weibo')).toBe(true);
    const bad = await send('GET', `${runtime.url}/api/v1/series?dimension=colour`);
    expect(bad.status).toBe(400);
  });

  it('edits alert rules and the knowledge base through the API, validating input', async () => {
    const url = `${runtime.url}/api/v1`;
    const created = await send('POST', `${url}/rules`, { kind: 'keyword', name: '本单位', phrases: ['市水务集团', '自来水'], severity: 'high' });
    expect(created).toMatchObject({ status: 201, body: { kind: 'keyword', min_count: 1, window_minutes: 10, enabled: true } });
    const id = created.body.id as string;
    expect((await send('PUT', `${url}/rules/${id}`, { ...created.body, name: '本单位名称' })).body.name).toBe('本单位名称');
    expect((await getJson(`${url}/rules`)).items.map((r: { id: string }) => r.id)).toContain(id);
    const bad = await send('POST', `${url}/rules`, { kind: 'keyword', name: '', phrases: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/name|phrases/);
    expect((await send('DELETE', `${url}/rules/${id}`)).status).toBe(204);
    expect((await send('DELETE', `${url}/rules/${id}`)).status).toBe(404);

    // A robot's signing secret is kept but never sent back.
    const robot = await send('POST', `${url}/channels`, { kind: 'dingtalk', name: '钉钉群', url: 'http://127.0.0.1:9/robot', secret: 'SEC-signing-key', min_severity: 'critical' });
    expect(robot.status).toBe(201);
    expect(robot.body).toMatchObject({ secret_set: true });
    expect(JSON.stringify(robot.body)).not.toContain('SEC-signing-key');
    const { id: robotId, updated_at: _u, secret_set: _s, ...robotInput } = robot.body;
    const renamed = await send('PUT', `${url}/channels/${robotId}`, { ...robotInput, name: '钉钉值班群' });
    expect(renamed.body).toMatchObject({ name: '钉钉值班群', secret_set: true });
    expect(JSON.stringify(await getJson(`${url}/channels`))).not.toContain('SEC-signing-key');
    expect((await createChannelRepository(runtime.store).get(robotId))!.secret).toBe('SEC-signing-key');
    expect((await send('PUT', `${url}/channels/${robotId}`, { ...robotInput, secret: null })).body).toMatchObject({ secret_set: false });
    expect((await send('DELETE', `${url}/channels/${robotId}`)).status).toBe(204);

    const csv = await (await signedIn(url)).get('/api/v1/kb/export?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body).toContain('市水务集团');
    // Edits, imports and exports of the knowledge base are in the audit log.
    const audit = await (await signedIn(url)).get('/api/v1/audit?object_type=kb');
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['kb.import', 'kb.export']));
    const imported = await send('POST', `${url}/kb/import?format=csv`, 'claim,rebuttal,source,date\n网传某地要封城,不实,某市新闻办,2026-11-01\n缺字段的行,,,\n', 'text/csv');
    expect(imported.body.imported).toBe(1);
    expect(imported.body.errors).toHaveLength(1);
  });
});

describe('replay determinism and restarts', () => {
  async function runOnce(speed: number | 'max'): Promise<{ alerts: unknown[]; events: unknown[] }> {
    const runtime = await startTestRuntime(fastEnv, analyticsRoles);
    try {
      await replay(runtime, speed);
      return snapshot(runtime);
    } finally {
      await runtime.stop();
    }
  }

  async function snapshot(runtime: Runtime) {
    const alerts = await runtime.store.query<{ alert_id: string; severity: string; status: string; body: string }>(
      `SELECT alert_id, severity, status, body FROM ${TABLES.alerts} FINAL ORDER BY alert_id`,
    );
    const events = await runtime.store.query<{ event_id: string; size: string }>(`SELECT event_id, size FROM ${TABLES.events} FINAL WHERE merged_into = '' ORDER BY event_id`);
    return {
      alerts: alerts.map((a) => {
        const body = JSON.parse(a.body) as Alert;
        return [a.alert_id, a.severity, a.status, body.opened_at, body.event_id, body.reasons.map((r) => `${r.kind}:${r.observed}`), body.related_events ?? []];
      }),
      events: events.map((e) => [e.event_id, Number(e.size)]),
    };
  }

  it('the same recording at two speeds gives the same events and alerts', async () => {
    const fast = await runOnce('max');
    const slower = await runOnce(1_500);
    expect(fast.alerts.length).toBeGreaterThanOrEqual(2);
    expect(slower).toEqual(fast);
  }, 240_000);

  it('after a restart, the worker carries on the same events and alerts', async () => {
    const dataDir = tempDir();
    const cut = INCIDENT_AT + 8 * MIN;
    const first = await startTestRuntime({ ...fastEnv, FENGHUO_DATA_DIR: dataDir }, analyticsRoles);
    await replay(first, 'max', 0, cut);
    const before = await snapshot(first);
    await first.stop();
    const incidentBefore = (before.alerts as unknown[][]).find((a) => a[4]);
    expect(incidentBefore).toBeDefined();

    const second = await startTestRuntime({ ...fastEnv, FENGHUO_DATA_DIR: dataDir }, analyticsRoles);
    try {
      await replay(second, 'max', cut, END);
      const after = await snapshot(second);
      const ids = (after.alerts as unknown[][]).map((a) => a[0]);
      // The alert open at the restart is the same one, not a new alert for the same story.
      expect(ids).toContain(incidentBefore![0]);
      const log = await second.store.query<{ action: string }>(`SELECT action FROM ${TABLES.alertLog} WHERE alert_id = {id:String}`, { id: String(incidentBefore![0]) });
      expect(log.filter((l) => l.action === 'opened')).toHaveLength(1);
      expect(log.length).toBeGreaterThan(1);
    } finally {
      await second.stop();
    }
  }, 240_000);
});

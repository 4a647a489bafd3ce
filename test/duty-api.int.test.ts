import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, DutyNow, Escalation, EscalationReport, Roster } from '@fenghuo/shared';
import { startRuntime, type Runtime } from '@fenghuo/dashboard';
import { signInAdmin, userWithRoles, type ApiClient } from './support/api-client';
import { freePort, postMentions, testConfig, waitFor } from './support/runtime';
import { seedDutyDemo } from '../dashboard/server/duty-demo';

const MIN = 60_000;

interface Page {
  path: string;
  headline: string;
  ackUrl: string;
}

/**
 * Duty escalation on a real runtime (chdb, HTTP, the analytics worker, the
 * alert notifier) with the duty chains on an injected clock set to a night
 * shift: a burst of mentions raises an alert, the night duty officer's
 * webhook gets a page with a signed link, nobody answers for the high
 * severity's 10 minutes, the backup is paged, the backup acknowledges
 * through the link (a confirm button, then once only) and the chain stops.
 */
describe('duty rosters and escalation', () => {
  let runtime: Runtime;
  let url: string;
  let admin: ApiClient;
  let responder: ApiClient;
  let topId: string;
  let cityId: string;
  let hook: http.Server;
  let hookUrl: string;
  const pages: Page[] = [];
  // 23:10 in Beijing on Thursday 26 November 2026: the night shift.
  let clock = Date.parse('2026-11-26T23:10:00+08:00');

  beforeAll(async () => {
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        // A generic webhook gets the message as JSON; a DingTalk robot as markdown with the link in it.
        const json = JSON.parse(body) as { message?: { headline: string; links: { url: string }[] }; markdown?: { title: string; text: string } };
        const headline = json.message?.headline ?? json.markdown?.title ?? '';
        const ackUrl = json.message?.links[0]?.url ?? /https?:\/\/[^\s)]+\/api\/v1\/duty\/ack\/[A-Za-z0-9_.-]+/.exec(json.markdown?.text ?? '')?.[0] ?? '';
        pages.push({ path: req.url ?? '', headline, ackUrl });
        res.setHeader('content-type', 'application/json');
        // What a DingTalk robot answers on success (a generic webhook's body is not read).
        res.end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
    const port = await freePort();
    const config = testConfig({ FENGHUO_DASHBOARD: 'off', FENGHUO_ANALYTICS_POLL_MS: '100', PORT: String(port), FENGHUO_PUBLIC_URL: `http://127.0.0.1:${port}` });
    runtime = await startRuntime(config, { roles: { api: true, worker: true, analytics: true }, holder: 'test', dutyNow: () => clock });
    url = runtime.url!;
    admin = await signInAdmin(url);
    topId = admin.user.unit_id;
    cityId = (await admin.post('/api/v1/units', { name: '江城测试局', kind: 'city', parent_id: topId })).body.id;
    responder = await userWithRoles(url, admin, 'duty-responder', ['responder'], cityId);
  }, 60_000);
  afterAll(async () => {
    await runtime?.stop();
    hook?.close();
  });

  const roster = () => ({
    people: [
      { id: 'zhang', name: '张伟', channel: { kind: 'webhook', url: `${hookUrl}/zhang` } },
      { id: 'li', name: '李娜', phone: '13800000001', channel: { kind: 'dingtalk', url: `${hookUrl}/li`, secret: 'SECxyz' } },
      { id: 'lead', name: '刘主任', channel: { kind: 'in_app' } },
    ],
    leader: 'lead',
    shifts: [
      { date: '2026-11-26', kind: 'day', on_duty: 'li', backup: 'zhang' },
      { date: '2026-11-26', kind: 'night', on_duty: 'zhang', backup: 'li' },
    ],
  });

  it('an admin saves a roster; responders read it without the robot secret; viewers are refused', async () => {
    const bad = await admin.put(`/api/v1/duty/rosters/${cityId}`, { expected_version: 0, roster: { ...roster(), leader: 'nobody' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/leader: no person nobody/);
    const saved = await admin.put(`/api/v1/duty/rosters/${cityId}`, { expected_version: 0, roster: roster() });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(1);
    const read = await responder.get(`/api/v1/duty/rosters/${cityId}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toMatch(/SECxyz/);
    expect((read.body as Roster & { people: { secret_set?: boolean }[] }).people[1]).toMatchObject({ id: 'li', secret_set: true });
    // Saving what was read back keeps the secret the form never saw.
    const again = await admin.put(`/api/v1/duty/rosters/${cityId}`, { expected_version: 1, roster: read.body });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect((await runtime.duty.roster(cityId))!.people[1]!.channel.secret).toBe('SECxyz');
    const stale = await admin.put(`/api/v1/duty/rosters/${cityId}`, { expected_version: 1, roster: roster() });
    expect(stale.status).toBe(409);
    const viewer = await userWithRoles(url, admin, 'duty-viewer', ['viewer'], cityId);
    expect((await viewer.get(`/api/v1/duty/rosters/${cityId}`)).status).toBe(403);
    expect((await admin.put('/api/v1/duty/settings', { expected_version: 0, settings: { alert_unit_id: cityId, steps: (await admin.get('/api/v1/duty/settings')).body.settings.steps } })).status).toBe(200);
  });

  it('imports shifts from CSV (all rows or none, errors by line) and exports them', async () => {
    const bad = await admin.request('POST', `/api/v1/duty/rosters/${cityId}/import?expected_version=2`, 'date,kind,on_duty,backup\n2026-11-27,白班,李娜,张伟\n2026-10-01,day,zhang,\n2026-11-27,夜班,王五,\n', { 'content-type': 'text/csv' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { line: 3, message: expect.stringMatching(/rest day/) },
      { line: 4, message: expect.stringMatching(/"王五" is not a person/) },
    ]);
    const ok = await admin.request('POST', `/api/v1/duty/rosters/${cityId}/import?expected_version=2`, 'date,kind,on_duty,backup\n2026-11-27,白班,李娜,张伟\n2026-11-28,节假日班,zhang,li\n', { 'content-type': 'text/csv' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.roster.shifts).toHaveLength(4);
    const csv = await responder.get(`/api/v1/duty/rosters/${cityId}/export`);
    expect(csv.body as string).toContain('2026-11-28,holiday,zhang,li');
  });

  it('says who is on duty now (the injected night), to every role', async () => {
    const viewer = await userWithRoles(url, admin, 'duty-viewer2', ['viewer'], cityId);
    const now = (await viewer.get('/api/v1/duty/now')).body.on_duty as DutyNow[];
    expect(now.find((d) => d.unit_id === cityId)).toMatchObject({ kind: 'night', date: '2026-11-26', on_duty: { name: '张伟', channel_kind: 'webhook' }, backup: { name: '李娜' }, leader: { name: '刘主任' }, calendar_known: true });
    expect(JSON.stringify(now)).not.toMatch(/127\.0\.0\.1/);
  });

  let alert: Alert;
  let analyst: ApiClient;
  /** Five mentions within seconds that a keyword rule turns into an alert. */
  const burst = async (key: string, text: string, titleWord: string): Promise<Alert> => {
    const t = Date.now();
    const posts = Array.from({ length: 5 }, (_, i) => ({ id: `${key}-${i}`, platform: 'weibo', text: `${text} ${i}`, time: new Date(t - (5 - i) * 1000).toISOString() }));
    expect((await postMentions(url, posts)).status).toBe(202);
    await waitFor(async () => Number((await runtime.store.query<{ n: string }>('SELECT count() AS n FROM mentions WHERE startsWith(id, {key:String})', { key: `${key}-` }))[0]!.n) === 5);
    await runtime.analytics!.flush(t + MIN);
    return waitFor(async () => ((await admin.get('/api/v1/alerts')).body.alerts as Alert[]).find((a) => a.title.includes(titleWord)), 20_000);
  };
  it('a night burst pages the night duty officer’s webhook with an acknowledgement link', async () => {
    analyst = await userWithRoles(url, admin, 'duty-analyst', ['analyst'], topId);
    for (const [name, phrase] of [['化工厂', '化工厂爆炸'], ['水库', '水库溃坝'], ['大桥', '大桥坍塌']]) expect((await analyst.post('/api/v1/rules', { kind: 'keyword', name, phrases: [phrase], min_count: 3, window_minutes: 10, severity: 'high' })).status).toBe(201);
    // The worker reads the rules every 5 s.
    await new Promise((r) => setTimeout(r, 5_500));
    alert = await burst('chem', '江城化工厂爆炸了，现场浓烟', '化工厂');
    await waitFor(async () => pages.length >= 1, 15_000);
    expect(pages).toEqual([{ path: '/zhang', headline: expect.stringContaining('【值班呼叫】'), ackUrl: expect.stringMatching(new RegExp(`^${url}/api/v1/duty/ack/`)) }]);
    const e = (await admin.get(`/api/v1/duty/escalations/alert/${alert.id}`)).body as Escalation;
    expect(e).toMatchObject({ status: 'active', step: 0, shift: { date: '2026-11-26', kind: 'night' }, waits_min: [10, 10, 30] });
    expect(e.targets.map((x) => `${x.role}:${x.person.name}`)).toEqual(['on_duty:张伟', 'backup:李娜', 'leader:刘主任']);
  });

  it('escalates to the backup when not acknowledged within the severity’s minutes', async () => {
    clock += 9 * MIN;
    await runtime.duty.tick();
    expect(pages).toHaveLength(1);
    clock += 1 * MIN;
    await runtime.duty.tick();
    await waitFor(async () => pages.length >= 2, 15_000);
    // A DingTalk robot with a secret is called on its signed URL.
    expect(pages[1]).toMatchObject({ path: expect.stringMatching(/^\/li\?timestamp=\d+&sign=/) });
  });

  it('the link shows a confirm button without acknowledging; the button acknowledges once; the chain stops', async () => {
    const link = pages[1]!.ackUrl;
    const shown = await fetch(link);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain('data-status="ready"');
    expect(html).toContain('<form method="post"');
    expect((await admin.get(`/api/v1/duty/escalations/alert/${alert.id}`)).body.status).toBe('active');

    clock += 2 * MIN;
    const used = await fetch(link, { method: 'POST' });
    expect(used.status).toBe(200);
    expect(await used.text()).toContain('data-status="acknowledged"');
    const e = (await admin.get(`/api/v1/duty/escalations/alert/${alert.id}`)).body as Escalation;
    expect(e).toMatchObject({ status: 'acknowledged', acknowledged: { by: '李娜', via: 'link', step: 1 } });
    // The alert itself is acknowledged too, by the person who took it.
    await waitFor(async () => ((await admin.get(`/api/v1/alerts/${alert.id}`)).body.alert as Alert).status === 'acknowledged');

    const again = await fetch(link, { method: 'POST' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('data-status="already_used"');
    // The first page's link is dead as well.
    expect((await fetch(pages[0]!.ackUrl, { method: 'POST' })).status).toBe(409);

    clock += 120 * MIN;
    await runtime.duty.tick();
    await new Promise((r) => setTimeout(r, 300));
    expect(pages).toHaveLength(2);
  });

  it('puts every step on the alert’s timeline and in the audit log', async () => {
    const detail = (await admin.get(`/api/v1/alerts/${alert.id}`)).body as { history: { action: string; detail?: string }[] };
    const duty = detail.history.filter((h) => h.action.startsWith('duty:')).map((h) => h.action);
    expect(duty).toEqual(expect.arrayContaining(['duty:started', 'duty:paged', 'duty:acknowledged']));
    expect(duty.filter((a) => a === 'duty:paged')).toHaveLength(2);
    expect(detail.history.find((h) => h.action === 'duty:acknowledged')!.detail).toMatch(/李娜 已确认（确认链接）/);
    const audit = (await admin.get(`/api/v1/audit?object_id=${encodeURIComponent(alert.id)}`)).body.entries as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['escalation.started', 'escalation.paged', 'escalation.acknowledged']));
  });

  it('acknowledging the alert in the app (the alert’s own ack) stops its chain at the next tick', async () => {
    const started = clock;
    const second = await burst('dam', '青山水库溃坝传言', '水库');
    await waitFor(async () => pages.length >= 3, 15_000);
    expect((await analyst.post(`/api/v1/alerts/${second.id}/ack`, {})).status).toBe(200);
    clock = started + 60 * MIN;
    await runtime.duty.tick();
    expect((await admin.get(`/api/v1/duty/escalations/alert/${second.id}`)).body).toMatchObject({ status: 'acknowledged', acknowledged: { via: 'app', step: 0 } });
    expect(pages).toHaveLength(3);
  });

  it('a responder acknowledges an escalation in the app', async () => {
    const subject = { kind: 'incident_clock' as const, id: 'clock-notice-1', unit_id: cityId, severity: 'critical' as const, title: '首次发布时限预警', link: '/incidents/i1', incident_id: 'i1' };
    expect(await runtime.duty.startEscalation(subject)).toMatchObject({ status: 'active', step: 0 });
    await waitFor(async () => pages.length >= 4, 15_000);
    const r = await responder.post(`/api/v1/duty/escalations/incident_clock/${subject.id}/ack`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ status: 'acknowledged', acknowledged: { via: 'app' } });
    const audit = (await admin.get('/api/v1/audit?object_type=incident&object_id=i1')).body.entries as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['escalation.paged', 'escalation.acknowledged']));
    // …and on the incident's timeline.
    const chains = (await responder.get('/api/v1/incidents/i1/escalations')).body.escalations as { subject: { id: string }; log: { action: string; via?: string }[] }[];
    expect(chains.map((c) => c.subject.id)).toEqual(['clock-notice-1']);
    expect(chains[0]!.log.map((l) => l.action)).toEqual(expect.arrayContaining(['started', 'paged', 'acknowledged']));
    expect(chains[0]!.log.find((l) => l.action === 'acknowledged')?.via).toBe('app');
    clock += 60 * MIN;
    await runtime.duty.tick();
    expect(pages).toHaveLength(4);
  });

  it('an expired link says so and acknowledges nothing', async () => {
    const subject = { kind: 'playbook_step' as const, id: 'step-expiry', unit_id: cityId, severity: 'high' as const, title: '预案步骤超时', link: '/incidents/x' };
    await runtime.duty.startEscalation(subject);
    await waitFor(async () => pages.length >= 5, 15_000);
    clock += 25 * 60 * MIN;
    const r = await fetch(pages[4]!.ackUrl, { method: 'POST' });
    expect(r.status).toBe(410);
    expect(await r.text()).toContain('data-status="expired"');
    expect((await fetch(`${url}/api/v1/duty/ack/not.valid`)).status).toBe(404);
    // Done elsewhere (the playbook step was carried out): the chain is cancelled and pages no one.
    expect(await runtime.duty.cancelEscalation(subject, '步骤已完成')).toMatchObject({ status: 'cancelled' });
  });

  it('reports time to acknowledge per unit and shift (JSON and CSV)', async () => {
    const from = Date.parse('2026-11-26T00:00:00+08:00');
    const report = (await admin.get(`/api/v1/duty/report?from=${from}&to=${clock + 1}`)).body as EscalationReport;
    const night = report.rows.find((r) => r.unit_id === cityId && r.shift_kind === 'night')!;
    expect(night).toMatchObject({ unit_name: '江城测试局', escalations: 4, acknowledged: 3, escalated: 1 });
    // The alert acknowledged in the app counts from when the next tick saw it (its own ack time is on the real clock, after this test's night).
    expect(night.max_ack_ms).toBe(60 * MIN);
    expect(night.median_ack_ms).toBe(12 * MIN);
    const csv = await admin.get(`/api/v1/duty/report?from=${from}&to=${clock + 1}&format=csv`);
    expect(csv.body as string).toMatch(/江城测试局,夜班,4,3,1/);
  });

  it('with the demo rosters, a night burst pages the demo night officer, then the backup, until the link is used', async () => {
    // 04:22 on Saturday 28 November: Friday's night shift.
    expect(new Date(clock).toISOString()).toBe('2026-11-27T20:22:00.000Z');
    const seeded = await seedDutyDemo(runtime, { webhookBase: `${hookUrl}/demo`, now: clock });
    expect(seeded.units).toHaveLength(2);
    const city = seeded.units[0]!;
    const { version, settings } = await runtime.duty.settings();
    await runtime.duty.saveSettings({ id: 'test', name: 'test', roles: ['admin'], unit_id: '', unitIds: new Set() }, version, { ...settings, alert_unit_id: city });
    const before = pages.length;
    const bridge = await burst('bridge', '江城大桥坍塌 有车辆落水', '大桥');
    await waitFor(async () => pages.length > before, 15_000);
    expect(pages.slice(before)).toEqual([{ path: '/demo/zhangwei', headline: expect.stringContaining('大桥'), ackUrl: expect.any(String) }]);
    clock += 10 * MIN;
    await runtime.duty.tick();
    await waitFor(async () => pages.length > before + 1, 15_000);
    expect(pages[before + 1]!.path).toBe('/demo/lina');
    expect((await fetch(pages[before + 1]!.ackUrl, { method: 'POST' })).status).toBe(200);
    clock += 60 * MIN;
    await runtime.duty.tick();
    expect(pages).toHaveLength(before + 2);
    expect((await admin.get(`/api/v1/duty/escalations/alert/${bridge.id}`)).body).toMatchObject({ status: 'acknowledged', acknowledged: { by: '李娜', via: 'link' } });
  });
});

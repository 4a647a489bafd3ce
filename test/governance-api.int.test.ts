import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv, type GovernanceOverview, type GovernanceReport } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { signInAdmin, userWithRoles, type ApiClient } from './support/api-client';
import { postMentions, startTestRuntime, TEST_TOKEN, waitFor } from './support/runtime';

const DAY = 86_400_000;

/**
 * Governance through the API on a real runtime (chdb, HTTP): registry CSV
 * import (all or nothing) and export, snapshot ingest with rejected rows,
 * the overview with its unit scope, the drill-down, the monthly report, the
 * thresholds, and a cadence reminder delivered to a webhook.
 */
describe('account governance API', () => {
  let runtime: Runtime;
  let url: string;
  let admin: ApiClient;
  let cityId: string;
  let countyId: string;
  let hook: http.Server;
  let hookUrl: string;
  const received: { title?: string; text?: string }[] = [];

  beforeAll(async () => {
    hook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        try {
          received.push(JSON.parse(body));
        } catch {
          received.push({ text: body });
        }
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    runtime = await startTestRuntime({ FENGHUO_DASHBOARD: 'off' }, { api: true, worker: true, analytics: true });
    url = runtime.url!;
    admin = await signInAdmin(url);
    const top = admin.user.unit_id;
    cityId = (await admin.post('/api/v1/units', { name: '江城市人民政府', kind: 'city', parent_id: top })).body.id;
    countyId = (await admin.post('/api/v1/units', { name: '江城市青山县人民政府', kind: 'county', parent_id: cityId })).body.id;
  }, 60_000);
  afterAll(async () => {
    await runtime?.stop();
    hook?.close();
  });

  const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\r\n');
  const header = ['platform', 'account_id', 'name', 'unit_id', 'level', 'status', 'filing_number', 'opened_on'];

  it('refuses a CSV with a bad row and imports nothing', async () => {
    const r = await admin.request('POST', '/api/v1/accounts/import', csv([header, ['weibo', 'jc-gov', '江城发布', cityId, 'city_government', 'active', '', ''], ['weibo', 'jc-x', '坏行', cityId, 'mayor', 'active', '', '2026-13-01']]), { 'content-type': 'text/csv' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/level/) })]);
    expect((await admin.get('/api/v1/accounts')).body.accounts).toHaveLength(0);
  });

  it('imports the registry from CSV and exports it again', async () => {
    const rows = [
      header,
      ['weibo', 'jc-gov', '江城发布', cityId, 'city_government', 'active', '鄂网备2026001', '2025-01-01'],
      ['weibo', 'qs-gov', '青山发布', countyId, 'county_government', 'active', '', '2025-01-01'],
      ['weibo', 'qs-old', '青山县政府', countyId, 'county_government', 'active', '', '2025-01-01'],
    ];
    const r = await admin.request('POST', '/api/v1/accounts/import', csv(rows), { 'content-type': 'text/csv' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ created: 3, updated: 0, errors: [] });
    const exported = await admin.get('/api/v1/accounts/export');
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    const parsed = parseCsv(exported.body as string).rows;
    expect(parsed).toHaveLength(4);
    expect(parsed[0]!.cells.slice(0, 3)).toEqual(['id', 'platform', 'account_id']);
    expect(parsed.find((p) => p.cells.includes('jc-gov'))!.cells).toContain('鄂网备2026001');
    // The exported file imports again as updates (same ids).
    const again = await admin.request('POST', '/api/v1/accounts/import', exported.body as string, { 'content-type': 'text/csv' });
    expect(again.body).toMatchObject({ created: 0, updated: 3 });
    const audit = await admin.get('/api/v1/audit?action=account.import');
    expect(audit.body.entries.length).toBeGreaterThanOrEqual(2);
  });

  it('stores audience snapshots and keeps the rejected rows with their reason', async () => {
    const now = Date.now();
    const body = [
      { platform: 'weibo', account_id: 'qs-gov', at: now - 15 * DAY, followers: 9_900, engagement: 700 },
      { platform: 'weibo', account_id: 'qs-gov', at: now - 8 * DAY, followers: 10_000, engagement: 700 },
      { platform: 'weibo', account_id: 'qs-gov', at: now - 1 * DAY, followers: 30_000, engagement: 700 },
      { platform: 'weibo', account_id: 'qs-gov', at: 'yesterday', followers: -1 },
    ];
    const noToken = await fetch(`${url}/api/v1/accounts/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(noToken.status).toBe(401);
    const res = await fetch(`${url}/api/v1/accounts/snapshots`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` }, body: JSON.stringify(body) });
    const r = await res.json();
    expect(res.status).toBe(200);
    expect(r).toMatchObject({ accepted: 3, rejected: 1, errors: [{ index: 3, reason: expect.stringMatching(/at|followers/) }] });
    const stored = await runtime.store.query<{ n: string }>('SELECT count() AS n FROM account_snapshot_rejects');
    expect(Number(stored[0]!.n)).toBe(1);
  });

  it('judges the accounts: overview, drill-down, unit scope', async () => {
    const now = Date.now();
    // 江城发布 posts today; 青山发布 posted 20 days ago; 青山县政府 never. A citizen's comment to 江城发布 is never answered.
    const posts = [
      { id: 'p1', platform: 'weibo', kind: 'post', text: '江城市政府常务会议召开', time: now - 3_600_000, author: { id: 'jc-gov', name: '江城发布', official: true, followers: 200_000 }, metrics: { likes: 20 } },
      { id: 'p2', platform: 'weibo', kind: 'post', text: '青山县春耕生产有序推进', time: now - 20 * DAY, author: { id: 'qs-gov', name: '青山发布', official: true }, metrics: { likes: 3 } },
      { id: 'c1', platform: 'weibo', kind: 'comment', text: '请问江城大道什么时候完工', time: now - 3 * DAY, parent_id: 'p1', root_id: 'p1', author: { id: 'citizen-1', name: '市民' } },
    ];
    expect((await postMentions(url, posts)).status).toBe(202);
    await waitFor(async () => Number((await runtime.store.query<{ n: string }>("SELECT count() AS n FROM mentions WHERE id IN ('p1','p2','c1')"))[0]!.n) === 3);
    await runtime.workflow.jobs.tick();

    const o = (await admin.get('/api/v1/governance')).body as GovernanceOverview;
    expect(o.calendar_years).toContain(2026);
    const row = (name: string) => o.accounts.find((a) => a.account.name === name)!;
    const status = (name: string, check: string) => row(name).results.find((r) => r.check === check)!.status;
    expect(status('青山发布', 'cadence')).toBe('fail');
    expect(status('青山县政府', 'cadence')).toBe('fail');
    expect(status('青山发布', 'duplicate')).toBe('fail');
    expect(status('江城发布', 'duplicate')).toBe('pass');
    expect(status('青山发布', 'fake_followers')).toBe('warn');
    expect(row('江城发布').trend).toHaveLength(8);
    expect(o.units.map((u) => u.unit_name)).toEqual(['江城市人民政府', '江城市青山县人民政府']);

    const id = row('江城发布').account.id;
    const detail = (await admin.get(`/api/v1/governance/accounts/${id}`)).body;
    expect(detail.account).toMatchObject({ name: '江城发布', filing: { number: '鄂网备2026001' } });
    const interaction = detail.results.find((r: { check: string }) => r.check === 'interaction');
    expect(interaction.evidence.unanswered).toEqual([expect.objectContaining({ id: 'weibo:c1', text: '请问江城大道什么时候完工' })]);

    // A county user sees the county's accounts only.
    const county = await userWithRoles(url, admin, 'qs-viewer', ['viewer'], countyId);
    const scoped = (await county.get('/api/v1/governance')).body as GovernanceOverview;
    expect(scoped.accounts.map((a) => a.account.name).sort()).toEqual(['青山发布', '青山县政府'].sort());
    expect((await county.get(`/api/v1/governance/accounts/${id}`)).status).toBe(404);
    expect((await county.get(`/api/v1/governance/report?unit=${cityId}`)).status).toBe(404);
  });

  it('builds the monthly report as JSON and CSV', async () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(Date.now()).slice(0, 7);
    const r = (await admin.get(`/api/v1/governance/report?unit=${cityId}&month=${month}`)).body as GovernanceReport;
    expect(r.summary.accounts).toBe(3);
    const county = r.units.find((u) => u.unit_id === countyId)!;
    expect(county.accounts.map((a) => a.recommendation).sort()).toEqual(['close', 'merge'].sort());
    const c = await admin.get(`/api/v1/governance/report.csv?unit=${cityId}&month=${month}`);
    expect(c.status).toBe(200);
    expect(c.body as string).toContain('青山县政府');
    expect((await admin.get(`/api/v1/governance/report?unit=${cityId}&month=2026-13`)).status).toBe(400);
  });

  it('keeps thresholds editable by admins only, validated', async () => {
    const cfg = (await admin.get('/api/v1/governance/config')).body;
    expect(cfg.thresholds.cadence.fail_silent_days).toBe(14);
    const bad = await admin.put('/api/v1/governance/config', { expected_version: cfg.version, thresholds: { ...cfg.thresholds, cadence: { ...cfg.thresholds.cadence, warn_silent_days: 20 } } });
    expect(bad.status).toBe(400);
    const ok = await admin.put('/api/v1/governance/config', { expected_version: cfg.version, thresholds: { ...cfg.thresholds, cadence: { ...cfg.thresholds.cadence, fail_silent_days: 30 } } });
    expect(ok.status).toBe(200);
    const o = (await admin.get('/api/v1/governance')).body as GovernanceOverview;
    expect(o.accounts.find((a) => a.account.name === '青山发布')!.results[0]!.status).toBe('warn');
    // Back to the defaults for the reminder below.
    expect((await admin.put('/api/v1/governance/config', { expected_version: ok.body.version, thresholds: cfg.defaults })).status).toBe(200);
  });

  it('sends a cadence reminder once through the channels, addressed to the owning unit', async () => {
    const ch = await admin.post('/api/v1/channels', { name: 'gov hook', kind: 'webhook', url: hookUrl, min_severity: 'low', enabled: true });
    expect(ch.status, JSON.stringify(ch.body)).toBe(201);
    // 青山发布's last post 13 days and 12 hours ago: the 14-day limit falls within the day.
    const last = Date.now() - 13.5 * DAY;
    expect((await postMentions(url, [{ id: 'p3', platform: 'weibo', kind: 'post', text: '青山县召开安全生产会议', time: last, author: { id: 'qs-gov', name: '青山发布', official: true } }])).status).toBe(202);
    await waitFor(async () => Number((await runtime.store.query<{ n: string }>("SELECT count() AS n FROM mentions WHERE id = 'p3'"))[0]!.n) === 1);
    const first = await runtime.governance.remind();
    expect(first.sent.map((s) => s.account_name)).toContain('青山发布');
    expect((await runtime.governance.remind()).sent.filter((s) => s.account_name === '青山发布')).toHaveLength(0);
    await waitFor(async () => received.some((m) => JSON.stringify(m).includes('青山发布') && JSON.stringify(m).includes('江城市青山县人民政府')), 15_000);
  });
});

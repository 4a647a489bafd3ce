import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@fenghuo/shared';
import { createApp, ROUTES, type Runtime } from '@fenghuo/dashboard';
import { signIn, signInAdmin, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD, userWithRoles, type ApiClient } from './support/api-client';
import { mention, postMentions, startTestRuntime, tempDir, waitFor } from './support/runtime';

/**
 * Who may call what, decided here by hand (not read from the server's table):
 * every route the server has must be listed, so a new route needs a decision.
 * "all" = every role; "signed-in" = any user.
 */
const EXPECTED: Record<string, string> = {
  'POST /api/v1/session': 'public',
  'GET /api/v1/session': 'signed-in',
  'DELETE /api/v1/session': 'signed-in',
  'POST /api/v1/session/password': 'signed-in',
  'POST /api/v1/mentions': 'ingest',
  'GET /api/v1/stats': 'public',
  'GET /api/v1/openapi.json': 'public',
  'GET /api/v1/events': 'all',
  'GET /api/v1/events/:id': 'all',
  'GET /api/v1/events/:id/similar': 'all',
  'GET /api/v1/alerts/stream': 'all',
  'GET /api/v1/alerts': 'all',
  'GET /api/v1/alerts/:id': 'all',
  'POST /api/v1/alerts/:id/ack': 'analyst responder',
  'GET /api/v1/keywords/trending': 'all',
  'GET /api/v1/live': 'all',
  'GET /api/v1/series': 'all',
  'GET /api/v1/rules': 'analyst',
  'POST /api/v1/rules': 'analyst',
  'GET /api/v1/rules/:id': 'analyst',
  'PUT /api/v1/rules/:id': 'analyst',
  'DELETE /api/v1/rules/:id': 'analyst',
  'GET /api/v1/channels': 'admin',
  'POST /api/v1/channels': 'admin',
  'GET /api/v1/channels/:id': 'admin',
  'PUT /api/v1/channels/:id': 'admin',
  'DELETE /api/v1/channels/:id': 'admin',
  'POST /api/v1/channels/:id/test': 'admin',
  'GET /api/v1/kb/export': 'analyst',
  'POST /api/v1/kb/import': 'analyst',
  'GET /api/v1/kb': 'analyst responder reviewer',
  'POST /api/v1/kb': 'analyst',
  'GET /api/v1/kb/:id': 'analyst responder reviewer',
  'PUT /api/v1/kb/:id': 'analyst',
  'DELETE /api/v1/kb/:id': 'analyst',
  'GET /api/v1/incidents': 'all',
  'POST /api/v1/incidents': 'responder',
  'POST /api/v1/incidents/from-alert/:id': 'responder',
  'GET /api/v1/incidents/:id': 'all',
  'PATCH /api/v1/incidents/:id': 'responder',
  'POST /api/v1/incidents/:id/ack': 'responder',
  'POST /api/v1/incidents/:id/actions': 'responder',
  'GET /api/v1/incidents/:id/history': 'all',
  'GET /api/v1/incidents/:id/suggestions': 'responder reviewer',
  'GET /api/v1/response/stats': 'all',
  'GET /api/v1/settings/clock-policies': 'all',
  'PUT /api/v1/settings/clock-policies': 'admin',
  'GET /api/v1/settings/review-policy': 'all',
  'PUT /api/v1/settings/review-policy': 'admin',
  'GET /api/v1/settings/wording': 'responder reviewer admin',
  'PUT /api/v1/settings/wording': 'admin',
  'GET /api/v1/templates': 'responder reviewer',
  'POST /api/v1/checks': 'responder reviewer',
  'GET /api/v1/drafts': 'responder reviewer',
  'POST /api/v1/drafts': 'responder',
  'GET /api/v1/drafts/:id': 'responder reviewer',
  'PUT /api/v1/drafts/:id': 'responder',
  'GET /api/v1/drafts/:id/history': 'responder reviewer',
  'GET /api/v1/drafts/:id/diff': 'responder reviewer',
  'POST /api/v1/drafts/:id/submit': 'responder',
  'POST /api/v1/drafts/:id/review': 'reviewer',
  'POST /api/v1/drafts/:id/publish': 'responder',
  'GET /api/v1/qa': 'analyst responder reviewer',
  'POST /api/v1/qa': 'responder',
  'GET /api/v1/qa/export': 'analyst responder reviewer',
  'POST /api/v1/qa/import': 'responder',
  'GET /api/v1/qa/:id': 'analyst responder reviewer',
  'PUT /api/v1/qa/:id': 'responder',
  'DELETE /api/v1/qa/:id': 'responder',
  'GET /api/v1/replies': 'responder reviewer',
  'GET /api/v1/replies/stats': 'all',
  'GET /api/v1/replies/:id': 'responder reviewer',
  'POST /api/v1/replies/:id/answer': 'responder',
  'POST /api/v1/replies/:id/close': 'responder',
  'GET /api/v1/brief': 'all',
  'GET /api/v1/brief.pdf': 'all',
  'GET /api/v1/briefs': 'all',
  'GET /api/v1/briefs/:date.pdf': 'all',
  'GET /api/v1/units': 'all',
  'POST /api/v1/units': 'admin',
  'PUT /api/v1/units/:id': 'admin',
  'GET /api/v1/people': 'responder reviewer',
  'GET /api/v1/users': 'admin',
  'POST /api/v1/users': 'admin',
  'PATCH /api/v1/users/:id': 'admin',
  'POST /api/v1/users/:id/password': 'admin',
  'GET /api/v1/accounts': 'all',
  'GET /api/v1/accounts/export': 'all',
  'POST /api/v1/accounts/import': 'admin',
  'POST /api/v1/accounts/snapshots': 'ingest',
  'GET /api/v1/playbooks': 'all',
  'GET /api/v1/playbooks/:id': 'all',
  'PUT /api/v1/playbooks/:id': 'admin',
  'GET /api/v1/incidents/:id/checklist': 'all',
  'POST /api/v1/incidents/:id/checklist/:key/done': 'responder',
  'POST /api/v1/incidents/:id/checklist/:key/skip': 'responder',
  'GET /api/v1/governance': 'all',
  'GET /api/v1/governance/accounts/:id': 'all',
  'GET /api/v1/governance/report': 'all',
  'GET /api/v1/governance/report.csv': 'all',
  'GET /api/v1/governance/report.pdf': 'all',
  'GET /api/v1/governance/config': 'all',
  'PUT /api/v1/governance/config': 'admin',
  'POST /api/v1/accounts': 'admin',
  'PUT /api/v1/accounts/:id': 'admin',
  'DELETE /api/v1/accounts/:id': 'admin',
  'GET /api/v1/tokens': 'admin',
  'POST /api/v1/tokens': 'admin',
  'DELETE /api/v1/tokens/:id': 'admin',
  'GET /api/v1/incidents/:id/escalations': 'all',
  'GET /api/v1/duty/now': 'all',
  'GET /api/v1/duty/rosters': 'responder admin',
  'GET /api/v1/duty/rosters/:unit': 'responder admin',
  'PUT /api/v1/duty/rosters/:unit': 'admin',
  'POST /api/v1/duty/rosters/:unit/import': 'admin',
  'GET /api/v1/duty/rosters/:unit/export': 'responder admin',
  'GET /api/v1/duty/settings': 'all',
  'PUT /api/v1/duty/settings': 'admin',
  'GET /api/v1/duty/report': 'all',
  'GET /api/v1/duty/escalations/:kind/:id': 'all',
  'POST /api/v1/duty/escalations/:kind/:id/ack': 'analyst responder',
  'GET /api/v1/duty/ack/:token': 'public',
  'POST /api/v1/duty/ack/:token': 'public',
  'GET /api/v1/consultations': 'all',
  'POST /api/v1/consultations': 'analyst responder',
  'GET /api/v1/consultations/:id': 'all',
  'PUT /api/v1/consultations/:id': 'analyst responder',
  'GET /api/v1/consultations/:id/analysis': 'all',
  'PUT /api/v1/consultations/:id/feedback': 'analyst responder',
  'POST /api/v1/consultations/:id/publish-feedback': 'responder',
  'GET /api/v1/consultations/:id/report.pdf': 'all',
  'GET /api/v1/audit': 'admin',
  'GET /api/v1/audit/export': 'admin',
};

function allowed(expected: string, role: Role): boolean {
  return expected === 'all' || expected === 'signed-in' || expected.split(' ').includes(role);
}

describe('users, sessions and permissions over HTTP', () => {
  let runtime: Runtime;
  let url: string;
  let admin: ApiClient;
  const byRole = {} as Record<Role, ApiClient>;

  beforeAll(async () => {
    runtime = await startTestRuntime();
    url = runtime.url!;
    admin = await signInAdmin(url);
    for (const role of ROLES) byRole[role] = await userWithRoles(url, admin, `user-${role}`, [role]);
  }, 120_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  it('the permission table covers every route, and each role × route is allowed or refused with 403 as decided', async () => {
    const served = ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(served).toEqual(Object.keys(EXPECTED).sort());
    const mismatches: string[] = [];
    for (const r of ROUTES) {
      const key = `${r.method} ${r.path}`;
      const expected = EXPECTED[key]!;
      if (expected === 'public' || expected === 'ingest') continue;
      if (key === 'DELETE /api/v1/session') continue; // signs out: below
      const p = r.path.replace(/:id/g, 'no-such-id');
      for (const role of ROLES) {
        const client = byRole[role];
        let status: number;
        if (r.produces === 'text/event-stream') {
          const abort = new AbortController();
          const res = await fetch(`${url}${p}`, { headers: { cookie: client.cookie }, signal: abort.signal });
          status = res.status;
          abort.abort();
        } else status = (await client.request(r.method, p, r.method === 'GET' ? undefined : {})).status;
        const ok = allowed(expected, role);
        if (ok ? status === 403 || status === 401 : status !== 403) mismatches.push(`${role} ${key}: ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Signing out works for every role, and the cookie is dead afterwards.
    for (const role of ROLES) {
      const c = await signIn(url, `user-${role}`, TEST_USER_PASSWORD);
      expect((await c.delete('/api/v1/session')).status).toBe(204);
      expect((await c.get('/api/v1/session')).status).toBe(401);
    }
  }, 240_000);

  it('without a session every non-public route answers 401', async () => {
    for (const r of ROUTES) {
      if (r.access === 'public' || r.access === 'ingest' || r.produces === 'text/event-stream') continue;
      const res = await fetch(`${url}${r.path.replace(/:id/g, 'x')}`, { method: r.method, headers: { 'content-type': 'application/json' }, ...(r.method === 'GET' ? {} : { body: '{}' }) });
      expect([r.path, res.status]).toEqual([r.path, 401]);
    }
    expect((await fetch(`${url}/api/v1/stats`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // Closed by default: a path the permission table does not list is not served, signed in or not.
    expect((await fetch(`${url}/api/v1/not-a-route`)).status).toBe(404);
    expect((await admin.get('/api/v1/not-a-route')).status).toBe(404);
    expect((await admin.request('PATCH', '/api/v1/units')).status).toBe(404);
  });

  it('sets an httpOnly, SameSite=Lax session cookie, Secure behind TLS; refuses changes without the CSRF token or from another origin', async () => {
    const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }) });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^fenghuo_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const body = (await res.json()) as { csrf_token: string };
    expect(body).toMatchObject({ user: { username: 'admin', roles: ['admin'] }, csrf_token: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/password_hash|scrypt|failed_logins/);

    const session = cookie.split(';')[0]!;
    const post = (headers: Record<string, string>) => fetch(`${url}/api/v1/units`, { method: 'POST', headers: { cookie: session, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ name: '测试单位', kind: 'department', parent_id: admin.user.unit_id }) });
    expect((await post({})).status).toBe(403);
    expect((await post({ 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': body.csrf_token, origin: 'https://evil.example' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': body.csrf_token, origin: url })).status).toBe(201);

    // The same server behind a TLS-terminating proxy (trust proxy: loopback).
    const app = createApp({ store: runtime.store, bus: runtime.bus, registry: runtime.registry, logger: runtime.logger, workflow: runtime.workflow, trustProxy: 'loopback' });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const behind = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }) });
      expect(behind.headers.get('set-cookie')).toMatch(/; Secure/);
    } finally {
      server.close();
    }
  });

  it('locks an account after five wrong passwords (423) and rate-limits sign-ins per address (429); every attempt is audited', async () => {
    await userWithRoles(url, admin, 'locked-user', ['viewer']);
    const attempt = (username: string, password: string) => fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('locked-user', 'Wrong-Pass-999')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
    expect((await attempt('locked-user', TEST_USER_PASSWORD)).status).toBe(423);
    // Ten attempts a minute from one address, then 429 whatever the account.
    const more: number[] = [];
    for (let i = 0; i < 5; i++) more.push((await attempt('nobody', 'x')).status);
    expect(more).toContain(429);
    const audit = await admin.get('/api/v1/audit?action=session.login_failed&limit=50');
    expect(audit.body.entries.length).toBeGreaterThanOrEqual(6);
    expect(audit.body.entries[0]).toMatchObject({ object_type: 'session', ip: expect.any(String) });
  });

  it('admins create and revoke ingest tokens per source; a revoked token stops working', async () => {
    const created = await admin.post('/api/v1/tokens', { source: 'crawler', name: '采集程序' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    expect(token).toMatch(/^fh_/);
    expect(JSON.stringify((await admin.get('/api/v1/tokens')).body)).not.toContain(token);
    await waitFor(async () => (await postMentions(url, [mention('tok-1')], { token })).status === 202 || undefined, 10_000);
    expect((await admin.delete(`/api/v1/tokens/${created.body.id}`)).body.revoked_at).toEqual(expect.any(Number));
    await waitFor(async () => (await postMentions(url, [mention('tok-2')], { token })).status === 401 || undefined, 10_000);
    const audit = await admin.get('/api/v1/audit?object_type=ingest_token');
    expect(audit.body.entries.map((e: { action: string }) => e.action).sort()).toEqual(['token.create', 'token.revoke']);
    expect(JSON.stringify(audit.body)).not.toContain(token);
  });

  it('serves an OpenAPI 3.1 document with every route, its roles and its request schema', async () => {
    const doc = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as any;
    expect(doc.openapi).toBe('3.1.0');
    for (const r of ROUTES) {
      const op = doc.paths[r.path.replace(/:([a-z_]+)/g, '{$1}')]?.[r.method.toLowerCase()];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.responses['200']).toBeDefined();
    }
    const createIncident = doc.paths['/api/v1/incidents'].post;
    expect(createIncident['x-roles']).toEqual(['responder']);
    expect(createIncident.requestBody.content['application/json'].schema.properties.severity.enum).toContain('major');
  });

  it('a responder imports the Q&A library from CSV (bad rows reported by line), searches it with jieba tokens and exports it', async () => {
    const responder = byRole.responder;
    const csv = '\ufeff问题,答案,分类,标签,单位,生效日期,失效日期\r\n' +
      '社会保障卡遗失如何补办？,携带身份证到社保网点办理挂失补办。,社保,社保卡;补办,,2026-01-01,\r\n' +
      '"住房公积金怎么提取?","符合条件的，可通过""公积金""APP申请提取。",公积金,公积金,,,\r\n' +
      ',没有问题的答案,其他,,,,\r\n';
    const imported = await responder.request('POST', '/api/v1/qa/import', csv, { 'content-type': 'text/csv' });
    expect(imported.status).toBe(200);
    expect(imported.body.imported).toBe(2);
    expect(imported.body.errors).toEqual([expect.objectContaining({ line: 4 })]);
    const hits = await responder.get(`/api/v1/qa?q=${encodeURIComponent('社保卡丢了怎么办')}`);
    expect(hits.body.hits[0].entry.question).toBe('社会保障卡遗失如何补办？');
    const exported = await byRole.analyst.get('/api/v1/qa/export');
    expect(exported.headers.get('content-type')).toMatch(/text\/csv/);
    expect(exported.body).toContain('"符合条件的，可通过""公积金""APP申请提取。"');
    expect((await byRole.viewer.get('/api/v1/qa/export')).status).toBe(403);
  });

  it('admins change settings at the version they saw (a stale change gets 409), audited', async () => {
    const current = (await admin.get('/api/v1/settings/review-policy')).body;
    expect(current.policy.rules).toContainEqual({ severity: 'major', levels: 3 });
    const policy = { default_levels: 2, rules: [{ unit_id: admin.user.unit_id, severity: 'general', levels: 3 }] };
    const saved = await admin.put('/api/v1/settings/review-policy', { expected_version: current.version, policy });
    expect(saved.body).toMatchObject({ policy, version: current.version + 1 });
    const stale = await admin.put('/api/v1/settings/review-policy', { expected_version: current.version, policy: { default_levels: 1, rules: [] } });
    expect(stale).toMatchObject({ status: 409, body: { current_version: current.version + 1 } });
    expect((await admin.put('/api/v1/settings/clock-policies', { expected_version: 0, policies: { major: { warnAt: 3 } } })).status).toBe(400);
    const audit = await admin.get('/api/v1/audit?object_type=settings');
    expect(audit.body.entries[0]).toMatchObject({ action: 'settings.review_policy', after: policy });
  });

  it('exports the audit log as CSV and records the export', async () => {
    const before = (await admin.get('/api/v1/audit?action=audit.export')).body.entries.length as number;
    const csv = await admin.get('/api/v1/audit/export');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.body).toMatch(/^\ufeff?at,actor,actor_name,action/);
    expect(csv.body).toContain('user.create');
    const after = await admin.get('/api/v1/audit?action=audit.export');
    expect(after.body.entries).toHaveLength(before + 1);
  });
});

describe('first start', () => {
  it('creates an admin with a generated password, stored in the data dir and shown once', async () => {
    const dataDir = tempDir();
    const first = await startTestRuntime({ FENGHUO_DATA_DIR: dataDir, FENGHUO_ADMIN_PASSWORD: '' });
    let password: string;
    try {
      expect(first.adminPassword).toBeDefined();
      password = first.adminPassword!.password;
      const file = path.join(dataDir, 'admin-password');
      expect(fs.readFileSync(file, 'utf8').trim()).toBe(password);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const admin = await signIn(first.url!, 'admin', password);
      expect(admin.user.roles).toEqual(['admin']);
    } finally {
      await first.stop();
    }
    const second = await startTestRuntime({ FENGHUO_DATA_DIR: dataDir, FENGHUO_ADMIN_PASSWORD: '' });
    try {
      expect(second.adminPassword).toBeUndefined();
      await signIn(second.url!, 'admin', password);
    } finally {
      await second.stop();
    }
  });
});

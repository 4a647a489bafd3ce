import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@fenghuo/shared';
import { consultation as consultationDemo } from '@fenghuo/analytics';
import { createApp, createLogger, ROUTES, startRuntime, type Runtime } from '@fenghuo/dashboard';
import { prepareWebApp } from '../dashboard/server/web/serve-app';
import { signIn, signInAdmin, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD, userWithRoles, type ApiClient } from './support/api-client';
import { appOf, fillPath, servedRoutes, splitRoute, STATE_CHANGING } from './support/route-table';
import { mention, postMentions, tempDir, TEST_TOKEN, testConfig } from './support/runtime';

/**
 * Access control, with every case generated from the routes the express app
 * really serves (its router stack), so a route added tomorrow is covered
 * without touching this file, or fails it until someone decides who may use
 * it. One runtime (chdb, HTTP, the ingest worker), real sessions.
 */

/**
 * Who may call what, decided here by hand (not read from the server's table):
 * every route the server serves must be listed, so a new route needs a decision.
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

/** Served outside /api and open to anyone, each for a reason. */
const PUBLIC_OUTSIDE_API: Record<string, string> = {
  'GET /healthz': 'load balancers and monitors',
  'GET /metrics': 'Prometheus (counts only; no user data)',
  'GET /governance/report.pdf': 'a redirect to the API route, which checks the session',
  'GET /consultations/:id/report.pdf': 'a redirect to the API route, which checks the session',
};

function allowed(expected: string, role: Role): boolean {
  return expected === 'all' || expected === 'signed-in' || expected.split(' ').includes(role);
}

const SSE = new Set(ROUTES.filter((r) => r.produces === 'text/event-stream').map((r) => `${r.method} ${r.path}`));

/** Everything the runtime logs, at every level, for the secrets test. */
const logLines: string[] = [];
const logSink = new Writable({
  write(chunk: Buffer, _enc, done) {
    logLines.push(chunk.toString('utf8'));
    done();
  },
});

/** Values that must never reach a log line: passwords, tokens, cookies. */
const secrets = new Set<string>([TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD, TEST_TOKEN]);

describe('access control, generated from the served routes', () => {
  let runtime: Runtime;
  let url: string;
  let served: string[];
  let admin: ApiClient;
  /** One user per role, in the top unit. */
  const byRole = {} as Record<Role, ApiClient>;
  /** Status and headers of a raw request (no client defaults). */
  const raw = async (method: string, p: string, headers: Record<string, string> = {}, body?: string) => {
    const abort = new AbortController();
    const res = await fetch(`${url}${p}`, { method, headers, signal: abort.signal, ...(body !== undefined ? { body } : {}) });
    // Event streams never end: the status and headers are all we need.
    if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) abort.abort();
    else await res.arrayBuffer();
    return res;
  };
  const request = async (client: ApiClient, key: string, values: Record<string, string> = {}, headers: Record<string, string> = {}) => {
    const { method, path: p } = splitRoute(key);
    const filled = fillPath(p, values);
    if (SSE.has(key)) return (await raw('GET', filled, { cookie: client.cookie, ...headers })).status;
    return (await client.request(method, filled, method === 'GET' ? undefined : {}, headers)).status;
  };

  beforeAll(async () => {
    const logger = createLogger({ logLevel: 'trace' }, logSink);
    runtime = await startRuntime(testConfig({ FENGHUO_DASHBOARD: 'off' }), { roles: { api: true, worker: true }, holder: 'test', logger });
    url = runtime.url!;
    served = servedRoutes(appOf(runtime.server!));
    admin = await signInAdmin(url);
    for (const role of ROLES) byRole[role] = await userWithRoles(url, admin, `ac-${role}`, [role]);
    for (const c of [admin, ...Object.values(byRole)]) {
      secrets.add(c.cookie.split('=')[1]!);
      secrets.add(c.csrf);
    }
  }, 120_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  it('the routes the app serves are exactly the permission table, and every one has a decision here', () => {
    const api = served.filter((k) => splitRoute(k).path.startsWith('/api/'));
    expect(api.length).toBeGreaterThan(100);
    expect(api).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(api).toEqual(Object.keys(EXPECTED).sort());
    expect(served.filter((k) => !splitRoute(k).path.startsWith('/api/'))).toEqual(Object.keys(PUBLIC_OUTSIDE_API).sort());
    // The table's own public and ingest entries are the ones decided here.
    const decided = (what: string) => Object.keys(EXPECTED).filter((k) => EXPECTED[k] === what).sort();
    expect(ROUTES.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`).sort()).toEqual(decided('public'));
    expect(ROUTES.filter((r) => r.access === 'ingest').map((r) => `${r.method} ${r.path}`).sort()).toEqual(decided('ingest'));
  });

  it('every non-public route answers 401 without a session, with a forged cookie and with an ingest token; ingest routes refuse a session', async () => {
    const wrong: string[] = [];
    const credentials: Record<string, Record<string, string>> = {
      none: {},
      'forged cookie': { cookie: 'fenghuo_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      'ingest token': { authorization: `Bearer ${TEST_TOKEN}` },
    };
    let cases = 0;
    for (const key of served) {
      const { method, path: p } = splitRoute(key);
      if (!p.startsWith('/api/') || EXPECTED[key] === 'public') continue;
      for (const [name, headers] of Object.entries(credentials)) {
        if (EXPECTED[key] === 'ingest' && name === 'ingest token') continue;
        const body = method === 'GET' ? undefined : '[]';
        const res = await raw(method, fillPath(p), { 'content-type': 'application/json', ...headers }, body);
        cases++;
        if (res.status !== 401) wrong.push(`${name}: ${key} → ${res.status}`);
      }
      if (EXPECTED[key] === 'ingest') {
        const res = await raw(method, fillPath(p), { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf }, '[]');
        cases++;
        if (res.status !== 401) wrong.push(`admin session on ${key} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cases).toBeGreaterThan(300);
    // Closed by default: a path the permission table does not list is not served, signed in or not.
    expect((await raw('GET', '/api/v1/not-a-route')).status).toBe(404);
    expect((await admin.get('/api/v1/not-a-route')).status).toBe(404);
    expect((await admin.request('PATCH', '/api/v1/units')).status).toBe(404);
    // The public ones answer without a session.
    expect((await raw('GET', '/api/v1/stats')).status).toBe(200);
    expect((await raw('GET', '/api/v1/openapi.json')).status).toBe(200);
    expect((await raw('GET', '/healthz')).status).toBe(200);
    expect((await raw('GET', '/api/v1/duty/ack/not.valid')).status).toBe(404);
  });

  it('each role × each served route is allowed or refused with 403 as decided', async () => {
    const mismatches: string[] = [];
    let cases = 0;
    for (const key of served) {
      const expected = EXPECTED[key];
      if (!expected || expected === 'public' || expected === 'ingest' || !splitRoute(key).path.startsWith('/api/')) continue;
      if (key === 'DELETE /api/v1/session' || key === 'POST /api/v1/session/password') continue; // end the session: below
      for (const role of ROLES) {
        const status = await request(byRole[role], key);
        cases++;
        const ok = allowed(expected, role);
        if (ok ? status === 403 || status === 401 : status !== 403) mismatches.push(`${role} ${key}: ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(cases).toBeGreaterThan(500);
    // Signing out and changing one's password work for every role.
    for (const role of ROLES) {
      const c = await signIn(url, `ac-${role}`, TEST_USER_PASSWORD);
      expect((await c.post('/api/v1/session/password', { old_password: 'not-it', password: 'Another-Pass-2026!' })).status).toBe(400);
      expect((await c.delete('/api/v1/session')).status).toBe(204);
      expect((await c.get('/api/v1/session')).status).toBe(401);
    }
  }, 300_000);

  it('every state-changing route needs the session’s CSRF token and a same-origin browser; public ones refuse other origins too', async () => {
    // Every role at once, so no refusal below can come from the permission check.
    const everyone = await userWithRoles(url, admin, 'ac-everyone', [...ROLES]);
    const wrong: string[] = [];
    let cases = 0;
    for (const key of served) {
      const { method, path: p } = splitRoute(key);
      if (!STATE_CHANGING.has(method) || !p.startsWith('/api/') || EXPECTED[key] === 'ingest') continue;
      if (EXPECTED[key] !== 'public') {
        for (const csrf of ['', 'wrong-token', admin.csrf]) {
          const r = await everyone.request(method, fillPath(p), {}, { 'x-csrf-token': csrf });
          cases++;
          if (r.status !== 403 || !/csrf/i.test(String(r.body?.error))) wrong.push(`csrf "${csrf.slice(0, 5)}": ${key} → ${r.status}`);
        }
      }
      for (const origin of ['https://evil.example', `${url}.evil.example`]) {
        const r = await everyone.request(method, fillPath(p), {}, { origin });
        cases++;
        if (r.status !== 403 || !/cross-origin/.test(String(r.body?.error))) wrong.push(`origin ${origin}: ${key} → ${r.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cases).toBeGreaterThan(200);
    // The same request with the token from this origin goes through.
    expect((await everyone.request('PUT', '/api/v1/settings/wording', { expected_version: 0, wording: { forbidden: [], sensitive: [], term_mistakes: [] } }, { origin: url })).status).toBe(200);
    // A sign-in from another site's form is refused (login CSRF), from this origin it works.
    const login = (origin: string) => raw('POST', '/api/v1/session', { 'content-type': 'application/json', origin }, JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }));
    expect((await login('https://evil.example')).status).toBe(403);
    expect((await login(url)).status).toBe(200);
  }, 120_000);

  it('sets an httpOnly, SameSite=Lax session cookie, Secure behind TLS', async () => {
    const res = await raw('POST', '/api/v1/session', { 'content-type': 'application/json' }, JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }));
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^fenghuo_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    // The same server behind a TLS-terminating proxy (trust proxy: loopback).
    const app = createApp({ store: runtime.store, bus: runtime.bus, registry: runtime.registry, logger: runtime.logger, workflow: runtime.workflow, trustProxy: 'loopback' });
    const server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const behind = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }) });
      expect(behind.headers.get('set-cookie')).toMatch(/; Secure/);
      expect(behind.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    } finally {
      server.close();
    }
  });

  it('session fixation: a sign-in never keeps the session the browser brought, and ends it; sign-out, a password change and disabling kill the old cookie', async () => {
    await userWithRoles(url, admin, 'ac-victim', ['responder']);
    const login = async (cookie?: string) => {
      const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ username: 'ac-victim', password: TEST_USER_PASSWORD }) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { csrf_token: string };
      return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrf: body.csrf_token };
    };
    const whoAmI = async (cookie: string) => {
      const res = await fetch(`${url}/api/v1/session`, { headers: { cookie } });
      return res.status === 200 ? ((await res.json()) as { user: { username: string } }).user.username : res.status;
    };
    // A cookie value planted before sign-in (made up, or the attacker's own live session) is not what the sign-in sets.
    const planted = 'fenghuo_session=planted-by-someone-else-0123456789abcdefghijklmnop';
    const first = await login(planted);
    expect(first.cookie).not.toBe(planted);
    expect(await whoAmI(planted)).toBe(401);
    const attacker = await signIn(url, 'ac-viewer', TEST_USER_PASSWORD);
    const victim = await login(attacker.cookie);
    expect(victim.cookie).not.toBe(attacker.cookie);
    expect(await whoAmI(victim.cookie)).toBe('ac-victim');
    expect(await whoAmI(attacker.cookie)).toBe(401);

    // Sign-out: the cookie is cleared and dead, for reading and for changing.
    const out = await fetch(`${url}/api/v1/session`, { method: 'DELETE', headers: { cookie: victim.cookie, 'x-csrf-token': victim.csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^fenghuo_session=; .*Max-Age=0/);
    expect(await whoAmI(victim.cookie)).toBe(401);
    const after = await fetch(`${url}/api/v1/incidents`, { method: 'POST', headers: { cookie: victim.cookie, 'x-csrf-token': victim.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ title: '登出后', severity: 'general' }) });
    expect(after.status).toBe(401);

    // A password change ends the user's other sessions; an admin disabling a user ends all of them.
    const a = await login();
    const b = await login();
    secrets.add(TEST_USER_PASSWORD.replace('User', 'Usr2'));
    const changed = await fetch(`${url}/api/v1/session/password`, { method: 'POST', headers: { cookie: a.cookie, 'x-csrf-token': a.csrf, 'content-type': 'application/json' }, body: JSON.stringify({ old_password: TEST_USER_PASSWORD, password: TEST_USER_PASSWORD.replace('User', 'Usr2') }) });
    expect(changed.status).toBe(200);
    const renewed = (changed.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(renewed).not.toBe(a.cookie);
    expect(await whoAmI(a.cookie)).toBe(401);
    expect(await whoAmI(b.cookie)).toBe(401);
    expect(await whoAmI(renewed)).toBe('ac-victim');
    const id = (await admin.get('/api/v1/users')).body.users.find((u: { username: string }) => u.username === 'ac-victim').id as string;
    expect((await admin.patch(`/api/v1/users/${id}`, { disabled: true })).status).toBe(200);
    expect(await whoAmI(renewed)).toBe(401);
  });

  it('ingest tokens: scoped to ingest, effective at once when created, dead at once when revoked, never shown again or logged', async () => {
    const created = await admin.post('/api/v1/tokens', { source: 'crawler', name: '采集程序' });
    expect(created.status).toBe(201);
    const token = created.body.token as string;
    secrets.add(token);
    expect(token).toMatch(/^fh_/);
    expect(JSON.stringify((await admin.get('/api/v1/tokens')).body)).not.toContain(token);
    // No waiting: the answer to the creation is the moment it works.
    expect((await postMentions(url, [mention('ac-tok-1')], { token })).status).toBe(202);
    const snapshot = [{ platform: 'weibo', account_id: 'nobody', at: Date.now(), followers: 10 }];
    expect((await fetch(`${url}/api/v1/accounts/snapshots`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(snapshot) })).status).not.toBe(401);
    // Scoped: a valid ingest token opens no other route (checked for every route above; one here by name).
    expect((await raw('GET', '/api/v1/audit', { authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await admin.delete(`/api/v1/tokens/${created.body.id}`)).body.revoked_at).toEqual(expect.any(Number));
    // Revoked: refused on the very next request, on both ingest routes.
    expect((await postMentions(url, [mention('ac-tok-2')], { token })).status).toBe(401);
    expect((await fetch(`${url}/api/v1/accounts/snapshots`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(snapshot) })).status).toBe(401);
    const audit = await admin.get('/api/v1/audit?object_type=ingest_token');
    expect(audit.body.entries.map((e: { action: string }) => e.action).sort()).toEqual(['token.create', 'token.revoke']);
    expect(JSON.stringify(audit.body)).not.toContain(token);
  });

  it('security headers on every API answer (signed in or refused) and on every kind of page', async () => {
    const check = (what: string, h: Headers, problems: string[]) => {
      if (h.get('x-content-type-options') !== 'nosniff') problems.push(`${what}: nosniff`);
      if (h.get('referrer-policy') !== 'same-origin') problems.push(`${what}: referrer-policy`);
      if (!/frame-ancestors '(none|self)'/.test(h.get('content-security-policy') ?? '')) problems.push(`${what}: frame-ancestors`);
      if (!h.get('x-frame-options')) problems.push(`${what}: x-frame-options`);
    };
    const problems: string[] = [];
    for (const key of served) {
      const { method, path: p } = splitRoute(key);
      // Refused (401) and, for reads, answered as the admin: both carry the headers.
      check(`401 ${key}`, (await raw(method, fillPath(p), { 'content-type': 'application/json' }, method === 'GET' ? undefined : '{}')).headers, problems);
      // PDFs: a Chromium each, and their headers are the same middleware's (checked on the 401 above).
      if (method === 'GET' && !SSE.has(key) && !p.endsWith('.pdf')) {
        const r = await admin.request('GET', fillPath(p));
        check(`admin ${key}`, r.headers, problems);
        const type = r.headers.get('content-type') ?? '';
        // JSON, CSV and error answers cannot become a page: no script, no style, no frame.
        if (!/pdf|html/.test(type) && p.startsWith('/api/') && !/^default-src 'none'/.test(r.headers.get('content-security-policy') ?? '')) problems.push(`admin ${key}: strict CSP (${type})`);
        if (p.startsWith('/api/') && !/no-store/.test(r.headers.get('cache-control') ?? '')) problems.push(`admin ${key}: cache-control`);
      }
    }
    expect(problems).toEqual([]);

    const scriptSrc = (h: Headers) => {
      const csp = h.get('content-security-policy') ?? '';
      const directive = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src ([^;]*)/.exec(csp)?.[1] ?? '*';
      return directive;
    };
    // The app's pages (a built app in a temp dir: this test does not need `build-dashboard`).
    const dist = tempDir('fenghuo-dist-');
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.mkdirSync(path.join(dist, 'm'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html><head><title>app</title></head><body><div id="root"></div></body></html>');
    fs.writeFileSync(path.join(dist, 'm', 'index.html'), '<!doctype html><html><head><title>m</title></head><body></body></html>');
    fs.writeFileSync(path.join(dist, 'm', 'sw.js'), 'self.addEventListener("fetch", () => {})');
    const web = await prepareWebApp('static', 'Asia/Shanghai', { dist });
    const withApp = http.createServer(createApp({ store: runtime.store, bus: runtime.bus, registry: runtime.registry, logger: runtime.logger, workflow: runtime.workflow, web }));
    const bare = http.createServer(createApp({ store: runtime.store, bus: runtime.bus, registry: runtime.registry, logger: runtime.logger, workflow: runtime.workflow }));
    for (const s of [withApp, bare]) await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    try {
      const base = (s: http.Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
      for (const page of ['/', '/wall', '/events/e1', '/m', '/m/sw.js']) {
        const res = await fetch(base(withApp) + page);
        expect(res.status, page).toBe(200);
        check(page, res.headers, problems);
        expect(scriptSrc(res.headers), page).toBe("'self'");
      }
      // The plain status page: its one inline script by hash, no other.
      const status = await fetch(`${base(bare)}/`);
      check('status page', status.headers, problems);
      expect(scriptSrc(status.headers)).toMatch(/^'sha256-[A-Za-z0-9+/=]+'$/);
      // The duty acknowledgement page: no script at all.
      const ack = await fetch(`${url}/api/v1/duty/ack/not.valid`);
      expect(ack.headers.get('content-type')).toMatch(/html/);
      expect(scriptSrc(ack.headers)).toBe("'none'");
      check('duty ack page', ack.headers, problems);
    } finally {
      withApp.close();
      bare.close();
      await web.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
    expect(problems).toEqual([]);
  }, 120_000);

  describe('unit scoping', () => {
    let countyA: string;
    let countyB: string;
    /** Every role but admin (a deployment-wide role), in county A / county B. */
    let a: ApiClient;
    let b: ApiClient;
    const ids: Record<string, string> = {};
    const versions: Record<string, number> = {};

    beforeAll(async () => {
      const top = admin.user.unit_id;
      countyA = (await admin.post('/api/v1/units', { name: '甲县人民政府', kind: 'county', parent_id: top })).body.id;
      countyB = (await admin.post('/api/v1/units', { name: '乙县人民政府', kind: 'county', parent_id: top })).body.id;
      const roles: Role[] = ['viewer', 'analyst', 'responder', 'reviewer'];
      a = await userWithRoles(url, admin, 'ac-county-a', roles, countyA);
      b = await userWithRoles(url, admin, 'ac-county-b', roles, countyB);
      const incident = await b.post('/api/v1/incidents', { title: '乙县化工厂爆炸', severity: 'major', type: 'safety_accident', unit_id: countyB, first_mention_at: Date.now() - 3_600_000 });
      expect(incident.status, JSON.stringify(incident.body)).toBe(201);
      ids.incident = incident.body.id;
      versions.incident = incident.body.version;
      const draft = await b.post('/api/v1/drafts', { incident_id: ids.incident, kind: 'situation_report', body: '乙县通报：经核实，现场已得到控制。' });
      expect(draft.status, JSON.stringify(draft.body)).toBe(201);
      ids.draft = draft.body.id;
      versions.draft = draft.body.version;
      const qa = await b.post('/api/v1/qa', { question: '乙县自来水还能喝吗', answer: '经检测，乙县供水水质符合国家标准。', category: '应急', tags: ['供水'] });
      expect(qa.status, JSON.stringify(qa.body)).toBe(201);
      ids.qa = qa.body.id;
      const consult = await b.post('/api/v1/consultations', { ...consultationDemo.demoConsultationInput(Date.now()), unit_id: countyB });
      expect(consult.status, JSON.stringify(consult.body)).toBe(201);
      ids.consultation = consult.body.id;
      versions.consultation = consult.body.version;
      const account = await admin.post('/api/v1/accounts', { platform: 'weibo', account_id: 'yixian-fabu', name: '乙县发布', unit_id: countyB });
      expect(account.status, JSON.stringify(account.body)).toBe(201);
      ids.account = account.body.id;
      // An escalation of B's incident (its first-release clock), paged in B's unit.
      const chain = await runtime.duty.startEscalation({ kind: 'incident_clock', id: 'ac-b-clock', unit_id: countyB, severity: 'critical', title: '乙县首次发布时限预警', link: `/incidents/${ids.incident}`, incident_id: ids.incident });
      expect(chain).toBeDefined();
      ids.escalation = 'ac-b-clock';
    }, 60_000);

    /** Which object a route's :id (or :unit) names, by the route's prefix. */
    const OWNED: [RegExp, string][] = [
      [/^\/api\/v1\/incidents\/:id/, 'incident'],
      [/^\/api\/v1\/drafts\/:id/, 'draft'],
      [/^\/api\/v1\/qa\/:id/, 'qa'],
      [/^\/api\/v1\/consultations\/:id/, 'consultation'],
      [/^\/api\/v1\/governance\/accounts\/:id/, 'account'],
      [/^\/api\/v1\/duty\/rosters\/:unit/, 'unit'],
      [/^\/api\/v1\/duty\/escalations\/:kind\/:id/, 'escalation'],
    ];
    const target = (p: string) => OWNED.find(([re]) => re.test(p))?.[1];
    const valuesFor = (kind: string): Record<string, string> => ({ id: ids[kind] ?? '', unit: countyB, key: 'verify', kind: 'incident_clock' });
    /** A body every such route would accept from the owner, so only the scope check can refuse it. */
    const bodyFor = (kind: string) => ({
      expected_version: versions[kind] ?? 1,
      note: '越权', reason: '越权', title: '越权', body: '越权', decision: 'approve', rows: [], kind: 'statement', at: Date.now(),
      where: '政府网站', question: '越权', answer: '越权', unit_id: countyA, consultation: consultationDemo.demoConsultationInput(Date.now()),
    });

    it('a county user can neither read nor change another county’s incidents, drafts, Q&A, consultations, accounts, rosters or escalations (every such route)', async () => {
      const wrong: string[] = [];
      const covered: string[] = [];
      const theirs = Object.values(ids);
      for (const key of served) {
        const { method, path: p } = splitRoute(key);
        const kind = target(p);
        if (!kind) continue;
        covered.push(key);
        const filled = fillPath(p, valuesFor(kind));
        const r = await a.request(method, filled, method === 'GET' ? undefined : bodyFor(kind));
        const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
        // Refused, or (a read of a list about the object) answered with nothing of theirs.
        const refused = r.status === 404 || r.status === 403;
        const empty = method === 'GET' && r.status === 200 && !theirs.some((x) => text.includes(x));
        if (!refused && !empty) wrong.push(`${key} → ${r.status} ${text.slice(0, 120)}`);
        // The same read by the owner works: the ids are real.
        if (method === 'GET' && !/\.pdf$|\/export$|\/rosters\//.test(p)) {
          const own = await b.request('GET', filled);
          if (own.status !== 200) wrong.push(`owner ${key} → ${own.status}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(covered.length).toBeGreaterThan(30);
    });

    it('no list, report or export of another county shows its objects (every served GET without an id), and asking for its unit gets nothing', async () => {
      const leaks: string[] = [];
      const mine = Object.values(ids);
      for (const key of served) {
        const { method, path: p } = splitRoute(key);
        if (method !== 'GET' || p.includes(':') || !p.startsWith('/api/') || SSE.has(key) || /\.pdf$/.test(p)) continue;
        if (!['all', 'signed-in'].includes(EXPECTED[key]!) && !EXPECTED[key]!.split(' ').some((r) => r !== 'admin')) continue;
        for (const query of ['', `?unit=${countyB}`]) {
          const r = await a.request('GET', p + query);
          const text = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
          for (const id of mine) if (text.includes(id)) leaks.push(`${key}${query} shows ${id}`);
        }
      }
      expect(leaks).toEqual([]);
      // The owner does see them (the check above can fail).
      expect(JSON.stringify((await b.get('/api/v1/incidents')).body)).toContain(ids.incident);
      expect(JSON.stringify((await b.get('/api/v1/accounts')).body)).toContain(ids.account);
    });
  });

  it('secrets never reach the log, at any level: passwords, session cookies, CSRF tokens, ingest tokens, Authorization headers', async () => {
    // Failed sign-ins (a wrong password that looks like a real one), ingest with a token, a bad ingest token.
    const wrongPassword = 'Wrong-But-Plausible-2026!';
    secrets.add(wrongPassword);
    const failed = await raw('POST', '/api/v1/session', { 'content-type': 'application/json' }, JSON.stringify({ username: 'admin', password: wrongPassword }));
    expect(failed.status).toBe(401);
    expect((await postMentions(url, [mention('ac-secret-1')])).status).toBe(202);
    expect((await postMentions(url, [mention('ac-secret-2')], { token: 'fh_not-a-real-token-but-secret' })).status).toBe(401);
    secrets.add('fh_not-a-real-token-but-secret');
    // A request the server cannot parse, which is logged as an error if anything is.
    await raw('POST', '/api/v1/session', { 'content-type': 'application/json', cookie: admin.cookie, authorization: `Bearer ${TEST_TOKEN}` }, '{"username":');
    await runtime.logger.flush?.();
    expect(logLines.length).toBeGreaterThan(0);
    const log = logLines.join('');
    const found = [...secrets].filter((s) => s.length >= 8 && log.includes(s));
    expect(found).toEqual([]);
    expect(log).not.toMatch(/"(authorization|cookie|x-csrf-token)"\s*:/i);
    // The audit log keeps none either.
    const audit = (await admin.get('/api/v1/audit/export')).body as string;
    expect([...secrets].filter((s) => s.length >= 8 && audit.includes(s))).toEqual([]);
  });

  // Last: it leaves this address rate-limited for a minute.
  it('brute force: an account locks after five wrong passwords (423) and one address is limited to ten failed sign-ins a minute (429); every attempt is audited', async () => {
    await userWithRoles(url, admin, 'ac-locked', ['viewer']);
    const attempt = (username: string, password: string) => raw('POST', '/api/v1/session', { 'content-type': 'application/json' }, JSON.stringify({ username, password }));
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt('ac-locked', 'Wrong-Pass-999')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423]);
    expect((await attempt('ac-locked', TEST_USER_PASSWORD)).status).toBe(423);
    const more: number[] = [];
    for (let i = 0; i < 5; i++) more.push((await attempt('nobody', 'x')).status);
    expect(more).toContain(429);
    const limited = await attempt('admin', TEST_ADMIN_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const audit = await admin.get('/api/v1/audit?action=session.login_failed&limit=50');
    expect(audit.body.entries.length).toBeGreaterThanOrEqual(8);
    expect(audit.body.entries[0]).toMatchObject({ object_type: 'session', ip: expect.any(String) });
  });
});

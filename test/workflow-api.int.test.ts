import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@fenghuo/shared';
import { ROUTES, type Runtime } from '@fenghuo/dashboard';
import { signIn, signInAdmin, userWithRoles, type ApiClient } from './support/api-client';
import { startTestRuntime, tempDir } from './support/runtime';

// Sessions, CSRF, the permission matrix, brute force and ingest tokens: test/access-control.int.test.ts.
describe('users, settings, Q&A and the audit log over HTTP', () => {
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

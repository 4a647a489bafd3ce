import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checklist, ChecklistItem, StoredPlaybook } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { localDate } from '../dashboard/server/brief/local-day';
import { signInAdmin, userWithRoles, type ApiClient } from './support/api-client';
import { startTestRuntime } from './support/runtime';

const MIN = 60_000;
const H = 60 * MIN;

/**
 * Playbooks through the API on a real runtime (chdb, HTTP): an incident gets
 * its playbook's checklist with the 5 h / 24 h steps when it opens, steps
 * are marked done or skipped (a reason required) by responders of its unit,
 * steps past due are overdue and announced once, admins replace playbooks
 * (checked field by field, versioned, audited), and the brief and the unit
 * statistics count adherence.
 */
describe('playbooks API', () => {
  let runtime: Runtime;
  let admin: ApiClient;
  let responder: ApiClient;
  let outsider: ApiClient;
  let incidentId: string;
  let opened: number;

  beforeAll(async () => {
    runtime = await startTestRuntime({ FENGHUO_DASHBOARD: 'off' }, { api: true, worker: false });
    const url = runtime.url!;
    admin = await signInAdmin(url);
    const top = admin.user.unit_id;
    const city = (await admin.post('/api/v1/units', { name: '江城市人民政府', kind: 'city', parent_id: top })).body.id;
    const other = (await admin.post('/api/v1/units', { name: '河口市人民政府', kind: 'city', parent_id: top })).body.id;
    responder = await userWithRoles(url, admin, 'pb-responder', ['responder'], city);
    outsider = await userWithRoles(url, admin, 'pb-outsider', ['responder'], other);
    opened = Date.now();
    const r = await responder.post('/api/v1/incidents', { title: '江城化工厂爆炸', severity: 'major', type: 'safety_accident', unit_id: city, first_mention_at: opened - 2 * H });
    expect(r.status).toBe(201);
    incidentId = r.body.id;
  }, 60_000);
  afterAll(async () => {
    await runtime?.stop();
  });

  const checklist = async (who: ApiClient = responder): Promise<Checklist> => {
    const r = await who.get(`/api/v1/incidents/${incidentId}/checklist`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const item = (c: Checklist, key: string): ChecklistItem => c.items.find((i) => i.key === key)!;

  it('opening an incident stores its playbook checklist with the 5 h and 24 h steps, counted from the first mention', async () => {
    const c = await checklist();
    expect(c).toMatchObject({ playbook_id: 'safety-accident', playbook_name: '安全生产事故应对预案', playbook_version: 0 });
    expect(c.version).toBeGreaterThan(0);
    const start = opened - 2 * H;
    expect(item(c, 'release')).toMatchObject({ title: '发布权威信息（5小时内）', due_at: start + 5 * H, due_basis: 'release', state: 'pending', templates: ['situation_report'] });
    expect(item(c, 'press_conference')).toMatchObject({ due_at: start + 24 * H, due_basis: 'press_conference', state: 'pending', required: true });
    expect(item(c, 'update#1')).toMatchObject({ due_at: start + 7 * H, state: 'pending' });
    expect(item(c, 'review')).toMatchObject({ state: 'pending', due_basis: 'close+10080m' });
    expect(item(c, 'review').due_at).toBeUndefined();
    // 30 min and 1 h from a first mention two hours ago: overdue already.
    expect(item(c, 'verify').state).toBe('overdue');
    expect(item(c, 'assess').state).toBe('overdue');
    const audit = await admin.get(`/api/v1/audit?object_id=${incidentId}&action=playbook.instantiate`);
    expect(audit.body.entries).toEqual([expect.objectContaining({ actor: responder.user.id, detail: '安全生产事故应对预案' })]);
  });

  it('a responder marks a step done (late, with the note); done twice is a conflict', async () => {
    const r = await responder.post(`/api/v1/incidents/${incidentId}/checklist/verify/done`, { note: '已与现场指挥部核实：无人员被困' });
    expect(r.status).toBe(200);
    expect(item(r.body, 'verify')).toMatchObject({ state: 'done', done: { by: responder.user.id, by_name: 'pb-responder', note: '已与现场指挥部核实：无人员被困', late: true } });
    expect(r.body.events).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'done', key: 'verify', text: '已与现场指挥部核实：无人员被困' }), expect.objectContaining({ kind: 'overdue', key: 'verify' })]));
    expect((await responder.post(`/api/v1/incidents/${incidentId}/checklist/verify/done`, {})).status).toBe(409);
  });

  it('skipping needs a reason (400 naming it); with one it is skipped', async () => {
    for (const body of [{}, { reason: '   ' }]) {
      const r = await responder.post(`/api/v1/incidents/${incidentId}/checklist/families/skip`, body);
      expect(r.status).toBe(400);
      expect(r.body.issues).toEqual([expect.objectContaining({ path: 'reason' })]);
    }
    const r = await responder.post(`/api/v1/incidents/${incidentId}/checklist/families/skip`, { reason: '无人员伤亡，无需家属沟通' });
    expect(item(r.body, 'families')).toMatchObject({ state: 'skipped', skipped: { reason: '无人员伤亡，无需家属沟通' } });
    const audit = await admin.get(`/api/v1/audit?object_id=${incidentId}&action=playbook.step_skipped`);
    expect(audit.body.entries[0]).toMatchObject({ actor: responder.user.id, detail: expect.stringContaining('无人员伤亡') });
  });

  it('unknown steps are 404; another unit’s responder sees no checklist; a viewer may not mark steps', async () => {
    expect((await responder.post(`/api/v1/incidents/${incidentId}/checklist/nope/done`, {})).status).toBe(404);
    expect((await outsider.get(`/api/v1/incidents/${incidentId}/checklist`)).status).toBe(404);
    expect((await outsider.post(`/api/v1/incidents/${incidentId}/checklist/assess/done`, {})).status).toBe(404);
    const viewer = await userWithRoles(runtime.url!, admin, 'pb-viewer', ['viewer']);
    expect((await viewer.post(`/api/v1/incidents/${incidentId}/checklist/assess/done`, {})).status).toBe(403);
  });

  it('the overdue job announces each overdue step once: a timeline entry in the audit log', async () => {
    const first = await runtime.workflow.playbooks.scanOverdue();
    expect(first.map((s) => s.id).sort()).toEqual([`${incidentId}:assess`, `${incidentId}:report_up`]);
    expect(first[0]).toMatchObject({ kind: 'playbook_step', incident_id: incidentId, severity: 'critical', incident_severity: 'major', link: expect.stringContaining(`/incidents/${incidentId}#checklist`) });
    expect(await runtime.workflow.playbooks.scanOverdue()).toEqual([]);
    const audit = await admin.get(`/api/v1/audit?object_id=${incidentId}&action=playbook.step_overdue`);
    expect(audit.body.entries.map((e: { after: { key: string } }) => e.after.key).sort()).toEqual(['assess', 'report_up']);
  });

  it('the brief and the unit statistics count adherence of the steps due', async () => {
    // The day assess and report_up fell due (an hour before opening).
    const date = localDate(opened - H, 'Asia/Shanghai');
    const brief = await responder.get(`/api/v1/brief?date=${date}`);
    const stats = await responder.get(`/api/v1/response/stats?from=${opened - 24 * H}&to=${opened + 24 * H}`);
    expect(stats.status).toBe(200);
    const row = stats.body.playbook_adherence.find((r: { unit_name: string }) => r.unit_name === '江城市人民政府');
    // verify (late), assess and report_up (overdue); families was due in 12 h and skipped, so not yet counted.
    expect(row).toMatchObject({ due: 3, on_time: 0, late: 1, skipped: 0, overdue: 2, rate: 0 });
    expect(brief.status).toBe(200);
    // verify (due half an hour earlier) may fall on the day before.
    const day = brief.body.playbook_adherence.find((r: { unit_name: string }) => r.unit_name === '江城市人民政府');
    expect(day.overdue + day.late).toBeGreaterThanOrEqual(1);
    expect(day.due).toBe(day.on_time + day.late + day.skipped + day.overdue);
  });

  it('admins read and replace playbooks: invalid ones are refused field by field, valid ones are versioned and audited and used by new incidents', async () => {
    const list = (await responder.get('/api/v1/playbooks')).body as StoredPlaybook[];
    expect(list.map((p) => p.playbook.id)).toEqual(expect.arrayContaining(['generic', 'major-emergency', 'safety-accident', 'natural-disaster', 'public-health', 'social-security', 'online-rumor']));
    const generic = (await admin.get('/api/v1/playbooks/generic')).body as StoredPlaybook;
    expect(generic).toMatchObject({ version: 0, source: 'default' });

    const broken = { ...generic.playbook, steps: [{ ...generic.playbook.steps[0], due: { from: 'start', minutes: -5 } }, generic.playbook.steps[0]] };
    const bad = await admin.put('/api/v1/playbooks/generic', { expected_version: 0, playbook: broken });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['steps.0.due.minutes', 'steps.1.id']));
    const narrowed = await admin.put('/api/v1/playbooks/generic', { expected_version: 0, playbook: { ...generic.playbook, applies_to: { types: ['other'], severities: [] } } });
    expect(narrowed.status).toBe(400);
    expect(narrowed.body.error).toMatch(/no generic playbook/);
    expect((await responder.put('/api/v1/playbooks/generic', { expected_version: 0, playbook: generic.playbook })).status).toBe(403);

    const renamed = { ...generic.playbook, name: '通用舆情应对预案（修订）' };
    const ok = await admin.put('/api/v1/playbooks/generic', { expected_version: 0, playbook: renamed });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 1, source: 'custom', playbook: { name: '通用舆情应对预案（修订）' } });
    expect((await admin.put('/api/v1/playbooks/generic', { expected_version: 0, playbook: renamed })).status).toBe(409);
    const audit = await admin.get('/api/v1/audit?object_id=generic&action=playbook.replace');
    expect(audit.body.entries[0]).toMatchObject({ before: { name: '通用舆情应对预案' }, after: { name: '通用舆情应对预案（修订）' } });

    const next = await responder.post('/api/v1/incidents', { title: '网传江城停水', severity: 'public_opinion', unit_id: responder.user.unit_id });
    const c = (await responder.get(`/api/v1/incidents/${next.body.id}/checklist`)).body as Checklist;
    expect(c).toMatchObject({ playbook_id: 'generic', playbook_name: '通用舆情应对预案（修订）', playbook_version: 1 });
    // 政务舆情 has only the 48 h clock: the playbook's 5 h and 24 h steps count from the start.
    expect(item(c, 'release').due_basis).toBe('start+300m');
    expect(item(c, 'press_conference')).toMatchObject({ due_basis: 'start+1440m', required: false });
    expect(item(c, 'respond').due_basis).toBe('response');
    // The first incident keeps the playbook it opened with.
    expect((await checklist()).playbook_id).toBe('safety-accident');
  });
});

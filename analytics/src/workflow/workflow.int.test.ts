import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore, migrate, toDateTime64 } from '@fenghuo/infra';
import type { Alert, Store, Unit } from '@fenghuo/shared';
import { ConflictError, createWorkflow, type Actor, type Workflow } from './index';
import { SYSTEM_ACTOR } from './context';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-workflow-'));
let store: Store;
let wf: Workflow;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0);
let now = T0;
const notices: Alert[] = [];

const units: Record<string, Unit> = {};
const actors: Record<string, Actor> = {};
const PASSWORD = 'Strong-Pass-2026!';

async function user(name: string, unit: string, roles: Actor['roles']): Promise<Actor> {
  const u = await wf.directory.createUser(SYSTEM_ACTOR, { username: name, display_name: name, unit_id: units[unit]!.id, roles: [...roles], password: PASSWORD });
  return (await wf.directory.actorFor(u.id, '127.0.0.1'))!;
}

beforeAll(async () => {
  store = await createStore({ user: 'default', password: '', database: 'fenghuo', chdbPath: path.join(dir, 'clickhouse') }, { holder: 'workflow test' });
  await migrate(store);
  wf = createWorkflow(store, { now: () => now, notify: async (a) => void notices.push(a) });
  units.province = await wf.directory.createUnit(SYSTEM_ACTOR, { name: '湖北省委网信办', kind: 'province', division_code: '420000' });
  units.city = await wf.directory.createUnit(SYSTEM_ACTOR, { name: '荆州市委宣传部', kind: 'city', parent_id: units.province.id });
  units.county = await wf.directory.createUnit(SYSTEM_ACTOR, { name: '公安县融媒体中心', kind: 'county', parent_id: units.city.id });
  units.other = await wf.directory.createUnit(SYSTEM_ACTOR, { name: '宜昌市委宣传部', kind: 'city', parent_id: units.province.id });
  actors.province = await user('prov', 'province', ['viewer', 'analyst']);
  actors.responder = await user('resp', 'city', ['responder']);
  actors.reviewer1 = await user('rev1', 'city', ['reviewer']);
  actors.reviewer2 = await user('rev2', 'city', ['reviewer']);
  actors.reviewer3 = await user('rev3', 'province', ['reviewer']);
  actors.county = await user('county', 'county', ['responder']);
  actors.other = await user('other', 'other', ['responder', 'reviewer']);
});

afterAll(async () => {
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('workflow log', () => {
  it('of writers acting on the same version exactly one wins; the history keeps every change', async () => {
    await wf.ctx.log.append('test', 'x', 0, { action: 'create', actor: 'a', at: now, state: { n: 0 } });
    const attempts = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => wf.ctx.log.append('test', 'x', 1, { action: `set${n}`, actor: `w${n}`, at: now, state: { n } })));
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
    expect(attempts.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason instanceof ConflictError)).toBe(true);
    const winner = (attempts.find((a) => a.status === 'fulfilled') as PromiseFulfilledResult<{ state: { n: number } }>).value.state.n;
    expect((await wf.ctx.log.get<{ n: number }>('test', 'x'))).toEqual({ state: { n: winner }, seq: 2 });
    expect((await wf.ctx.log.history('test', 'x')).map((c) => c.seq)).toEqual([1, 2]);
    // A stale writer that comes back later is refused too.
    await expect(wf.ctx.log.append('test', 'x', 1, { action: 'late', actor: 'z', at: now, state: { n: 9 } })).rejects.toBeInstanceOf(ConflictError);
    // A change that does not depend on what the user saw is retried on the newest state: no update is lost.
    await Promise.all([1, 2, 3, 4].map(() => wf.ctx.log.update<{ n: number }>('test', 'x', (c) => ({ action: 'inc', actor: 'j', at: now, state: { n: c.state.n + 1 } }), 10)));
    expect((await wf.ctx.log.get<{ n: number }>('test', 'x'))!.state.n).toBe(winner + 4);
  });
});

describe('users and sign-in', () => {
  it('refuses weak passwords and locks an account after five wrong ones for 15 minutes', async () => {
    await expect(wf.directory.createUser(SYSTEM_ACTOR, { username: 'weak', display_name: 'w', unit_id: units.city!.id, roles: ['viewer'], password: 'short1A!' })).rejects.toThrow(/10 characters/);
    await expect(wf.directory.createUser(SYSTEM_ACTOR, { username: 'weak', display_name: 'w', unit_id: units.city!.id, roles: ['viewer'], password: 'alllowercaseletters' })).rejects.toThrow(/three of/);
    await expect(wf.directory.createUser(SYSTEM_ACTOR, { username: 'resp', display_name: 'dup', unit_id: units.city!.id, roles: ['viewer'], password: PASSWORD })).rejects.toBeInstanceOf(ConflictError);
    const u = await wf.directory.createUser(SYSTEM_ACTOR, { username: 'lockme', display_name: 'l', unit_id: units.city!.id, roles: ['viewer'], password: PASSWORD });
    expect(await wf.directory.verifyLogin('lockme', PASSWORD)).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) expect(await wf.directory.verifyLogin('lockme', 'Wrong-Pass-123')).toMatchObject({ ok: false, reason: 'wrong' });
    expect(await wf.directory.verifyLogin('lockme', 'Wrong-Pass-123')).toMatchObject({ ok: false, reason: 'locked' });
    // Locked: even the right password is refused.
    expect(await wf.directory.verifyLogin('lockme', PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
    const saved = now;
    now += 15 * 60_000 + 1;
    expect(await wf.directory.verifyLogin('lockme', PASSWORD)).toMatchObject({ ok: true });
    now = saved;
    await wf.directory.updateUser(SYSTEM_ACTOR, u.id, { disabled: true });
    expect(await wf.directory.verifyLogin('lockme', PASSWORD)).toMatchObject({ ok: false, reason: 'disabled' });
    expect(await wf.directory.verifyLogin('nobody', PASSWORD)).toMatchObject({ ok: false, reason: 'unknown' });
    // The audit log has the role change and never a password hash.
    const entries = await wf.audit.list({ objectId: u.id });
    expect(entries.map((e) => e.action)).toContain('user.create');
    expect(JSON.stringify(entries)).not.toMatch(/scrypt\$/);
  });

  it('a unit sees itself and the units below it', async () => {
    expect([...actors.province!.unitIds].sort()).toEqual([units.province!.id, units.city!.id, units.county!.id, units.other!.id].sort());
    expect([...actors.responder!.unitIds].sort()).toEqual([units.city!.id, units.county!.id].sort());
    await expect(wf.directory.updateUnit(SYSTEM_ACTOR, units.province!.id, { name: '湖北省委网信办', kind: 'province', parent_id: units.county!.id })).rejects.toThrow(/under itself/);
  });
});

describe('incidents', () => {
  it('opens, scopes by unit, moves through its states, and refuses stale edits', async () => {
    const inc = await wf.incidents.open(actors.responder!, { title: '某小区自来水发黄', severity: 'general', unit_id: units.city!.id, place: '荆州市沙市区', first_mention_at: T0 - HOUR });
    expect(inc).toMatchObject({ status: 'open', version: 1, unit_id: units.city!.id });
    expect(inc.clock!.deadlines.map((d) => [d.key, d.due_at])).toEqual([['response', T0 - HOUR + 48 * HOUR]]);
    // The province sees it, a sibling city and a county below do not.
    expect((await wf.incidents.list(actors.province!)).map((i) => i.id)).toContain(inc.id);
    expect((await wf.incidents.list(actors.other!)).map((i) => i.id)).not.toContain(inc.id);
    await expect(wf.incidents.get(actors.county!, inc.id)).rejects.toThrow(/no incident/);
    await expect(wf.incidents.open(actors.county!, { title: 'x', severity: 'general', unit_id: units.city!.id })).rejects.toThrow(/not yours/);

    const acked = await wf.incidents.acknowledge(actors.responder!, inc.id);
    expect(acked.acknowledged_at).toBe(now);
    const patched = await wf.incidents.patch(actors.responder!, inc.id, acked.version, { status: 'monitoring', facts: '经检测水质达标' });
    expect(patched).toMatchObject({ status: 'monitoring', facts: '经检测水质达标' });
    await expect(wf.incidents.patch(actors.responder!, inc.id, acked.version, { facts: 'stale' })).rejects.toBeInstanceOf(ConflictError);
    const closed = await wf.incidents.patch(actors.responder!, inc.id, patched.version, { status: 'closed' });
    expect(closed.closed_at).toBe(now);
    await expect(wf.incidents.patch(actors.responder!, inc.id, closed.version, { status: 'responding' })).rejects.toThrow(/cannot go from closed/);
    const history = await wf.incidents.history(actors.responder!, inc.id);
    expect(history.map((h) => h.action)).toEqual(['open', 'acknowledge', 'status:monitoring', 'status:closed']);
    const audit = await wf.audit.list({ objectType: 'incident', objectId: inc.id });
    // Opening also stores the incident's playbook checklist, audited on the incident.
    expect(audit.map((a) => a.action).sort()).toEqual(['incident.acknowledge', 'incident.open', 'incident.status', 'incident.status', 'playbook.instantiate']);
    expect(audit.find((a) => a.action === 'incident.acknowledge')!.before).toMatchObject({ status: 'open' });
  });

  it('counts the clocks of a major incident: warning at 80 %, breach at 5 h, met by a statement; and in the statistics', async () => {
    now = T0;
    const inc = await wf.incidents.open(actors.responder!, { title: '化工厂爆炸', severity: 'major', unit_id: units.city!.id, first_mention_at: T0, detected_at: T0 + 10 * 60_000 });
    const release = () => inc.clock!.deadlines.find((d) => d.key === 'release')!;
    expect(release()).toMatchObject({ due_at: T0 + 5 * HOUR, warn_at: T0 + 4 * HOUR, state: 'pending' });
    now = T0 + 4 * HOUR - 1;
    expect((await wf.incidents.get(actors.responder!, inc.id)).clock!.deadlines[0]!.state).toBe('pending');
    now = T0 + 4 * HOUR;
    expect((await wf.incidents.get(actors.responder!, inc.id)).clock!.deadlines[0]!.state).toBe('warning');
    now = T0 + 5 * HOUR;
    const late = await wf.incidents.get(actors.responder!, inc.id);
    expect(late.clock!.deadlines[0]!.state).toBe('breached');
    expect(late.clock!.next).toMatchObject({ key: 'release' });

    const other = await wf.incidents.open(actors.responder!, { title: '桥梁垮塌', severity: 'major', unit_id: units.county!.id, first_mention_at: T0 });
    const after = await wf.incidents.addAction(actors.responder!, other.id, { kind: 'statement', at: T0 + 2 * HOUR, link: 'https://weibo.com/1/abc' });
    expect(after.incident.status).toBe('responding');
    expect(after.incident.clock!.deadlines.find((d) => d.key === 'release')).toMatchObject({ state: 'met', met_at: T0 + 2 * HOUR });
    await wf.incidents.addAction(actors.responder!, other.id, { kind: 'press_conference', at: T0 + 20 * HOUR });
    now = T0 + 30 * HOUR;
    const stats = await wf.responseStats(actors.province!, T0 - 1, T0 + 1);
    const county = stats.units.find((u) => u.unit_id === units.county!.id)!;
    expect(county).toMatchObject({ incidents: 1, released: 1, first_release_median_ms: 2 * HOUR, on_time_rate: 1 });
    const city = stats.units.find((u) => u.unit_id === units.city!.id)!;
    expect(city.deadlines.find((d) => d.key === 'release')).toMatchObject({ decided: 1, on_time: 0 });
    expect(stats.ranking[0]!.unit_id).toBe(units.county!.id);
    expect(stats.by_severity.find((s) => s.severity === 'major')!.incidents).toBe(2);
  });

  it('sends each clock warning and breach once through the alert channels, also after a restart', async () => {
    notices.length = 0;
    now = Date.UTC(2026, 10, 27, 0, 0, 0);
    const inc = await wf.incidents.open(actors.responder!, { title: '学校食堂食物中毒', severity: 'especially_major', unit_id: units.city!.id, first_mention_at: now });
    const start = now;
    const ours = () => notices.filter((n) => n.incident_id === inc.id).map((n) => `${n.reasons[0]!.kind}:${n.title}`);
    now = start + 4 * HOUR;
    await wf.watcher.tick();
    await wf.watcher.tick();
    expect(ours()).toEqual([expect.stringMatching(/^clock_warning:【临近时限：发布权威信息】学校食堂食物中毒/)]);
    now = start + 5 * HOUR;
    // A second process (or a restart) sends nothing twice.
    const again = createWorkflow(store, { now: () => now, notify: async (a) => void notices.push(a) });
    await Promise.all([wf.watcher.tick(), again.watcher.tick()]);
    expect(ours()).toHaveLength(2);
    expect(ours()[1]).toMatch(/^clock_breach:【已超时：发布权威信息】/);
    const n = notices.find((x) => x.incident_id === inc.id && x.severity === 'critical')!;
    expect(n).toMatchObject({ severity: 'critical', status: 'open' });
    const audit = await wf.audit.list({ objectId: inc.id, action: 'incident.clock_breach' });
    expect(audit).toHaveLength(1);
    // A closed incident stops its clocks.
    await wf.incidents.patch(actors.responder!, inc.id, (await wf.incidents.get(actors.responder!, inc.id)).version, { status: 'closed' });
    now = start + 30 * HOUR;
    await wf.watcher.tick();
    expect(ours()).toHaveLength(2);
  });
});

describe('drafts through 先审后发', () => {
  let incidentId: string;
  beforeAll(async () => {
    now = T0;
    const inc = await wf.incidents.open(actors.responder!, { title: '网传荆州自来水有毒', severity: 'public_opinion', unit_id: units.city!.id, place: '荆州市', facts: '经市疾控中心检测，各项指标均符合国家标准', contact: '12345' });
    incidentId = inc.id;
  });

  it('a rebuttal from the template, edited into versions with a diff, reviewed and published onto the incident', async () => {
    const blank = await wf.drafts.create(actors.responder!, { incident_id: incidentId, kind: 'rebuttal', platform: 'weibo' });
    // No KB claim matches: the rumor is left for the author to fill, and an unfilled blank blocks approval.
    expect(blank.checks).toEqual([expect.objectContaining({ check: 'missing_element', severity: 'error', match: '【待填写：网传内容】' })]);
    const d = await wf.drafts.create(actors.responder!, { incident_id: incidentId, kind: 'rebuttal', platform: 'weibo', values: { rumor: '荆州自来水有毒' } });
    expect(d).toMatchObject({ status: 'draft', text_version: 1, version: 1, unit_id: units.city!.id, author_id: actors.responder!.id });
    expect(d.body).toContain('荆州市');
    expect(d.body).toContain('经市疾控中心检测');
    const edited = await wf.drafts.edit(actors.responder!, d.id, { expected_version: d.version, body: `${d.body}\n\n特此声明。` });
    expect(edited.text_version).toBe(2);
    const diff = await wf.drafts.diff(actors.responder!, d.id, 1, 2);
    expect(diff.lines.filter((l) => l.op === 'add').map((l) => l.text)).toContain('特此声明。');
    expect(diff.unified).toMatch(/^--- v1/m);

    const submitted = await wf.drafts.submit(actors.responder!, d.id, edited.version);
    expect(submitted).toMatchObject({ status: 'submitted', levels: 1, current_level: 1 });
    // The author is no reviewer of their own text, even with the role.
    await expect(wf.drafts.review({ ...actors.responder!, roles: ['responder', 'reviewer'] }, d.id, { expected_version: submitted.version, decision: 'approve' })).rejects.toThrow(/author/);
    await expect(wf.drafts.publish(actors.responder!, d.id, { expected_version: submitted.version, where: '荆州发布微博' })).rejects.toThrow(/only an approved/);
    await expect(wf.drafts.review(actors.reviewer1!, d.id, { expected_version: submitted.version, decision: 'reject' })).rejects.toThrow(/comment/);
    expect(submitted.checks.filter((f) => f.severity === 'error')).toEqual([]);
    const approved = await wf.drafts.review(actors.reviewer1!, d.id, { expected_version: submitted.version, decision: 'approve' });
    expect(approved.status).toBe('approved');
    now = T0 + 3 * HOUR;
    const published = await wf.drafts.publish(actors.responder!, d.id, { expected_version: approved.version, where: '荆州发布微博', link: 'https://weibo.com/jingzhou/1' });
    expect(published).toMatchObject({ status: 'published', publication: { where: '荆州发布微博', at: now } });
    await expect(wf.drafts.edit(actors.responder!, d.id, { expected_version: published.version, body: 'x' })).rejects.toThrow(/published/);
    const inc = await wf.incidents.get(actors.responder!, incidentId);
    expect(inc.actions).toEqual([expect.objectContaining({ kind: 'rebuttal', source: 'draft', draft_id: d.id, at: now, link: 'https://weibo.com/jingzhou/1' })]);
    expect(inc.clock!.deadlines[0]).toMatchObject({ state: 'met' });
    const history = await wf.drafts.history(actors.responder!, d.id);
    expect(history.map((h) => h.action)).toEqual(['create', 'edit', 'submit', 'approve', 'publish']);
    const audit = await wf.audit.list({ objectType: 'draft', objectId: d.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['draft.approve', 'draft.create', 'draft.edit', 'draft.publish', 'draft.submit']);
  });

  it('two reviewers acting on the same version: one succeeds, the other gets a conflict', async () => {
    const d = await wf.drafts.create(actors.responder!, { incident_id: incidentId, kind: 'situation_report', values: { measures: '已加密水质监测频次' } });
    const s = await wf.drafts.submit(actors.responder!, d.id, d.version);
    const results = await Promise.allSettled([
      wf.drafts.review(actors.reviewer1!, d.id, { expected_version: s.version, decision: 'approve' }),
      wf.drafts.review(actors.reviewer2!, d.id, { expected_version: s.version, decision: 'reject', comment: '口径需再斟酌' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    expect((await wf.drafts.history(actors.responder!, d.id)).map((h) => h.action).slice(-1)[0]).toMatch(/approve|reject/);
  });

  it('三审 for major incidents: three different reviewers; a rejection goes back to the author; an edit of an approved text needs a new review', async () => {
    const inc = await wf.incidents.open(actors.responder!, { title: '长江大桥车辆坠江', severity: 'major', unit_id: units.city!.id, place: '荆州长江大桥', contact: '0716-8888888' });
    let d = await wf.drafts.create(actors.responder!, { incident_id: inc.id, kind: 'situation_report', values: { facts: '一辆小客车坠江，搜救正在进行', measures: '已组织力量全力搜救' } });
    d = await wf.drafts.submit(actors.responder!, d.id, d.version);
    expect(d.levels).toBe(3);
    d = await wf.drafts.review(actors.reviewer1!, d.id, { expected_version: d.version, decision: 'approve' });
    expect(d).toMatchObject({ status: 'submitted', current_level: 2 });
    await expect(wf.drafts.review(actors.reviewer1!, d.id, { expected_version: d.version, decision: 'approve' })).rejects.toThrow(/another reviewer/);
    d = await wf.drafts.review(actors.reviewer2!, d.id, { expected_version: d.version, decision: 'reject', comment: '伤亡情况表述需核实' });
    expect(d).toMatchObject({ status: 'rejected', current_level: 0 });
    d = await wf.drafts.edit(actors.responder!, d.id, { expected_version: d.version, body: `${d.body}\n伤亡情况正在核实中。` });
    d = await wf.drafts.submit(actors.responder!, d.id, d.version);
    for (const r of [actors.reviewer1!, actors.reviewer2!, actors.reviewer3!]) d = await wf.drafts.review(r, d.id, { expected_version: d.version, decision: 'approve' });
    expect(d.status).toBe('approved');
    d = await wf.drafts.edit(actors.responder!, d.id, { expected_version: d.version, body: `${d.body}\n（更正）` });
    expect(d).toMatchObject({ status: 'draft' });
    expect((await wf.drafts.history(actors.responder!, d.id)).map((h) => h.action).slice(-1)).toEqual(['edit_reopened']);
  });

  it('wording the unit forbids (settings) blocks like the built-in list', async () => {
    const text = '2026年11月26日，荆州市发生停水。荆州市委宣传部已协调抢修，供水将于今晚恢复，这是内部通气口径。咨询电话：12345。';
    expect((await wf.drafts.check(text, { kind: 'situation_report', platform: 'weibo', unit_id: units.city!.id, incident_id: incidentId })).blocking).toBe(false);
    await wf.ctx.log.append('settings', 'wording', 0, { action: 'update', actor: 'admin', at: now, state: { forbidden: ['内部通气口径'], sensitive: [], term_mistakes: [] } });
    const r = await wf.drafts.check(text, { kind: 'situation_report', platform: 'weibo', unit_id: units.city!.id, incident_id: incidentId });
    expect(r.blocking).toBe(true);
    expect(r.findings).toEqual([expect.objectContaining({ check: 'forbidden_wording', severity: 'error', match: '内部通气口径' })]);
  });

  it('the checks block an approval while the text carries personal data, and pass once it is removed', async () => {
    // 11010519491231002X: a well-formed resident ID number (valid check digit).
    const leaky = '2026年11月26日，荆州市发生一起纠纷。当事人王某（身份证号11010519491231002X，手机13812345678）已被依法处理。荆州市委宣传部。咨询电话：12345。';
    let d = await wf.drafts.create(actors.responder!, { incident_id: incidentId, kind: 'situation_report', body: leaky });
    expect(d.blocking).toBe(true);
    expect(d.checks.map((f) => f.check)).toEqual(expect.arrayContaining(['id_number', 'mobile']));
    expect(JSON.stringify(d.checks)).not.toContain('11010519491231002X');
    d = await wf.drafts.submit(actors.responder!, d.id, d.version);
    const refused = await wf.drafts.review(actors.reviewer1!, d.id, { expected_version: d.version, decision: 'approve' }).catch((e: unknown) => e as Error & { status: number; findings: unknown[] });
    expect(refused).toMatchObject({ status: 422 });
    expect((refused as { findings: { check: string }[] }).findings.map((f) => f.check)).toContain('id_number');
    d = await wf.drafts.edit(actors.responder!, d.id, { expected_version: d.version, body: leaky.replace('（身份证号11010519491231002X，手机13812345678）', '') });
    d = await wf.drafts.submit(actors.responder!, d.id, d.version);
    expect(d.blocking).toBe(false);
    expect((await wf.drafts.review(actors.reviewer1!, d.id, { expected_version: d.version, decision: 'approve' })).status).toBe('approved');
  });
});

describe('official accounts, the reply queue and automatic response actions', () => {
  const mentionCols = ['platform', 'id', 'kind', 'time_ms', 'text', 'author_id', 'author_name', 'parent_id', 'root_id', 'simhash', 'sentiment', 'sentiment_label', 'source', 'received_at_ms'];
  const row = (id: string, kind: string, t: number, text: string, author: string, parent = '', root = '') => ['weibo', id, kind, t, text, author, author, parent, root, 0, 0, 'neutral', 'test', t];

  it('queues comments to an account with its deadline, suggests answers, and marks the account’s own answer', async () => {
    now = T0;
    const acct = await wf.directory.saveAccount(actors.province!.id === '' ? SYSTEM_ACTOR : SYSTEM_ACTOR, undefined, { platform: 'weibo', account_id: 'jzfb', name: '荆州发布', unit_id: units.city!.id, reply_deadline: { hours: 24 } });
    await expect(wf.directory.saveAccount(SYSTEM_ACTOR, undefined, { platform: 'weibo', account_id: 'jzfb', name: 'dup', unit_id: units.city!.id })).rejects.toBeInstanceOf(ConflictError);
    await wf.qa.save(actors.responder!, undefined, { question: '社会保障卡遗失如何补办？', answer: '可携带居民身份证到任一社保经办网点办理挂失补办。', category: '社保', tags: ['社保卡'], unit_id: units.city!.id });
    await store.insert('mentions', mentionCols, [
      row('p1', 'post', T0, '荆州发布：关于停水的通知', 'jzfb'),
      row('c1', 'comment', T0 + 60_000, '我的社保卡丢了怎么补办？', 'citizen1', 'p1', 'p1'),
      row('c2', 'comment', T0 + 120_000, '什么时候来水？', 'citizen2', 'p1', 'p1'),
      row('c3', 'comment', T0 + 180_000, '无关的评论', 'citizen3', 'zzz', 'zzz'),
      row('r1', 'comment', T0 + 2 * HOUR, '您好，预计今晚8点恢复供水。', 'jzfb', 'c2', 'p1'),
    ]);
    const scan = await wf.replies.scan(T0 - HOUR);
    expect(scan.queued).toBe(2);
    expect((await wf.replies.scan(T0 - HOUR)).queued).toBe(0);
    const items = await wf.replies.list(actors.responder!);
    expect(items.map((i) => [i.id, i.status])).toEqual([['weibo:c1', 'open'], ['weibo:c2', 'answered']]);
    expect(items[0]).toMatchObject({ due_at: T0 + 60_000 + 24 * HOUR, account_name: '荆州发布' });
    const suggestions = await wf.qa.suggest(actors.responder!, items[0]!.text);
    expect(suggestions[0]?.entry.question).toBe('社会保障卡遗失如何补办？');
    expect(await wf.replies.list(actors.other!)).toEqual([]);
    now = T0 + 30 * HOUR;
    expect((await wf.replies.list(actors.responder!, { status: 'overdue' })).map((i) => i.id)).toEqual(['weibo:c1']);
    const answered = await wf.replies.answer(actors.responder!, 'weibo:c1', { expected_version: items[0]!.version, answer: suggestions[0]!.entry.answer });
    expect(answered).toMatchObject({ status: 'answered', overdue: true });
    await expect(wf.replies.answer(actors.responder!, 'weibo:c1', { expected_version: items[0]!.version, answer: 'again' })).rejects.toBeInstanceOf(ConflictError);
    const stats = await wf.replies.stats(actors.province!, T0 - HOUR, T0 + HOUR);
    expect(stats).toEqual([expect.objectContaining({ unit_id: units.city!.id, received: 2, answered: 2, on_time: 1, on_time_rate: 0.5 })]);
    // Spam is closed without an answer, with a reason.
    await store.insert('mentions', mentionCols, [row('c9', 'comment', T0 + HOUR, '加微信领红包', 'spammer', 'p1', 'p1')]);
    await wf.replies.scan(T0 - HOUR);
    const spam = await wf.replies.get(actors.responder!, 'weibo:c9');
    expect((await wf.replies.close(actors.responder!, 'weibo:c9', spam.version, '广告')).status).toBe('closed');
    expect((await wf.audit.list({ objectId: 'weibo:c9' })).map((a) => [a.action, a.detail])).toContainEqual(['reply.close', '广告']);
    void acct;
  });

  it('links an official account’s post in an incident’s event to the incident as a response action', async () => {
    now = T0;
    const inc = await wf.incidents.open(actors.responder!, { title: '停水', severity: 'general', unit_id: units.city!.id, event_ids: ['ev-water'], first_mention_at: T0 });
    await store.insert('mentions', mentionCols, [
      row('s1', 'post', T0 + 3 * HOUR, '【情况通报】关于沙市区停水的情况说明……', 'jzfb'),
      row('s2', 'post', T0 + 9 * HOUR, '网传停水是因水源污染，经核实，该消息不实。', 'jzfb'),
    ]);
    await store.insert('event_mentions', ['event_id', 'platform', 'id', 'time'], [
      ['ev-water', 'weibo', 's1', toDateTime64(T0 + 3 * HOUR)],
      ['ev-water', 'weibo', 's2', toDateTime64(T0 + 9 * HOUR)],
    ]);
    now = T0 + 10 * HOUR;
    expect((await wf.jobs.tick()).linked).toBe(2);
    expect((await wf.jobs.tick()).linked).toBe(0);
    const after = await wf.incidents.get(actors.responder!, inc.id);
    expect(after.actions.map((a) => [a.kind, a.source, a.at])).toEqual([['statement', 'account', T0 + 3 * HOUR], ['rebuttal', 'account', T0 + 9 * HOUR]]);
    expect(after.clock!.deadlines[0]).toMatchObject({ state: 'met', met_at: T0 + 3 * HOUR });
  });
});

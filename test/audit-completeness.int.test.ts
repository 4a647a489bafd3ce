import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, AuditEntry } from '@fenghuo/shared';
import { consultation as consultationDemo, duty as dutyModule } from '@fenghuo/analytics';
import type { Runtime } from '@fenghuo/dashboard';
import { writeAlerts } from '../analytics/src/worker/persist';
import { resolveDutyLinkSecret } from '../dashboard/server/duty-escalations';
import { signIn, signInAdmin, TEST_USER_PASSWORD, userWithRoles, type ApiAnswer, type ApiClient } from './support/api-client';
import { appOf, servedRoutes, splitRoute, STATE_CHANGING } from './support/route-table';
import { mention, postMentions, startTestRuntime, TEST_TOKEN, waitFor } from './support/runtime';

/**
 * The audit log is complete: every state-changing route the app serves
 * (read from its router, so a new one fails this test until it is listed)
 * is performed once, successfully, on a real runtime, and must leave exactly
 * one audit entry of its own action. A route that changes more than one
 * object (publishing consultation feedback writes a draft and submits it)
 * lists the other objects' entries, each exactly once. Routes that by
 * design write none are listed with the reason.
 */

/** State-changing routes that write no audit entry, and why. */
const NOT_AUDITED: Record<string, string> = {
  'POST /api/v1/mentions': 'data, not an administrative act: every record is counted (metrics) and kept in mentions or rejected_mentions with its source',
  'POST /api/v1/accounts/snapshots': 'data from collectors (audience counts), kept in their own table with the source; bad rows stored with the reason',
  'POST /api/v1/checks': 'runs the pre-approval checks on a text and answers the findings; stores nothing',
};

/** A statement the pre-approval checks pass with warnings only (time, place, what was done, a contact). */
const DRAFT_BODY = '关于江城停水的情况通报\n11月27日9时，江城城区因主管道破裂停水，抢修已于当日14时完成，无人员受伤。\n本级单位正在调查原因，后续情况将及时发布。\n咨询电话0716-8123456。';

interface Step {
  /** The audit action this route must write exactly once. */
  action: string;
  /** Entries of other objects the same request changes, each exactly once. */
  also?: string[];
  run: () => Promise<ApiAnswer>;
}

describe('audit log completeness', () => {
  let runtime: Runtime;
  let url: string;
  let admin: ApiClient;
  let analyst: ApiClient;
  let responder: ApiClient;
  let reviewer: ApiClient;
  let sessionUser: ApiClient;
  const ids: Record<string, string> = {};
  const versions: Record<string, number> = {};
  const t0 = Date.now();

  beforeAll(async () => {
    runtime = await startTestRuntime({ FENGHUO_DASHBOARD: 'off' }, { api: true, worker: true });
    url = runtime.url!;
    admin = await signInAdmin(url);
    analyst = await userWithRoles(url, admin, 'au-analyst', ['analyst']);
    responder = await userWithRoles(url, admin, 'au-responder', ['responder']);
    reviewer = await userWithRoles(url, admin, 'au-reviewer', ['reviewer']);
    sessionUser = await userWithRoles(url, admin, 'au-session', ['viewer']);
    // An alert, as the analytics worker stores it.
    const now = Date.now();
    const alert: Alert = { id: 'alert-audit-1', event_id: 'event-audit-1', title: '江城化工厂爆炸', severity: 'high', status: 'open', opened_at: now, updated_at: now, reasons: [], first_mentions: [], samples: [], rumor_score: 0 };
    await writeAlerts(runtime.store, [alert, { ...alert, id: 'alert-audit-2', event_id: 'event-audit-2', title: '江城水库溃坝' }]);
    ids.alert = alert.id;
    ids.alert2 = 'alert-audit-2';
    // A comment to a registered account, for the reply queue.
    const account = await admin.post('/api/v1/accounts', { platform: 'weibo', account_id: 'au-gov', name: '江城发布', unit_id: admin.user.unit_id });
    expect(account.status).toBe(201);
    const posted = await postMentions(url, [
      mention('au-post', { author: { id: 'au-gov' } }),
      mention('au-c1', { kind: 'comment', author: { id: 'citizen-1' }, parent_id: 'au-post', root_id: 'au-post', text: '什么时候来水？' }),
      mention('au-c2', { kind: 'comment', author: { id: 'citizen-2' }, parent_id: 'au-post', root_id: 'au-post', text: '广告' }),
    ]);
    expect(posted.status).toBe(202);
    await waitFor(async () => Number((await runtime.store.query<{ n: string }>("SELECT count() AS n FROM mentions WHERE startsWith(id, 'au-')", {}))[0]!.n) === 3);
    await runtime.workflow.replies.scan(0);
    const queue = (await responder.get('/api/v1/replies')).body.replies as { id: string; version: number; text: string }[];
    expect(queue).toHaveLength(2);
    ids.reply1 = queue[0]!.id;
    versions.reply1 = queue[0]!.version;
    ids.reply2 = queue[1]!.id;
    versions.reply2 = queue[1]!.version;
    // Escalations to acknowledge, in the app and through a signed link: someone on the roster to page.
    const unit = admin.user.unit_id;
    const roster = await admin.put(`/api/v1/duty/rosters/${unit}`, { expected_version: 0, roster: { people: [{ id: 'wang', name: '王强', channel: { kind: 'in_app' } }], leader: 'wang', shifts: [] } });
    expect(roster.status, JSON.stringify(roster.body)).toBe(200);
    for (const id of ['au-clock-1', 'au-clock-2']) {
      const e = await runtime.duty.startEscalation({ kind: 'incident_clock', id, unit_id: unit, severity: 'critical', title: '首次发布时限预警', link: '/incidents/x', incident_id: 'x' });
      expect(e).toBeDefined();
      ids[id] = e!.id;
    }
    ids.ackToken = dutyModule.signAckToken({ e: ids['au-clock-2']!, s: 0, x: Date.now() + 3_600_000 }, resolveDutyLinkSecret(runtime.config.dataDir));
  }, 120_000);

  afterAll(async () => {
    await runtime?.stop();
  });

  const ok = async (r: Promise<ApiAnswer>): Promise<ApiAnswer> => {
    const a = await r;
    if (a.status >= 300) throw new Error(`${a.status} ${JSON.stringify(a.body)}`);
    return a;
  };
  const keep = (name: string) => (a: ApiAnswer) => {
    ids[name] = a.body.id;
    if (typeof a.body.version === 'number') versions[name] = a.body.version;
    return a;
  };
  const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';

  /** In the order they run: each creates what the next ones change. */
  const STEPS: Record<string, Step> = {
    'POST /api/v1/session': { action: 'session.login', run: async () => {
      const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'au-session', password: TEST_USER_PASSWORD }) });
      return { status: res.status, body: await res.json(), headers: res.headers };
    } },
    'POST /api/v1/session/password': { action: 'user.password', also: ['session.login'] /* the step signs in again with the new password */, run: async () => {
      const a = await sessionUser.post('/api/v1/session/password', { old_password: TEST_USER_PASSWORD, password: 'Changed-Pass-2026!' });
      sessionUser = await signIn(url, 'au-session', 'Changed-Pass-2026!');
      return a;
    } },
    'DELETE /api/v1/session': { action: 'session.logout', run: () => sessionUser.delete('/api/v1/session') },

    'POST /api/v1/units': { action: 'unit.create', run: () => admin.post('/api/v1/units', { name: '审计县', kind: 'county', parent_id: admin.user.unit_id }).then(keep('unit')) },
    'PUT /api/v1/units/:id': { action: 'unit.update', run: () => admin.put(`/api/v1/units/${ids.unit}`, { name: '审计县人民政府', kind: 'county', parent_id: admin.user.unit_id }) },
    'POST /api/v1/users': { action: 'user.create', run: () => admin.post('/api/v1/users', { username: 'au-new', display_name: '新用户', unit_id: ids.unit, roles: ['viewer'], password: TEST_USER_PASSWORD }).then(keep('user')) },
    'PATCH /api/v1/users/:id': { action: 'user.role_change', run: () => admin.patch(`/api/v1/users/${ids.user}`, { roles: ['viewer', 'analyst'] }) },
    'POST /api/v1/users/:id/password': { action: 'user.password', run: () => admin.post(`/api/v1/users/${ids.user}/password`, { password: 'Reset-Pass-2026!x' }) },
    'POST /api/v1/accounts': { action: 'account.create', run: () => admin.post('/api/v1/accounts', { platform: 'weibo', account_id: 'au-acct', name: '审计发布', unit_id: ids.unit }).then(keep('account')) },
    'PUT /api/v1/accounts/:id': { action: 'account.update', run: () => admin.put(`/api/v1/accounts/${ids.account}`, { platform: 'weibo', account_id: 'au-acct', name: '审计县发布', unit_id: ids.unit }) },
    'POST /api/v1/accounts/import': { action: 'account.import', also: ['account.create', 'account.create'] /* each imported account */, run: () => admin.request('POST', '/api/v1/accounts/import', csv([['platform', 'account_id', 'name', 'unit_id'], ['douyin', 'au-dy', '审计抖音', ids.unit!], ['weibo', 'au-wb2', '审计微博', ids.unit!]]), { 'content-type': 'text/csv' }) },
    'DELETE /api/v1/accounts/:id': { action: 'account.delete', run: () => admin.delete(`/api/v1/accounts/${ids.account}`) },
    'POST /api/v1/tokens': { action: 'token.create', run: () => admin.post('/api/v1/tokens', { source: 'audit', name: '审计' }).then(keep('token')) },
    'DELETE /api/v1/tokens/:id': { action: 'token.revoke', run: () => admin.delete(`/api/v1/tokens/${ids.token}`) },

    'POST /api/v1/channels': { action: 'channels.create', run: () => admin.post('/api/v1/channels', { name: '审计通道', kind: 'webhook', url: 'http://127.0.0.1:9/hook', min_severity: 'low', enabled: false }).then(keep('channel')) },
    'PUT /api/v1/channels/:id': { action: 'channels.update', run: () => admin.put(`/api/v1/channels/${ids.channel}`, { name: '审计通道2', kind: 'webhook', url: 'http://127.0.0.1:9/hook', min_severity: 'low', enabled: false }) },
    'POST /api/v1/channels/:id/test': { action: 'channel.test', run: () => admin.post(`/api/v1/channels/${ids.channel}/test`) },
    'DELETE /api/v1/channels/:id': { action: 'channels.delete', run: () => admin.delete(`/api/v1/channels/${ids.channel}`) },
    'POST /api/v1/rules': { action: 'rules.create', run: () => analyst.post('/api/v1/rules', { kind: 'keyword', name: '审计规则', phrases: ['化工厂爆炸'], min_count: 3, window_minutes: 10, severity: 'high' }).then(keep('rule')) },
    'PUT /api/v1/rules/:id': { action: 'rules.update', run: () => analyst.put(`/api/v1/rules/${ids.rule}`, { kind: 'keyword', name: '审计规则2', phrases: ['化工厂爆炸'], min_count: 4, window_minutes: 10, severity: 'high' }) },
    'DELETE /api/v1/rules/:id': { action: 'rules.delete', run: () => analyst.delete(`/api/v1/rules/${ids.rule}`) },
    'POST /api/v1/kb': { action: 'kb.create', run: () => analyst.post('/api/v1/kb', { claim: '江城自来水有毒', rebuttal: '经检测水质达标', source: '江城水务', date: '2026-11-26' }).then(keep('claim')) },
    'PUT /api/v1/kb/:id': { action: 'kb.update', run: () => analyst.put(`/api/v1/kb/${ids.claim}`, { claim: '江城自来水有毒', rebuttal: '经检测，水质全部达标', source: '江城水务', date: '2026-11-26' }) },
    'DELETE /api/v1/kb/:id': { action: 'kb.delete', run: () => analyst.delete(`/api/v1/kb/${ids.claim}`) },
    'POST /api/v1/kb/import': { action: 'kb.import', run: () => analyst.request('POST', '/api/v1/kb/import?format=json', JSON.stringify([{ claim: '水库溃坝了', rebuttal: '水库运行正常', source: '江城水利', date: '2026-11-26' }]), { 'content-type': 'application/json' }) },
    'POST /api/v1/alerts/:id/ack': { action: 'alert.acknowledge', run: () => analyst.post(`/api/v1/alerts/${ids.alert2}/ack`) },

    'PUT /api/v1/settings/clock-policies': { action: 'settings.clock_policies', run: () => admin.put('/api/v1/settings/clock-policies', { expected_version: 0, policies: {} }) },
    'PUT /api/v1/settings/review-policy': { action: 'settings.review_policy', run: () => admin.put('/api/v1/settings/review-policy', { expected_version: 0, policy: { default_levels: 1, rules: [] } }) },
    'PUT /api/v1/settings/wording': { action: 'settings.wording', run: () => admin.put('/api/v1/settings/wording', { expected_version: 0, wording: { forbidden: ['审计禁用词'], sensitive: [], term_mistakes: [] } }) },
    'PUT /api/v1/governance/config': { action: 'settings.governance', run: async () => {
      const cfg = (await admin.get('/api/v1/governance/config')).body;
      return admin.put('/api/v1/governance/config', { expected_version: cfg.version, thresholds: cfg.thresholds });
    } },
    'PUT /api/v1/duty/settings': { action: 'settings.duty', run: async () => {
      const cur = (await admin.get('/api/v1/duty/settings')).body;
      return admin.put('/api/v1/duty/settings', { expected_version: cur.version, settings: cur.settings });
    } },
    'PUT /api/v1/duty/rosters/:unit': { action: 'duty_roster.create', run: () => admin.put(`/api/v1/duty/rosters/${ids.unit}`, { expected_version: 0, roster: { people: [{ id: 'zhang', name: '张伟', channel: { kind: 'in_app' } }, { id: 'li', name: '李娜', channel: { kind: 'in_app' } }], leader: 'zhang', shifts: [] } }) },
    'POST /api/v1/duty/rosters/:unit/import': { action: 'duty_roster.import', run: () => admin.request('POST', `/api/v1/duty/rosters/${ids.unit}/import?expected_version=1`, 'date,kind,on_duty,backup\n2026-11-27,白班,张伟,李娜\n', { 'content-type': 'text/csv' }) },
    'PUT /api/v1/playbooks/:id': { action: 'playbook.replace', run: async () => {
      const generic = (await admin.get('/api/v1/playbooks/generic')).body;
      return admin.put('/api/v1/playbooks/generic', { expected_version: generic.version ?? 0, playbook: { ...generic.playbook, name: `${generic.playbook.name}（审计）` } });
    } },

    'POST /api/v1/incidents': { action: 'incident.open', also: ['playbook.instantiate'] /* its checklist */, run: () => responder.post('/api/v1/incidents', { title: '江城停水', severity: 'major', type: 'safety_accident', first_mention_at: t0 - 3_600_000 }).then(keep('incident')) },
    'POST /api/v1/incidents/from-alert/:id': { action: 'incident.open', also: ['playbook.instantiate'], run: () => responder.post(`/api/v1/incidents/from-alert/${ids.alert}`, { place: '江城', facts: '经核实' }) },
    'POST /api/v1/incidents/:id/ack': { action: 'incident.acknowledge', run: () => responder.post(`/api/v1/incidents/${ids.incident}/ack`).then(keep('incident')) },
    'PATCH /api/v1/incidents/:id': { action: 'incident.update', run: () => responder.patch(`/api/v1/incidents/${ids.incident}`, { expected_version: versions.incident, facts: '经核实，已恢复供水' }) },
    'POST /api/v1/incidents/:id/actions': { action: 'incident.action', run: () => responder.post(`/api/v1/incidents/${ids.incident}/actions`, { kind: 'statement', at: Date.now(), link: 'https://weibo.com/x/1' }) },
    'POST /api/v1/incidents/:id/checklist/:key/done': { action: 'playbook.step_done', run: async () => {
      const c = (await responder.get(`/api/v1/incidents/${ids.incident}/checklist`)).body as { items: { key: string; state: string }[] };
      ids.step1 = c.items[0]!.key;
      ids.step2 = c.items[1]!.key;
      return responder.post(`/api/v1/incidents/${ids.incident}/checklist/${ids.step1}/done`, { note: '已完成' });
    } },
    'POST /api/v1/incidents/:id/checklist/:key/skip': { action: 'playbook.step_skipped', run: () => responder.post(`/api/v1/incidents/${ids.incident}/checklist/${ids.step2}/skip`, { reason: '无需此步' }) },

    'POST /api/v1/drafts': { action: 'draft.create', run: () => responder.post('/api/v1/drafts', { incident_id: ids.incident, kind: 'situation_report', body: DRAFT_BODY }).then(keep('draft')) },
    'PUT /api/v1/drafts/:id': { action: 'draft.edit', run: () => responder.put(`/api/v1/drafts/${ids.draft}`, { expected_version: versions.draft, body: `${DRAFT_BODY}\n城区已全部恢复供水。` }).then(keep('draft')) },
    'POST /api/v1/drafts/:id/submit': { action: 'draft.submit', run: () => responder.post(`/api/v1/drafts/${ids.draft}/submit`, { expected_version: versions.draft }).then(keep('draft')) },
    'POST /api/v1/drafts/:id/review': { action: 'draft.approve', run: () => reviewer.post(`/api/v1/drafts/${ids.draft}/review`, { expected_version: versions.draft, decision: 'approve' }).then(keep('draft')) },
    'POST /api/v1/drafts/:id/publish': { action: 'draft.publish', also: ['incident.action'] /* the publication on the incident's record */, run: () => responder.post(`/api/v1/drafts/${ids.draft}/publish`, { expected_version: versions.draft, where: '江城发布微博', at: Date.now(), link: 'https://weibo.com/jc/1' }) },

    'POST /api/v1/qa': { action: 'qa.create', run: () => responder.post('/api/v1/qa', { question: '停水什么时候恢复', answer: '预计今晚8点恢复供水。', category: '供水', tags: ['停水'] }).then(keep('qa')) },
    'PUT /api/v1/qa/:id': { action: 'qa.update', run: () => responder.put(`/api/v1/qa/${ids.qa}`, { question: '停水什么时候恢复', answer: '已于今晚8点恢复供水。', category: '供水', tags: ['停水'], unit_id: responder.user.unit_id }) },
    'POST /api/v1/qa/import': { action: 'qa.import', also: ['qa.create'] /* the imported entry */, run: () => responder.request('POST', '/api/v1/qa/import', '问题,答案,分类,标签,单位,生效日期,失效日期\r\n社保卡丢了怎么办,到社保网点补办。,社保,社保卡,,,\r\n', { 'content-type': 'text/csv' }) },
    'DELETE /api/v1/qa/:id': { action: 'qa.delete', run: () => responder.delete(`/api/v1/qa/${ids.qa}`) },
    'POST /api/v1/replies/:id/answer': { action: 'reply.answer', run: () => responder.post(`/api/v1/replies/${ids.reply1}/answer`, { expected_version: versions.reply1, answer: '预计今晚8点恢复供水。' }) },
    'POST /api/v1/replies/:id/close': { action: 'reply.close', run: () => responder.post(`/api/v1/replies/${ids.reply2}/close`, { expected_version: versions.reply2, reason: '广告' }) },

    'POST /api/v1/consultations': { action: 'consultation.create', run: () => analyst.post('/api/v1/consultations', consultationDemo.demoConsultationInput(Date.now())).then(keep('consultation')) },
    'PUT /api/v1/consultations/:id': { action: 'consultation.update', run: async () => {
      const cur = (await analyst.get(`/api/v1/consultations/${ids.consultation}`)).body;
      return analyst.put(`/api/v1/consultations/${ids.consultation}`, { expected_version: versions.consultation, consultation: { ...cur.policy, title: `${cur.policy.title}（修订）` } }).then(keep('consultation'));
    } },
    'PUT /api/v1/consultations/:id/feedback': { action: 'consultation.feedback', run: () => analyst.put(`/api/v1/consultations/${ids.consultation}/feedback`, { expected_version: versions.consultation, rows: [{ theme_key: 'fees', theme_label: '收费', decision: 'partly', reason: '理由' }] }).then(keep('consultation')) },
    'POST /api/v1/consultations/:id/publish-feedback': { action: 'consultation.publish_feedback', also: ['draft.create', 'draft.submit'], run: () => responder.post(`/api/v1/consultations/${ids.consultation}/publish-feedback`, { expected_version: versions.consultation }) },

    'POST /api/v1/duty/escalations/:kind/:id/ack': { action: 'escalation.acknowledged', run: () => responder.post('/api/v1/duty/escalations/incident_clock/au-clock-1/ack') },
    'POST /api/v1/duty/ack/:token': { action: 'escalation.acknowledged', run: async () => {
      const res = await fetch(`${url}/api/v1/duty/ack/${ids.ackToken}`, { method: 'POST' });
      return { status: res.status, body: await res.text(), headers: res.headers };
    } },
  };

  const auditSince = async (): Promise<AuditEntry[]> => (await admin.get(`/api/v1/audit?from=${t0 - 60_000}&limit=100000`)).body.entries as AuditEntry[];

  it('every state-changing route the app serves is either performed below or listed as writing no entry, with the reason', () => {
    const changing = servedRoutes(appOf(runtime.server!)).filter((k) => STATE_CHANGING.has(splitRoute(k).method));
    expect(changing.length).toBeGreaterThan(50);
    const listed = [...Object.keys(STEPS), ...Object.keys(NOT_AUDITED)];
    expect(listed.filter((k) => Object.hasOwn(STEPS, k) && Object.hasOwn(NOT_AUDITED, k))).toEqual([]);
    expect(changing).toEqual([...new Set(listed)].sort());
  });

  it('each state-changing action leaves exactly one audit entry of its own (and of each other object it changes)', async () => {
    const report: string[] = [];
    const wrong: string[] = [];
    for (const [key, step] of Object.entries(STEPS)) {
      const before = await auditSince();
      let answer: ApiAnswer;
      try {
        answer = await ok(step.run());
      } catch (error) {
        wrong.push(`${key}: failed ${(error as Error).message.slice(0, 200)}`);
        continue;
      }
      expect(answer.status).toBeLessThan(300);
      const after = await auditSince();
      // Entries are newest first; background jobs (the system actor) may write meanwhile and do not count.
      const added = after.slice(0, after.length - before.length).filter((e) => e.actor !== 'system');
      const actions = added.map((e) => e.action).sort();
      report.push(`${key} → ${actions.join(', ') || '(none)'}`);
      const expected = [step.action, ...(step.also ?? [])].sort();
      if (JSON.stringify(actions) !== JSON.stringify(expected)) wrong.push(`${key}: wrote [${actions.join(', ')}], expected [${expected.join(', ')}]`);
    }
    console.log(report.join('\n'));
    expect(wrong).toEqual([]);
    // An acknowledgement in the app names the user (their id), one by link the person paged.
    const acks = (await auditSince()).filter((e) => e.action === 'escalation.acknowledged');
    expect(acks.map((e) => e.actor).sort()).toEqual([responder.user.id, '王强'].sort());
  }, 180_000);

  it('the routes that write no entry indeed write none (ingest with a token, the text checks)', async () => {
    const before = (await auditSince()).filter((e) => e.actor !== 'system').length;
    expect((await postMentions(url, [mention('au-plain')], { token: TEST_TOKEN })).status).toBe(202);
    expect((await responder.post('/api/v1/checks', { text: '江城通报' })).status).toBe(200);
    expect((await fetch(`${url}/api/v1/accounts/snapshots`, { method: 'POST', headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify([{ platform: 'weibo', account_id: 'au-gov', at: Date.now(), followers: 100 }]) })).status).toBeLessThan(500);
    expect((await auditSince()).filter((e) => e.actor !== 'system').length).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationAnalysis } from '@fenghuo/shared';
import { consultation as demo } from '@fenghuo/analytics';
import type { Runtime } from '@fenghuo/dashboard';
import { signInAdmin, userWithRoles, type ApiClient } from './support/api-client';
import { postMentions, startTestRuntime, waitFor } from './support/runtime';

/**
 * Public consultations through the API on a real runtime (chdb, HTTP): an
 * analyst creates the demo draft policy, its comments arrive through ingest,
 * the analysis finds themes, stance shares, sections and the coordinated
 * campaign, the feedback table is saved with its version, and a responder
 * publishes the feedback as a draft that goes into the 先审后发 review.
 */
describe('consultations API', () => {
  let runtime: Runtime;
  let url: string;
  let admin: ApiClient;
  let analyst: ApiClient;
  let responder: ApiClient;
  let viewer: ApiClient;
  let id: string;
  let version: number;
  const now = Date.now();
  const comments = demo.demoConsultationComments(now);

  beforeAll(async () => {
    runtime = await startTestRuntime({ FENGHUO_DASHBOARD: 'off' }, { api: true, worker: true, analytics: true });
    url = runtime.url!;
    admin = await signInAdmin(url);
    analyst = await userWithRoles(url, admin, 'consult-analyst', ['analyst']);
    responder = await userWithRoles(url, admin, 'consult-responder', ['responder']);
    viewer = await userWithRoles(url, admin, 'consult-viewer', ['viewer']);
  }, 60_000);
  afterAll(async () => {
    await runtime?.stop();
  });

  it('refuses a consultation without sections or links, and viewers may not create one', async () => {
    const input = demo.demoConsultationInput(now);
    const bad = await analyst.post('/api/v1/consultations', { ...input, sections: [], post_ids: [], keyword_rules: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/sections/);
    expect((await viewer.post('/api/v1/consultations', input)).status).toBe(403);
  });

  it('creates the consultation and lists it for everyone in the unit', async () => {
    const r = await analyst.post('/api/v1/consultations', demo.demoConsultationInput(now));
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    id = r.body.id;
    version = r.body.version;
    expect(version).toBe(1);
    const list = await viewer.get('/api/v1/consultations');
    expect(list.body.consultations).toEqual([expect.objectContaining({ id, title: demo.DEMO_CONSULTATION_TITLE, status: 'open' })]);
  });

  it('analyses the comments that arrive through ingest', async () => {
    const posted = await postMentions(url, [...demo.demoConsultationPosts(now), ...comments, { id: 'unrelated-1', platform: 'weibo', text: '今天江城天气不错', time: now - 3_600_000 }]);
    expect(posted.status).toBe(202);
    const a = await waitFor(async () => {
      const r = await viewer.get(`/api/v1/consultations/${id}/analysis`);
      return r.body.totals?.comments === comments.length ? (r.body as ConsultationAnalysis) : undefined;
    }, 30_000, 300);
    expect(a.totals.accounts).toBeGreaterThan(200);
    // The campaign: twelve accounts, one text, in 40 minutes; counted once in the stance shares.
    expect(a.campaigns).toHaveLength(1);
    expect(a.campaigns[0]).toMatchObject({ accounts: 12, stance: 'oppose' });
    expect(a.totals.campaign_comments).toBe(12);
    const { support, oppose, suggestion, other } = a.stances;
    expect(support + oppose + suggestion + other).toBe(a.totals.weighted);
    expect(a.totals.weighted).toBeLessThanOrEqual(a.totals.comments - 11);
    expect(support).toBeGreaterThan(0);
    expect(oppose).toBeGreaterThan(0);
    expect(suggestion).toBeGreaterThan(0);
    expect(a.themes.length).toBeGreaterThanOrEqual(4);
    expect(a.themes.some((t) => t.keywords.includes('夜间'))).toBe(true);
    expect(a.themes.some((t) => t.keywords.includes('医院'))).toBe(true);
    for (const t of a.themes.filter((t) => t.key !== 'other')) expect(t.representatives.length).toBeGreaterThan(0);
    expect(a.sections.find((s) => s.section_id === 's3')!.count).toBeGreaterThan(10);
    expect(a.sections.find((s) => s.section_id === 's2')!.count).toBeGreaterThan(5);
    expect(a.volume.reduce((s, p) => s + p.comments, 0)).toBe(comments.length);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.feedback.map((r) => r.theme_key)).toEqual(a.themes.map((t) => t.key));
  });

  it('saves the feedback table with its version (409 on a stale one)', async () => {
    const a = (await viewer.get(`/api/v1/consultations/${id}/analysis`)).body as ConsultationAnalysis;
    const rows = a.feedback.map((r, i) => ({ ...r, decision: i === 0 ? 'partly' : i === 1 ? 'not_adopted' : 'adopted', reason: `理由${i + 1}` }));
    expect((await viewer.put(`/api/v1/consultations/${id}/feedback`, { expected_version: version, rows })).status).toBe(403);
    const bad = await analyst.put(`/api/v1/consultations/${id}/feedback`, { expected_version: version, rows: [{ ...rows[0], decision: 'maybe' }] });
    expect(bad.status).toBe(400);
    const saved = await analyst.put(`/api/v1/consultations/${id}/feedback`, { expected_version: version, rows });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(version + 1);
    const stale = await responder.put(`/api/v1/consultations/${id}/feedback`, { expected_version: version, rows });
    expect(stale.status).toBe(409);
    version = saved.body.version;
    const after = (await viewer.get(`/api/v1/consultations/${id}/analysis`)).body as ConsultationAnalysis;
    expect(after.feedback[0]).toMatchObject({ decision: 'partly', reason: '理由1' });
  });

  it('publishes the feedback as a draft in the 先审后发 review', async () => {
    expect((await analyst.post(`/api/v1/consultations/${id}/publish-feedback`, { expected_version: version })).status).toBe(403);
    const r = await responder.post(`/api/v1/consultations/${id}/publish-feedback`, { expected_version: version });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.draft).toMatchObject({ status: 'submitted', kind: 'situation_report', title: expect.stringContaining(demo.DEMO_CONSULTATION_TITLE) });
    expect(r.body.draft.body).toContain('部分采纳');
    expect(r.body.consultation.feedback_draft_id).toBe(r.body.draft.id);
    const draft = await responder.get(`/api/v1/drafts/${r.body.draft.id}`);
    expect(draft.body.status).toBe('submitted');
    const audit = await admin.get('/api/v1/audit?action=consultation.publish_feedback');
    expect(audit.body.entries).toHaveLength(1);
  });

  it('answers 404 for a consultation that does not exist, and for one of a unit one does not see', async () => {
    expect((await viewer.get('/api/v1/consultations/consultation-nope/analysis')).status).toBe(404);
    expect((await viewer.get('/api/v1/consultations/consultation-nope/report.pdf')).status).toBe(404);
    const other = (await admin.post('/api/v1/units', { name: '别的县', kind: 'county' })).body.id as string;
    const outsider = await userWithRoles(url, admin, 'consult-outsider', ['analyst'], other);
    expect((await outsider.get(`/api/v1/consultations/${id}`)).status).toBe(404);
    expect((await outsider.get('/api/v1/consultations')).body.consultations).toEqual([]);
  });
});

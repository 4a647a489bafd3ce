import { randomUUID } from 'node:crypto';
import {
  consultationInputSchema,
  consultationPublishSchema,
  feedbackUpdateSchema,
  FEEDBACK_DECISION_LABELS,
  CONSULTATION_STANCE_LABELS,
  type Consultation,
  type ConsultationAnalysis,
  type ConsultationInput,
  type ConsultationSummary,
  type Store,
} from '@fenghuo/shared';
import { loadSentimentModifiers, segmenter } from '@fenghuo/shared/text';
import type { z } from 'zod';
import { createTextAnalyser } from '../kb/claim-text';
import { parseWith } from '../store/json-repository';
import { audited, ForbiddenError, seesUnit, type Actor } from '../workflow/context';
import { ConflictError, NotFoundError } from '../workflow/store/workflow-log';
import type { DraftView, Workflow } from '../workflow';
import { analyseConsultation, type AnalysisDeps, type AnalysisOptions, type ConsultationComment } from './analyse';
import { consultationComments } from './comments.query';
import { linkedToConsultation, ruleTerms } from './link';
import { createStanceClassifier } from './stance';

const KIND = 'consultation';

export interface ConsultationsOptions {
  workflow: Workflow;
  store: Store;
  now?: () => number;
  analysis?: AnalysisOptions;
}

/** The project's text features (jieba words, bigrams, SimHash) and the stance lexicon with the sentiment lexicon's negations. */
export function defaultAnalysisDeps(): AnalysisDeps {
  const seg = segmenter();
  const analyser = createTextAnalyser(seg);
  const negations = [...loadSentimentModifiers()].filter(([, m]) => m.type === 'negation').map(([w]) => w);
  return { features: (text) => analyser.features(text), idf: (t) => seg.idf(t), classify: createStanceClassifier(negations) };
}

/**
 * Public consultations (决策前征求意见) as versioned workflow objects: the
 * draft policy and how comments are linked, the analysis over the linked
 * mentions, the feedback table the drafting office fills, and the feedback
 * published as a draft through the 先审后发 review.
 */
export function createConsultations(options: ConsultationsOptions) {
  const { workflow, store } = options;
  const ctx = workflow.ctx;
  const now = options.now ?? ctx.now;
  let deps: AnalysisDeps | undefined;
  const analysisDeps = () => (deps ??= defaultAnalysisDeps());

  const load = async (actor: Actor, id: string) => {
    const cur = await ctx.log.get<Consultation>(KIND, id);
    if (!cur || !seesUnit(actor, cur.state.unit_id)) throw new NotFoundError(`no consultation ${id}`);
    return cur;
  };
  const requireVersion = (seq: number, expected: number, id: string) => {
    if (seq !== expected) throw new ConflictError(`consultation ${id} changed meanwhile: version ${seq}, not ${expected}; reload it`, seq);
  };
  const save = async (actor: Actor, before: { state: Consultation; seq: number } | undefined, next: Consultation, action: string) => {
    const saved = await ctx.log.append(KIND, next.id, before?.seq ?? 0, { action, actor: actor.id, at: now(), state: next });
    await audited(ctx, actor, `consultation.${action}`, KIND, next.id, before?.state, next);
    return { ...saved.state, version: saved.seq };
  };

  const comments = async (c: Consultation): Promise<ConsultationComment[]> => {
    const p = c.policy;
    const rows = await consultationComments(store, { start: p.period.start, end: p.period.end, channels: p.channels, postIds: p.post_ids, terms: ruleTerms(p.keyword_rules) });
    return rows.filter((r) => linkedToConsultation(p, r)).map((r) => ({ id: `${r.platform}:${r.id}`, platform: r.platform, author: r.author, at: r.t, text: r.text }));
  };

  const api = {
    async list(actor: Actor): Promise<ConsultationSummary[]> {
      const all = await ctx.log.list<Consultation>(KIND);
      return all
        .filter((c) => seesUnit(actor, c.state.unit_id))
        .map(({ state: c, seq }) => ({ id: c.id, version: seq, title: c.policy.title, status: c.policy.status, period: c.policy.period, channels: c.policy.channels, updated_at: c.updated_at }))
        .sort((a, b) => b.period.start - a.period.start || (a.id < b.id ? -1 : 1));
    },
    async get(actor: Actor, id: string): Promise<Consultation> {
      const cur = await load(actor, id);
      return { ...cur.state, version: cur.seq };
    },
    async create(actor: Actor, input: ConsultationInput, unitId = actor.unit_id): Promise<Consultation> {
      const policy = parseWith(consultationInputSchema, input);
      if (!seesUnit(actor, unitId)) throw new ForbiddenError(`unit ${unitId} is not yours or below yours`);
      const t = now();
      const c: Consultation = { id: `consultation-${randomUUID().slice(0, 8)}`, version: 1, unit_id: unitId, created_at: t, created_by: actor.id, updated_at: t, policy, feedback: [] };
      return save(actor, undefined, c, 'create');
    },
    async update(actor: Actor, id: string, expected: number, input: ConsultationInput): Promise<Consultation> {
      const policy = parseWith(consultationInputSchema, input);
      const cur = await load(actor, id);
      requireVersion(cur.seq, expected, id);
      return save(actor, cur, { ...cur.state, policy, updated_at: now() }, 'update');
    },
    async saveFeedback(actor: Actor, id: string, input: z.input<typeof feedbackUpdateSchema>): Promise<Consultation> {
      const data = parseWith(feedbackUpdateSchema, input);
      const cur = await load(actor, id);
      requireVersion(cur.seq, data.expected_version, id);
      const keys = data.rows.map((r) => r.theme_key);
      if (new Set(keys).size !== keys.length) throw new ConflictError('each theme has one feedback row');
      return save(actor, cur, { ...cur.state, feedback: data.rows, updated_at: now() }, 'feedback');
    },
    async analysis(actor: Actor, id: string): Promise<ConsultationAnalysis> {
      const cur = await load(actor, id);
      const c = { ...cur.state, version: cur.seq };
      return analyseConsultation(c, await comments(c), analysisDeps(), now(), options.analysis);
    },
    /**
     * Writes the feedback (意见采纳情况) as a draft statement and submits it to
     * the 先审后发 review; it is published from the drafts page once approved.
     */
    async publishFeedback(actor: Actor, id: string, input: z.input<typeof consultationPublishSchema>): Promise<{ consultation: Consultation; draft: DraftView }> {
      const data = parseWith(consultationPublishSchema, input);
      const cur = await load(actor, id);
      requireVersion(cur.seq, data.expected_version, id);
      const analysis = await api.analysis(actor, id);
      const title = `关于${bookTitle(cur.state.policy.title)}征求意见采纳情况的说明`;
      const created = await workflow.drafts.create(actor, { kind: 'situation_report', unit_id: cur.state.unit_id, title, body: feedbackStatement(cur.state, analysis) });
      const draft = await workflow.drafts.submit(actor, created.id, created.version);
      const consultation = await save(actor, cur, { ...cur.state, feedback_draft_id: draft.id, updated_at: now() }, 'publish_feedback');
      return { consultation, draft };
    },
  };
  return api;
}
export type Consultations = ReturnType<typeof createConsultations>;

/** 《…》 around a title that lacks it. */
export function bookTitle(title: string): string {
  return title.startsWith('《') ? title : `《${title}》`;
}

/** The calendar day in China (UTC+8) of an instant. */
const chinaDay = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);

const percent = (n: number, d: number) => (d ? `${Math.round((n / d) * 100)}%` : '0%');

/** The published feedback: participation, stance shares, and every theme with the office's decision and reason. */
export function feedbackStatement(c: Consultation, a: ConsultationAnalysis): string {
  const p = c.policy;
  const s = a.stances;
  const base = a.totals.weighted;
  const lines = [
    `${p.office || '我单位'}于${chinaDay(p.period.start)}至${chinaDay(p.period.end - 1)}就${bookTitle(p.title)}公开征求意见，共收到${a.totals.accounts}位网民的${a.totals.comments}条意见。`,
    `其中${CONSULTATION_STANCE_LABELS.support}${percent(s.support, base)}，${CONSULTATION_STANCE_LABELS.oppose}${percent(s.oppose, base)}，提出${CONSULTATION_STANCE_LABELS.suggestion}${percent(s.suggestion, base)}。`,
    '主要意见及采纳情况如下：',
    ...a.feedback.map((r, i) => `${i + 1}. ${r.theme_label}：${FEEDBACK_DECISION_LABELS[r.decision]}${r.reason ? `。${r.reason}` : ''}`),
    '感谢社会各界的关心和支持。',
  ];
  return lines.join('\n');
}

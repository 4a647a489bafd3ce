import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  draftEditSchema,
  draftInputSchema,
  publishInputSchema,
  reviewInputSchema,
  type ActionKind,
  type Draft,
  type DraftInput,
  type IncidentSeverity,
  type TemplateKindName,
} from '@fenghuo/shared';
import type { KbMatch } from '@fenghuo/shared';
import { parseWith } from '../store/json-repository';
import { checkDraft, hasBlockingFindings, type CheckContext, type CheckFinding, type CheckLexicon } from './checks';
import { audited, BadRequestError, ForbiddenError, seesUnit, type Actor, type WorkflowContext } from './context';
import type { Directory } from './directory';
import { BUILT_IN_TEMPLATES, diffLines, fillTemplate, incidentTemplateValues, unifiedDiff } from './drafting';
import type { Incidents } from './incidents';
import { ConflictError, NotFoundError } from './store/workflow-log';

/** How many review levels a draft needs: one, or three (三审), by unit and severity; the most specific rule wins. */
export const reviewPolicySchema = z.object({
  default_levels: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
  rules: z
    .array(z.object({ unit_id: z.string().optional(), severity: z.string().optional(), levels: z.union([z.literal(1), z.literal(2), z.literal(3)]) }))
    .max(500)
    .default([]),
});
export type ReviewPolicy = z.output<typeof reviewPolicySchema>;

export const DEFAULT_REVIEW_POLICY: ReviewPolicy = {
  default_levels: 1,
  // Statements on major emergencies go through three reviews by default.
  rules: [
    { severity: 'especially_major', levels: 3 },
    { severity: 'major', levels: 3 },
  ],
};

export function levelsFor(policy: ReviewPolicy, unitChain: readonly string[], severity: IncidentSeverity | undefined): number {
  let best: { score: number; levels: number } = { score: -1, levels: policy.default_levels };
  for (const r of policy.rules) {
    if (r.severity && r.severity !== severity) continue;
    const depth = r.unit_id ? unitChain.indexOf(r.unit_id) : -2;
    if (r.unit_id && depth < 0) continue;
    // A rule for the unit itself beats one for a unit above it; a rule with a severity beats one without.
    const score = (r.unit_id ? 100 - depth : 0) + (r.severity ? 1000 : 0);
    if (score > best.score) best = { score, levels: r.levels };
  }
  return best.levels;
}

const DEFAULT_ACTION: Record<TemplateKindName, ActionKind> = {
  situation_report: 'statement',
  rebuttal: 'rebuttal',
  press_qa: 'press_conference',
  talking_points: 'reply',
};

export interface DraftView extends Draft {
  checks: CheckFinding[];
  blocking: boolean;
}

/**
 * Statements and rebuttals through 先审后发: draft → submitted → reviewed at
 * each level → approved → published, or rejected back to the author. Every
 * transition names the version it acts on, so of two reviewers acting on
 * the same version only one succeeds.
 */
export interface DraftSuggestions {
  /** Known rumors the incident matches, with their published rebuttals (debunk knowledge base). */
  kb: KbMatch[];
  /** Approved answers from the Q&A library. */
  qa: { id: string; question: string; answer: string; score: number }[];
}

export function createDrafts(
  ctx: WorkflowContext,
  deps: {
    directory: Directory;
    incidents: Incidents;
    lexicon?: () => Promise<Partial<CheckLexicon>>;
    /** Debunk KB matches for a text (the incident's title and facts). */
    kbMatch?: (texts: string[]) => Promise<KbMatch | undefined>;
    /** Q&A library hits for a text, within the actor's units. */
    qaSuggest?: (actor: Actor, text: string) => Promise<{ id: string; question: string; answer: string; score: number }[]>;
    /** The KB matches the incident's events already carry. */
    eventKbMatches?: (eventIds: string[]) => Promise<KbMatch[]>;
  },
) {
  const loadPolicy = async () => parseWith(reviewPolicySchema, (await ctx.log.get<ReviewPolicy>('settings', 'review_policy'))?.state ?? DEFAULT_REVIEW_POLICY);

  const unitChain = async (unitId: string): Promise<string[]> => {
    const units = new Map((await deps.directory.units()).map((u) => [u.id, u]));
    const chain: string[] = [];
    for (let u = units.get(unitId); u && !chain.includes(u.id); u = u.parent_id ? units.get(u.parent_id) : undefined) chain.push(u.id);
    return chain;
  };

  const checkContext = async (d: Pick<Draft, 'kind' | 'platform' | 'unit_id' | 'incident_id'>): Promise<CheckContext> => {
    const names = await deps.directory.unitNames();
    let place: string | boolean = true;
    if (d.incident_id) {
      const inc = await ctx.log.get<{ place?: string }>('incident', d.incident_id);
      if (inc?.state.place) place = inc.state.place;
    }
    const unit = names.get(d.unit_id) ?? true;
    // Talking points are internal: no contact line or place required.
    const required: CheckContext['required'] = d.kind === 'talking_points' ? {} : d.kind === 'press_qa' ? { time: true, unit } : { time: true, place, unit, contact: true };
    return { platform: d.platform as CheckContext['platform'], required, ...(deps.lexicon ? { lexicon: await deps.lexicon() } : {}) };
  };

  /** The checks, plus template blanks still to fill (【待填写：…】), which block approval like a missing element. */
  const runChecks = async (text: string, d: Pick<Draft, 'kind' | 'platform' | 'unit_id' | 'incident_id'>): Promise<CheckFinding[]> => {
    const findings = checkDraft(text, await checkContext(d));
    for (const m of text.matchAll(/【待填写：([^】]*)】/g)) {
      findings.push({ check: 'missing_element', severity: 'error', message: `模板空项未填写：${m[1]}`, start: m.index, end: m.index + m[0].length, match: m[0] });
    }
    return findings.sort((a, b) => (a.start ?? -1) - (b.start ?? -1));
  };

  const view = async (d: Draft, seq: number): Promise<DraftView> => {
    const checks = await runChecks(d.body, d);
    return { ...d, version: seq, checks, blocking: hasBlockingFindings(checks) };
  };

  const load = async (actor: Actor, id: string) => {
    const cur = await ctx.log.get<Draft>('draft', id);
    if (!cur || !seesUnit(actor, cur.state.unit_id)) throw new NotFoundError(`no draft ${id}`);
    return cur;
  };

  const requireVersion = (seq: number, expected: number, id: string) => {
    if (seq !== expected) throw new ConflictError(`draft ${id} changed meanwhile: version ${seq}, not ${expected}; reload it`, seq);
  };

  const save = async (actor: Actor, before: { state: Draft; seq: number } | undefined, next: Draft, action: string, detail?: string) => {
    const saved = await ctx.log.append('draft', next.id, before?.seq ?? 0, { action, actor: actor.id, at: ctx.now(), state: next });
    await audited(ctx, actor, `draft.${action}`, 'draft', next.id, before?.state, next, detail);
    return view(saved.state, saved.seq);
  };

  const suggestionsFor = async (actor: Actor, inc: { title: string; facts?: string; event_ids: string[] }): Promise<DraftSuggestions> => {
    const kb: KbMatch[] = [...((await deps.eventKbMatches?.(inc.event_ids.slice(0, 5))) ?? [])];
    const direct = await deps.kbMatch?.([inc.title, ...(inc.facts ? [inc.facts] : [])]);
    if (direct && !kb.some((k) => k.claim_id === direct.claim_id)) kb.push(direct);
    const qa = (await deps.qaSuggest?.(actor, `${inc.title} ${inc.facts ?? ''}`)) ?? [];
    return { kb, qa };
  };

  const drafts = {
    /** KB rebuttals and Q&A answers that may help with a draft of this incident. */
    async suggestions(actor: Actor, incidentId: string): Promise<DraftSuggestions> {
      return suggestionsFor(actor, await deps.incidents.get(actor, incidentId));
    },
    templates() {
      return Object.values(BUILT_IN_TEMPLATES);
    },
    async list(actor: Actor, filter: { incident_id?: string; status?: string } = {}): Promise<DraftView[]> {
      const all = await ctx.log.list<Draft>('draft');
      const out: DraftView[] = [];
      for (const { state, seq } of all) {
        if (!seesUnit(actor, state.unit_id)) continue;
        if (filter.incident_id && state.incident_id !== filter.incident_id) continue;
        if (filter.status && state.status !== filter.status) continue;
        out.push(await view(state, seq));
      }
      return out.sort((a, b) => b.updated_at - a.updated_at);
    },
    async get(actor: Actor, id: string): Promise<DraftView> {
      const cur = await load(actor, id);
      return view(cur.state, cur.seq);
    },
    async history(actor: Actor, id: string) {
      await load(actor, id);
      return (await ctx.log.history<Draft>('draft', id)).map((c) => ({ seq: c.seq, action: c.action, actor: c.actor, at: c.at, status: c.state.status, text_version: c.state.text_version }));
    },
    async diff(actor: Actor, id: string, from: number, to?: number) {
      const cur = await load(actor, id);
      const versions = cur.state.versions;
      const a = versions.find((v) => v.version === from);
      const b = to === undefined ? versions[versions.length - 1] : versions.find((v) => v.version === to);
      if (!a || !b) throw new BadRequestError(`draft ${id} has text versions 1–${versions.length}`);
      return { from: a.version, to: b.version, lines: diffLines(a.body, b.body), unified: unifiedDiff(a.body, b.body, { before: `v${a.version}`, after: `v${b.version}` }) };
    },
    /** A new draft, from a template filled with the incident's fields and the values given, or from a body. */
    async create(actor: Actor, input: DraftInput): Promise<DraftView> {
      const data = parseWith(draftInputSchema, input);
      let unitId = data.unit_id ?? actor.unit_id;
      let values: Record<string, string | undefined> = {};
      let title = data.title ?? '';
      if (data.incident_id) {
        const inc = await deps.incidents.get(actor, data.incident_id);
        unitId = data.unit_id ?? inc.unit_id;
        const names = await deps.directory.unitNames();
        values = incidentTemplateValues(
          {
            title: inc.title,
            severity: inc.severity,
            openedAt: inc.opened_at,
            ...(inc.place ? { place: inc.place } : {}),
            ...(names.get(inc.unit_id) ? { unitName: names.get(inc.unit_id)! } : {}),
            ...(inc.first_mention_at !== undefined ? { firstMentionAt: inc.first_mention_at } : {}),
            ...(inc.detected_at !== undefined ? { detectedAt: inc.detected_at } : {}),
            ...(inc.facts ? { facts: inc.facts } : {}),
            ...(inc.measures ? { measures: inc.measures } : {}),
            ...(inc.contact ? { contact: inc.contact } : {}),
          },
          ctx.now(),
          ctx.timezone,
        );
        if (data.kind === 'rebuttal' || data.kind === 'talking_points') {
          // A rebuttal states the rumor and the facts that refute it: from the KB when the incident matches a known rumor.
          const kb = (await suggestionsFor(actor, inc)).kb[0];
          if (kb) values.rumor ??= kb.claim;
          values.refutation ??= inc.facts ?? kb?.rebuttal;
        }
        title ||= `${BUILT_IN_TEMPLATES[data.kind].name}：${inc.title}`;
      }
      if (!seesUnit(actor, unitId)) throw new ForbiddenError(`unit ${unitId} is not yours or below yours`);
      const body = data.body ?? fillTemplate(BUILT_IN_TEMPLATES[data.kind], { ...values, ...(data.values ?? {}) }).text;
      title ||= BUILT_IN_TEMPLATES[data.kind].name;
      const t = ctx.now();
      const draft: Draft = {
        id: `draft-${randomUUID().slice(0, 8)}`,
        ...(data.incident_id ? { incident_id: data.incident_id } : {}),
        unit_id: unitId,
        kind: data.kind,
        platform: data.platform,
        title,
        body,
        text_version: 1,
        version: 0,
        status: 'draft',
        author_id: actor.id,
        levels: 1,
        reviews: [],
        current_level: 0,
        versions: [{ version: 1, title, body, at: t, by: actor.id }],
        created_at: t,
        updated_at: t,
      };
      return save(actor, undefined, draft, 'create');
    },
    /**
     * Edits title, body or platform. An edit of a submitted or approved text
     * sends it back to draft: it needs a new review.
     */
    async edit(actor: Actor, id: string, input: z.input<typeof draftEditSchema>): Promise<DraftView> {
      const data = parseWith(draftEditSchema, input);
      const cur = await load(actor, id);
      requireVersion(cur.seq, data.expected_version, id);
      const d = cur.state;
      if (d.status === 'published') throw new ConflictError('a published statement cannot change; write a new draft (an update or a correction)');
      const title = data.title ?? d.title;
      const body = data.body ?? d.body;
      const textChanged = title !== d.title || body !== d.body;
      const t = ctx.now();
      const next: Draft = { ...d, title, body, platform: data.platform ?? d.platform, updated_at: t };
      if (textChanged) {
        next.text_version = d.text_version + 1;
        next.versions = [...d.versions, { version: next.text_version, title, body, at: t, by: actor.id }];
        if (d.status === 'submitted' || d.status === 'approved') {
          next.status = 'draft';
          next.current_level = 0;
        }
      }
      const reopened = textChanged && (d.status === 'submitted' || d.status === 'approved');
      return save(actor, cur, next, reopened ? 'edit_reopened' : 'edit');
    },
    async submit(actor: Actor, id: string, expected: number): Promise<DraftView> {
      const cur = await load(actor, id);
      requireVersion(cur.seq, expected, id);
      const d = cur.state;
      if (d.status !== 'draft' && d.status !== 'rejected') throw new ConflictError(`a ${d.status} draft cannot be submitted`);
      let severity: IncidentSeverity | undefined;
      if (d.incident_id) severity = (await ctx.log.get<{ severity: IncidentSeverity }>('incident', d.incident_id))?.state.severity;
      const levels = levelsFor(await loadPolicy(), await unitChain(d.unit_id), severity);
      const next: Draft = { ...d, status: 'submitted', levels, current_level: 1, updated_at: ctx.now() };
      return save(actor, cur, next, 'submit', `${levels} level(s) of review`);
    },
    /**
     * A reviewer approves or rejects the current level. The author never
     * reviews their own draft, one person approves at most one level, and
     * an approval is refused while the checks find errors.
     */
    async review(actor: Actor, id: string, input: z.input<typeof reviewInputSchema>): Promise<DraftView> {
      const data = parseWith(reviewInputSchema, input);
      const cur = await load(actor, id);
      requireVersion(cur.seq, data.expected_version, id);
      const d = cur.state;
      if (d.status !== 'submitted') throw new ConflictError(`only a submitted draft can be reviewed (this one is ${d.status})`);
      if (d.author_id === actor.id) throw new ForbiddenError('the author cannot review their own draft');
      const sameRound = d.reviews.filter((r) => r.version === d.text_version && r.decision === 'approve');
      if (data.decision === 'approve' && sameRound.some((r) => r.by === actor.id)) throw new ForbiddenError('you already approved an earlier level of this text; another reviewer must approve this level');
      if (data.decision === 'reject' && !data.comment?.trim()) throw new BadRequestError('a rejection needs a comment for the author');
      const t = ctx.now();
      if (data.decision === 'approve') {
        const findings = await runChecks(d.body, d);
        if (hasBlockingFindings(findings)) {
          const err = new BadRequestError(`the checks found ${findings.filter((f) => f.severity === 'error').length} error(s); fix them before approval`);
          Object.assign(err, { status: 422, findings });
          throw err;
        }
      }
      const step = { level: d.current_level, decision: data.decision, by: actor.id, at: t, version: d.text_version, ...(data.comment ? { comment: data.comment } : {}) };
      const next: Draft = { ...d, reviews: [...d.reviews, step], updated_at: t };
      if (data.decision === 'reject') {
        next.status = 'rejected';
        next.current_level = 0;
      } else if (d.current_level >= d.levels) {
        next.status = 'approved';
        next.current_level = 0;
      } else next.current_level = d.current_level + 1;
      const action = data.decision === 'reject' ? 'reject' : next.status === 'approved' ? 'approve' : `approve_level_${d.current_level}`;
      return save(actor, cur, next, action, data.comment);
    },
    /** Records the publication of an approved text and logs it on the incident as a response action. */
    async publish(actor: Actor, id: string, input: z.input<typeof publishInputSchema>): Promise<DraftView> {
      const data = parseWith(publishInputSchema, input);
      const cur = await load(actor, id);
      requireVersion(cur.seq, data.expected_version, id);
      const d = cur.state;
      if (d.status !== 'approved') throw new ConflictError(`only an approved draft can be published (this one is ${d.status})`);
      const t = ctx.now();
      const at = data.at ?? t;
      const next: Draft = { ...d, status: 'published', publication: { where: data.where, at, by: actor.id, ...(data.link ? { link: data.link } : {}) }, updated_at: t };
      const saved = await save(actor, cur, next, 'publish', `${data.where}${data.link ? ` ${data.link}` : ''}`);
      if (d.incident_id) {
        await deps.incidents.addAction(actor, d.incident_id, {
          kind: data.action ?? DEFAULT_ACTION[d.kind],
          at,
          source: 'draft',
          draft_id: d.id,
          note: `${d.title}（${data.where}）`,
          ...(data.link ? { link: data.link } : {}),
        });
      }
      return saved;
    },
    async check(text: string, context: Pick<Draft, 'kind' | 'platform' | 'unit_id'> & { incident_id?: string }) {
      const findings = await runChecks(text, context);
      return { findings, blocking: hasBlockingFindings(findings) };
    },
    loadPolicy,
  };
  return drafts;
}

export type Drafts = ReturnType<typeof createDrafts>;

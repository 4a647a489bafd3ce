import {
  checkPlaybook,
  playbookSetSchema,
  stepDoneSchema,
  stepSkipSchema,
  type AdherenceRow,
  type Alert,
  type Checklist,
  type ChecklistItem,
  type Incident,
  type Playbook,
  type Severity,
  type StoredPlaybook,
} from '@fenghuo/shared';
import { parseWith, ValidationError } from '../store/json-repository';
import { audited, BadRequestError, SYSTEM_ACTOR, type Actor, type WorkflowContext } from '../workflow/context';
import type { Incidents } from '../workflow/incidents';
import { ConflictError, NotFoundError } from '../workflow/store/workflow-log';
import { playbookAdherence } from './adherence';
import { buildChecklist, checklistEvents, countStates, timingOf, type StepRecord } from './checklist';
import { defaultPlaybooks } from './defaults';
import { selectPlaybook } from './select';

/** The checklist of one incident as stored: a copy of its playbook, so later edits do not change open incidents. */
interface StoredRun {
  incident_id: string;
  unit_id: string;
  playbook: Playbook;
  playbook_version: number;
  created_at: number;
  records: Record<string, StepRecord>;
}

/** What an overdue step escalates with: the shape of the duty escalation's subject (shared/src/duty.ts). */
export interface OverdueStep {
  kind: 'playbook_step';
  /** incident id:step key, e.g. inc-1a2b3c4d:update#3. */
  id: string;
  incident_id: string;
  unit_id: string;
  /** As an alert's: critical for a required step of a 重大/特别重大 incident, high for other required steps, medium for optional ones. */
  severity: Severity;
  incident_severity: Incident['severity'];
  title: string;
  link: string;
  due_at: number;
}

export interface PlaybooksDeps {
  incidents: Incidents;
  unitNames: () => Promise<Map<string, string>>;
  /** Sends an overdue step through the alert channels and the live stream. */
  notify?: (alert: Alert) => Promise<void>;
  /** Starts the duty escalation of an overdue step, where one is wired. */
  escalate?: (step: OverdueStep) => Promise<void>;
  publicUrl?: string;
}

const RUN = 'playbook_run';
/** The reason kind on an overdue step's notice, so the duty wiring can tell it from a clock notice. */
export const PLAYBOOK_OVERDUE_REASON = 'playbook_step_overdue';

function overdueSeverity(item: ChecklistItem, incident: Incident): Severity {
  if (!item.required) return 'medium';
  return incident.severity === 'major' || incident.severity === 'especially_major' ? 'critical' : 'high';
}
const PLAYBOOK = 'playbook';

/**
 * Emergency playbooks (应急预案): the shipped defaults and an admin's
 * replacements (versioned in the workflow log, audited), the checklist each
 * incident gets when it opens, marking its steps done or skipped, and the
 * job that finds steps gone overdue.
 */
export function createPlaybooks(ctx: WorkflowContext, deps: PlaybooksDeps) {
  const list = async (): Promise<StoredPlaybook[]> => {
    const saved = new Map((await ctx.log.list<{ playbook: Playbook; by: string; at: number }>(PLAYBOOK)).map((v) => [v.state.playbook.id, v]));
    const defaults = defaultPlaybooks().map((p): StoredPlaybook => {
      const s = saved.get(p.id);
      return s ? { playbook: s.state.playbook, version: s.seq, source: 'custom', updated_at: s.state.at, updated_by: s.state.by } : { playbook: p, version: 0, source: 'default' };
    });
    const added = [...saved.values()].filter((s) => !defaultPlaybooks().some((p) => p.id === s.state.playbook.id)).map((s): StoredPlaybook => ({ playbook: s.state.playbook, version: s.seq, source: 'custom', updated_at: s.state.at, updated_by: s.state.by }));
    return [...defaults, ...added];
  };

  const incidentOf = (actor: Actor, id: string) => deps.incidents.get(actor, id);

  const fresh = async (incident: Incident): Promise<StoredRun> => {
    const all = await list();
    const chosen = selectPlaybook(all.map((s) => s.playbook), incident);
    // The set always has a generic playbook (checked on every replace), so this only fails on a broken store.
    if (!chosen) throw new Error(`no playbook applies to incident ${incident.id}`);
    return { incident_id: incident.id, unit_id: incident.unit_id, playbook: chosen, playbook_version: all.find((s) => s.playbook.id === chosen.id)?.version ?? 0, created_at: ctx.now(), records: {} };
  };

  const view = (incident: Incident, run: StoredRun, version: number): Checklist => {
    const items = buildChecklist(run.playbook, timingOf(incident), run.records, ctx.now(), incident.unit_id);
    return {
      incident_id: incident.id,
      playbook_id: run.playbook.id,
      playbook_name: run.playbook.name,
      ...(run.playbook.name_en ? { playbook_name_en: run.playbook.name_en } : {}),
      playbook_version: run.playbook_version,
      items,
      counts: countStates(items),
      events: checklistEvents(items),
      version,
    };
  };

  /** The stored run, creating it for an incident opened before playbooks existed. */
  const ensureRun = async (actor: Actor, incident: Incident) => {
    const cur = await ctx.log.get<StoredRun>(RUN, incident.id);
    if (cur) return cur;
    try {
      const state = await fresh(incident);
      const saved = await ctx.log.append(RUN, incident.id, 0, { action: 'instantiate', actor: actor.id, at: ctx.now(), state });
      await audited(ctx, actor, 'playbook.instantiate', 'incident', incident.id, undefined, { playbook_id: state.playbook.id, playbook_version: state.playbook_version }, state.playbook.name);
      return saved;
    } catch (error) {
      // Opened twice at once: the other one's run stands.
      if (error instanceof ConflictError) return (await ctx.log.get<StoredRun>(RUN, incident.id))!;
      throw error;
    }
  };

  const mark = async (actor: Actor, incidentId: string, key: string, record: StepRecord): Promise<Checklist> => {
    const incident = await incidentOf(actor, incidentId);
    const run = await ensureRun(actor, incident);
    const item = view(incident, run.state, run.seq).items.find((i) => i.key === key);
    if (!item) throw new NotFoundError(`no step ${key} on the checklist of ${incidentId}`);
    if (item.state === 'done' || item.state === 'skipped') throw new ConflictError(`step ${key} is already ${item.state}`, run.seq);
    if (record.state === 'done' && item.due_at === undefined && run.state.playbook.steps.find((s) => s.id === item.step_id)?.due.from === 'close') {
      throw new BadRequestError(`step ${key} is done after the incident closes`);
    }
    const saved = await ctx.log.update<StoredRun>(RUN, incidentId, (c) =>
      c.state.records[key] ? undefined : { action: `step_${record.state}:${key}`, actor: actor.id, at: record.at, state: { ...c.state, records: { ...c.state.records, [key]: record } } },
    );
    if (!saved || saved.state.records[key] !== record) {
      const now = await ctx.log.get<StoredRun>(RUN, incidentId);
      throw new ConflictError(`step ${key} was marked meanwhile`, now?.seq);
    }
    await audited(ctx, actor, `playbook.step_${record.state}`, 'incident', incidentId, undefined, { key, ...record }, `${item.title}${record.reason ? `: ${record.reason}` : record.note ? `: ${record.note}` : ''}`);
    return view(incident, saved.state, saved.seq);
  };

  const overdueAlert = (incident: Incident, item: ChecklistItem, names: Map<string, string>): Alert => {
    const t = ctx.now();
    const title = `【预案步骤超时：${item.title}】${incident.title}（${names.get(incident.unit_id) ?? incident.unit_id}）`;
    return {
      id: `playbook-${incident.id}-${item.key}`,
      incident_id: incident.id,
      event_id: incident.event_ids[0] ?? '',
      title,
      severity: overdueSeverity(item, incident),
      status: 'open',
      opened_at: t,
      updated_at: t,
      reasons: [{ kind: PLAYBOOK_OVERDUE_REASON, detail: `${item.title}：应于 ${new Date(item.due_at!).toISOString()} 前完成`, series: `incident:${incident.id}`, observed: t, expected: item.due_at!, statistic: 'deadline', value: item.due_at! - t, threshold: 0, severity: overdueSeverity(item, incident), at: t }],
      first_mentions: [],
      samples: [],
      rumor_score: 0,
    };
  };

  const playbooks = {
    list,
    async get(id: string): Promise<StoredPlaybook> {
      const found = (await list()).find((s) => s.playbook.id === id);
      if (!found) throw new NotFoundError(`no playbook ${id}`);
      return found;
    },
    /**
     * Replaces (or adds) a playbook at `expectedVersion` (0 for a default
     * nobody replaced, or a new id). The whole set must still hold a generic
     * playbook. Open incidents keep the copy they started with.
     */
    async replace(actor: Actor, id: string, expectedVersion: number, input: unknown): Promise<StoredPlaybook> {
      const checked = checkPlaybook(input);
      if (!checked.ok) throw new ValidationError(checked.issues.map((i) => `${i.path || '(playbook)'}: ${i.message}`).join('; '), checked.issues);
      const p = checked.playbook;
      if (p.id !== id) throw new ValidationError(`id: the playbook's id "${p.id}" is not the one in the address (${id})`, [{ path: 'id', message: `must be ${id}` }]);
      const all = await list();
      const set = playbookSetSchema.safeParse([...all.filter((s) => s.playbook.id !== id).map((s) => s.playbook), p]);
      if (!set.success) throw new ValidationError(set.error.issues.map((i) => i.message).join('; '), set.error.issues.map((i) => ({ path: 'applies_to', message: i.message })));
      const before = all.find((s) => s.playbook.id === id);
      const t = ctx.now();
      const saved = await ctx.log.append(PLAYBOOK, id, expectedVersion, { action: before ? 'replace' : 'create', actor: actor.id, at: t, state: { playbook: p, by: actor.id, at: t } });
      await audited(ctx, actor, before ? 'playbook.replace' : 'playbook.create', 'playbook', id, before?.playbook, p);
      return { playbook: p, version: saved.seq, source: 'custom', updated_at: t, updated_by: actor.id };
    },
    /** Called when an incident opens: stores its checklist from the best playbook. */
    async instantiate(actor: Actor, incident: Incident): Promise<Checklist> {
      const run = await ensureRun(actor, incident);
      return view(incident, run.state, run.seq);
    },
    /** The incident's checklist; an incident without a stored one shows what it would get (version 0). */
    async checklist(actor: Actor, incidentId: string): Promise<Checklist> {
      const incident = await incidentOf(actor, incidentId);
      const cur = await ctx.log.get<StoredRun>(RUN, incidentId);
      return cur ? view(incident, cur.state, cur.seq) : view(incident, await fresh(incident), 0);
    },
    async done(actor: Actor, incidentId: string, key: string, input: unknown): Promise<Checklist> {
      const b = parseWith(stepDoneSchema, input);
      return mark(actor, incidentId, key, { state: 'done', by: actor.id, by_name: actor.name, at: ctx.now(), ...(b.note ? { note: b.note } : {}) });
    },
    async skip(actor: Actor, incidentId: string, key: string, input: unknown): Promise<Checklist> {
      const b = parseWith(stepSkipSchema, input);
      return mark(actor, incidentId, key, { state: 'skipped', by: actor.id, by_name: actor.name, at: ctx.now(), reason: b.reason });
    },
    /** Stored checklists of these incidents (already scoped to the caller) for adherence. */
    async checklists(incidents: readonly Incident[]): Promise<{ unit_id: string; items: ChecklistItem[] }[]> {
      const runs = new Map((await ctx.log.list<StoredRun>(RUN)).map((r) => [r.state.incident_id, r]));
      const out: { unit_id: string; items: ChecklistItem[] }[] = [];
      for (const i of incidents) {
        const r = runs.get(i.id);
        // Incidents without a stored run had no playbook when they ran: nothing to hold them to.
        if (r) out.push({ unit_id: i.unit_id, items: view(i, r.state, r.seq).items });
      }
      return out;
    },
    /** Playbook adherence per unit of the steps due in [from, to). */
    async adherence(incidents: readonly Incident[], from: number, to: number): Promise<AdherenceRow[]> {
      return playbookAdherence(await playbooks.checklists(incidents), from, to, ctx.now(), await deps.unitNames());
    },
    /**
     * One pass of the overdue job: each step of an active incident that went
     * overdue is announced once (claimed in the log, so two processes do not
     * both send it): a timeline entry (audit), a notice through the alert
     * channels and, where wired, the duty escalation.
     */
    async scanOverdue(): Promise<OverdueStep[]> {
      const active = await deps.incidents.list(SYSTEM_ACTOR, { status: 'active' });
      const runs = new Map((await ctx.log.list<StoredRun>(RUN)).map((r) => [r.state.incident_id, r]));
      const names = await deps.unitNames();
      const sent: OverdueStep[] = [];
      for (const incident of active) {
        const run = runs.get(incident.id);
        if (!run) continue;
        for (const item of view(incident, run.state, run.seq).items) {
          if (item.state !== 'overdue' || item.due_at === undefined) continue;
          const noticeId = `playbook:${incident.id}:${item.key}`;
          try {
            await ctx.log.append('notice', noticeId, 0, { action: 'playbook_overdue', actor: 'system', at: ctx.now(), state: { incident_id: incident.id, key: item.key, due_at: item.due_at } });
          } catch (error) {
            if (error instanceof ConflictError) continue;
            throw error;
          }
          const step: OverdueStep = {
            kind: 'playbook_step',
            id: `${incident.id}:${item.key}`,
            incident_id: incident.id,
            unit_id: incident.unit_id,
            severity: overdueSeverity(item, incident),
            incident_severity: incident.severity,
            title: `${item.title}（${incident.title}）`,
            link: `${deps.publicUrl ?? ''}/incidents/${encodeURIComponent(incident.id)}#checklist`,
            due_at: item.due_at,
          };
          await audited(ctx, SYSTEM_ACTOR, 'playbook.step_overdue', 'incident', incident.id, undefined, { key: item.key, due_at: item.due_at }, item.title);
          await deps.notify?.(overdueAlert(incident, item, names));
          await deps.escalate?.(step);
          sent.push(step);
        }
      }
      return sent;
    },
  };
  return playbooks;
}

export type Playbooks = ReturnType<typeof createPlaybooks>;

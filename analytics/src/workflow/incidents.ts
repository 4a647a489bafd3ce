import { randomUUID } from 'node:crypto';
import {
  actionInputSchema,
  incidentInputSchema,
  incidentPatchSchema,
  INCIDENT_SEVERITIES,
  type ActionInput,
  type Incident,
  type IncidentInput,
  type IncidentPatch,
  type IncidentSeverity,
  type IncidentStatus,
  type ResponseAction,
  type Store,
} from '@fenghuo/shared';
import { getAlert } from '../queries/alerts.query';
import { eventDetail } from '../queries/event-detail.query';
import { parseWith } from '../store/json-repository';
import { clockStatus, DEFAULT_CLOCK_POLICIES, type ClockPolicy, type IncidentClockInput } from './clocks';
import { audited, BadRequestError, ForbiddenError, seesUnit, type Actor, type WorkflowContext } from './context';
import { ConflictError, NotFoundError } from './store/workflow-log';

const TRANSITIONS: Record<IncidentStatus, IncidentStatus[]> = {
  open: ['responding', 'monitoring', 'closed'],
  responding: ['monitoring', 'closed'],
  monitoring: ['responding', 'closed'],
  // Reopening keeps the history and the original clocks.
  closed: ['open'],
};

export type ClockPolicies = Record<IncidentSeverity, ClockPolicy>;

/** Incident as stored: without the computed clock. */
type StoredIncident = Omit<Incident, 'clock' | 'version'>;

export interface IncidentFilter {
  status?: IncidentStatus | 'active';
  unit_id?: string;
  from?: number;
  to?: number;
}

/** Policies as configured (settings/clock_policies) over the State Council defaults. */
export async function loadClockPolicies(ctx: WorkflowContext): Promise<ClockPolicies> {
  const saved = await ctx.log.get<Partial<ClockPolicies>>('settings', 'clock_policies');
  return { ...DEFAULT_CLOCK_POLICIES, ...(saved?.state ?? {}) };
}

export function toClockInput(i: StoredIncident): IncidentClockInput {
  return {
    id: i.id,
    severity: i.severity,
    status: i.status,
    openedAt: i.opened_at,
    ...(i.first_mention_at !== undefined ? { firstMentionAt: i.first_mention_at } : {}),
    ...(i.detected_at !== undefined ? { detectedAt: i.detected_at } : {}),
    ...(i.closed_at !== undefined ? { closedAt: i.closed_at } : {}),
    actions: i.actions.map((a) => ({ kind: a.kind, at: a.at })),
  };
}

function withClock(i: StoredIncident, seq: number, policies: ClockPolicies, now: number): Incident {
  const c = clockStatus(toClockInput(i), policies[i.severity], now);
  return {
    ...i,
    version: seq,
    clock: {
      start_at: c.startAt,
      start_basis: c.startBasis,
      deadlines: c.deadlines.map((d) => ({
        key: d.key,
        label: d.label,
        ...(d.basis ? { basis: d.basis } : {}),
        start_at: d.startAt,
        due_at: d.dueAt,
        warn_at: d.warnAt,
        state: d.state,
        ...(d.metAt !== undefined ? { met_at: d.metAt } : {}),
        remaining_ms: d.remainingMs,
      })),
      ...(c.next ? { next: { key: c.next.key, label: c.next.label, due_at: c.next.dueAt } } : {}),
      ...(c.nextUpdateDueAt !== undefined ? { next_update_due_at: c.nextUpdateDueAt } : {}),
    },
  };
}

export interface IncidentHooks {
  /** After an incident is opened and audited (its playbook's checklist is made here). */
  opened?: (actor: Actor, incident: Incident) => Promise<void>;
}

/** Incidents: opened from an alert or by hand, with their statutory clocks and response actions. */
export function createIncidents(ctx: WorkflowContext, store: Store, hooks: IncidentHooks = {}) {
  const load = async (actor: Actor, id: string) => {
    const cur = await ctx.log.get<StoredIncident>('incident', id);
    if (!cur) throw new NotFoundError(`no incident ${id}`);
    if (!seesUnit(actor, cur.state.unit_id)) throw new NotFoundError(`no incident ${id}`);
    return cur;
  };
  const view = async (state: StoredIncident, seq: number) => withClock(state, seq, await loadClockPolicies(ctx), ctx.now());

  const incidents = {
    async list(actor: Actor, filter: IncidentFilter = {}): Promise<Incident[]> {
      const policies = await loadClockPolicies(ctx);
      const now = ctx.now();
      return (await ctx.log.list<StoredIncident>('incident'))
        .filter(({ state: i }) => seesUnit(actor, i.unit_id) && (!filter.unit_id || i.unit_id === filter.unit_id))
        .filter(({ state: i }) => !filter.status || (filter.status === 'active' ? i.status !== 'closed' : i.status === filter.status))
        .filter(({ state: i }) => (filter.from === undefined || i.opened_at >= filter.from) && (filter.to === undefined || i.opened_at < filter.to))
        .map(({ state, seq }) => withClock(state, seq, policies, now))
        .sort((a, b) => b.opened_at - a.opened_at);
    },
    async get(actor: Actor, id: string): Promise<Incident> {
      const cur = await load(actor, id);
      return view(cur.state, cur.seq);
    },
    async history(actor: Actor, id: string) {
      await load(actor, id);
      return (await ctx.log.history<StoredIncident>('incident', id)).map((c) => ({ seq: c.seq, action: c.action, actor: c.actor, at: c.at }));
    },
    async open(actor: Actor, input: IncidentInput): Promise<Incident> {
      const data = parseWith(incidentInputSchema, input);
      if (!seesUnit(actor, data.unit_id)) throw new ForbiddenError(`unit ${data.unit_id} is not yours or below yours`);
      const t = ctx.now();
      const state: StoredIncident = {
        ...data,
        id: `inc-${randomUUID().slice(0, 8)}`,
        status: 'open',
        opened_at: t,
        opened_by: actor.id,
        actions: [],
        updated_at: t,
      };
      const saved = await ctx.log.append('incident', state.id, 0, { action: 'open', actor: actor.id, at: t, state });
      await audited(ctx, actor, 'incident.open', 'incident', state.id, undefined, state);
      const opened = await view(saved.state, saved.seq);
      await hooks.opened?.(actor, opened);
      return opened;
    },
    /**
     * One click from an alert: the incident takes the event's title and first
     * mention and the alert's detection time. An alert that already has an
     * active incident returns that one (`existing`).
     */
    async openFromAlert(actor: Actor, alertId: string, overrides: Partial<IncidentInput> = {}): Promise<{ incident: Incident; existing: boolean }> {
      const alert = await getAlert(store, alertId);
      if (!alert) throw new NotFoundError(`no alert ${alertId}`);
      const active = (await incidents.list({ ...actor, id: 'system' }, { status: 'active' })).find((i) => i.alert_ids.includes(alertId) || i.event_ids.includes(alert.event_id));
      if (active) {
        if (!seesUnit(actor, active.unit_id)) throw new ConflictError(`the event already has an incident of another unit (${active.id})`);
        return { incident: active, existing: true };
      }
      const event = await eventDetail(store, alert.event_id, 0);
      const firstMention = Math.min(event?.first_seen ?? Infinity, ...alert.first_mentions.map((m) => m.time));
      const input: IncidentInput = {
        title: alert.title,
        severity: 'public_opinion',
        unit_id: actor.unit_id,
        event_ids: [alert.event_id, ...(alert.related_events ?? [])].slice(0, 50),
        alert_ids: [alertId],
        owner_id: actor.id,
        detected_at: alert.opened_at,
        ...(Number.isFinite(firstMention) ? { first_mention_at: firstMention } : {}),
        ...overrides,
      };
      return { incident: await incidents.open(actor, input), existing: false };
    },
    async patch(actor: Actor, id: string, expected: number, input: IncidentPatch): Promise<Incident> {
      const patch = parseWith(incidentPatchSchema, input);
      const cur = await load(actor, id);
      if (cur.seq !== expected) throw new ConflictError(`incident ${id} changed meanwhile: version ${cur.seq}, not ${expected}`, cur.seq);
      if (patch.unit_id && !seesUnit(actor, patch.unit_id)) throw new ForbiddenError(`unit ${patch.unit_id} is not yours or below yours`);
      const t = ctx.now();
      const next: StoredIncident = { ...cur.state, ...stripUndefined(patch), updated_at: t } as StoredIncident;
      let action = 'update';
      if (patch.status && patch.status !== cur.state.status) {
        if (!TRANSITIONS[cur.state.status].includes(patch.status)) throw new BadRequestError(`an incident cannot go from ${cur.state.status} to ${patch.status}`);
        action = `status:${patch.status}`;
        if (patch.status === 'closed') next.closed_at = t;
        if (cur.state.status === 'closed') delete next.closed_at;
      }
      const saved = await ctx.log.append('incident', id, expected, { action, actor: actor.id, at: t, state: next });
      await audited(ctx, actor, action.startsWith('status') ? 'incident.status' : 'incident.update', 'incident', id, cur.state, next);
      return view(saved.state, saved.seq);
    },
    async acknowledge(actor: Actor, id: string): Promise<Incident> {
      const cur = await load(actor, id);
      const t = ctx.now();
      const saved = await ctx.log.update<StoredIncident>('incident', id, (c) =>
        c.state.acknowledged_at ? undefined : { action: 'acknowledge', actor: actor.id, at: t, state: { ...c.state, acknowledged_at: t, owner_id: c.state.owner_id ?? actor.id, updated_at: t } },
      );
      if (saved && saved.seq !== cur.seq) await audited(ctx, actor, 'incident.acknowledge', 'incident', id, cur.state, saved.state);
      return view(saved!.state, saved!.seq);
    },
    /**
     * Adds a response action. Appending never conflicts with other edits
     * (it is retried on the newest state), and an action that is already
     * there (same mention or draft) is not added twice.
     */
    async addAction(actor: Actor, id: string, input: ActionInput & { source?: ResponseAction['source']; mention?: string; account_id?: string; draft_id?: string }): Promise<{ incident: Incident; added: boolean }> {
      const data = parseWith(actionInputSchema, input);
      const cur = await load(actor, id);
      const t = ctx.now();
      const action: ResponseAction = {
        id: `act-${randomUUID().slice(0, 8)}`,
        kind: data.kind,
        at: data.at,
        source: input.source ?? 'manual',
        by: actor.id,
        logged_at: t,
        ...(data.link ? { link: data.link } : {}),
        ...(data.note ? { note: data.note } : {}),
        ...(input.mention ? { mention: input.mention } : {}),
        ...(input.account_id ? { account_id: input.account_id } : {}),
        ...(input.draft_id ? { draft_id: input.draft_id } : {}),
      };
      let added = false;
      const saved = await ctx.log.update<StoredIncident>('incident', id, (c) => {
        if (action.mention && c.state.actions.some((a) => a.mention === action.mention)) return undefined;
        if (action.draft_id && c.state.actions.some((a) => a.draft_id === action.draft_id)) return undefined;
        added = true;
        const actions = [...c.state.actions, action].sort((a, b) => a.at - b.at);
        // The first public response moves an open incident to "responding".
        const status = c.state.status === 'open' ? 'responding' : c.state.status;
        return { action: `action:${action.kind}`, actor: actor.id, at: t, state: { ...c.state, actions, status, updated_at: t } };
      });
      if (added) await audited(ctx, actor, 'incident.action', 'incident', id, cur.state, saved!.state, `${action.kind} (${action.source})`);
      return { incident: await view(saved!.state, saved!.seq), added };
    },
  };
  return incidents;
}

export type Incidents = ReturnType<typeof createIncidents>;

export function isSeverity(s: string): s is IncidentSeverity {
  return (INCIDENT_SEVERITIES as readonly string[]).includes(s);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

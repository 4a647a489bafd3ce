import {
  DEFAULT_DUTY_SETTINGS,
  dutySettingsSchema,
  ESCALATION_ROLE_LABELS,
  escalationSubjectSchema,
  formatCsv,
  rosterInputSchema,
  severityRank,
  SHIFT_KIND_LABELS,
  type DutyNow,
  type DutyPerson,
  type DutySettings,
  type Escalation,
  type EscalationLogEntry,
  type EscalationReport,
  type EscalationReportRow,
  type EscalationSubject,
  type EscalationTarget,
  type Roster,
  type RosterImportResponse,
  type Store,
} from '@fenghuo/shared';
import { getAlert } from '../queries/alerts.query';
import { writeAlertLog } from '../worker/persist';
import { audited, BadRequestError, SYSTEM_ACTOR, type Actor } from '../workflow/context';
import { ConflictError, NotFoundError } from '../workflow/store/workflow-log';
import type { Workflow } from '../workflow';
import { signAckToken, verifyAckToken, type AckClaims } from './ack-token';
import { acknowledge, advance, cancel, escalationId, planTargets, startChain, timeToAcknowledge, waitsFor, type PageDue } from './escalation';
import { dutyAt } from './roster';
import { mergeShifts, parseShiftsCsv, shiftsToCsv } from './roster-csv';

const ROSTER = 'duty_roster';
const ESCALATION = 'escalation';
const SETTINGS_KEY = 'duty';
const ACTOR_ID = 'duty';

/** One page to send: the person (with their channel), why, and the signed link that acknowledges. */
export interface DutyPage {
  escalation: Escalation;
  step: number;
  target: EscalationTarget;
  person: DutyPerson;
  ack_url: string;
  /** Absolute link to the subject. */
  subject_url: string;
  /** Minutes before the chain moves on (or gives up). */
  wait_min: number;
}

export interface DutyOptions {
  workflow: Workflow;
  store: Store;
  /** HMAC key of the acknowledgement links. */
  linkSecret: string;
  /** The dashboard's public URL, e.g. http://localhost:8080. */
  linkBase: string;
  now?: () => number;
  /** Sends one page through the person's channel; a thrown error is logged on the timeline as page_failed. */
  page?: (page: DutyPage) => Promise<void>;
  /** Acknowledges an alert the way the app does (stored, announced) when its chain is acknowledged by link. */
  acknowledgeAlert?: (alertId: string, by: string) => Promise<void>;
}

export type AckLinkAnswer =
  | { status: 'ready' | 'acknowledged'; escalation: Escalation; person: string }
  | { status: 'already_used' | 'ended'; escalation: Escalation }
  | { status: 'expired'; escalation?: Escalation }
  | { status: 'invalid' };

/** A reference to an escalation's subject. */
export type SubjectRef = Pick<EscalationSubject, 'kind' | 'id'>;

/**
 * Duty rosters and the escalation chain over the workflow log: rosters per
 * unit (kind `duty_roster`), the settings (`settings/duty`) and one
 * `escalation` object per subject, changed with optimistic concurrency so a
 * page is sent by the one process whose change landed. Every step is on the
 * subject's timeline (alert_log for alerts) and in the audit log.
 */
export function createDuty(options: DutyOptions) {
  const { workflow, store } = options;
  const ctx = workflow.ctx;
  const now = options.now ?? ctx.now;
  const tz = ctx.timezone;

  const settings = async (): Promise<{ settings: DutySettings; version: number }> => {
    const saved = await ctx.log.get<unknown>('settings', SETTINGS_KEY);
    const parsed = saved ? dutySettingsSchema.safeParse(saved.state) : undefined;
    return { settings: parsed?.success ? parsed.data : DEFAULT_DUTY_SETTINGS, version: saved?.seq ?? 0 };
  };

  const roster = async (unitId: string): Promise<Roster | undefined> => {
    const r = await ctx.log.get<Roster>(ROSTER, unitId);
    return r ? { ...r.state, version: r.seq } : undefined;
  };

  const requireUnit = async (unitId: string) => {
    const unit = (await workflow.directory.units()).find((u) => u.id === unitId);
    if (!unit) throw new NotFoundError(`no unit ${unitId}`);
    return unit;
  };

  const saveRoster = async (actor: Actor, unitId: string, expected: number, input: unknown, action: string): Promise<Roster> => {
    await requireUnit(unitId);
    const r = rosterInputSchema.safeParse(input);
    if (!r.success) throw new BadRequestError(r.error.issues.map((i) => `${i.path.join('.') || 'roster'}: ${i.message}`).join('; '));
    const before = await ctx.log.get<Roster>(ROSTER, unitId);
    const state: Omit<Roster, 'version'> = { ...r.data, unit_id: unitId, updated_at: now() };
    const saved = await ctx.log.append(ROSTER, unitId, expected, { action, actor: actor.id, at: now(), state });
    await audited(ctx, actor, `duty_roster.${action}`, 'duty_roster', unitId, before?.state, state);
    return { ...state, version: saved.seq };
  };

  const whoIsOn = async (unitId: string, at: number): Promise<DutyNow> => dutyAt(await roster(unitId), unitId, at, tz);

  // ---- timeline ----

  const describe = (e: Escalation, entry: EscalationLogEntry): string => {
    switch (entry.action) {
      case 'started': return `值班呼叫开始：${entry.detail ?? ''}`;
      case 'paged': return `第${(entry.step ?? 0) + 1}步 呼叫${ESCALATION_ROLE_LABELS[entry.role ?? 'on_duty']} ${entry.person ?? ''}（${entry.channel ?? ''}）`;
      case 'page_failed': return `呼叫 ${entry.person ?? ''} 失败：${entry.detail ?? ''}`;
      case 'skipped': return `跳过：${entry.detail ?? ''}`;
      case 'acknowledged': return `${entry.by ?? ''} 已确认（${entry.via === 'link' ? '确认链接' : entry.via === 'app' ? '系统内' : 'API'}），升级停止`;
      case 'exhausted': return `无人确认，升级结束：${entry.detail ?? ''}`;
      case 'cancelled': return `升级取消：${entry.detail ?? ''}`;
      default: return `${entry.action} ${e.id}`;
    }
  };

  /** Writes log entries to the alert's timeline (for alerts) and to the audit log under the subject. */
  const record = async (e: Escalation, entries: readonly EscalationLogEntry[]) => {
    if (!entries.length) return;
    const s = e.subject;
    if (s.kind === 'alert') {
      await writeAlertLog(store, entries.map((x) => ({ alert_id: s.id, at: x.at, action: `duty:${x.action}`, severity: s.severity, actor: x.by ?? ACTOR_ID, detail: describe(e, x) })));
    }
    const objectType = s.incident_id ? 'incident' : s.kind;
    const objectId = s.incident_id ?? s.id;
    for (const x of entries) {
      await ctx.audit.append({ at: x.at, actor: x.by_id ?? x.by ?? 'system', actor_name: x.by ?? SYSTEM_ACTOR.name, action: `escalation.${x.action}`, object_type: objectType, object_id: objectId, after: { escalation: e.id, ...x }, detail: describe(e, x) });
    }
  };

  // ---- escalation ----

  const linkOf = (path: string) => (/^https?:\/\//.test(path) ? path : `${options.linkBase.replace(/\/$/, '')}${path.startsWith('/') ? '' : '/'}${path}`);

  const ackUrl = async (e: Escalation, step: number): Promise<string> => {
    const { settings: s } = await settings();
    const claims: AckClaims = { e: e.id, s: step, x: now() + s.link_ttl_hours * 3_600_000 };
    return linkOf(`/api/v1/duty/ack/${signAckToken(claims, options.linkSecret)}`);
  };

  const sendPages = async (e: Escalation, pages: readonly PageDue[]): Promise<EscalationLogEntry[]> => {
    const failed: EscalationLogEntry[] = [];
    for (const p of pages) {
      if (p.target.person.channel_kind === 'in_app' || !options.page) continue;
      const person = (await roster(p.target.unit_id))?.people.find((x) => x.id === p.target.person.id);
      try {
        if (!person) throw new Error(`${p.target.person.name} is no longer on the roster of ${p.target.unit_id}`);
        await options.page({ escalation: e, step: p.step, target: p.target, person, ack_url: await ackUrl(e, p.step), subject_url: linkOf(e.subject.link), wait_min: e.waits_min[p.step] ?? 0 });
      } catch (error) {
        failed.push({ at: now(), action: 'page_failed', step: p.step, role: p.target.role, person: p.target.person.name, channel: p.target.person.channel_kind, detail: error instanceof Error ? error.message : String(error) });
      }
    }
    return failed;
  };

  /**
   * Applies `change` to the stored escalation and, when this process's
   * append landed, records the new log entries and sends the pages. A
   * conflict means another process moved it: that one pages.
   */
  const transition = async (id: string, change: (e: Escalation) => { escalation: Escalation; pages?: PageDue[] } | undefined): Promise<Escalation | undefined> => {
    const current = await ctx.log.get<Escalation>(ESCALATION, id);
    if (!current) return undefined;
    const next = change(current.state);
    if (!next || next.escalation === current.state) return { ...current.state, version: current.seq };
    const { version: _v, ...state } = next.escalation;
    try {
      await ctx.log.append(ESCALATION, id, current.seq, { action: state.status === current.state.status ? 'step' : state.status, actor: ACTOR_ID, at: now(), state });
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
    const added = state.log.slice(current.state.log.length);
    const failed = await sendPages(state, next.pages ?? []);
    let final: Escalation = { ...state, version: current.seq + 1 };
    if (failed.length) {
      const withFailures = { ...state, log: [...state.log, ...failed] };
      await ctx.log.append(ESCALATION, id, current.seq + 1, { action: 'page_failed', actor: ACTOR_ID, at: now(), state: withFailures }).catch(() => undefined);
      final = { ...withFailures, version: current.seq + 2 };
    }
    await record(state, [...added, ...failed]);
    return final;
  };

  const escalator = {
    /**
     * Starts paging for a subject: the duty officer of its unit now, then the
     * backup, the leader and the unit above as the severity's minutes pass
     * without acknowledgement. A subject below the paging severity returns
     * undefined; one already started returns its chain unchanged.
     */
    async startEscalation(input: EscalationSubject): Promise<Escalation | undefined> {
      const r = escalationSubjectSchema.safeParse(input);
      if (!r.success) throw new BadRequestError(r.error.issues.map((i) => `subject.${i.path.join('.')}: ${i.message}`).join('; '));
      const subject = r.data;
      const { settings: s } = await settings();
      if (severityRank(subject.severity) < severityRank(s.min_severity)) return undefined;
      const id = escalationId(subject);
      const existing = await ctx.log.get<Escalation>(ESCALATION, id);
      if (existing) return { ...existing.state, version: existing.seq };
      const at = now();
      const unit = (await workflow.directory.units()).find((u) => u.id === subject.unit_id);
      const own = await whoIsOn(subject.unit_id, at);
      const higher = unit?.parent_id ? await whoIsOn(unit.parent_id, at) : undefined;
      const targets = planTargets(own, higher);
      const chain = startChain(subject, targets, waitsFor(targets, s.steps[subject.severity]), at, own.date && own.kind ? { date: own.date, kind: own.kind } : undefined);
      try {
        await ctx.log.append(ESCALATION, id, 0, { action: 'start', actor: ACTOR_ID, at, state: chain });
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        const won = await ctx.log.get<Escalation>(ESCALATION, id);
        return won ? { ...won.state, version: won.seq } : undefined;
      }
      await record(chain, chain.log);
      return (await transition(id, (e) => advance(e, at))) ?? chain;
    },
    /** Stops the chain: someone took it (in the app, through the API, or by link). An ended chain is returned as it is. */
    async acknowledgeEscalation(ref: SubjectRef, by: { name: string; id?: string; via: 'link' | 'app' | 'api'; at?: number }): Promise<Escalation | undefined> {
      return transition(escalationId(ref), (e) => {
        // When it happened elsewhere (the alert's own ack, seen by a tick): that time, if it is a time the chain has seen.
        const at = by.at !== undefined && by.at >= e.started_at && by.at <= now() ? by.at : now();
        const out = acknowledge(e, by.name, by.via, at);
        if (!out.ok) return undefined;
        if (!by.id) return { escalation: out.escalation };
        const log = out.escalation.log.map((x, i, all) => (i === all.length - 1 ? { ...x, by_id: by.id } : x));
        return { escalation: { ...out.escalation, log } };
      });
    },
    /** Stops the chain without an acknowledgement (resolved, step done), with the reason. */
    async cancelEscalation(ref: SubjectRef, reason: string): Promise<Escalation | undefined> {
      return transition(escalationId(ref), (e) => ({ escalation: cancel(e, reason, now()) }));
    },
    async getEscalation(ref: SubjectRef): Promise<Escalation | undefined> {
      const e = await ctx.log.get<Escalation>(ESCALATION, escalationId(ref));
      return e ? { ...e.state, version: e.seq } : undefined;
    },
    /** The chains of an incident's clock notices and playbook steps, oldest first: its timeline shows their steps. */
    async incidentEscalations(incidentId: string): Promise<Escalation[]> {
      const all = await ctx.log.list<Escalation>(ESCALATION);
      return all
        .filter((e) => e.state.subject.incident_id === incidentId)
        .map((e) => ({ ...e.state, version: e.seq }))
        .sort((a, b) => a.started_at - b.started_at || (a.id < b.id ? -1 : 1));
    },
    /**
     * One pass of the job: alerts acknowledged or resolved in the app end
     * their chains; every other active chain takes the steps now due.
     */
    async tick(at: number = now()): Promise<void> {
      const active = (await ctx.log.list<Escalation>(ESCALATION)).filter((e) => e.state.status === 'active');
      for (const { state: e } of active) {
        if (e.subject.kind === 'alert') {
          const alert = await getAlert(store, e.subject.id);
          if (alert?.status === 'acknowledged') {
            await escalator.acknowledgeEscalation(e.subject, { name: alert.acknowledged_by ?? '值班员', via: 'app', ...(alert.acknowledged_at !== undefined ? { at: alert.acknowledged_at } : {}) });
            continue;
          }
          if (alert?.status === 'resolved') {
            await escalator.cancelEscalation(e.subject, '预警已解除');
            continue;
          }
        }
        await transition(e.id, (x) => advance(x, at));
      }
    },
  };

  // ---- acknowledgement links ----

  const checkLink = async (token: string): Promise<AckLinkAnswer & { claims?: AckClaims }> => {
    const v = verifyAckToken(token, options.linkSecret, now());
    if (!v.ok && v.reason !== 'expired') return { status: 'invalid' };
    const claims = v.claims!;
    const stored = await ctx.log.get<Escalation>(ESCALATION, claims.e);
    if (!stored) return { status: 'invalid' };
    const e = { ...stored.state, version: stored.seq };
    if (e.status === 'acknowledged') return { status: 'already_used', escalation: e };
    if (!v.ok) return { status: 'expired', escalation: e };
    if (e.status !== 'active') return { status: 'ended', escalation: e };
    return { status: 'ready', escalation: e, person: e.targets[claims.s]?.person.name ?? '值班员', claims };
  };

  const links = {
    /** What the link would do, without doing it (the confirmation page; link-preview bots only read). */
    async peek(token: string): Promise<AckLinkAnswer> {
      const { claims: _c, ...answer } = await checkLink(token);
      return answer as AckLinkAnswer;
    },
    /** Acknowledges once; a second use answers already_used. */
    async use(token: string): Promise<AckLinkAnswer> {
      const checked = await checkLink(token);
      if (checked.status !== 'ready' || !checked.claims) return checked;
      const person = checked.person;
      const done = await transition(checked.escalation.id, (e) => {
        const out = acknowledge(e, person, 'link', now(), checked.claims!.s);
        return out.ok ? { escalation: out.escalation } : undefined;
      });
      if (!done || done.status !== 'acknowledged' || done.acknowledged?.via !== 'link' || done.acknowledged.by !== person) {
        const again = await ctx.log.get<Escalation>(ESCALATION, checked.escalation.id);
        return { status: 'already_used', escalation: again?.state ?? checked.escalation };
      }
      if (done.subject.kind === 'alert') await options.acknowledgeAlert?.(done.subject.id, person);
      return { status: 'acknowledged', escalation: done, person };
    },
  };

  // ---- report ----

  const report = async (from: number, to: number, unitIds?: ReadonlySet<string>): Promise<EscalationReport> => {
    if (!(from < to)) throw new BadRequestError('from must be before to');
    const names = await workflow.directory.unitNames();
    const all = (await ctx.log.list<Escalation>(ESCALATION))
      .map((x) => ({ ...x.state, version: x.seq }))
      .filter((e) => e.started_at >= from && e.started_at < to && (!unitIds || unitIds.has(e.subject.unit_id)))
      .sort((a, b) => b.started_at - a.started_at);
    const groups = new Map<string, Escalation[]>();
    for (const e of all) {
      const k = `${e.subject.unit_id}\u0000${e.shift?.kind ?? 'none'}`;
      groups.set(k, [...(groups.get(k) ?? []), e]);
    }
    const rows: EscalationReportRow[] = [...groups.entries()].map(([k, list]) => {
      const [unitId, kind] = k.split('\u0000') as [string, EscalationReportRow['shift_kind']];
      const times = list.map(timeToAcknowledge).filter((t): t is number => t !== undefined).sort((a, b) => a - b);
      const name = names.get(unitId);
      return {
        unit_id: unitId,
        ...(name ? { unit_name: name } : {}),
        shift_kind: kind,
        escalations: list.length,
        acknowledged: times.length,
        escalated: list.filter((e) => e.step > 0).length,
        exhausted: list.filter((e) => e.status === 'exhausted').length,
        ...(times.length ? { median_ack_ms: times[Math.floor((times.length - 1) / 2)]!, max_ack_ms: times[times.length - 1]! } : {}),
      };
    });
    rows.sort((a, b) => (a.unit_name ?? a.unit_id).localeCompare(b.unit_name ?? b.unit_id, 'zh') || a.shift_kind.localeCompare(b.shift_kind));
    return { from, to, rows, escalations: all };
  };

  const reportCsv = (r: EscalationReport): string => {
    const minutes = (ms?: number) => (ms === undefined ? '' : (ms / 60_000).toFixed(1));
    const header = ['unit', 'unit_name', 'shift', 'escalations', 'acknowledged', 'escalated', 'exhausted', 'median_ack_min', 'max_ack_min'];
    const lines = r.rows.map((x) => [x.unit_id, x.unit_name ?? '', x.shift_kind === 'none' ? '' : SHIFT_KIND_LABELS[x.shift_kind], String(x.escalations), String(x.acknowledged), String(x.escalated), String(x.exhausted), minutes(x.median_ack_ms), minutes(x.max_ack_ms)]);
    return formatCsv([header, ...lines], { bom: true });
  };

  return {
    ...escalator,
    escalator,
    links,
    settings,
    async saveSettings(actor: Actor, expected: number, input: unknown): Promise<{ settings: DutySettings; version: number }> {
      const r = dutySettingsSchema.safeParse(input);
      if (!r.success) throw new BadRequestError(r.error.issues.map((i) => `settings.${i.path.join('.')}: ${i.message}`).join('; '));
      if (r.data.alert_unit_id) await requireUnit(r.data.alert_unit_id);
      const before = await ctx.log.get('settings', SETTINGS_KEY);
      const saved = await ctx.log.append('settings', SETTINGS_KEY, expected, { action: 'update', actor: actor.id, at: now(), state: r.data });
      await audited(ctx, actor, `settings.${SETTINGS_KEY}`, 'settings', SETTINGS_KEY, before?.state, r.data);
      return { settings: r.data, version: saved.seq };
    },
    roster,
    /** Rosters of the given units (missing ones omitted). */
    async rosters(unitIds: ReadonlySet<string>): Promise<Roster[]> {
      return (await ctx.log.list<Roster>(ROSTER)).filter((r) => unitIds.has(r.state.unit_id)).map((r) => ({ ...r.state, version: r.seq }));
    },
    saveRoster: (actor: Actor, unitId: string, expected: number, input: unknown) => saveRoster(actor, unitId, expected, input, expected === 0 ? 'create' : 'update'),
    /** Shifts from CSV, replacing those of the same day and kind; all rows or none. */
    async importShifts(actor: Actor, unitId: string, expected: number, csv: string): Promise<RosterImportResponse> {
      const current = await roster(unitId);
      if ((current?.version ?? 0) !== expected) throw new ConflictError(`roster of ${unitId} changed meanwhile: version ${current?.version ?? 0}, not ${expected}; reload and try again`, current?.version ?? 0);
      const parsed = parseShiftsCsv(csv, current?.people ?? []);
      if (parsed.errors.length) return { errors: parsed.errors };
      const { unit_id: _u, updated_at: _t, version: _v, ...input } = current ?? { unit_id: unitId, updated_at: 0, version: 0, people: [], shifts: [] };
      const saved = await saveRoster(actor, unitId, expected, { ...input, shifts: mergeShifts(current?.shifts ?? [], parsed.shifts) }, 'import');
      return { roster: saved, errors: [] };
    },
    async exportShifts(unitId: string): Promise<string> {
      return shiftsToCsv((await roster(unitId))?.shifts ?? []);
    },
    /** Who is on duty now in each of the given units (all units when none are given), in the directory's order. */
    async onDutyNow(unitIds?: ReadonlySet<string>, at: number = now()): Promise<DutyNow[]> {
      const units = (await workflow.directory.units()).filter((u) => !unitIds || unitIds.has(u.id));
      const rosters = new Map((await ctx.log.list<Roster>(ROSTER)).map((r) => [r.state.unit_id, r.state]));
      return units.map((u) => ({ ...dutyAt(rosters.get(u.id), u.id, at, tz), unit_name: u.name }));
    },
    report,
    reportCsv,
    /** The unit engine alerts page: the configured one, else the first top unit. */
    async alertUnit(): Promise<string | undefined> {
      const { settings: s } = await settings();
      if (s.alert_unit_id) return s.alert_unit_id;
      return (await workflow.directory.units()).find((u) => !u.parent_id)?.id;
    },
  };
}

export type Duty = ReturnType<typeof createDuty>;
/** The escalation API other parts call (playbooks: an overdue step pages its unit). */
export type Escalator = Duty['escalator'];

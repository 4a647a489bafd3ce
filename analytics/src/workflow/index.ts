import { z } from 'zod';
import type { Alert, Store } from '@fenghuo/shared';
import { createKbMatcher } from '../kb';
import { eventDetail } from '../queries/event-detail.query';
import { createClaimRepository } from '../store/repositories';
import { linkAccountMentions } from './account-links';
import { createClockWatcher, describeDeadline, noticeKey, type ClockNotice } from './clocks';
import { SYSTEM_ACTOR, type WorkflowContext } from './context';
import { createDirectory } from './directory';
import { createDrafts } from './drafts';
import { createIncidents, loadClockPolicies, toClockInput, type IncidentHooks } from './incidents';
import { createPlaybooks, type OverdueStep } from '../playbooks/playbooks';
import { generatePassword, passwordProblem } from './passwords';
import { createQaLibrary } from './qa-library';
import { createReplies } from './replies';
import { responseStats } from './response-stats';
import { createSessionStore } from './sessions';
import { createAuditLog } from './store/audit-log';
import { ConflictError, createWorkflowLog } from './store/workflow-log';

export { ConflictError, NotFoundError, createWorkflowLog, type WorkflowLog } from './store/workflow-log';
export { createAuditLog, redactSecrets, type AuditLog } from './store/audit-log';
export { ForbiddenError, BadRequestError, SYSTEM_ACTOR, seesUnit, type Actor, type WorkflowContext } from './context';
export { hashPassword, verifyPassword, passwordProblem, generatePassword } from './passwords';
export { LOGIN_POLICY, tokenHash, type Directory } from './directory';
export { responseStats, RELEASE_KINDS as RESPONSE_RELEASE_KINDS, type ResponseStats } from './response-stats';
export { levelsFor, DEFAULT_REVIEW_POLICY, reviewPolicySchema, type ReviewPolicy, type DraftView, type Drafts } from './drafts';
export { inferActionKind, linkAccountMentions } from './account-links';
export { DEFAULT_REPLY_DEADLINES, type ReplyView, type ReplyStats, type Replies } from './replies';
export { type Incidents, type ClockPolicies } from './incidents';
export { type QaLibrary } from './qa-library';
export { type SessionStore } from './sessions';
export * as clocks from './clocks';
export * as checks from './checks';
export * as drafting from './drafting';
export * as qa from './qa';
export * as playbooks from '../playbooks';

export const wordingSettingsSchema = z.object({
  forbidden: z.array(z.string().trim().min(1).max(50)).max(2000).default([]),
  sensitive: z.array(z.string().trim().min(1).max(50)).max(2000).default([]),
  term_mistakes: z
    .array(z.object({ wrong: z.string().trim().min(1).max(50), right: z.string().trim().min(1).max(50), note: z.string().max(200).optional(), severity: z.enum(['error', 'warning']).optional() }))
    .max(2000)
    .default([]),
});
export type WordingSettings = z.output<typeof wordingSettingsSchema>;

export interface WorkflowOptions {
  now?: () => number;
  timezone?: string;
  /** Sends a clock warning or breach through the alert channels and the live stream. */
  notify?: (alert: Alert) => Promise<void>;
  /** Base URL of the dashboard for links. */
  publicUrl?: string;
  sessionTtlMs?: number;
  /** Duty escalation of an overdue playbook step (analytics/src/duty), where one runs. */
  escalatePlaybookStep?: (step: OverdueStep) => Promise<void>;
}

/**
 * The response workflow's composition: one object the server and the jobs
 * share. State lives in the workflow log (append-only, with history) and
 * every change is audited.
 */
export function createWorkflow(store: Store, options: WorkflowOptions = {}) {
  const ctx: WorkflowContext = { log: createWorkflowLog(store), audit: createAuditLog(store), now: options.now ?? Date.now, timezone: options.timezone ?? 'Asia/Shanghai' };
  const directory = createDirectory(ctx);
  // The playbooks read incidents and an incident that opens gets its checklist: the hook is set once both exist.
  const incidentHooks: IncidentHooks = {};
  const incidents = createIncidents(ctx, store, incidentHooks);
  const qa = createQaLibrary(ctx, directory);
  const claims = createClaimRepository(store);
  let matcher: { version: string; match: ReturnType<typeof createKbMatcher>['match'] } | undefined;
  const drafts = createDrafts(ctx, {
    directory,
    incidents,
    // The unit's own additions to the wording lists (settings/wording), over the built-in ones.
    async lexicon() {
      const saved = (await ctx.log.get<WordingSettings>('settings', 'wording'))?.state;
      return saved ? { forbidden: saved.forbidden, sensitive: saved.sensitive, termMistakes: saved.term_mistakes } : {};
    },
    async kbMatch(texts) {
      const version = await claims.version();
      if (matcher?.version !== version) matcher = { version, match: createKbMatcher(await claims.list()).match };
      return matcher.match(texts, []);
    },
    async eventKbMatches(eventIds) {
      const found = await Promise.all(eventIds.map((id) => eventDetail(store, id, 0)));
      return found.flatMap((e) => (e?.kb_match ? [e.kb_match] : []));
    },
    async qaSuggest(actor, text) {
      return (await qa.suggest(actor, text, 3)).map((h) => ({ id: h.entry.id, question: h.entry.question, answer: h.entry.answer, score: h.score }));
    },
  });
  const replies = createReplies(ctx, store, directory);
  const playbooks = createPlaybooks(ctx, {
    incidents,
    unitNames: () => directory.unitNames(),
    ...(options.notify ? { notify: options.notify } : {}),
    ...(options.escalatePlaybookStep ? { escalate: options.escalatePlaybookStep } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
  });
  incidentHooks.opened = async (actor, incident) => void (await playbooks.instantiate(actor, incident));
  const sessions = createSessionStore(store, { now: ctx.now, ...(options.sessionTtlMs ? { ttlMs: options.sessionTtlMs } : {}) });

  /** A clock notice as an alert-shaped message for the channels and the live stream. */
  const noticeAlert = async (n: ClockNotice): Promise<Alert> => {
    const inc = (await ctx.log.get<{ title: string; event_ids: string[]; unit_id: string }>('incident', n.incidentId))?.state;
    const names = await directory.unitNames();
    const t = ctx.now();
    const remaining = n.dueAt - t;
    const what = n.kind === 'breach' ? `已超时：${n.label}` : `临近时限：${n.label}`;
    const title = `【${what}】${inc?.title ?? n.incidentId}${inc ? `（${names.get(inc.unit_id) ?? inc.unit_id}）` : ''}`;
    return {
      id: `clock-${n.incidentId}-${n.deadlineKey}-${n.kind}-${n.dueAt}`,
      incident_id: n.incidentId,
      event_id: inc?.event_ids[0] ?? '',
      title,
      severity: n.kind === 'breach' ? 'critical' : 'high',
      status: 'open',
      opened_at: t,
      updated_at: t,
      reasons: [{
        kind: `clock_${n.kind}`,
        detail: describeDeadline({ key: n.deadlineKey, label: n.label, dueAt: n.dueAt, remainingMs: remaining, state: n.kind === 'breach' ? 'breached' : 'warning' } as never, 'zh'),
        series: `incident:${n.incidentId}`,
        observed: t,
        expected: n.dueAt,
        statistic: 'deadline',
        value: remaining,
        threshold: 0,
        severity: n.kind === 'breach' ? 'critical' : 'high',
        at: t,
      }],
      first_mentions: [],
      samples: [],
      rumor_score: 0,
    };
  };

  const watcher = createClockWatcher({
    now: ctx.now,
    async listActive() {
      const policies = await loadClockPolicies(ctx);
      return (await ctx.log.list<Parameters<typeof toClockInput>[0]>('incident'))
        .filter((i) => i.state.status !== 'closed')
        .map((i) => ({ incident: toClockInput(i.state), policy: policies[i.state.severity] }));
    },
    async wasSent(key) {
      return (await ctx.log.get('notice', key)) !== undefined;
    },
    async send(n) {
      // Claim the notice first: of two processes watching, one sends it.
      try {
        await ctx.log.append('notice', noticeKey(n), 0, { action: n.kind, actor: 'system', at: ctx.now(), state: n });
      } catch (error) {
        if (error instanceof ConflictError) return;
        throw error;
      }
      const alert = await noticeAlert(n);
      await ctx.audit.append({ at: ctx.now(), actor: 'system', actor_name: SYSTEM_ACTOR.name, action: `incident.clock_${n.kind}`, object_type: 'incident', object_id: n.incidentId, detail: alert.title });
      await options.notify?.(alert);
    },
  });

  const jobs = {
    replyWatermark: 0,
    timer: undefined as NodeJS.Timeout | undefined,
    running: false,
    /** One pass of the background work: account posts to incidents, the reply queue, overdue playbook steps. */
    async tick(): Promise<{ linked: number; queued: number; overdue: number }> {
      const { linked } = await linkAccountMentions(store, directory, incidents);
      if (!jobs.replyWatermark) jobs.replyWatermark = ctx.now() - 7 * 86_400_000;
      const r = await replies.scan(jobs.replyWatermark);
      jobs.replyWatermark = r.until;
      const overdue = await playbooks.scanOverdue();
      return { linked, queued: r.queued, overdue: overdue.length };
    },
  };

  const workflow = {
    ctx,
    store,
    directory,
    incidents,
    drafts,
    qa,
    replies,
    sessions,
    audit: ctx.audit,
    watcher,
    playbooks,
    /** Response per unit and severity, with the adherence to the playbooks of the steps due in the period. */
    async responseStats(actor: Parameters<typeof incidents.list>[0], from: number, to: number, unitId?: string) {
      const list = await incidents.list(actor, unitId ? { unit_id: unitId } : {});
      const scoped = unitId ? list.filter((i) => (actor.id === 'system' || actor.unitIds.has(unitId)) && i.unit_id === unitId) : list;
      return { ...responseStats(scoped, from, to, await directory.unitNames()), playbook_adherence: await playbooks.adherence(scoped, from, to) };
    },
    /**
     * First start: with no user yet, creates the top unit and an `admin`
     * whose password is `adminPassword` or generated (returned once for the
     * caller to print and keep).
     */
    async bootstrap(adminPassword?: string): Promise<{ created: boolean; password?: string; generated?: boolean }> {
      if ((await directory.userCount()) > 0) return { created: false };
      if (adminPassword && passwordProblem(adminPassword, 'admin')) throw new Error(`FENGHUO_ADMIN_PASSWORD: ${passwordProblem(adminPassword, 'admin')}`);
      const password = adminPassword ?? generatePassword();
      const units = await directory.units();
      const top = units.find((u) => !u.parent_id) ?? (await directory.createUnit(SYSTEM_ACTOR, { name: '本级单位', kind: 'province' }));
      try {
        await directory.createUser(SYSTEM_ACTOR, { username: 'admin', display_name: '系统管理员', unit_id: top.id, roles: ['admin'], password });
      } catch (error) {
        // Another process created it at the same moment.
        if (error instanceof ConflictError) return { created: false };
        throw error;
      }
      return { created: true, password, generated: !adminPassword };
    },
    /** Starts the clock watcher and the background jobs (every `intervalMs`). */
    startJobs(intervalMs = 15_000, onError: (e: unknown) => void = () => {}) {
      watcher.start();
      const run = async () => {
        if (jobs.running) return;
        jobs.running = true;
        try {
          await jobs.tick();
        } catch (error) {
          onError(error);
        } finally {
          jobs.running = false;
        }
      };
      void run();
      jobs.timer = setInterval(() => void run(), intervalMs);
      jobs.timer.unref?.();
    },
    /** Stops the clocks and jobs, waiting for a clock pass in flight (before the store closes). */
    async stopJobs() {
      if (jobs.timer) clearInterval(jobs.timer);
      jobs.timer = undefined;
      await watcher.stop();
    },
    jobs,
  };
  return workflow;
}

export type Workflow = ReturnType<typeof createWorkflow>;

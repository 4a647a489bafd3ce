import {
  ACCOUNT_LEVEL_LABELS,
  DEFAULT_GOVERNANCE_THRESHOLDS,
  formatCsv,
  GOVERNANCE_CHECK_LABELS,
  GOVERNANCE_CHECKS,
  governanceThresholdsSchema,
  REPORT_RECOMMENDATION_LABELS,
  type Alert,
  type CheckStatus,
  type Draft,
  type GovernanceAccountDetail,
  type GovernanceAccountRow,
  type GovernanceConfigResponse,
  type GovernanceOverview,
  type GovernanceReport,
  type GovernanceThresholds,
  type OfficialAccount,
  type ReplyItem,
  type Store,
} from '@fenghuo/shared';
import { segmenter } from '@fenghuo/shared/text';
import * as clocks from '../workflow/clocks';
import { audited, BadRequestError, seesUnit, SYSTEM_ACTOR, type Actor } from '../workflow/context';
import { NotFoundError } from '../workflow/store/workflow-log';
import type { Workflow } from '../workflow';
import { accountPosts } from './account-posts.query';
import { accountSnapshots } from './account-snapshots.query';
import { accountScore, rankUnits, recommend, runChecks, summarise, weeklyTrend, worstStatus } from './evaluate';
import type { AccountHistory, CheckContext } from './history';
import { DAY } from './judged-period';
import { lastPosts } from './last-posts.query';
import { reminderAlert, remindersDue, type CadenceReminder } from './reminders';

const SETTINGS_KEY = 'governance';

/** jieba words without stop words and punctuation: what 答非所问 compares. */
export function defaultTokenize(text: string): string[] {
  const s = segmenter();
  return s.cut(text).map((w) => w.trim()).filter((w) => w && !s.stopwords.has(w) && /[\p{L}\p{N}]/u.test(w));
}

export interface GovernanceOptions {
  workflow: Workflow;
  store: Store;
  now?: () => number;
  tokenize?: (text: string) => string[];
  /** Sends a cadence reminder through the alert channels (the same port as the incident clocks). */
  notify?: (alert: Alert) => Promise<void>;
}

const key = (a: { platform: string; account_id: string }) => `${a.platform}:${a.account_id}`;

/**
 * Account governance over the registry: loads each account's history
 * (posts and audience from ClickHouse, messages and publications from the
 * workflow log), runs the checks, and builds the overview, the drill-down,
 * the monthly report and the cadence reminders.
 */
export function createGovernance(options: GovernanceOptions) {
  const { workflow, store } = options;
  const ctx = workflow.ctx;
  const now = options.now ?? ctx.now;
  const tokenize = options.tokenize ?? defaultTokenize;

  const thresholds = async (): Promise<{ thresholds: GovernanceThresholds; version: number }> => {
    const saved = await ctx.log.get<unknown>('settings', SETTINGS_KEY);
    if (!saved) return { thresholds: DEFAULT_GOVERNANCE_THRESHOLDS, version: 0 };
    // Saved before a threshold was added: the new one takes its default.
    const parsed = governanceThresholdsSchema.safeParse(saved.state);
    return { thresholds: parsed.success ? parsed.data : DEFAULT_GOVERNANCE_THRESHOLDS, version: saved.seq };
  };

  const lookbackDays = (t: GovernanceThresholds) =>
    Math.max(t.cadence.window_days, t.zombie.window_days, t.interaction.window_days, t.fake_followers.window_days, t.review_compliance.window_days, t.cadence.fail_silent_days) + t.trend_weeks * 7 + 7;

  /** Histories of `accounts` for judging up to `at`. */
  const loadHistories = async (accounts: readonly OfficialAccount[], at: number, t: GovernanceThresholds): Promise<Map<string, AccountHistory>> => {
    const from = at - lookbackDays(t) * DAY;
    const live = accounts.filter((a) => a.status !== 'closed');
    const [posts, last, snaps, replies, drafts] = await Promise.all([
      accountPosts(store, live, from, at + 1),
      lastPosts(store, live, from),
      accountSnapshots(store, live, from, at + 1),
      ctx.log.list<ReplyItem>('reply'),
      ctx.log.list<Draft>('draft'),
    ]);
    const out = new Map<string, AccountHistory>();
    for (const a of accounts) out.set(key(a), { posts: [], messages: [], snapshots: snaps.get(key(a)) ?? [], publications: [] });
    for (const p of posts) out.get(`${p.platform}:${p.author_id}`)?.posts.push({ id: `${p.platform}:${p.id}`, at: p.t, text: p.text, ...(p.interactions !== undefined ? { interactions: p.interactions } : {}), ...(p.followers !== undefined ? { followers: p.followers } : {}) });
    // The last post before the window still tells how long the account has been silent.
    for (const [k, p] of last) {
      const h = out.get(k);
      if (h && !h.posts.length) h.posts.push({ id: `${k.split(':')[0]}:${p.id}`, at: p.t, text: p.text });
    }
    for (const { state: r } of replies) {
      const h = out.get(`${r.platform}:${r.account_id}`);
      if (h && r.received_at >= from) h.messages.push({ id: r.id, received_at: r.received_at, text: r.text, due_at: r.due_at, status: r.status, ...(r.answered_at !== undefined ? { answered_at: r.answered_at } : {}), ...(r.answer ? { answer: r.answer } : {}) });
    }
    // Publications through the workflow belong to the accounts of the draft's unit on its platform.
    const byUnitPlatform = new Map<string, OfficialAccount[]>();
    for (const a of accounts) byUnitPlatform.set(`${a.unit_id}:${a.platform}`, [...(byUnitPlatform.get(`${a.unit_id}:${a.platform}`) ?? []), a]);
    for (const { state: d } of drafts) {
      if (!d.publication || d.publication.at < from) continue;
      const approved = d.reviews.filter((r) => r.decision === 'approve' && r.version === d.text_version).length >= d.levels || d.status === 'published';
      for (const a of byUnitPlatform.get(`${d.unit_id}:${d.platform}`) ?? []) out.get(key(a))!.publications.push({ draft_id: d.id, at: d.publication.at, platform: d.platform, where: d.publication.where, approved });
    }
    return out;
  };

  const visibleAccounts = async (actor: Actor, unitId?: string): Promise<OfficialAccount[]> => {
    const all = await workflow.directory.accounts();
    if (unitId && !seesUnit(actor, unitId)) throw new NotFoundError(`no unit ${unitId}`);
    const scope = unitId ? await workflow.directory.unitIdsUnder(unitId) : undefined;
    return all.filter((a) => seesUnit(actor, a.unit_id) && (!scope || scope.has(a.unit_id)));
  };

  const evaluate = async (accounts: OfficialAccount[], at: number, withTrend: boolean) => {
    const { thresholds: t } = await thresholds();
    const histories = await loadHistories(accounts, at, t);
    const names = await workflow.directory.unitNames();
    const rows: GovernanceAccountRow[] = accounts.map((account) => {
      const c: CheckContext = { account, history: histories.get(key(account))!, registry: accounts, now: at, timezone: ctx.timezone, thresholds: t, tokenize };
      const results = runChecks(c);
      return { account: summarise(account, names), results, overall: worstStatus(results.map((r) => r.status)), trend: withTrend ? weeklyTrend(c, t.trend_weeks) : [] };
    });
    return { rows, thresholds: t, histories, names };
  };

  const totals = (rows: readonly GovernanceAccountRow[]): Record<CheckStatus, number> => {
    const out: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, not_applicable: 0 };
    for (const r of rows) out[r.overall]++;
    return out;
  };

  const governance = {
    thresholds,
    async config(): Promise<GovernanceConfigResponse> {
      const { thresholds: t, version } = await thresholds();
      return { thresholds: t, defaults: DEFAULT_GOVERNANCE_THRESHOLDS, version };
    },
    async saveConfig(actor: Actor, expectedVersion: number, input: unknown): Promise<GovernanceConfigResponse> {
      const r = governanceThresholdsSchema.safeParse(input);
      if (!r.success) throw new BadRequestError(r.error.issues.map((i) => `thresholds.${i.path.join('.')}: ${i.message}`).join('; '));
      const before = await ctx.log.get('settings', SETTINGS_KEY);
      const saved = await ctx.log.append('settings', SETTINGS_KEY, expectedVersion, { action: 'update', actor: actor.id, at: ctx.now(), state: r.data });
      await audited(ctx, actor, `settings.${SETTINGS_KEY}`, 'settings', SETTINGS_KEY, before?.state, r.data);
      return { thresholds: r.data, defaults: DEFAULT_GOVERNANCE_THRESHOLDS, version: saved.seq };
    },
    async overview(actor: Actor, filter: { unit_id?: string } = {}): Promise<GovernanceOverview> {
      const at = now();
      const { rows } = await evaluate(await visibleAccounts(actor, filter.unit_id), at, true);
      rows.sort((a, b) => (accountScore(a.results) ?? 1) - (accountScore(b.results) ?? 1) || a.account.name.localeCompare(b.account.name, 'zh'));
      return {
        generated_at: at,
        timezone: ctx.timezone,
        calendar_years: clocks.holidayCalendarYears(),
        checks: GOVERNANCE_CHECKS.map((id) => ({ id, label: GOVERNANCE_CHECK_LABELS[id] })),
        accounts: rows,
        units: rankUnits(rows),
        totals: totals(rows),
      };
    },
    async account(actor: Actor, id: string): Promise<GovernanceAccountDetail> {
      const visible = await visibleAccounts(actor);
      const account = visible.find((a) => a.id === id);
      if (!account) throw new NotFoundError(`no account ${id}`);
      const at = now();
      const { rows } = await evaluate(visible, at, false);
      const row = rows.find((r) => r.account.id === id)!;
      const { thresholds: t } = await thresholds();
      const histories = await loadHistories([account], at, t);
      const c: CheckContext = { account, history: histories.get(key(account))!, registry: visible, now: at, timezone: ctx.timezone, thresholds: t, tokenize };
      const { id: _i, updated_at: _u, ...fields } = account;
      return { account: { ...row.account, ...fields, ...row.account }, results: row.results, overall: row.overall, trend: weeklyTrend(c, t.trend_weeks), generated_at: at };
    },
    /** The monthly inspection report (排查报告) of a unit and the units below it, judged at the month's end (or now, for the running month). */
    async report(actor: Actor, unitId: string, month: string): Promise<GovernanceReport> {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new BadRequestError('month: expected YYYY-MM');
      const from = clocks.startOfLocalDay(`${month}-01`, ctx.timezone);
      const [y, m] = month.split('-').map(Number) as [number, number];
      const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
      const to = clocks.startOfLocalDay(next, ctx.timezone);
      const at = Math.min(now(), to - 1);
      if (from > now()) throw new BadRequestError(`month ${month} has not begun`);
      const accounts = await visibleAccounts(actor, unitId);
      const { rows, names } = await evaluate(accounts, at, false);
      const byUnit = new Map<string, GovernanceReport['units'][number]>();
      const all: GovernanceReport['units'][number]['accounts'] = [];
      for (const row of rows) {
        const account = accounts.find((a) => a.id === row.account.id)!;
        const entry = { account: row.account, overall: row.overall, ...recommend(account, row.results, accounts) };
        all.push(entry);
        const u = byUnit.get(account.unit_id) ?? { unit_id: account.unit_id, ...(names.get(account.unit_id) ? { unit_name: names.get(account.unit_id)! } : {}), accounts: [], score: 100 };
        u.accounts.push(entry);
        byUnit.set(account.unit_id, u);
      }
      const ranks = new Map(rankUnits(rows).map((r) => [r.unit_id, r.score]));
      const units = [...byUnit.values()].map((u) => ({ ...u, score: ranks.get(u.unit_id) ?? 100, accounts: u.accounts.sort((a, b) => (a.recommendation === 'keep' ? 1 : 0) - (b.recommendation === 'keep' ? 1 : 0)) }));
      units.sort((a, b) => a.score - b.score);
      const unitName = names.get(unitId);
      return {
        unit_id: unitId,
        ...(unitName ? { unit_name: unitName } : {}),
        month,
        from,
        to,
        generated_at: now(),
        timezone: ctx.timezone,
        summary: {
          accounts: rows.length,
          pass: rows.filter((r) => r.overall === 'pass' || r.overall === 'not_applicable').length,
          warn: rows.filter((r) => r.overall === 'warn').length,
          fail: rows.filter((r) => r.overall === 'fail').length,
          to_fix: all.filter((a) => a.recommendation === 'fix').length,
          to_merge: all.filter((a) => a.recommendation === 'merge').length,
          to_close: all.filter((a) => a.recommendation === 'close').length,
        },
        by_check: GOVERNANCE_CHECKS.map((id) => ({ id, label: GOVERNANCE_CHECK_LABELS[id], fail: rows.filter((r) => r.results.some((x) => x.check === id && x.status === 'fail')).length, warn: rows.filter((r) => r.results.some((x) => x.check === id && x.status === 'warn')).length })).map(({ id, ...rest }) => ({ check: id, ...rest })),
        units,
      };
    },
    /** The report as a spreadsheet: one row per account and finding. */
    reportCsv(report: GovernanceReport): string {
      const header = ['单位', '账号', '平台', '账号ID', '级别', '总体', '问题', '整改要求', '处置建议', '整合至'];
      const status: Record<CheckStatus, string> = { pass: '合格', warn: '预警', fail: '不合格', not_applicable: '不适用' };
      const rows = report.units.flatMap((u) =>
        u.accounts.map((a) => [u.unit_name ?? u.unit_id, a.account.name, a.account.platform, a.account.account_id, ACCOUNT_LEVEL_LABELS[a.account.level], status[a.overall], a.findings.map((f) => f.message).join('；'), a.fixes.join('；'), REPORT_RECOMMENDATION_LABELS[a.recommendation], a.merge_into?.name ?? '']),
      );
      // formatCsv makes every cell spreadsheet-safe (names and findings are people's text).
      return formatCsv([header, ...rows], { bom: true });
    },
    /** Reminders due now (not yet sent). */
    async remindersDue(at: number = now()): Promise<CadenceReminder[]> {
      const { thresholds: t } = await thresholds();
      if (!t.reminders.enabled) return [];
      const accounts = (await workflow.directory.accounts()).filter((a) => a.status === 'active');
      const histories = await loadHistories(accounts, at, t);
      return accounts.flatMap((account) => remindersDue({ account, history: histories.get(key(account))!, registry: accounts, now: at, timezone: ctx.timezone, thresholds: t, tokenize }));
    },
    /**
     * Sends each due reminder once: the notice is claimed in the workflow log
     * under its key (account and deadline) before it is sent, so two
     * processes or two passes never send it twice.
     */
    async remind(at: number = now()): Promise<{ sent: CadenceReminder[] }> {
      const sent: CadenceReminder[] = [];
      const names = await workflow.directory.unitNames();
      for (const r of await governance.remindersDue(at)) {
        if (await ctx.log.get('notice', r.key)) continue;
        try {
          await ctx.log.append('notice', r.key, 0, { action: 'governance_reminder', actor: 'system', at: ctx.now(), state: r });
        } catch {
          continue;
        }
        const alert = reminderAlert(r, names.get(r.unit_id), at);
        await ctx.audit.append({ at: ctx.now(), actor: 'system', actor_name: SYSTEM_ACTOR.name, action: 'account.cadence_reminder', object_type: 'account', object_id: r.account_id, detail: alert.title });
        await options.notify?.(alert);
        sent.push(r);
      }
      return { sent };
    },
  };
  return governance;
}

export type Governance = ReturnType<typeof createGovernance>;

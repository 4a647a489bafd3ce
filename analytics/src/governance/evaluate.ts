import {
  GOVERNANCE_CHECK_LABELS,
  GOVERNANCE_CHECKS,
  type CheckResult,
  type CheckStatus,
  type GovernanceAccountRow,
  type GovernanceAccountSummary,
  type GovernanceCheckId,
  type GovernanceReportAccount,
  type GovernanceTrendPoint,
  type GovernanceUnitRank,
  type OfficialAccount,
  type ReportRecommendation,
} from '@fenghuo/shared';
import * as clocks from '../workflow/clocks';
import { cadenceCheck } from './cadence.check';
import { duplicateCheck } from './duplicate.check';
import { fakeFollowersCheck } from './fake-followers.check';
import type { CheckContext } from './history';
import { interactionCheck } from './interaction.check';
import { reviewComplianceCheck } from './review-compliance.check';
import { zombieCheck } from './zombie.check';

/** Every check, in GOVERNANCE_CHECKS order: one table, so a new check is one line. */
export const CHECKS: Record<GovernanceCheckId, (ctx: CheckContext) => CheckResult> = {
  cadence: cadenceCheck,
  zombie: zombieCheck,
  duplicate: duplicateCheck,
  interaction: interactionCheck,
  fake_followers: fakeFollowersCheck,
  review_compliance: reviewComplianceCheck,
};

const RANK: Record<CheckStatus, number> = { not_applicable: 0, pass: 1, warn: 2, fail: 3 };

export function worstStatus(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'not_applicable');
}

export function runChecks(ctx: CheckContext): CheckResult[] {
  return GOVERNANCE_CHECKS.map((id) => CHECKS[id](ctx));
}

/** 0–1: pass 1, warn ½, fail 0 over the checks that apply; undefined when none does. */
export function accountScore(results: readonly CheckResult[]): number | undefined {
  const applicable = results.filter((r) => r.status !== 'not_applicable');
  if (!applicable.length) return undefined;
  return applicable.reduce((s, r) => s + (r.status === 'pass' ? 1 : r.status === 'warn' ? 0.5 : 0), 0) / applicable.length;
}

/**
 * Status at the end of each of the last `weeks` weeks (Sunday 24:00 local,
 * or now for the current week), oldest first: the checks are pure over the
 * history, so a past week is judged by moving `now` back.
 */
export function weeklyTrend(ctx: CheckContext, weeks: number): GovernanceTrendPoint[] {
  const tz = ctx.timezone;
  let monday = clocks.localDay(ctx.now, tz);
  while (clocks.isoWeekday(monday) !== 1) monday = clocks.nextLocalDay(monday, -1);
  const out: GovernanceTrendPoint[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const week = clocks.nextLocalDay(monday, -7 * i);
    const at = Math.min(ctx.now, clocks.startOfLocalDay(clocks.nextLocalDay(week, 7), tz) - 1);
    const results = runChecks({ ...ctx, now: at });
    out.push({ week, status: worstStatus(results.map((r) => r.status)), failing: results.filter((r) => r.status === 'fail').map((r) => r.check) });
  }
  return out;
}

export function summarise(a: OfficialAccount, unitNames: Map<string, string>): GovernanceAccountSummary {
  const unitName = unitNames.get(a.unit_id);
  return { id: a.id, platform: a.platform, account_id: a.account_id, name: a.name, unit_id: a.unit_id, ...(unitName ? { unit_name: unitName } : {}), level: a.level, status: a.status, ...(a.opened_on ? { opened_on: a.opened_on } : {}) };
}

/** Units ranked by their accounts' mean score (0–100), best first; ties share a rank. */
export function rankUnits(rows: readonly GovernanceAccountRow[]): GovernanceUnitRank[] {
  const by = new Map<string, { rows: GovernanceAccountRow[]; name?: string }>();
  for (const r of rows) {
    const u = by.get(r.account.unit_id) ?? { rows: [], ...(r.account.unit_name ? { name: r.account.unit_name } : {}) };
    u.rows.push(r);
    by.set(r.account.unit_id, u);
  }
  const ranks: GovernanceUnitRank[] = [...by.entries()].map(([unitId, u]) => {
    const scores = u.rows.map((r) => accountScore(r.results)).filter((s): s is number => s !== undefined);
    return {
      unit_id: unitId,
      ...(u.name ? { unit_name: u.name } : {}),
      accounts: u.rows.length,
      pass: u.rows.filter((r) => r.overall === 'pass').length,
      warn: u.rows.filter((r) => r.overall === 'warn').length,
      fail: u.rows.filter((r) => r.overall === 'fail').length,
      score: scores.length ? Math.round((100 * scores.reduce((a, b) => a + b, 0)) / scores.length) : 100,
      rank: 0,
    };
  });
  ranks.sort((a, b) => b.score - a.score || a.fail - b.fail || (a.unit_name ?? a.unit_id).localeCompare(b.unit_name ?? b.unit_id, 'zh'));
  ranks.forEach((r, i) => (r.rank = i > 0 && ranks[i - 1]!.score === r.score ? ranks[i - 1]!.rank : i + 1));
  return ranks;
}

const FIXES: Record<GovernanceCheckId, string> = {
  cadence: '按规定频次更新，落实专人值守',
  zombie: '恢复更新并增强互动，无力运维的应关停或整合',
  duplicate: '同一平台只保留一个账号，其余整合或关停',
  interaction: '逐条答复逾期留言，按时办理网民诉求',
  fake_followers: '核查粉丝来源，清理异常粉丝，不得购买粉丝或互动',
  review_compliance: '严格执行先审后发，补录审核记录',
};

/**
 * What the monthly report says about an account: findings, what to fix, and
 * keep / fix / merge / close. A zombie or a closing account is to close; a
 * duplicate (or an account marked merging) merges into the unit's other
 * account on the platform.
 */
export function recommend(account: OfficialAccount, results: readonly CheckResult[], registry: readonly OfficialAccount[]): Omit<GovernanceReportAccount, 'account' | 'overall'> {
  const findings = results.filter((r) => r.status === 'warn' || r.status === 'fail').map((r) => ({ check: r.check, status: r.status, message: `${GOVERNANCE_CHECK_LABELS[r.check]}：${r.message}` }));
  const fixes = findings.map((f) => FIXES[f.check]);
  const failed = (id: GovernanceCheckId) => results.some((r) => r.check === id && r.status === 'fail');
  const dup = results.find((r) => r.check === 'duplicate')?.evidence.duplicates?.find((d) => d.reason === 'same_unit_platform');
  let recommendation: ReportRecommendation = findings.length ? 'fix' : 'keep';
  let mergeInto: { id: string; name: string } | undefined;
  if (account.status === 'merging' || (dup && failed('duplicate'))) {
    recommendation = 'merge';
    const target = account.merge_into ? registry.find((r) => r.id === account.merge_into) : dup ? registry.find((r) => r.id === dup.id) : undefined;
    if (target) mergeInto = { id: target.id, name: target.name };
  }
  if (account.status === 'closing' || failed('zombie')) recommendation = 'close';
  return { findings, fixes: [...new Set(fixes)], recommendation, ...(mergeInto ? { merge_into: mergeInto } : {}) };
}

import type { CadenceRule, CheckResult, CheckStatus } from '@fenghuo/shared';
import * as clocks from '../workflow/clocks';
import type { CheckContext } from './history';
import { daysBetween, DAY, isRetired, judgedFrom, openedAt, postsUntilNow } from './judged-period';

function worst(a: CheckStatus, b: CheckStatus): CheckStatus {
  const rank: Record<CheckStatus, number> = { not_applicable: 0, pass: 1, warn: 2, fail: 3 };
  return rank[a] >= rank[b] ? a : b;
}

function ruleText(rule: CadenceRule): string | undefined {
  if ('every_working_day' in rule) return '每个工作日更新';
  if ('per_week' in rule) return `每周至少更新${rule.per_week}次`;
  return undefined;
}

/**
 * Working days (every_working_day) or Monday–Sunday weeks (per_week) in the
 * window that are over and lacked the required posts. A week without a
 * single working day (the Spring Festival or National Day holiday) is not
 * judged; 调休 Saturdays count as working days.
 */
export function missedPeriods(ctx: CheckContext, rule: CadenceRule, from: number): string[] {
  const tz = ctx.timezone;
  const today = clocks.localDay(ctx.now, tz);
  const postDays = new Map<string, number>();
  for (const p of ctx.history.posts) if (p.at <= ctx.now) postDays.set(clocks.localDay(p.at, tz), (postDays.get(clocks.localDay(p.at, tz)) ?? 0) + 1);
  const missed: string[] = [];
  if ('every_working_day' in rule) {
    // Only whole days after the judged start: the opening day itself is not owed a post.
    let day = clocks.localDay(from, tz);
    if (clocks.startOfLocalDay(day, tz) < from) day = clocks.nextLocalDay(day);
    for (; day < today; day = clocks.nextLocalDay(day)) if (clocks.isChineseWorkingDay(day) && !postDays.has(day)) missed.push(day);
  } else if ('per_week' in rule) {
    let day = clocks.localDay(from, tz);
    if (clocks.startOfLocalDay(day, tz) < from) day = clocks.nextLocalDay(day);
    // The first Monday on or after the start: a week begun before the opening is not judged.
    while (clocks.isoWeekday(day) !== 1) day = clocks.nextLocalDay(day);
    for (; clocks.nextLocalDay(day, 7) <= today; day = clocks.nextLocalDay(day, 7)) {
      let posts = 0;
      let working = 0;
      for (let i = 0; i < 7; i++) {
        const d = clocks.nextLocalDay(day, i);
        posts += postDays.get(d) ?? 0;
        if (clocks.isChineseWorkingDay(d)) working++;
      }
      if (working > 0 && posts < rule.per_week) missed.push(`${day}周`);
    }
  }
  return missed;
}

/**
 * Update cadence (更新频率): no update for `fail_silent_days` fails (the
 * 2019 inspection's two-week test), `warn_silent_days` warns; on top, the
 * level's own rule (city governments every working day, provincial
 * departments and county governments twice a week, Guizhou).
 */
export function cadenceCheck(ctx: CheckContext): CheckResult {
  const t = ctx.thresholds.cadence;
  const rule = ctx.thresholds.cadence.by_level[ctx.account.level] ?? { none: true };
  const words = ruleText(rule);
  const ruleLine = `${t.fail_silent_days}天内无更新为不合格（${t.warn_silent_days}天预警）${words ? `；${words}` : ''}`;
  if (isRetired(ctx) || ctx.account.status === 'closing') return { check: 'cadence', status: 'not_applicable', message: ctx.account.status === 'closed' ? '账号已关停' : '账号关停中', evidence: { rule: ruleLine } };
  const opened = openedAt(ctx);
  if (opened !== undefined && opened > ctx.now) return { check: 'cadence', status: 'not_applicable', message: '账号尚未开通', evidence: { rule: ruleLine } };
  const posts = postsUntilNow(ctx);
  const last = posts[0]?.at;
  // Silence counts from the last post, or from the opening for an account that never posted.
  const ref = last ?? opened;
  const from = judgedFrom(ctx, t.window_days);
  const evidence: CheckResult['evidence'] = { rule: ruleLine, judged_from: from, recent_posts: posts.slice(0, 5).map((p) => ({ id: p.id, at: p.at, text: p.text.slice(0, 80) })) };
  if (last !== undefined) evidence.last_post_at = last;
  let status: CheckStatus = 'pass';
  const parts: string[] = [];
  if (ref === undefined) {
    status = 'fail';
    parts.push('无任何更新记录');
  } else {
    const silent = daysBetween(ref, ctx.now);
    evidence.silent_days = silent;
    evidence.deadline_at = ref + t.fail_silent_days * DAY;
    if (silent >= t.fail_silent_days) {
      status = 'fail';
      parts.push(`已${silent}天未更新（超过${t.fail_silent_days}天）`);
    } else if (silent >= t.warn_silent_days) {
      status = 'warn';
      parts.push(`已${silent}天未更新，${t.fail_silent_days - silent}天后将不合格`);
    }
  }
  if (words) {
    const missed = missedPeriods(ctx, rule, from);
    evidence.missed_periods = missed;
    if (missed.length) {
      status = worst(status, missed.length > t.warn_missed_periods ? 'fail' : 'warn');
      const unit = 'every_working_day' in rule ? '个工作日' : '周';
      parts.push(`近${t.window_days}天有${missed.length}${unit}未达到“${words}”`);
    }
  }
  evidence.posts_in_window = posts.filter((p) => p.at >= from).length;
  return { check: 'cadence', status, message: parts.join('；') || (words ? `符合“${words}”` : `近${t.warn_silent_days}天内有更新`), evidence };
}

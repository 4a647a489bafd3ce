import type { AccountPost, CheckContext } from './history';
import * as clocks from '../workflow/clocks';

export const DAY = 86_400_000;

/**
 * Where judging starts: `windowDays` before `now`, or the account's opening
 * day when that is later (an account opened mid-period is judged only from
 * its opening).
 */
export function judgedFrom(ctx: CheckContext, windowDays: number): number {
  const windowStart = ctx.now - windowDays * DAY;
  const opened = ctx.account.opened_on ? clocks.startOfLocalDay(ctx.account.opened_on, ctx.timezone) : undefined;
  return opened !== undefined && opened > windowStart ? opened : windowStart;
}

export function openedAt(ctx: CheckContext): number | undefined {
  return ctx.account.opened_on ? clocks.startOfLocalDay(ctx.account.opened_on, ctx.timezone) : undefined;
}

/** Posts published up to `now`, newest first. */
export function postsUntilNow(ctx: CheckContext): AccountPost[] {
  return ctx.history.posts.filter((p) => p.at <= ctx.now).sort((a, b) => b.at - a.at);
}

export function isRetired(ctx: CheckContext): boolean {
  return ctx.account.status === 'closed';
}

/** Whole days between two instants (floored). */
export function daysBetween(from: number, to: number): number {
  return Math.floor((to - from) / DAY);
}

export function shanghaiTime(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: timezone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
}

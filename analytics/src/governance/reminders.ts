import type { Alert } from '@fenghuo/shared';
import * as clocks from '../workflow/clocks';
import type { CheckContext } from './history';
import { DAY, openedAt, postsUntilNow, shanghaiTime } from './judged-period';

export interface CadenceReminder {
  /** One reminder per account and deadline: the dedup key. */
  key: string;
  kind: 'silence_limit' | 'working_day';
  account_id: string;
  account_name: string;
  platform: string;
  unit_id: string;
  deadline_at: number;
  last_post_at?: number;
  message: string;
}

/**
 * Reminders before a cadence deadline breaks: the silence limit (14 days)
 * falls within `before_hours`, or an account that must post every working
 * day has not posted yet today by `daily_reminder_at` (15:00 local). Only
 * active accounts that were open on the day get them.
 */
export function remindersDue(ctx: CheckContext): CadenceReminder[] {
  const a = ctx.account;
  if (a.status !== 'active') return [];
  const t = ctx.thresholds;
  const tz = ctx.timezone;
  const opened = openedAt(ctx);
  if (opened !== undefined && opened > ctx.now) return [];
  const last = postsUntilNow(ctx)[0]?.at;
  const base = { account_id: a.id, account_name: a.name, platform: a.platform, unit_id: a.unit_id, ...(last !== undefined ? { last_post_at: last } : {}) };
  const out: CadenceReminder[] = [];
  const ref = last ?? opened;
  if (ref !== undefined) {
    const deadline = ref + t.cadence.fail_silent_days * DAY;
    if (deadline > ctx.now && deadline - ctx.now <= t.reminders.before_hours * 3_600_000) {
      out.push({ ...base, key: `gov-silence-${a.id}-${deadline}`, kind: 'silence_limit', deadline_at: deadline, message: `账号“${a.name}”已${Math.floor((ctx.now - ref) / DAY)}天未更新，将于${shanghaiTime(deadline, tz)}达到${t.cadence.fail_silent_days}天不更新的检查红线，请及时更新` });
    }
  }
  const rule = t.cadence.by_level[a.level];
  const today = clocks.localDay(ctx.now, tz);
  if (rule && 'every_working_day' in rule && clocks.isChineseWorkingDay(today) && (opened === undefined || opened < clocks.startOfLocalDay(today, tz))) {
    const [hh, mi] = t.cadence.daily_reminder_at.split(':').map(Number) as [number, number];
    const remindAt = clocks.startOfLocalDay(today, tz, hh, mi);
    const postedToday = last !== undefined && clocks.localDay(last, tz) === today;
    if (ctx.now >= remindAt && !postedToday) {
      const deadline = clocks.startOfLocalDay(clocks.nextLocalDay(today), tz) - 1;
      out.push({ ...base, key: `gov-day-${a.id}-${today}`, kind: 'working_day', deadline_at: deadline, message: `账号“${a.name}”今天（工作日）尚未更新，按“每个工作日更新”的要求须在今日24时前发布` });
    }
  }
  return out;
}

/** A reminder as an alert-shaped message for the channels and the live stream, naming the owning unit. */
export function reminderAlert(r: CadenceReminder, unitName: string | undefined, at: number): Alert {
  const title = `【账号更新提醒】${r.account_name}（${unitName ?? r.unit_id}）`;
  return {
    id: r.key,
    event_id: '',
    title,
    severity: r.kind === 'silence_limit' ? 'high' : 'medium',
    status: 'open',
    opened_at: at,
    updated_at: at,
    reasons: [{ kind: 'governance_cadence', detail: r.message, series: `account:${r.account_id}`, observed: at, expected: r.deadline_at, statistic: 'deadline', value: r.deadline_at - at, threshold: 0, severity: r.kind === 'silence_limit' ? 'high' : 'medium', at }],
    first_mentions: [],
    samples: [],
    rumor_score: 0,
  };
}

import type { CheckResult } from '@fenghuo/shared';
import type { AudiencePoint, CheckContext } from './history';
import { DAY, isRetired, judgedFrom } from './judged-period';

/** Engagement per day between two audience points: reported by the snapshot, else summed from the account's posts. */
function engagementPerDay(ctx: CheckContext, from: number, to: number, reported?: number): number {
  const days = Math.max((to - from) / DAY, 1 / 24);
  if (reported !== undefined) return reported / days;
  let sum = 0;
  for (const p of ctx.history.posts) if (p.at > from && p.at <= to) sum += p.interactions ?? 0;
  return sum / days;
}

/**
 * Fake-follower anomalies (粉丝异常): a follower gain of at least `jump_share`
 * of the audience and `min_gain` between two observations, while engagement
 * per day grew less than `engagement_factor`, is a jump not matched by
 * engagement; a sample of engagers dominated by new or inactive accounts is
 * engagement from clusters. Both are flagged for review (warn, hint), never
 * failed: a viral post can explain either.
 */
export function fakeFollowersCheck(ctx: CheckContext): CheckResult {
  const t = ctx.thresholds.fake_followers;
  const rule = `粉丝增量≥${Math.round(t.jump_share * 100)}%且≥${t.min_gain}而互动未相应增长（<${t.engagement_factor}倍），或抽样互动账号中新注册/不活跃账号占比>${Math.round(t.engager_share * 100)}%，提示人工核查`;
  if (isRetired(ctx)) return { check: 'fake_followers', status: 'not_applicable', message: '账号已关停', evidence: { rule } };
  const from = judgedFrom(ctx, t.window_days);
  // Snapshots, or without them the follower counts carried by the account's own posts: two collectors'
  // counts in one series would read their differences as jumps.
  const points: AudiencePoint[] = (ctx.history.snapshots.length ? ctx.history.snapshots : ctx.history.posts.filter((p) => p.followers !== undefined).map((p) => ({ at: p.at, followers: p.followers! })))
    .filter((p) => p.at <= ctx.now)
    .sort((a, b) => a.at - b.at);
  const evidence: CheckResult['evidence'] = { rule, judged_from: from };
  const jumps: NonNullable<CheckResult['evidence']['follower_jumps']> = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    if (b.at < from) continue;
    const gain = b.followers - a.followers;
    if (gain < t.min_gain || gain < t.jump_share * a.followers) continue;
    const prev = points[i - 2];
    const before = prev ? engagementPerDay(ctx, prev.at, a.at, a.engagement) : engagementPerDay(ctx, a.at - t.window_days * DAY, a.at);
    const during = engagementPerDay(ctx, a.at, b.at, b.engagement);
    if (during < Math.max(before, 1) * t.engagement_factor) {
      jumps.push({ from_at: a.at, to_at: b.at, followers_before: a.followers, followers_after: b.followers, gain, engagement_before: Math.round(before), engagement_during: Math.round(during) });
    }
  }
  if (jumps.length) evidence.follower_jumps = jumps;
  const sampled = [...ctx.history.snapshots].filter((s) => s.at >= from && s.at <= ctx.now && (s.engagers_sampled ?? 0) >= t.min_engagers_sampled).sort((a, b) => b.at - a.at)[0];
  let clusters = false;
  if (sampled) {
    const share = (sampled.engagers_new_or_inactive ?? 0) / sampled.engagers_sampled!;
    evidence.suspicious_engagers = { at: sampled.at, sampled: sampled.engagers_sampled!, new_or_inactive: sampled.engagers_new_or_inactive ?? 0, share: Math.round(share * 100) / 100 };
    clusters = share > t.engager_share;
  }
  if (points.length < 2 && !sampled) return { check: 'fake_followers', status: 'not_applicable', message: '无粉丝与互动数据', evidence };
  const parts: string[] = [];
  if (jumps.length) parts.push(`粉丝${jumps.length}次异常增长（最大+${Math.max(...jumps.map((j) => j.gain))}）而互动未同步增长`);
  if (clusters) parts.push(`互动账号中新注册或不活跃账号占${Math.round(evidence.suspicious_engagers!.share * 100)}%`);
  if (parts.length) return { check: 'fake_followers', status: 'warn', hint: true, message: `${parts.join('；')}，请人工核查`, evidence };
  return { check: 'fake_followers', status: 'pass', message: '粉丝与互动变化正常', evidence };
}

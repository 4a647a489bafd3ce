import type { CheckResult, PostEvidence } from '@fenghuo/shared';
import type { CheckContext, WorkflowPublication } from './history';
import { isRetired, judgedFrom } from './judged-period';

/**
 * Content review compliance (先审后发): for an account that publishes through
 * Fenghuo, every post must match a publication of an approved draft on the
 * same platform within `match_minutes`; each publication accounts for one
 * post. Accounts that publish elsewhere are not judged.
 */
export function reviewComplianceCheck(ctx: CheckContext): CheckResult {
  const t = ctx.thresholds.review_compliance;
  const rule = `经本系统发布的账号，每条发布须有审核通过的稿件记录（发布时间相差${t.match_minutes}分钟内）`;
  if (isRetired(ctx)) return { check: 'review_compliance', status: 'not_applicable', message: '账号已关停', evidence: { rule } };
  if (!ctx.account.publishes_via_workflow) return { check: 'review_compliance', status: 'not_applicable', message: '该账号不经本系统发布', evidence: { rule } };
  const from = judgedFrom(ctx, t.window_days);
  const posts = ctx.history.posts.filter((p) => p.at >= from && p.at <= ctx.now).sort((a, b) => a.at - b.at);
  const pool: (WorkflowPublication | undefined)[] = ctx.history.publications.filter((p) => p.approved && p.platform === ctx.account.platform).sort((a, b) => a.at - b.at);
  const unreviewed: PostEvidence[] = [];
  for (const post of posts) {
    let best = -1;
    for (let i = 0; i < pool.length; i++) {
      const pub = pool[i];
      if (!pub || Math.abs(pub.at - post.at) > t.match_minutes * 60_000) continue;
      if (best < 0 || Math.abs(pub.at - post.at) < Math.abs(pool[best]!.at - post.at)) best = i;
    }
    if (best >= 0) pool[best] = undefined;
    else unreviewed.push({ id: post.id, at: post.at, text: post.text.slice(0, 80) });
  }
  const evidence: CheckResult['evidence'] = { rule, judged_from: from, posts_in_window: posts.length, unreviewed_posts: unreviewed.slice(0, 50) };
  if (!posts.length) return { check: 'review_compliance', status: 'pass', message: '期间无发布', evidence };
  if (unreviewed.length) return { check: 'review_compliance', status: 'fail', message: `${unreviewed.length}条发布无审核通过记录`, evidence };
  return { check: 'review_compliance', status: 'pass', message: `${posts.length}条发布均经审核`, evidence };
}

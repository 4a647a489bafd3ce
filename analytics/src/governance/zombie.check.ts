import type { CheckResult } from '@fenghuo/shared';
import type { CheckContext } from './history';
import { daysBetween, isRetired, judgedFrom, openedAt, postsUntilNow } from './judged-period';

/**
 * Zombie and sleeping accounts (僵尸、睡眠账号): silent for `silent_days`
 * fails (close or merge it); posting `min_posts` or more in the window
 * without a single like, comment, repost or message warns (an account
 * nobody reads). Posts whose interactions the source did not report are not
 * counted as silent ones.
 */
export function zombieCheck(ctx: CheckContext): CheckResult {
  const t = ctx.thresholds.zombie;
  const rule = `${t.silent_days}天无更新为僵尸账号；近${t.window_days}天发布${t.min_posts}条以上均无任何互动为睡眠账号`;
  if (isRetired(ctx)) return { check: 'zombie', status: 'not_applicable', message: '账号已关停', evidence: { rule } };
  const posts = postsUntilNow(ctx);
  const last = posts[0]?.at;
  const ref = last ?? openedAt(ctx);
  if (ref !== undefined && ref > ctx.now) return { check: 'zombie', status: 'not_applicable', message: '账号尚未开通', evidence: { rule } };
  const evidence: CheckResult['evidence'] = { rule, recent_posts: posts.slice(0, 5).map((p) => ({ id: p.id, at: p.at, text: p.text.slice(0, 80), ...(p.interactions !== undefined ? { interactions: p.interactions } : {}) })) };
  if (last !== undefined) evidence.last_post_at = last;
  if (ref === undefined) return { check: 'zombie', status: 'fail', message: '无任何更新记录，疑似僵尸账号', evidence };
  const silent = daysBetween(ref, ctx.now);
  evidence.silent_days = silent;
  if (silent >= t.silent_days) return { check: 'zombie', status: 'fail', message: `已${silent}天未更新，疑似僵尸账号`, evidence };
  const from = judgedFrom(ctx, t.window_days);
  const inWindow = posts.filter((p) => p.at >= from);
  const known = inWindow.filter((p) => p.interactions !== undefined);
  const silentPosts = known.filter((p) => p.interactions === 0).length;
  const messages = ctx.history.messages.filter((m) => m.received_at >= from && m.received_at <= ctx.now).length;
  evidence.judged_from = from;
  evidence.posts_in_window = inWindow.length;
  evidence.posts_without_interaction = silentPosts;
  evidence.received = messages;
  if (known.length >= t.min_posts && silentPosts === known.length && messages === 0) {
    return { check: 'zombie', status: 'warn', message: `近${t.window_days}天发布${known.length}条均无任何互动，疑似睡眠账号`, evidence };
  }
  return { check: 'zombie', status: 'pass', message: '账号活跃', evidence };
}

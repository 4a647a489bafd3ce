import type { CheckResult, MessageEvidence } from '@fenghuo/shared';
import type { AccountMessage, CheckContext } from './history';
import { isRetired, judgedFrom } from './judged-period';

const MAX_LISTED = 20;

/** Share of the question's distinct words that the answer repeats (0–1); 1 for a question without words. */
export function tokenOverlap(question: string, answer: string, tokenize: (s: string) => string[]): number {
  const q = new Set(tokenize(question));
  if (!q.size) return 1;
  const a = new Set(tokenize(answer));
  let shared = 0;
  for (const w of q) if (a.has(w)) shared++;
  return shared / q.size;
}

function asEvidence(m: AccountMessage, extra: Partial<MessageEvidence> = {}): MessageEvidence {
  return { id: m.id, received_at: m.received_at, text: m.text.slice(0, 200), due_at: m.due_at, ...(m.answered_at !== undefined ? { answered_at: m.answered_at } : {}), ...(m.answer ? { answer: m.answer.slice(0, 200) } : {}), ...extra };
}

/**
 * Interaction (互动回应): of the public comments and messages addressed to
 * the account in the window (closed ones, e.g. spam, left out), the share
 * answered and the share answered by its deadline; an answer that repeats
 * almost none of the question's words is flagged 答非所问 — a hint for a
 * person to read, never a verdict by itself.
 */
export function interactionCheck(ctx: CheckContext): CheckResult {
  const t = ctx.thresholds.interaction;
  const rule = `近${t.window_days}天留言答复率≥${Math.round(t.warn_answered_rate * 100)}%（低于${Math.round(t.fail_answered_rate * 100)}%不合格），按时答复率≥${Math.round(t.warn_on_time_rate * 100)}%`;
  if (isRetired(ctx)) return { check: 'interaction', status: 'not_applicable', message: '账号已关停', evidence: { rule } };
  const from = judgedFrom(ctx, t.window_days);
  const msgs = ctx.history.messages.filter((m) => m.status !== 'closed' && m.received_at >= from && m.received_at <= ctx.now);
  // An answer given after the judged moment was not there yet.
  const answeredBy = (m: AccountMessage) => m.status === 'answered' && m.answered_at !== undefined && m.answered_at <= ctx.now;
  const answered = msgs.filter(answeredBy);
  const open = msgs.filter((m) => !answeredBy(m)).sort((a, b) => a.received_at - b.received_at);
  const overdueOpen = open.filter((m) => m.due_at < ctx.now);
  const late = answered.filter((m) => m.answered_at! > m.due_at);
  const offTopic = answered
    .map((m) => ({ m, overlap: tokenOverlap(m.text, m.answer ?? '', ctx.tokenize) }))
    .filter((x) => x.overlap < t.off_topic_overlap)
    .map((x) => asEvidence(x.m, { overlap: Math.round(x.overlap * 100) / 100 }));
  const decided = answered.length + overdueOpen.length;
  const answeredRate = msgs.length ? answered.length / msgs.length : null;
  const onTimeRate = decided ? (answered.length - late.length) / decided : null;
  const evidence: CheckResult['evidence'] = {
    rule,
    judged_from: from,
    received: msgs.length,
    answered: answered.length,
    answered_rate: answeredRate,
    on_time_rate: onTimeRate,
    unanswered: open.slice(0, MAX_LISTED).map((m) => asEvidence(m)),
    late: late.slice(0, MAX_LISTED).map((m) => asEvidence(m)),
    off_topic: offTopic.slice(0, MAX_LISTED),
  };
  if (!msgs.length) return { check: 'interaction', status: 'not_applicable', message: `近${t.window_days}天无网民留言`, evidence };
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const figures = `答复率${pct(answeredRate)}，按时率${pct(onTimeRate)}`;
  if (msgs.length < t.min_received) {
    // Too few to judge a rate; an overdue one is still worth a warning.
    if (overdueOpen.length) return { check: 'interaction', status: 'warn', message: `${overdueOpen.length}条留言逾期未答复`, evidence };
    return { check: 'interaction', status: 'pass', message: `留言${msgs.length}条，${figures}`, evidence };
  }
  if (answeredRate! < t.fail_answered_rate) return { check: 'interaction', status: 'fail', message: `留言${msgs.length}条，${figures}（${open.length}条未答复）`, evidence };
  if (answeredRate! < t.warn_answered_rate || (onTimeRate !== null && onTimeRate < t.warn_on_time_rate)) return { check: 'interaction', status: 'warn', message: `留言${msgs.length}条，${figures}`, evidence };
  if (offTopic.length) return { check: 'interaction', status: 'warn', hint: true, message: `${figures}；${offTopic.length}条答复疑似答非所问，请人工核查`, evidence };
  return { check: 'interaction', status: 'pass', message: `留言${msgs.length}条，${figures}`, evidence };
}

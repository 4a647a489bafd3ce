import { useEffect, useRef, type ReactNode } from 'react';
import type { CheckEvidence, CheckResult, GovernanceAccountDetail, MessageEvidence, PostEvidence } from '@fenghuo/shared/governance';
import { StatusTrend } from '../charts/StatusTrend/StatusTrend';
import { formatCount, formatDate, formatDateTime, formatPercent } from '../format';
import { useI18n, type Lang } from '../i18n';
import { accountPlatformLabel, accountStatusLabel, checkLabel, checkStatusLabel, levelLabel } from './labels';
import { StatusBadge } from './StatusBadge';

type T = (zh: string, en: string) => string;

/** Lists in the panel stop here; the rest is counted, not dropped silently. */
const LIST_CAP = 10;

/** A week of the trend in words, for the trend chart's tooltips (shared by the matrix and the panel). */
export function describeWeek(d: { week: string; status: CheckResult['status']; failing: CheckResult['check'][] }, t: T, lang: Lang): string {
  const failing = d.failing.map((c) => checkLabel(c, lang)).join(lang === 'zh' ? '、' : ', ');
  return `${t('当周', 'Week of')} ${d.week}${t('：', ': ')}${checkStatusLabel(d.status, lang)}${failing ? ` (${failing})` : ''}`;
}

function Capped<T>({ items, render, t }: { items: readonly T[]; render: (item: T, i: number) => ReactNode; t: (zh: string, en: string) => string }) {
  return (
    <>
      <ul className="evidence-list">{items.slice(0, LIST_CAP).map(render)}</ul>
      {items.length > LIST_CAP && <p className="muted small">{t(`另有 ${items.length - LIST_CAP} 条未列出`, `${items.length - LIST_CAP} more not listed`)}</p>}
    </>
  );
}

function Facts({ facts, className = '' }: { facts: readonly [string, ReactNode][]; className?: string }) {
  return (
    <dl className={`evidence-facts ${className}`}>
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Post({ p, t, lang }: { p: PostEvidence; t: T; lang: Lang }) {
  return (
    <li>
      <time dateTime={new Date(p.at).toISOString()}>{formatDateTime(p.at)}</time>
      {p.text !== undefined && <span className="evidence-text">{p.text}</span>}
      {p.interactions !== undefined && <span className="muted small"> · {t('互动', 'interactions')} {formatCount(p.interactions, lang)}</span>}
    </li>
  );
}

function Message({ m, t, now }: { m: MessageEvidence; t: T; now: number }) {
  return (
    <li>
      <time dateTime={new Date(m.received_at).toISOString()}>{formatDateTime(m.received_at)}</time> <span className="evidence-text">{m.text}</span>
      <span className="muted small">
        {m.due_at !== undefined && ` · ${t('应答时限', 'due')} ${formatDateTime(m.due_at)}${m.answered_at === undefined && m.due_at < now ? t('（已超时）', ' (overdue)') : ''}`}
        {m.answered_at !== undefined && ` · ${t('答复于', 'answered')} ${formatDateTime(m.answered_at)}`}
      </span>
      {m.answer !== undefined && (
        <div className="evidence-answer">
          {t('答复：', 'Answer: ')}
          {m.answer}
          {m.overlap !== undefined && <span className="muted small"> · {t('与提问重合', 'overlap with the question')} {formatPercent(m.overlap)}</span>}
        </div>
      )}
    </li>
  );
}

/** The facts a check was judged on, in words: dates of the last posts, unanswered messages, duplicates, follower jumps, unreviewed posts. */
export function Evidence({ e, now }: { e: CheckEvidence; now: number }) {
  const { t, lang } = useI18n();
  const facts: [string, ReactNode][] = [];
  if (e.rule) facts.push([t('规则依据', 'Rule'), e.rule]);
  if (e.judged_from !== undefined) facts.push([t('考察起点', 'Judged from'), formatDate(e.judged_from)]);
  if (e.last_post_at !== undefined) facts.push([t('最近更新', 'Last post'), formatDateTime(e.last_post_at)]);
  if (e.silent_days !== undefined) facts.push([t('未更新天数', 'Days without a post'), t(`${e.silent_days} 天`, `${e.silent_days} days`)]);
  if (e.deadline_at !== undefined) facts.push([t('下次更新时限', 'Next post due by'), formatDateTime(e.deadline_at)]);
  if (e.posts_in_window !== undefined) facts.push([t('考察期内发布', 'Posts in the window'), String(e.posts_in_window)]);
  if (e.posts_without_interaction !== undefined) facts.push([t('零互动发布', 'Posts without interaction'), String(e.posts_without_interaction)]);
  if (e.received !== undefined) facts.push([t('收到留言/评论', 'Messages received'), String(e.received)]);
  if (e.answered !== undefined) facts.push([t('已答复', 'Answered'), String(e.answered)]);
  if (e.answered_rate !== undefined) facts.push([t('答复率', 'Answered'), formatPercent(e.answered_rate)]);
  if (e.on_time_rate !== undefined) facts.push([t('按时答复率', 'Answered on time'), formatPercent(e.on_time_rate)]);
  if (e.suspicious_engagers) {
    const s = e.suspicious_engagers;
    facts.push([t('可疑互动账号', 'Suspicious engagers'), t(`${formatDate(s.at)} 抽样 ${s.sampled} 个，新注册或不活跃 ${s.new_or_inactive} 个（${formatPercent(s.share)}）`, `${formatDate(s.at)}: ${s.new_or_inactive} of ${s.sampled} sampled are new or inactive (${formatPercent(s.share)})`)]);
  }
  const lists: [string, string, ReactNode][] = [];
  /** A titled list of evidence, when there is any. */
  const add = <I,>(key: string, title: (n: number) => string, items: readonly I[] | undefined, render: (item: I) => ReactNode) => {
    if (items?.length) lists.push([key, title(items.length), <Capped items={items} t={t} render={render} />]);
  };
  if (e.missed_periods?.length) lists.push(['missed', t('未达要求的工作日/周', 'Working days or weeks short of the rule'), <p className="evidence-periods">{e.missed_periods.join(lang === 'zh' ? '、' : ', ')}</p>]);
  const post = (p: PostEvidence) => <Post key={p.id} p={p} t={t} lang={lang} />;
  const message = (m: MessageEvidence) => <Message key={m.id} m={m} t={t} now={now} />;
  add('posts', () => t('最近发布', 'Latest posts'), e.recent_posts, post);
  add('unanswered', (n) => t(`未答复留言（${n}）`, `Unanswered messages (${n})`), e.unanswered, message);
  add('late', (n) => t(`超时答复（${n}）`, `Answered late (${n})`), e.late, message);
  add('off_topic', (n) => t(`疑似答非所问（${n}，仅供复核）`, `Possibly off-topic answers (${n}, for review)`), e.off_topic, message);
  add('duplicates', () => t('重复账号', 'Duplicate accounts'), e.duplicates, (d) => (
    <li key={d.id}>
      {d.name} <span className="muted small">({accountPlatformLabel(d.platform, lang)} {d.account_id})</span> ·{' '}
      {d.reason === 'same_unit_platform' ? t('同一单位同一平台', 'same unit on the same platform') : t(`名称相近（相似度 ${formatPercent(d.similarity)}）`, `similar name (${formatPercent(d.similarity)} alike)`)}
    </li>
  ));
  add('jumps', () => t('粉丝突增', 'Follower jumps'), e.follower_jumps, (j) => (
    <li key={j.from_at}>
      {formatDate(j.from_at)} – {formatDate(j.to_at)}
      {t('：', ': ')}
      {formatCount(j.followers_before, lang)} → {formatCount(j.followers_after, lang)}
      {t(`（+${formatCount(j.gain, lang)}）`, ` (+${formatCount(j.gain, lang)})`)}
      <span className="muted small">
        {' '}
        · {t('日均互动', 'engagement per day')} {formatCount(j.engagement_before, lang)} → {formatCount(j.engagement_during, lang)}
      </span>
    </li>
  ));
  add('unreviewed', (n) => t(`无审核记录的发布（${n}）`, `Posts without an approved review (${n})`), e.unreviewed_posts, post);
  if (!facts.length && !lists.length) return null;
  return (
    <div className="evidence">
      {facts.length > 0 && <Facts facts={facts} />}
      {lists.map(([key, title, body]) => (
        <div key={key} className="evidence-group" data-evidence={key}>
          <h4>{title}</h4>
          {body}
        </div>
      ))}
    </div>
  );
}

/** One account's checks with their evidence: the drill-down of the governance page. */
export function AccountEvidence({ detail, focus }: { detail: GovernanceAccountDetail; focus?: string | undefined }) {
  const { t, lang } = useI18n();
  const a = detail.account;
  const box = useRef<HTMLDivElement>(null);
  // A cell of the matrix opens the panel at its check.
  useEffect(() => {
    const el = [...(box.current?.querySelectorAll<HTMLElement>('[data-check]') ?? [])].find((x) => x.dataset.check === focus);
    if (!el) return;
    // Scroll the panel, not the page: the matrix the user clicked in stays where it was.
    const panel = box.current?.closest<HTMLElement>('.evidence-panel');
    if (panel && panel.scrollHeight > panel.clientHeight && el.offsetParent === panel) panel.scrollTop = el.offsetTop - (panel.querySelector<HTMLElement>('.panel-head')?.offsetHeight ?? 0) - 8;
    else el.scrollIntoView?.({ block: 'nearest' });
  }, [focus, a.id]);
  const facts: [string, ReactNode][] = [
    [t('平台', 'Platform'), `${accountPlatformLabel(a.platform, lang)} · ${a.account_id}`],
    [t('单位', 'Unit'), a.unit_name ?? a.unit_id],
    [t('级别', 'Level'), levelLabel(a.level, lang)],
    [t('账号状态', 'Account status'), accountStatusLabel(a.status, lang)],
    [t('备案', 'Filing'), a.filing?.number || a.filing?.date ? `${a.filing.number ?? ''} ${a.filing.date ?? ''}`.trim() : t('未登记', 'not recorded')],
    [t('运维联系人', 'Contact'), a.contact?.name || a.contact?.phone || a.contact?.email ? [a.contact.name, a.contact.phone, a.contact.email].filter(Boolean).join(' · ') : t('未登记', 'not recorded')],
  ];
  if (a.opened_on) facts.push([t('开设日期', 'Opened on'), a.opened_on]);
  return (
    <div className="account-evidence" data-account={a.id} ref={box}>
      <Facts facts={facts} className="account-facts" />
      {detail.trend.length > 0 && (
        <div className="account-trend">
          <span className="muted small">{t(`近 ${detail.trend.length} 周`, `Last ${detail.trend.length} weeks`)}</span>
          <StatusTrend data={detail.trend} width={Math.max(120, detail.trend.length * 22)} height={22} label={t(`近 ${detail.trend.length} 周总体状态`, `Overall status over ${detail.trend.length} weeks`)} describe={(d) => describeWeek(d, t, lang)} />
        </div>
      )}
      <ol className="check-results">
        {detail.results.map((r) => (
          <li key={r.check} className={`check-result${focus === r.check ? ' check-focus' : ''}`} data-check={r.check} data-status={r.status}>
            <h3>
              {checkLabel(r.check, lang)} <StatusBadge status={r.status} />
              {r.hint && <span className="hint-tag">{t('提示，需人工复核', 'hint, needs review')}</span>}
            </h3>
            <p className="check-message">{r.message}</p>
            <Evidence e={r.evidence} now={detail.generated_at} />
          </li>
        ))}
      </ol>
    </div>
  );
}

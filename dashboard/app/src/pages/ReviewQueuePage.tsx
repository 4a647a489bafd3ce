import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, qs } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useSession } from '../session';
import { FindingsList, HighlightedText } from '../workspace/CheckedText';
import { DiffView } from '../workspace/DiffView';
import { PLATFORM_LABELS, TEMPLATE_LABELS } from '../workspace/labels';
import { baseVersion, reviewableBy } from '../workspace/review';
import { ReviewHistory } from '../workspace/ReviewHistory';
import { usePeople } from '../workspace/usePeople';
import type { CheckFinding, DraftDiff, DraftView } from '../workspace/types';
import { safeHref } from '../analyst/safe-url';
import './workspace.css';

/** One submitted draft under review: what changed, what the checks say, and the decision with a comment. */
function ReviewPanel({ draft, onDecided, who }: { draft: DraftView; onDecided: (message: string) => void; who: (id: string) => string }) {
  const { t, lang } = useI18n();
  const [from, setFrom] = useState(() => baseVersion(draft));
  const [diff, setDiff] = useState<DraftDiff>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [blocking, setBlocking] = useState<CheckFinding[]>();
  const [busy, setBusy] = useState(false);
  // The queue reloads every 15 s with fresh objects: only a new version of the draft (someone acted on it)
  // resets the panel, never a reload while the reviewer is typing a comment.
  // Reset while rendering (not in an effect after mount), so a comment typed right after the panel appears is never wiped.
  const base = baseVersion(draft);
  const identity = `${draft.id}:${draft.version}:${base}`;
  const [shown, setShown] = useState(identity);
  if (shown !== identity) {
    setShown(identity);
    setFrom(base);
    setComment('');
    setError(undefined);
    setBlocking(undefined);
  }
  useEffect(() => {
    let live = true;
    api
      .get<DraftDiff>(`/api/v1/drafts/${encodeURIComponent(draft.id)}/diff${qs({ from, to: draft.text_version })}`)
      .then((d) => live && setDiff(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [draft.id, draft.text_version, from]);

  const decide = async (decision: 'approve' | 'reject', ev?: FormEvent) => {
    ev?.preventDefault();
    if (decision === 'reject' && !comment.trim()) return setError(t('退回须填写意见，告诉起草人要改什么', 'A rejection needs a comment for the author'));
    setBusy(true);
    setError(undefined);
    try {
      await api.post<DraftView>(`/api/v1/drafts/${encodeURIComponent(draft.id)}/review`, { expected_version: draft.version, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      onDecided(decision === 'approve' ? t(`已通过：${draft.title}`, `Approved: ${draft.title}`) : t(`已退回：${draft.title}`, `Returned: ${draft.title}`));
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.body.findings)) setBlocking(e.body.findings as CheckFinding[]);
      setError(e instanceof ApiError && e.status === 409 ? t('这份稿件已被修改或已由他人审核，请刷新队列。', 'The draft changed or someone else reviewed it: reload the queue.') + ` (${e.message})` : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const findings = blocking ?? draft.checks;
  const versions = draft.versions.map((v) => v.version).filter((v) => v < draft.text_version);
  return (
    <section className="ws-card review-panel" aria-label={t('审核', 'Review')} data-testid="review-panel">
      <h2>{draft.title}</h2>
      <p className="room-meta">
        <span>{TEMPLATE_LABELS[draft.kind][lang === 'zh' ? 0 : 1]}</span>
        <span>{PLATFORM_LABELS[draft.platform]?.[lang === 'zh' ? 0 : 1] ?? draft.platform}</span>
        <span>{t(`第 ${draft.current_level} / ${draft.levels} 级审核`, `Review level ${draft.current_level} of ${draft.levels}`)}</span>
        <span>
          {t('起草人', 'Author')}：{who(draft.author_id)}
        </span>
        {draft.incident_id && <Link to={`/incidents/${encodeURIComponent(draft.incident_id)}`}>{t('所属事件', 'Incident')}</Link>}
        <Link to={`/drafts/${encodeURIComponent(draft.id)}`}>{t('打开稿件', 'Open the draft')}</Link>
      </p>
      <h3>{t('版本对比', 'Changes')}</h3>
      {versions.length > 0 && (
        <label className="inline-label">
          {t('对比版本', 'Compare with')}
          <select value={from} onChange={(e) => setFrom(Number(e.target.value))}>
            {versions.map((v) => (
              <option key={v} value={v}>
                v{v}
                {draft.reviews.some((r) => r.version === v) ? t('（已审）', ' (reviewed)') : ''}
              </option>
            ))}
          </select>
        </label>
      )}
      {diff ? (
        <DiffView lines={diff.lines} fromLabel={t(`第 ${diff.from} 版`, `Version ${diff.from}`)} toLabel={t(`第 ${diff.to} 版（待审）`, `Version ${diff.to} (under review)`)} />
      ) : (
        <p className="muted">{t('加载中…', 'Loading…')}</p>
      )}
      <h3>{t('检查结果', 'Check results')}</h3>
      {blocking && <p className="form-error">{t('检查发现错误，不能通过：', 'The checks found errors; it cannot be approved:')}</p>}
      <HighlightedText text={draft.body} findings={findings} />
      <FindingsList findings={findings} />
      <h3>{t('审核记录', 'Review record')}</h3>
      <ReviewHistory draft={draft} who={who} />
      <form className="ws-form decision" onSubmit={(e) => void decide('approve', e)} noValidate>
        <label>
          {t('审核意见', 'Comment')}
          <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} aria-describedby="review-comment-hint" />
        </label>
        <span id="review-comment-hint" className="muted">
          {t('退回时必填', 'Required to reject')}
        </span>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="submit" className="primary" disabled={busy || draft.blocking}>
            ✓ {t('通过', 'Approve')}
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => void decide('reject')}>
            ↩ {t('退回', 'Reject')}
          </button>
          {draft.blocking && <span className="muted">{t('检查有错误，只能退回', 'The checks find errors: reject it')}</span>}
        </div>
      </form>
    </section>
  );
}

/** The reviewer's queue (drafts waiting at a level this reviewer may take) and the log of what was published. */
export default function ReviewQueuePage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const { query } = useLocation();
  const selected = query.get('draft') ?? undefined;
  const [queue, setQueue] = useState<DraftView[]>();
  const [published, setPublished] = useState<DraftView[]>([]);
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const who = usePeople(session.user.id, t('我', 'me'));

  const load = useCallback(async () => {
    try {
      const [submitted, pub] = await Promise.all([api.get<{ drafts: DraftView[] }>('/api/v1/drafts?status=submitted'), api.get<{ drafts: DraftView[] }>('/api/v1/drafts?status=published')]);
      setQueue(reviewableBy(submitted.drafts, session.user.id).sort((a, b) => a.updated_at - b.updated_at));
      setPublished(pub.drafts.sort((a, b) => (b.publication?.at ?? 0) - (a.publication?.at ?? 0)));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [session.user.id]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 15_000);
    return () => clearInterval(timer);
  }, [load]);

  const current = queue?.find((d) => d.id === selected) ?? (selected ? undefined : queue?.[0]);
  return (
    <div className="ws-page review-page">
      <div className="ws-head">
        <h1>{t('审核', 'Review')}</h1>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="form-ok" role="status">
          ✓ {notice}
        </p>
      )}
      <div className="review-grid">
        <section className="ws-card review-queue" aria-label={t('待审队列', 'Queue')}>
          <h2>
            {t('待审队列', 'Queue')} {queue ? `(${queue.length})` : ''}
          </h2>
          {!queue ? (
            <p className="muted">{t('加载中…', 'Loading…')}</p>
          ) : !queue.length ? (
            <p className="muted">{t('没有待您审核的稿件', 'Nothing waiting for you')}</p>
          ) : (
            <ul className="queue-list">
              {queue.map((d) => (
                <li key={d.id} className={current?.id === d.id ? 'current' : ''}>
                  <Link to={`/review${qs({ draft: d.id })}`} aria-current={current?.id === d.id ? 'true' : undefined}>
                    {d.title}
                  </Link>
                  <span className="muted">
                    {TEMPLATE_LABELS[d.kind][lang === 'zh' ? 0 : 1]} · {t(`第${d.current_level}/${d.levels}级`, `level ${d.current_level}/${d.levels}`)} · {formatDateTime(d.updated_at)}
                    {d.blocking ? ` · ✕ ${t('检查有错误', 'check errors')}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {current ? (
          <ReviewPanel
            key={current.id}
            draft={current}
            who={who}
            onDecided={(m) => {
              setNotice(m);
              navigate('/review', { replace: true });
              void load();
            }}
          />
        ) : (
          selected && queue && <p className="muted">{t('这份稿件已不在您的队列中', 'That draft is no longer in your queue')}</p>
        )}
      </div>

      <section className="ws-card publish-log" aria-label={t('发布记录', 'Publication log')}>
        <h2>{t('发布记录', 'Publication log')}</h2>
        {!published.length ? (
          <p className="muted">{t('尚无发布', 'Nothing published yet')}</p>
        ) : (
          <table className="ws-table">
            <thead>
              <tr>
                <th scope="col">{t('发布时间', 'When')}</th>
                <th scope="col">{t('标题', 'Title')}</th>
                <th scope="col">{t('渠道', 'Where')}</th>
                <th scope="col">{t('发布人', 'By')}</th>
                <th scope="col">{t('链接', 'Link')}</th>
              </tr>
            </thead>
            <tbody>
              {published.map((d) => (
                <tr key={d.id}>
                  <td>{d.publication ? formatDateTime(d.publication.at) : '–'}</td>
                  <td>
                    <Link to={`/drafts/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                  </td>
                  <td>{d.publication?.where}</td>
                  <td>{d.publication ? who(d.publication.by) : '–'}</td>
                  <td>
                    {d.publication?.link ? (
                      <a href={safeHref(d.publication.link)} target="_blank" rel="noopener noreferrer">
                        {t('查看', 'open')}
                      </a>
                    ) : (
                      '–'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { FindingsList, HighlightedText } from '../workspace/CheckedText';
import { PLATFORM_LABELS, TEMPLATE_LABELS } from '../workspace/labels';
import type { CheckFinding, DraftView } from '../workspace/types';

/**
 * One draft to review on the phone: the text with the privacy and wording
 * checks marked, the findings, and approve or reject with a comment. The
 * server decides (level, version, blocking findings); a refusal shows its
 * findings. The diff between versions stays on the desk view.
 */
export default function ReviewDraftScreen({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState<DraftView>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string>();
  const [blocking, setBlocking] = useState<CheckFinding[]>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .get<DraftView>(`/api/v1/drafts/${encodeURIComponent(params.id ?? '')}`)
      .then((d) => live && setDraft(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [params.id]);

  const decide = async (decision: 'approve' | 'reject') => {
    if (!draft) return;
    if (decision === 'reject' && !comment.trim()) return setError(t('退回须填写意见，告诉起草人要改什么', 'A rejection needs a comment for the author'));
    setBusy(true);
    setError(undefined);
    try {
      const after = await api.post<DraftView>(`/api/v1/drafts/${encodeURIComponent(draft.id)}/review`, { expected_version: draft.version, decision, ...(comment.trim() ? { comment: comment.trim() } : {}) });
      setDraft((d) => (d ? { ...d, ...after } : d));
      setDone(decision === 'approve' ? t(`已通过：${draft.title}`, `Approved: ${draft.title}`) : t(`已退回：${draft.title}`, `Returned: ${draft.title}`));
    } catch (e) {
      if (e instanceof ApiError && Array.isArray(e.body.findings)) setBlocking(e.body.findings as CheckFinding[]);
      setError(e instanceof ApiError && e.status === 409 ? t('这份稿件已被修改或已由他人审核，请返回刷新。', 'The draft changed or someone else reviewed it: go back and reload.') : (e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const back = (
    <p>
      <Link to="/m/review" className="m-inline-link">
        ‹ {t('待审列表', 'Review queue')}
      </Link>
    </p>
  );
  if (!draft)
    return (
      <div className="m-screen">
        {back}
        {error ? (
          <p className="m-error" role="alert">
            {error}
          </p>
        ) : (
          <p className="m-muted">{t('加载中…', 'Loading…')}</p>
        )}
      </div>
    );
  const findings = blocking ?? draft.checks ?? [];
  return (
    <div className="m-screen m-review">
      {back}
      <div className="m-head">
        <h1>{draft.title}</h1>
      </div>
      <p className="m-muted">
        {TEMPLATE_LABELS[draft.kind][lang === 'zh' ? 0 : 1]} · {PLATFORM_LABELS[draft.platform]?.[lang === 'zh' ? 0 : 1] ?? draft.platform} · {t(`第 ${draft.current_level} / ${draft.levels} 级审核`, `Review level ${draft.current_level} of ${draft.levels}`)}
      </p>
      <section className="m-section" aria-label={t('检查结果', 'Check results')}>
        <h2>{t('检查结果', 'Check results')}</h2>
        {blocking && <p className="m-error">{t('检查发现错误，不能通过：', 'The checks found errors; it cannot be approved:')}</p>}
        <FindingsList findings={findings} />
      </section>
      <section className="m-section" aria-label={t('正文', 'Text')}>
        <h2>{t('正文', 'Text')}</h2>
        <HighlightedText text={draft.body} findings={findings} />
      </section>
      {done ? (
        <p className="m-notice" role="status">
          ✓ {done}
        </p>
      ) : (
        <form
          className="m-form"
          onSubmit={(e) => {
            e.preventDefault();
            void decide('approve');
          }}
          noValidate
        >
          <label>
            {t('审核意见', 'Comment')}
            <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={t('退回时必填', 'Required to reject')} />
          </label>
          {error && (
            <p className="m-error" role="alert">
              {error}
            </p>
          )}
          <div className="m-buttons">
            <button type="submit" className="m-button m-primary" disabled={busy || draft.blocking}>
              ✓ {t('通过', 'Approve')}
            </button>
            <button type="button" className="m-button m-danger" disabled={busy} onClick={() => void decide('reject')}>
              ↩ {t('退回', 'Reject')}
            </button>
          </div>
          {draft.blocking && <p className="m-muted">{t('检查有错误，只能退回', 'The checks find errors: reject it')}</p>}
        </form>
      )}
    </div>
  );
}

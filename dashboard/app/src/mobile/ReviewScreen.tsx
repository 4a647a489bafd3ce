import { useEffect, useState } from 'react';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import { TEMPLATE_LABELS } from '../workspace/labels';
import { reviewableBy } from '../workspace/review';
import type { DraftView } from '../workspace/types';

/** Drafts waiting for my review (the same rule as the desk queue: not my own, not a text I already approved), oldest first. */
export default function ReviewScreen(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { session } = useSession();
  const [queue, setQueue] = useState<DraftView[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<{ drafts: DraftView[] }>('/api/v1/drafts?status=submitted')
        .then((r) => live && (setQueue(reviewableBy(r.drafts, session.user.id).sort((a, b) => a.updated_at - b.updated_at)), setError(undefined)))
        .catch((e: Error) => live && setError(e.message));
    void load();
    const timer = setInterval(() => void load(), 20_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [session.user.id]);

  return (
    <div className="m-screen">
      <div className="m-head">
        <h1>
          {t('待我审核', 'Waiting for my review')} {queue ? `(${queue.length})` : ''}
        </h1>
      </div>
      {error && (
        <p className="m-error" role="alert">
          {error}
        </p>
      )}
      {!queue ? (
        !error && <p className="m-muted">{t('加载中…', 'Loading…')}</p>
      ) : !queue.length ? (
        <p className="m-muted">{t('没有待您审核的稿件', 'Nothing waiting for you')}</p>
      ) : (
        <ul className="m-cards">
          {queue.map((d) => (
            <li key={d.id} className="m-card" data-testid="review-card">
              <Link to={`/m/review/${encodeURIComponent(d.id)}`} className="m-card-link">
                <strong>{d.title}</strong>
                <span className="m-muted">
                  {TEMPLATE_LABELS[d.kind][lang === 'zh' ? 0 : 1]} · {t(`第${d.current_level}/${d.levels}级`, `level ${d.current_level}/${d.levels}`)} · {formatDateTime(d.updated_at)}
                </span>
                <span className={d.blocking ? 'm-bad' : d.checks.length ? 'm-warn' : 'm-ok'}>
                  {d.blocking ? `✕ ${t('检查有错误', 'check errors')}` : d.checks.length ? `! ${t(`${d.checks.length} 条提示`, `${d.checks.length} warnings`)}` : `✓ ${t('检查通过', 'checks clean')}`}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

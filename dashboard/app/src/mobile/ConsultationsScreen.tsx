import { useEffect, useState } from 'react';
import type { ConsultationList, ConsultationSummary } from '@fenghuo/shared/consultation';
import { api } from '../api';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';

export const CONSULTATION_STATUS_LABELS: Record<ConsultationSummary['status'], [string, string]> = {
  draft: ['未开始', 'Not started'],
  open: ['征求中', 'Open'],
  closed: ['已结束', 'Closed'],
};

/** Public consultations of one's units, open ones first, each opening its summary. */
export default function ConsultationsScreen(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const [list, setList] = useState<ConsultationSummary[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const order = (c: ConsultationSummary) => (c.status === 'open' ? 0 : c.status === 'draft' ? 1 : 2);
    api
      .get<ConsultationList>('/api/v1/consultations')
      .then((r) => live && setList([...r.consultations].sort((a, b) => order(a) - order(b) || b.period.end - a.period.end)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, []);

  return (
    <div className="m-screen">
      <div className="m-head">
        <h1>{t('征求意见', 'Consultations')}</h1>
      </div>
      {error && (
        <p className="m-error" role="alert">
          {error}
        </p>
      )}
      {!list ? (
        !error && <p className="m-muted">{t('加载中…', 'Loading…')}</p>
      ) : !list.length ? (
        <p className="m-muted">{t('没有征求意见', 'No consultations')}</p>
      ) : (
        <ul className="m-cards">
          {list.map((c) => (
            <li key={c.id} className="m-card" data-testid="consultation-card">
              <Link to={`/m/consultations/${encodeURIComponent(c.id)}`} className="m-card-link">
                <strong>{c.title}</strong>
                <span className="m-muted">
                  {t(...CONSULTATION_STATUS_LABELS[c.status])} · {formatDate(c.period.start)} – {formatDate(c.period.end)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

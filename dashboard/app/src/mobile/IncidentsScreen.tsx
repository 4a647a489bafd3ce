import { useEffect, useState } from 'react';
import { INCIDENT_SEVERITY_LABELS, type Incident } from '@fenghuo/shared/workflow';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { SEVERITY_LABELS_EN, STATUS_LABELS } from '../workspace/labels';
import { Countdown } from './Countdown';

/** How soon the incident needs something: its next deadline, or never (sorted last). */
export const nextDue = (i: Incident): number => i.clock?.next?.due_at ?? Number.POSITIVE_INFINITY;

export function useSeverityLabel(): (s: Incident['severity']) => string {
  const { lang } = useI18n();
  return (s) => (lang === 'zh' ? INCIDENT_SEVERITY_LABELS[s] : (SEVERITY_LABELS_EN[s] ?? s));
}

/** Active incidents of one's units, soonest deadline first, each with its next deadline counting down. */
export default function IncidentsScreen(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const severity = useSeverityLabel();
  const [incidents, setIncidents] = useState<Incident[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<{ incidents: Incident[] }>('/api/v1/incidents?status=active')
        .then((r) => live && (setIncidents([...r.incidents].sort((a, b) => nextDue(a) - nextDue(b))), setError(undefined)))
        .catch((e: Error) => live && setError(e.message));
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);

  return (
    <div className="m-screen">
      <div className="m-head">
        <h1>{t('处置中的事件', 'Active incidents')}</h1>
      </div>
      {error && (
        <p className="m-error" role="alert">
          {error}
        </p>
      )}
      {!incidents ? (
        !error && <p className="m-muted">{t('加载中…', 'Loading…')}</p>
      ) : !incidents.length ? (
        <p className="m-muted">{t('没有处置中的事件', 'No active incidents')}</p>
      ) : (
        <ul className="m-cards">
          {incidents.map((i) => (
            <li key={i.id} className="m-card" data-testid="incident-card">
              <Link to={`/m/incidents/${encodeURIComponent(i.id)}`} className="m-card-link">
                <span className="m-card-head">
                  <span className="m-badge">{severity(i.severity)}</span>
                  <strong>{i.title}</strong>
                </span>
                <span className="m-muted">{t(...(STATUS_LABELS[i.status] ?? [i.status, i.status]))}</span>
                {i.clock?.next ? (
                  <span>
                    {i.clock.next.label} <Countdown dueAt={i.clock.next.due_at} />
                  </span>
                ) : (
                  <span className="m-muted">{t('时限均已完成', 'Every deadline met')}</span>
                )}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import type { Incident } from '@fenghuo/shared/workflow';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { ACTION_LABELS, DEADLINE_STATE_LABELS, STATUS_LABELS } from '../workspace/labels';
import { ChecklistSection } from './ChecklistSection';
import { Countdown } from './Countdown';
import { DetailFrame } from './DetailFrame';
import { useSeverityLabel } from './IncidentsScreen';

/** One incident on the phone: every deadline's clock, its playbook checklist, the facts, what was done. Read-only: changes are made at a desk. */
export default function IncidentScreen({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const severity = useSeverityLabel();
  const [incident, setIncident] = useState<Incident>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<Incident>(`/api/v1/incidents/${encodeURIComponent(params.id ?? '')}`)
        .then((i) => live && (setIncident(i), setError(undefined)))
        .catch((e: Error) => live && setError(e.message));
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [params.id]);

  return (
    <DetailFrame back="/m/incidents" backLabel={t('全部事件', 'All incidents')} error={error} title={incident?.title}>
      {incident && (
        <>
          <p className="m-muted">
            <span className="m-badge">{severity(incident.severity)}</span> {t(...(STATUS_LABELS[incident.status] ?? [incident.status, incident.status]))} · {t('开始', 'Opened')} {formatDateTime(incident.opened_at)}
          </p>
          <section className="m-section" aria-label={t('时限', 'Deadlines')}>
            <h2>{t('时限', 'Deadlines')}</h2>
            <ul className="m-list" data-testid="deadlines">
              {(incident.clock?.deadlines ?? []).map((d) => (
                <li key={d.key} data-state={d.state}>
                  <strong>{d.label}</strong>
                  <span className="m-muted">
                    {t('截止', 'Due')} {formatDateTime(d.due_at)} · {t(...(DEADLINE_STATE_LABELS[d.state] ?? [d.state, d.state]))}
                  </span>
                  <Countdown dueAt={d.due_at} {...(d.met_at !== undefined ? { metAt: d.met_at } : {})} />
                </li>
              ))}
            </ul>
          </section>
          <ChecklistSection incidentId={incident.id} />
          {(incident.place || incident.facts || incident.measures) && (
            <section className="m-section" aria-label={t('情况', 'Facts')}>
              <h2>{t('情况', 'Facts')}</h2>
              {incident.place && <p>{incident.place}</p>}
              {incident.facts && <p>{incident.facts}</p>}
              {incident.measures && <p>{incident.measures}</p>}
            </section>
          )}
          <section className="m-section" aria-label={t('处置动作', 'Actions')}>
            <h2>{t('处置动作', 'Actions')}</h2>
            {!incident.actions.length ? (
              <p className="m-muted">{t('尚无', 'None yet')}</p>
            ) : (
              <ul className="m-list">
                {incident.actions.map((a) => (
                  <li key={a.id}>
                    <strong>{ACTION_LABELS[a.kind][lang === 'zh' ? 0 : 1]}</strong>
                    <span className="m-muted">
                      {formatDateTime(a.at)}
                      {a.note ? ` · ${a.note}` : ''}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </DetailFrame>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { INCIDENT_SEVERITY_LABELS, type Incident, type IncidentInput } from '@fenghuo/shared/workflow';
import { api, qs } from '../api';
import { formatDateTime, formatDuration } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useCan, useSession } from '../session';
import { useNow } from '../wall/useNow';
import { NewIncidentForm } from '../workspace/NewIncidentForm';
import { SEVERITY_LABELS_EN, STATUS_LABELS } from '../workspace/timeline';
import { useUnits } from '../workspace/useUnits';
import './workspace.css';

const FILTERS = ['active', 'open', 'responding', 'monitoring', 'closed', ''] as const;

/** The incidents of one's units with the next deadline of each, and (for responders) a form to open one. */
export default function IncidentsPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const status = query.get('status') ?? 'active';
  const [incidents, setIncidents] = useState<Incident[]>();
  const [error, setError] = useState<string>();
  const [showForm, setShowForm] = useState(false);
  const canOpen = useCan(['responder']);
  const { session } = useSession();
  const units = useUnits();
  const now = useNow(1000);
  const unitName = useMemo(() => new Map(units.map((u) => [u.id, u.name])), [units]);
  const myUnits = useMemo(() => units.filter((u) => session.unit_ids.includes(u.id)), [units, session.unit_ids]);

  const load = useCallback(async () => {
    try {
      const r = await api.get<{ incidents: Incident[] }>(`/api/v1/incidents${qs({ status: status === 'all' ? undefined : status })}`);
      setIncidents(r.incidents.sort((a, b) => (a.clock?.next?.due_at ?? Infinity) - (b.clock?.next?.due_at ?? Infinity) || b.opened_at - a.opened_at));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [status]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 10_000);
    return () => clearInterval(timer);
  }, [load]);

  const open = async (input: IncidentInput) => {
    const created = await api.post<Incident>('/api/v1/incidents', input);
    navigate(`/incidents/${encodeURIComponent(created.id)}`);
  };

  const filterLabel = (f: string) => (f === 'active' ? t('进行中', 'Active') : f === '' ? t('全部', 'All') : t(STATUS_LABELS[f]![0], STATUS_LABELS[f]![1]));

  return (
    <div className="ws-page">
      <div className="ws-head">
        <h1>{t('处置事件', 'Incidents')}</h1>
        {canOpen && (
          <button type="button" className="primary" aria-expanded={showForm} onClick={() => setShowForm((v) => !v)}>
            {showForm ? t('收起', 'Close form') : t('新建事件', 'Open an incident')}
          </button>
        )}
      </div>
      {canOpen && showForm && (
        <section className="ws-card">
          <h2>{t('新建处置事件', 'Open an incident')}</h2>
          <NewIncidentForm units={myUnits.length ? myUnits : units} defaultUnitId={session.user.unit_id} onSubmit={open} />
        </section>
      )}
      <nav className="ws-filters" aria-label={t('按状态筛选', 'Filter by status')}>
        {FILTERS.map((f) => (
          <Link key={f || 'all'} to={`/incidents${qs({ status: f || 'all' })}`} className={(status === 'all' ? '' : status) === f ? 'active' : ''} aria-current={(status === 'all' ? '' : status) === f ? 'true' : undefined}>
            {filterLabel(f)}
          </Link>
        ))}
      </nav>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!incidents ? (
        <p className="muted">{t('加载中…', 'Loading…')}</p>
      ) : !incidents.length ? (
        <p className="muted">{t('没有符合条件的事件', 'No incidents')}</p>
      ) : (
        <table className="ws-table incident-table">
          <thead>
            <tr>
              <th scope="col">{t('事件', 'Incident')}</th>
              <th scope="col">{t('级别', 'Severity')}</th>
              <th scope="col">{t('状态', 'Status')}</th>
              <th scope="col">{t('责任单位', 'Unit')}</th>
              <th scope="col">{t('下一时限', 'Next deadline')}</th>
              <th scope="col">{t('立案时间', 'Opened')}</th>
            </tr>
          </thead>
          <tbody>
            {incidents.map((i) => {
              const next = i.clock?.next;
              const left = next ? next.due_at - now : undefined;
              return (
                <tr key={i.id}>
                  <td>
                    <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>
                  </td>
                  <td>
                    <span className={`sev-tag sev-${i.severity}`}>{lang === 'zh' ? INCIDENT_SEVERITY_LABELS[i.severity] : SEVERITY_LABELS_EN[i.severity]}</span>
                  </td>
                  <td>{t(STATUS_LABELS[i.status]![0], STATUS_LABELS[i.status]![1])}</td>
                  <td>{unitName.get(i.unit_id) ?? i.unit_id}</td>
                  <td>
                    {next && left !== undefined ? (
                      <span className={left < 0 ? 'due-late' : ''}>
                        {left < 0 ? '✕ ' : '◔ '}
                        {next.label} · {left < 0 ? `${t('超时', 'late')} ${formatDuration(-left, lang)}` : `${t('剩余', 'left')} ${formatDuration(left, lang)}`}
                        <span className="muted"> （{formatDateTime(next.due_at)}）</span>
                      </span>
                    ) : (
                      <span className="muted">{t('无待办时限', 'None pending')}</span>
                    )}
                  </td>
                  <td>{formatDateTime(i.opened_at)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}

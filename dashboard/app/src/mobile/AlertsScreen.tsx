import { useCallback, useEffect, useState } from 'react';
import type { Alert } from '@fenghuo/shared/analytics';
import type { AlertsResponse } from '@fenghuo/shared/api';
import { api } from '../api';
import { describeReason } from '../alerts/describe-reason';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { useCan } from '../session';
import { ACK_ROLES } from './screens';

export const ALERT_SEVERITY_LABELS: Record<Alert['severity'], [string, string]> = {
  critical: ['严重', 'Critical'],
  high: ['高', 'High'],
  medium: ['中', 'Medium'],
  low: ['低', 'Low'],
};

/** Open alerts, most severe first, each with why it fired and (for analysts and responders) an acknowledge button. */
export default function AlertsScreen(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const canAck = useCan(ACK_ROLES);
  const [alerts, setAlerts] = useState<Alert[]>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState<string>();

  const load = useCallback(async () => {
    try {
      const r = await api.get<AlertsResponse>('/api/v1/alerts?status=open&limit=50');
      const rank = (a: Alert) => ['low', 'medium', 'high', 'critical'].indexOf(a.severity);
      setAlerts([...r.alerts].sort((a, b) => rank(b) - rank(a) || b.opened_at - a.opened_at));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 20_000);
    return () => clearInterval(timer);
  }, [load]);

  const ack = async (a: Alert) => {
    setBusy(a.id);
    setError(undefined);
    try {
      await api.post<Alert>(`/api/v1/alerts/${encodeURIComponent(a.id)}/ack`, {});
      setNotice(t(`已确认：${a.title}`, `Acknowledged: ${a.title}`));
      setAlerts((list) => list?.filter((x) => x.id !== a.id));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="m-screen">
      <div className="m-head">
        <h1>{t('待确认预警', 'Alerts to acknowledge')}</h1>
      </div>
      {error && (
        <p className="m-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="m-notice" role="status">
          ✓ {notice}
        </p>
      )}
      {!alerts ? (
        !error && <p className="m-muted">{t('加载中…', 'Loading…')}</p>
      ) : !alerts.length ? (
        <p className="m-muted">{t('没有待确认的预警', 'No open alerts')}</p>
      ) : (
        <ul className="m-cards">
          {alerts.map((a) => (
            <li key={a.id} className="m-card" data-severity={a.severity} data-testid="alert-card">
              <div className="m-card-head">
                <span className={`m-badge m-sev-${a.severity}`}>{t(...ALERT_SEVERITY_LABELS[a.severity])}</span>
                <strong>{a.title}</strong>
              </div>
              <p className="m-muted">{formatDateTime(a.opened_at)}</p>
              <ul className="m-reasons">
                {a.reasons.slice(0, 3).map((r, i) => (
                  <li key={i}>{describeReason(r, lang)}</li>
                ))}
              </ul>
              {canAck && (
                <button type="button" className="m-button m-primary" disabled={busy === a.id} onClick={() => void ack(a)}>
                  {t('确认预警', 'Acknowledge')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

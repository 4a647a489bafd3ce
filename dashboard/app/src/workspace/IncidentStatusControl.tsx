import { useState } from 'react';
import type { Incident, IncidentStatus } from '@fenghuo/shared/workflow';
import { api, ApiError } from '../api';
import { useI18n } from '../i18n';

/** The moves the server allows from each status (it checks again); shown as buttons. */
export const NEXT_STATUS: Record<IncidentStatus, IncidentStatus[]> = {
  open: ['responding', 'monitoring', 'closed'],
  responding: ['monitoring', 'closed'],
  monitoring: ['responding', 'closed'],
  closed: ['open'],
};

/**
 * Acknowledging the incident and moving it along (responding, monitoring,
 * closed, reopened), each against the version shown: a change made
 * meanwhile by someone else is reported and the incident reloaded.
 */
export function IncidentStatusControl({ incident, onChanged }: { incident: Incident; onChanged: (i?: Incident) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const label: Record<IncidentStatus, string> = {
    open: t('重新打开', 'Reopen'),
    responding: t('转为处置中', 'Mark responding'),
    monitoring: t('转为持续关注', 'Mark monitoring'),
    closed: t('结束事件', 'Close'),
  };
  const run = async (work: () => Promise<Incident>) => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await work());
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setError(t('事件已被他人修改，已载入最新状态，请再确认', 'Someone changed the incident meanwhile; the latest state is loaded, try again'));
        onChanged();
      } else setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const path = `/api/v1/incidents/${encodeURIComponent(incident.id)}`;
  return (
    <div className="status-control" role="group" aria-label={t('事件状态', 'Incident status')}>
      {incident.acknowledged_at === undefined && incident.status !== 'closed' && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => api.post<Incident>(`${path}/ack`, {}))}>
          {t('确认接报', 'Acknowledge')}
        </button>
      )}
      {NEXT_STATUS[incident.status].map((s) => (
        <button key={s} type="button" className={s === 'closed' ? 'danger' : 'secondary'} disabled={busy} onClick={() => void run(() => api.patch<Incident>(path, { expected_version: incident.version, status: s }))}>
          {label[s]}
        </button>
      ))}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

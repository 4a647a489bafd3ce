import { useCallback, useEffect, useState } from 'react';
import type { Checklist } from '@fenghuo/shared/playbook';
import { api } from '../api';

/**
 * An incident's playbook checklist, reloaded every 30 s (overdue is worked
 * out on the server against its clock) and after each change.
 */
export function useChecklist(incidentId: string, incidentVersion?: number) {
  const [checklist, setChecklist] = useState<Checklist>();
  const [error, setError] = useState<string>();
  const reload = useCallback(async () => {
    try {
      setChecklist(await api.get<Checklist>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/checklist`));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [incidentId]);
  // A new incident version (an action logged, a status change) can meet or move steps.
  useEffect(() => {
    void reload();
    const timer = setInterval(() => void reload(), 30_000);
    return () => clearInterval(timer);
  }, [reload, incidentVersion]);
  return { checklist, error, reload, setChecklist };
}

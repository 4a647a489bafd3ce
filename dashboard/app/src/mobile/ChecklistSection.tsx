import { useEffect, useState } from 'react';
import type { Checklist, ChecklistItem } from '@fenghuo/shared/playbook';
import { api, ApiError } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Countdown } from './Countdown';

const STATE_LABELS: Record<ChecklistItem['state'], [string, string, string]> = {
  pending: ['待办', 'to do', '○'],
  done: ['已完成', 'done', '✓'],
  skipped: ['已跳过', 'skipped', '–'],
  overdue: ['已超时', 'overdue', '✕'],
};

/**
 * The incident's playbook checklist (应急预案), read-only on the phone:
 * each step with its owner and its clock. Steps are marked done at a desk.
 * An incident without a checklist (404) shows nothing.
 */
export function ChecklistSection({ incidentId }: { incidentId: string }) {
  const { t, lang } = useI18n();
  const [checklist, setChecklist] = useState<Checklist | null>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    api
      .get<Checklist>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/checklist`)
      .then((c) => live && setChecklist(c))
      .catch((e: Error) => live && (e instanceof ApiError && e.status === 404 ? setChecklist(null) : setError(e.message)));
    return () => {
      live = false;
    };
  }, [incidentId]);

  if (checklist === null || (checklist === undefined && !error)) return null;
  return (
    <section className="m-section" aria-label={t('预案清单', 'Playbook checklist')} data-testid="checklist">
      <h2>
        {t('预案清单', 'Playbook checklist')}
        {checklist && <span className="m-muted"> · {lang === 'en' && checklist.playbook_name_en ? checklist.playbook_name_en : checklist.playbook_name}</span>}
      </h2>
      {error && (
        <p className="m-error" role="alert">
          {error}
        </p>
      )}
      {checklist && (
        <ul className="m-list">
          {checklist.items.map((item) => {
            const [zh, en, icon] = STATE_LABELS[item.state];
            return (
              <li key={item.key} data-state={item.state}>
                <strong>
                  <span aria-hidden="true">{icon}</span> {lang === 'en' && item.title_en ? item.title_en : item.title}
                </strong>
                <span className={item.state === 'overdue' ? 'm-bad' : item.state === 'done' ? 'm-ok' : 'm-muted'}>
                  {t(zh, en)}
                  {item.owner.label ? ` · ${item.owner.label}` : ''}
                  {item.done ? ` · ${item.done.by_name} ${formatDateTime(item.done.at)}` : ''}
                  {item.skipped ? ` · ${item.skipped.reason}` : ''}
                </span>
                {item.state === 'pending' && item.due_at !== undefined && <Countdown dueAt={item.due_at} />}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import type { Checklist, ChecklistItem } from '@fenghuo/shared/playbook';
import { api, ApiError, qs } from '../api';
import { formatDateTime, formatDuration } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { TEMPLATE_LABELS } from '../workspace/labels';
import { ROLE_LABELS, STEP_STATE_ICON, STEP_STATE_LABELS } from './labels';
import './playbooks.css';

interface Props {
  incidentId: string;
  checklist: Checklist | undefined;
  error?: string | undefined;
  now: number;
  /** Responders of the incident's unit mark steps; everyone else reads. */
  canAct: boolean;
  active: boolean;
  onChanged: (c: Checklist) => void;
}

/** What a step's due time says: in how long, or how late, with the time itself. */
export function dueText(item: ChecklistItem, now: number, lang: 'zh' | 'en'): string {
  if (item.due_at === undefined) return lang === 'zh' ? '结案后' : 'after closing';
  const left = item.due_at - now;
  const rel = item.state === 'done' || item.state === 'skipped' ? '' : left >= 0 ? (lang === 'zh' ? `（还剩 ${formatDuration(left, lang)}）` : ` (in ${formatDuration(left, lang)})`) : lang === 'zh' ? `（超时 ${formatDuration(-left, lang)}）` : ` (${formatDuration(-left, lang)} late)`;
  return `${formatDateTime(item.due_at)}${rel}`;
}

/**
 * The incident's playbook checklist: each step with its owner, due time
 * (absolute and relative), state (overdue in red, with an icon), templates
 * to draft with, and for responders "done" (with a note) and "skip" (with a
 * required reason) in a small dialog.
 */
export function ChecklistPanel({ incidentId, checklist, error, now, canAct, active, onChanged }: Props) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState<{ item: ChecklistItem; mode: 'done' | 'skip' }>();
  const [text, setText] = useState('');
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const start = (item: ChecklistItem, mode: 'done' | 'skip') => {
    setOpen({ item, mode });
    setText('');
    setFormError(undefined);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!open) return;
    if (open.mode === 'skip' && !text.trim()) {
      setFormError(t('跳过步骤须说明理由', 'A reason is required to skip a step'));
      return;
    }
    setBusy(true);
    try {
      const path = `/api/v1/incidents/${encodeURIComponent(incidentId)}/checklist/${encodeURIComponent(open.item.key)}/${open.mode}`;
      onChanged(await api.post<Checklist>(path, open.mode === 'skip' ? { reason: text } : text.trim() ? { note: text } : {}));
      setOpen(undefined);
    } catch (err) {
      setFormError(err instanceof ApiError ? err.message : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const title = (i: { title: string; title_en?: string }) => (lang === 'en' && i.title_en ? i.title_en : i.title);
  return (
    <section className="ws-card checklist" id="checklist" aria-label={t('应急预案清单', 'Playbook checklist')} data-testid="checklist">
      <h2>
        {t('应急预案清单', 'Playbook checklist')}
        {checklist && <span className="muted checklist-name"> · {lang === 'en' && checklist.playbook_name_en ? checklist.playbook_name_en : checklist.playbook_name}</span>}
      </h2>
      {error && !checklist && <p className="form-error" role="alert">{error}</p>}
      {!checklist && !error && <p className="muted">{t('加载中…', 'Loading…')}</p>}
      {checklist && (
        <>
          <p className="checklist-counts" aria-label={t('进度', 'Progress')}>
            {(['done', 'skipped', 'overdue', 'pending'] as const).map((s) => (
              <span key={s} className={`step-state step-${s}`}>
                {STEP_STATE_ICON[s]} {t(STEP_STATE_LABELS[s][0], STEP_STATE_LABELS[s][1])} {checklist.counts[s]}
              </span>
            ))}
          </p>
          <ol className="checklist-items">
            {checklist.items.map((item) => (
              <li key={item.key} className={`checklist-item step-${item.state}`} data-key={item.key} data-state={item.state}>
                <div className="checklist-main">
                  <span className={`step-state step-${item.state}`} title={t(STEP_STATE_LABELS[item.state][0], STEP_STATE_LABELS[item.state][1])}>
                    {STEP_STATE_ICON[item.state]} {t(STEP_STATE_LABELS[item.state][0], STEP_STATE_LABELS[item.state][1])}
                  </span>{' '}
                  <b className="checklist-title">
                    {title(item)}
                    {item.occurrence !== undefined && ` #${item.occurrence}`}
                  </b>
                  {!item.required && <span className="muted"> {t('（可选）', '(optional)')}</span>}
                  <div className="checklist-meta muted">
                    <span>
                      {t('责任', 'Owner')}：{item.owner.label ?? t(ROLE_LABELS[item.owner.role][0], ROLE_LABELS[item.owner.role][1])}
                      {item.owner.unit === 'parent' && t('（上级单位）', ' (unit above)')}
                    </span>{' '}
                    · <span className="checklist-due">{t('时限', 'Due')}：{dueText(item, now, lang)}</span>
                    {item.templates.length > 0 && (
                      <>
                        {' '}
                        · {t('模板', 'Templates')}：
                        {item.templates.map((k) =>
                          canAct && active ? (
                            <Link key={k} to={`/drafts${qs({ incident: incidentId, kind: k })}`} className="checklist-template">
                              {TEMPLATE_LABELS[k][lang === 'zh' ? 0 : 1]}
                            </Link>
                          ) : (
                            <span key={k} className="checklist-template">{TEMPLATE_LABELS[k][lang === 'zh' ? 0 : 1]}</span>
                          ),
                        )}
                      </>
                    )}
                  </div>
                  {item.done && (
                    <div className="checklist-record">
                      ✓ {item.done.by_name} {formatDateTime(item.done.at)}
                      {item.done.late && <span className="late"> {t('（逾时完成）', '(late)')}</span>}
                      {item.done.note && <span>：{item.done.note}</span>}
                    </div>
                  )}
                  {item.skipped && (
                    <div className="checklist-record">
                      ⤼ {item.skipped.by_name} {formatDateTime(item.skipped.at)}：{item.skipped.reason}
                    </div>
                  )}
                </div>
                {canAct && (item.state === 'pending' || item.state === 'overdue') && !(item.due_at === undefined && active) && (
                  <div className="checklist-buttons no-print">
                    <button type="button" onClick={() => start(item, 'done')}>
                      {t('完成', 'Done')}
                    </button>
                    <button type="button" className="secondary" onClick={() => start(item, 'skip')}>
                      {t('跳过', 'Skip')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {open && (
        <div className="checklist-dialog" role="dialog" aria-modal="true" aria-label={open.mode === 'done' ? t('完成步骤', 'Mark step done') : t('跳过步骤', 'Skip step')}>
          <form onSubmit={(e) => void submit(e)}>
            <h3>
              {open.mode === 'done' ? t('完成：', 'Done: ') : t('跳过：', 'Skip: ')}
              {title(open.item)}
            </h3>
            <label>
              {open.mode === 'done' ? t('备注（可选）', 'Note (optional)') : t('跳过理由（必填）', 'Reason (required)')}
              <textarea value={text} onChange={(e) => setText(e.target.value)} rows={3} maxLength={2000} autoFocus />
            </label>
            {formError && (
              <p className="form-error" role="alert">
                {formError}
              </p>
            )}
            <div className="checklist-dialog-buttons">
              <button type="submit" disabled={busy}>
                {open.mode === 'done' ? t('确认完成', 'Confirm done') : t('确认跳过', 'Confirm skip')}
              </button>
              <button type="button" className="secondary" onClick={() => setOpen(undefined)}>
                {t('取消', 'Cancel')}
              </button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}

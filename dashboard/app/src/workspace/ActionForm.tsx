import { useState, type FormEvent } from 'react';
import { ACTION_KINDS, type ActionInput, type ActionKind } from '@fenghuo/shared/workflow';
import { fromZoneInput, toZoneInput } from '../format';
import { useI18n } from '../i18n';
import { ACTION_LABELS } from './timeline';

/** "2026-11-27T14:05" in the configured zone (Asia/Shanghai), as a datetime-local input wants it. */
export const toLocalInput = toZoneInput;

function isUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Logging a response action by hand: what was done, when it went out, and where it can be seen. */
export function ActionForm({ onSubmit, now = Date.now() }: { onSubmit: (input: ActionInput) => Promise<void>; now?: number }) {
  const { t, lang } = useI18n();
  const [kind, setKind] = useState<ActionKind>('statement');
  const [at, setAt] = useState(() => toLocalInput(now));
  const [link, setLink] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setDone(undefined);
    const ms = fromZoneInput(at);
    if (!at || !Number.isFinite(ms)) return setError(t('请填写发布时间', 'Enter the time'));
    if (ms > Date.now() + 5 * 60_000) return setError(t('发布时间不能晚于现在', 'The time cannot be in the future'));
    if (link.trim() && !isUrl(link.trim())) return setError(t('链接须以 http:// 或 https:// 开头', 'The link must start with http:// or https://'));
    setError(undefined);
    setBusy(true);
    try {
      await onSubmit({ kind, at: ms, ...(link.trim() ? { link: link.trim() } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
      setLink('');
      setNote('');
      setDone(t('已记录', 'Logged'));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="ws-form action-form" onSubmit={submit} noValidate aria-label={t('记录处置动作', 'Log a response action')}>
      <div className="ws-row">
        <label>
          {t('动作', 'Action')}
          <select value={kind} onChange={(e) => setKind(e.target.value as ActionKind)}>
            {ACTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {ACTION_LABELS[k][lang === 'zh' ? 0 : 1]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('发布时间', 'Time')}
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
      </div>
      <label>
        {t('链接', 'Link')}
        <input type="url" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" />
      </label>
      <label>
        {t('说明', 'Note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p className="form-ok" role="status">
          ✓ {done}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {t('记录动作', 'Log action')}
        </button>
      </div>
    </form>
  );
}

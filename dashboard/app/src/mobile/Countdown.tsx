import { formatDuration } from '../format';
import { useI18n } from '../i18n';
import { useNow } from '../wall/useNow';

/** Time left to a deadline, ticking every second: "剩 42分10秒", or "超时 5分" once past (a word, not only a colour). */
export function Countdown({ dueAt, metAt }: { dueAt: number; metAt?: number }) {
  const { t, lang } = useI18n();
  const now = useNow(1000);
  if (metAt !== undefined) return <span className="m-clock m-ok">✓ {t('已完成', 'met')}</span>;
  const left = dueAt - now;
  return left >= 0 ? (
    <span className="m-clock" data-state="running">
      {t('剩', '')} {formatDuration(left, lang)}
      {lang === 'en' ? ' left' : ''}
    </span>
  ) : (
    <span className="m-clock m-bad" data-state="breached">
      ✕ {t('超时', 'overdue')} {formatDuration(-left, lang)}
    </span>
  );
}

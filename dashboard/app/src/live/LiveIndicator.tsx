import { useEffect, useState } from 'react';
import { formatClock } from '../format';
import { useI18n } from '../i18n';
import type { LiveStatus } from './live-client';

/** "live", "reconnecting…" or "stale since 14:05": whether what is on screen is current. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 5000);
    return () => clearInterval(timer);
  }, []);
  let label: string;
  let cls: string;
  if (status.state === 'live') {
    label = t('实时', 'live');
    cls = 'live-ok';
  } else if (status.state === 'stale' || (status.state === 'reconnecting' && status.lastMessageAt && Date.now() - status.lastMessageAt > 15_000)) {
    label = status.lastMessageAt ? t(`数据停滞 自 ${formatClock(status.lastMessageAt)}`, `stale since ${formatClock(status.lastMessageAt)}`) : t('无数据', 'no data');
    cls = 'live-stale';
  } else if (status.state === 'reconnecting') {
    label = t('重新连接中…', 'reconnecting…');
    cls = 'live-warn';
  } else {
    label = t('连接中…', 'connecting…');
    cls = 'live-warn';
  }
  return (
    <span className={`live-indicator ${cls}`} role="status" aria-live="polite" data-state={status.state}>
      <span className="live-dot" aria-hidden="true" />
      {label}
    </span>
  );
}

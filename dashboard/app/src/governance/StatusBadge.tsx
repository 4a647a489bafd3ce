import type { CheckStatus } from '@fenghuo/shared/governance';
import { useI18n } from '../i18n';
import { CHECK_STATUS_WORDS } from './labels';

/** A check's status as icon and word (✓ 合格, ⚠ 预警, ✗ 不合格, – 不适用); colour only repeats them. */
export function StatusBadge({ status, title }: { status: CheckStatus; title?: string | undefined }) {
  const { lang } = useI18n();
  const w = CHECK_STATUS_WORDS[status];
  return (
    <span className={`check-status check-${status}`} data-status={status} title={title}>
      <span aria-hidden="true">{w.icon}</span> {lang === 'zh' ? w.zh : w.en}
    </span>
  );
}

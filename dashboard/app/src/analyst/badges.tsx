import type { KbMatch } from '@fenghuo/shared/analytics';
import { useI18n } from '../i18n';

/** The rumor score as a number with its level in words (高/中/低), never colour alone. */
export function RumorBadge({ score }: { score: number }) {
  const { t } = useI18n();
  const level = score >= 0.7 ? 'high' : score >= 0.4 ? 'medium' : 'low';
  const word = level === 'high' ? t('高', 'high') : level === 'medium' ? t('中', 'medium') : t('低', 'low');
  return (
    <span className={`rumor-badge rumor-${level}`} title={t('谣言可能性', 'Rumor likelihood')}>
      {score.toFixed(2)} <span className="rumor-level">{word}</span>
    </span>
  );
}

export function KbBadge({ match }: { match: KbMatch | undefined }) {
  const { t } = useI18n();
  if (!match) return <span className="muted">–</span>;
  return (
    <span className="kb-badge" title={match.claim}>
      {t('已辟谣', 'Debunked')}
    </span>
  );
}

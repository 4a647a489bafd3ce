import type { EventDetail } from '@fenghuo/shared/analytics';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { platformLabel, sentimentLabel } from './labels';
import { safeHref } from './safe-url';

/**
 * Sample mentions of an event. Their text is whatever someone posted: it is
 * rendered as React text (escaped), never as HTML, and a link is only made
 * from an http(s) url, opened in a new tab without access to this page.
 */
export function SampleMentions({ samples }: { samples: EventDetail['samples'] }) {
  const { t, lang } = useI18n();
  if (!samples.length) return <p className="muted">{t('暂无样本', 'No samples')}</p>;
  return (
    <ol className="samples">
      {samples.map((m) => {
        const href = safeHref(m.url);
        return (
          <li key={`${m.platform}:${m.id}`} className="sample" data-id={m.id}>
            <div className="sample-meta">
              <span className="sample-platform">{platformLabel(m.platform, lang)}</span>
              <span className="sample-author">
                {m.author_name || t('匿名', 'anonymous')}
                {m.author_official && <span className="official-tag">{t('官方', 'official')}</span>}
              </span>
              <time dateTime={new Date(m.time).toISOString()}>{formatDateTime(m.time)}</time>
              <span className={`sentiment-tag sentiment-${m.sentiment_label}`}>{sentimentLabel(m.sentiment_label, lang)}</span>
            </div>
            <p className="sample-text">{m.text}</p>
            {href ? (
              <a className="sample-link" href={href} target="_blank" rel="noopener noreferrer">
                {t('查看原文', 'Open the original')}
                <span className="visually-hidden">{t('（新窗口）', ' (new window)')}</span>
              </a>
            ) : (
              <span className="muted sample-link">{t('无原文链接', 'No link')}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

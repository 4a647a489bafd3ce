import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../router';

/**
 * The frame of a detail screen on the phone: the link back to its list, the
 * load error, "Loading…" until the content is there, then the title and the
 * content.
 */
export function DetailFrame({ back, backLabel, error, title, children }: { back: string; backLabel: string; error: string | undefined; title: ReactNode | undefined; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="m-screen">
      <p>
        <Link to={back} className="m-inline-link">
          ‹ {backLabel}
        </Link>
      </p>
      {error && (
        <p className="m-error" role="alert">
          {error}
        </p>
      )}
      {title === undefined ? (
        !error && <p className="m-muted">{t('加载中…', 'Loading…')}</p>
      ) : (
        <>
          <div className="m-head">
            <h1>{title}</h1>
          </div>
          {children}
        </>
      )}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { formatClock, formatCount, formatDate, formatDateTime, formatPercent } from '../format';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import { dayBefore, loadBrief, type LoadedBrief } from './brief-load';
import { Countdown } from './Countdown';

/** Today's brief (or another day's) in one column: headline figures, top events, rumors, what is still open; the PDF a tap away. */
export default function BriefScreen(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const today = formatDate(Date.now());
  const date = query.get('date') ?? today;
  const [loaded, setLoaded] = useState<LoadedBrief>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setError(undefined);
    loadBrief(date)
      .then((b) => live && setLoaded(b))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [date]);

  const pick = (d: string) => navigate(d === today ? '/m/' : `/m/?date=${d}`, { replace: true });
  const b = loaded?.brief;
  return (
    <div className="m-screen m-brief">
      <div className="m-head">
        <h1>{date === today ? t('今日简报', "Today's brief") : t('简报', 'Brief')}</h1>
        <div className="m-segment" role="group" aria-label={t('日期', 'Day')}>
          <button type="button" aria-pressed={date === today} onClick={() => pick(today)}>
            {t('今天', 'Today')}
          </button>
          <button type="button" aria-pressed={date === dayBefore(today)} onClick={() => pick(dayBefore(today))}>
            {t('昨天', 'Yesterday')}
          </button>
        </div>
      </div>
      {error && (
        <p className="m-error" role="alert">
          {error}
        </p>
      )}
      {loaded?.offline && (
        <p className="m-offline-copy" role="status" data-testid="offline-copy">
          {t('离线副本', 'Offline copy')}
          {loaded.fetchedAt ? t(`，获取于 ${formatDateTime(loaded.fetchedAt)}`, ` from ${formatDateTime(loaded.fetchedAt)}`) : ''}
        </p>
      )}
      {!b ? (
        !error && <p className="m-muted">{t('加载中…', 'Loading…')}</p>
      ) : (
        <>
          <p className="m-muted">
            {b.date}
            {b.complete ? '' : t(`（截至 ${formatClock(b.as_of)}，当天未结束）`, ` (up to ${formatClock(b.as_of)}, day still running)`)}
            {' · '}
            <a href={`/api/v1/brief.pdf${`?date=${b.date}&lang=${lang}`}`} target="_blank" rel="noopener" className="m-inline-link">
              PDF
            </a>
          </p>
          <dl className="m-kpis">
            <div>
              <dt>{t('声量', 'Mentions')}</dt>
              <dd>{formatCount(b.totals.mentions, lang)}</dd>
            </div>
            <div>
              <dt>{t('负面占比', 'Negative')}</dt>
              <dd>{formatPercent(b.totals.negative_share)}</dd>
            </div>
            <div>
              <dt>{t('疑似谣言', 'Rumors')}</dt>
              <dd>
                {b.rumors.length}
                <small>{t(`（已辟谣 ${b.rumors.filter((r) => r.rebutted).length}）`, ` (${b.rumors.filter((r) => r.rebutted).length} rebutted)`)}</small>
              </dd>
            </div>
            <div>
              <dt>{t('处置事件', 'Incidents')}</dt>
              <dd>
                {b.incidents.opened.length}
                <small>{t(`（结束 ${b.incidents.closed.length}）`, ` (${b.incidents.closed.length} closed)`)}</small>
              </dd>
            </div>
          </dl>
          <section className="m-section" aria-label={t('重点事件', 'Top events')}>
            <h2>{t('重点事件', 'Top events')}</h2>
            {!b.top_events.length ? (
              <p className="m-muted">{t('无', 'None')}</p>
            ) : (
              <ol className="m-list">
                {b.top_events.map((e) => (
                  <li key={e.id}>
                    <strong>{e.title}</strong>
                    <span className="m-muted">
                      {t(`${formatCount(e.mentions, lang)} 条 · 负面 ${formatPercent(e.negative_share)}`, `${formatCount(e.mentions, lang)} mentions · ${formatPercent(e.negative_share)} negative`)}
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="m-section" aria-label={t('谣言', 'Rumors')}>
            <h2>{t('谣言', 'Rumors')}</h2>
            {!b.rumors.length ? (
              <p className="m-muted">{t('无', 'None')}</p>
            ) : (
              <ul className="m-list">
                {b.rumors.map((r) => (
                  <li key={r.event_id}>
                    <strong>{r.title}</strong>
                    <span className={r.rebutted ? 'm-ok' : 'm-bad'}>{r.rebutted ? `✓ ${t('已辟谣', 'rebutted')}` : `✕ ${t('未辟谣', 'not rebutted')}`}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="m-section" aria-label={t('需关注', 'To watch')}>
            <h2>{t('需关注', 'To watch')}</h2>
            {!b.watch.open_incidents.length && !b.watch.rising.length ? (
              <p className="m-muted">{t('无', 'None')}</p>
            ) : (
              <ul className="m-list">
                {b.watch.open_incidents.map((i) => (
                  <li key={i.id}>
                    <strong>{i.title}</strong>
                    {i.next && (
                      <span>
                        {i.next.label} <Countdown dueAt={i.next.due_at} />
                      </span>
                    )}
                  </li>
                ))}
                {b.watch.rising.map((r) => (
                  <li key={r.event_id}>
                    <strong>{r.title}</strong>
                    <span className="m-muted">{t(`仍在上升：近一小时 ${r.recent} 条`, `still rising: ${r.recent} in the last hour`)}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}

import { useMemo, useState } from 'react';
import type { Alert, EventDetail, KbMatch, SimilarEventsResponse } from '@fenghuo/shared/analytics';
import type { AlertsResponse } from '@fenghuo/shared/api';
import { api, ApiError } from '../api';
import { KbBadge, RumorBadge } from '../analyst/badges';
import { alertStatusLabel, platformLabel, sentimentLabel, severityLabel, signalLabel } from '../analyst/labels';
import { safeHref } from '../analyst/safe-url';
import { SampleMentions } from '../analyst/SampleMentions';
import { useLoad } from '../analyst/useLoad';
import { useWidth } from '../analyst/useWidth';
import { topSignals } from '../charts/SignalBars/accessors';
import { SignalBars } from '../charts/SignalBars/SignalBars';
import { StackedArea } from '../charts/StackedArea/StackedArea';
import { formatClock, formatCount, formatDate, formatDateTime, formatPercent } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useCan } from '../session';
import './analyst.css';

/** One event: its curve by platform, where and how people talk about it, why it may be a rumor, what they say, and what came before. */
export default function EventPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const { data: event, error } = useLoad<EventDetail>(`/api/v1/events/${encodeURIComponent(id)}`);
  const { data: similar } = useLoad<SimilarEventsResponse>(event ? `/api/v1/events/${encodeURIComponent(event.id)}/similar` : undefined);

  if (error) {
    return (
      <div className="analyst">
        <p className="form-error" role="alert">
          {t('无法加载事件：', 'Could not load the event: ')}
          {error}
        </p>
        <Link to="/events">{t('← 返回事件列表', '← Back to events')}</Link>
      </div>
    );
  }
  if (!event) return <p className="muted">{t('加载中…', 'Loading…')}</p>;

  const provinces = Object.entries(event.provinces).sort((a, b) => b[1] - a[1]);
  const cities = Object.entries(event.cities).sort((a, b) => b[1] - a[1]);
  const signals = topSignals(event.rumor_signals, 10);

  return (
    <div className="analyst event-page">
      <p className="crumbs no-print">
        <Link to="/events">{t('← 事件列表', '← Events')}</Link>
      </p>
      <header className="event-header">
        <h1>{event.title}</h1>
        {event.id !== id && <p className="muted small">{t('您打开的事件已并入此事件', 'The event you opened was merged into this one')}</p>}
        <dl className="event-facts">
          <div>
            <dt>{t('首次出现', 'First seen')}</dt>
            <dd>{formatDateTime(event.first_seen)}</dd>
          </div>
          <div>
            <dt>{t('最近出现', 'Last seen')}</dt>
            <dd>{formatDateTime(event.last_seen)}</dd>
          </div>
          <div>
            <dt>{t('规模', 'Size')}</dt>
            <dd>{t(`${formatCount(event.size, lang)} 条`, `${formatCount(event.size, lang)} mentions`)}</dd>
          </div>
          <div>
            <dt>{t('近5分钟 / 预期', 'Last 5 min / expected')}</dt>
            <dd>
              {event.recent} / {event.expected}
            </dd>
          </div>
          <div>
            <dt>{t('谣言分', 'Rumor score')}</dt>
            <dd>
              <RumorBadge score={event.rumor_score} /> {event.kb_match && <KbBadge match={event.kb_match} />}
            </dd>
          </div>
        </dl>
        {event.keywords.length > 0 && (
          <ul className="keyword-chips" aria-label={t('关键词', 'Keywords')}>
            {event.keywords.map((k) => (
              <li key={k}>
                <Link to={`/events?keyword=${encodeURIComponent(k)}`}>{k}</Link>
              </li>
            ))}
          </ul>
        )}
      </header>

      <EventAlerts eventId={event.id} />

      <VolumeCurve series={event.series} />

      <div className="event-grid">
        <section className="card" aria-labelledby="sentiment-h">
          <h2 id="sentiment-h">{t('情感分布', 'Sentiment')}</h2>
          <SentimentMix sentiment={event.sentiment} />
        </section>

        <section className="card" aria-labelledby="regions-h">
          <h2 id="regions-h">{t('地区', 'Regions')}</h2>
          {provinces.length === 0 && cities.length === 0 ? (
            <p className="muted">{t('未识别到地区', 'No region known')}</p>
          ) : (
            <div className="regions">
              <CountTable caption={t('省份', 'Provinces')} rows={provinces.slice(0, 12)} />
              <CountTable caption={t('城市', 'Cities')} rows={cities.slice(0, 12)} />
            </div>
          )}
        </section>

        <section className="card" aria-labelledby="rumor-h">
          <h2 id="rumor-h">{t('谣言信号', 'Rumor signals')}</h2>
          {event.kb_match && <KbRebuttal match={event.kb_match} />}
          {signals.length ? (
            <>
              <p className="muted small">{t('“+”推高谣言分，“−”拉低谣言分', '“+” pushes the score up, “−” pulls it down')}</p>
              <SignalBars bars={signals} label={t('各信号对谣言分的贡献', 'What each signal added to the rumor score')} signalLabel={(s) => signalLabel(s, lang)} width={110} />
            </>
          ) : (
            <p className="muted">{t('暂无信号', 'No signals')}</p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="samples-h">
        <h2 id="samples-h">{t('样本提及', 'Sample mentions')}</h2>
        <SampleMentions samples={event.samples} />
      </section>

      <section className="card" aria-labelledby="similar-h">
        <h2 id="similar-h">{t('相似的过往事件', 'Similar past events')}</h2>
        {!similar ? (
          <p className="muted">{t('加载中…', 'Loading…')}</p>
        ) : similar.events.length === 0 ? (
          <p className="muted">{t('没有找到相似的过往事件', 'No similar earlier events')}</p>
        ) : (
          <ul className="similar-list">
            {similar.events.map((s) => (
              <li key={s.id}>
                <Link to={`/events/${encodeURIComponent(s.id)}`}>{s.title}</Link>
                <span className="muted">
                  {' '}
                  · {formatDate(s.first_seen)} · {t(`${formatCount(s.size, lang)} 条`, `${formatCount(s.size, lang)} mentions`)} · {t('共同关键词：', 'shared: ')}
                  {s.shared_keywords.join('、')}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function VolumeCurve({ series }: { series: EventDetail['series'] }) {
  const { t, lang } = useI18n();
  const [ref, width] = useWidth<HTMLElement>(900);
  return (
    <section className="card" aria-labelledby="curve-h" ref={ref}>
      <h2 id="curve-h">{t('声量曲线（按平台）', 'Volume by platform')}</h2>
      {series.length ? (
        <StackedArea
          series={series}
          width={Math.max(320, width)}
          height={240}
          label={t('每分钟提及数，按平台堆叠', 'Mentions per minute, stacked by platform')}
          keyLabel={(k) => platformLabel(k, lang)}
          formatTime={(ms) => formatClock(ms)}
          describePeak={(n, at) => t(`峰值每分钟 ${n} 条（${at}）`, `peak ${n} per minute at ${at}`)}
        />
      ) : (
        <p className="muted">{t('暂无分钟数据', 'No per-minute data yet')}</p>
      )}
    </section>
  );
}

function KbRebuttal({ match }: { match: KbMatch }) {
  const { t } = useI18n();
  const href = safeHref(match.url);
  return (
    <div className="kb-rebuttal" role="note">
      <p className="kb-line">
        <strong>{t(`已知谣言，${match.date} 由${match.source}辟谣`, `Known rumor, debunked by ${match.source} on ${match.date}`)}</strong>
        {href && (
          <>
            {' '}
            <a href={href} target="_blank" rel="noopener noreferrer">
              {t('查看辟谣', 'Read the rebuttal')}
            </a>
          </>
        )}
      </p>
      <p className="kb-claim">
        {t('谣言：', 'Claim: ')}
        {match.claim}
      </p>
      <p className="kb-rebuttal-text">
        {t('辟谣：', 'Rebuttal: ')}
        {match.rebuttal}
      </p>
      <p className="muted small">
        {t('相似度 ', 'Similarity ')}
        {formatPercent(match.similarity)}
      </p>
    </div>
  );
}

function SentimentMix({ sentiment }: { sentiment: EventDetail['sentiment'] }) {
  const { t, lang } = useI18n();
  const total = sentiment.negative + sentiment.neutral + sentiment.positive;
  const parts = (['negative', 'neutral', 'positive'] as const).map((k) => ({ k, n: sentiment[k], share: total ? sentiment[k] / total : 0 }));
  if (!total) return <p className="muted">{t('暂无情感数据', 'No sentiment yet')}</p>;
  return (
    <div className="sentiment-mix">
      <div className="sentiment-bar" aria-hidden="true">
        {parts.map((p) => p.n > 0 && <span key={p.k} className={`seg seg-${p.k}`} style={{ width: `${p.share * 100}%` }} />)}
      </div>
      <table className="sentiment-table">
        <tbody>
          {parts.map((p) => (
            <tr key={p.k}>
              <th scope="row">
                <span className={`key-swatch seg-${p.k}`} aria-hidden="true" />
                {sentimentLabel(p.k, lang)}
              </th>
              <td className="num">{p.n}</td>
              <td className="num">{formatPercent(p.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CountTable({ caption, rows }: { caption: string; rows: [string, number][] }) {
  const { t } = useI18n();
  return (
    <table className="count-table">
      <caption>{caption}</caption>
      <tbody>
        {rows.length ? (
          rows.map(([name, n]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">{n}</td>
            </tr>
          ))
        ) : (
          <tr>
            <td className="muted">{t('无', 'none')}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}

/** The event's alerts and, for responders, opening an incident from one. */
function EventAlerts({ eventId }: { eventId: string }) {
  const { t, lang } = useI18n();
  const canOpen = useCan(['responder']);
  const { data } = useLoad<AlertsResponse>('/api/v1/alerts?limit=500');
  const alerts = useMemo(() => (data?.alerts ?? []).filter((a: Alert) => a.event_id === eventId), [data, eventId]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  if (!alerts.length) return null;
  const open = async (alertId: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const incident = await api.post<{ id: string }>(`/api/v1/incidents/from-alert/${encodeURIComponent(alertId)}`, {});
      navigate(`/incidents/${encodeURIComponent(incident.id)}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setBusy(false);
    }
  };
  return (
    <section className="card event-alerts" aria-labelledby="alerts-h">
      <h2 id="alerts-h">{t('预警', 'Alerts')}</h2>
      <ul>
        {alerts.map((a) => (
          <li key={a.id}>
            <span className={`severity sev-${a.severity}`}>{severityLabel(a.severity, lang)}</span> {alertStatusLabel(a.status, lang)} · {formatDateTime(a.opened_at)} · {a.reasons.map((r) => r.detail).join('；')}
            {canOpen && (
              <button type="button" className="secondary small-button" disabled={busy} onClick={() => void open(a.id)}>
                {t('从此预警立案处置', 'Open an incident from this alert')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

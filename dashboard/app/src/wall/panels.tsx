import type { EventSummary } from '@fenghuo/shared/analytics';
import type { WallSnapshot } from '@fenghuo/shared/api';
import { INCIDENT_SEVERITY_LABELS, type Incident } from '@fenghuo/shared/workflow';
import { CountdownRing } from '../charts/CountdownRing/CountdownRing';
import { LatencyHistogram } from '../charts/LatencyHistogram/LatencyHistogram';
import { ProvinceTileMap } from '../charts/ProvinceTileMap/ProvinceTileMap';
import { Sparkline } from '../charts/Sparkline/Sparkline';
import { formatClock, formatCount, formatDuration, formatPercent } from '../format';
import { useI18n } from '../i18n';

/** Ingest rate, lag and the age of the newest stored mention: the room can see the screen is not frozen. */
export function PipelineBar({ wall, now }: { wall: WallSnapshot | undefined; now: number }) {
  const { t, lang } = useI18n();
  if (!wall) return <div className="pipeline" />;
  const p = wall.pipeline;
  const age = p.last_stored_at === null ? undefined : now - p.last_stored_at;
  const quiet = age === undefined || age > 120_000;
  return (
    <div className={`pipeline${quiet ? ' pipeline-quiet' : ''}`} data-testid="pipeline">
      <span>
        {t('入库', 'ingest')} <b>{formatCount(p.stored_last_minute, lang)}</b>/{t('分', 'min')}
      </span>
      <span>
        {t('延迟', 'lag')} <b>{p.lag_ms === null ? '–' : p.lag_ms < 1000 ? `${p.lag_ms} ms` : `${(p.lag_ms / 1000).toFixed(1)} s`}</b>
      </span>
      <span>
        {t('最新数据', 'last data')} <b>{age === undefined ? t('无', 'none') : age < 5000 ? t('刚刚', 'just now') : `${formatDuration(age, lang)}${t('前', ' ago')}`}</b>
        {quiet && <span className="quiet-flag"> ⚠ {t('无新数据', 'no new data')}</span>}
      </span>
    </div>
  );
}

export function IncidentsPanel({ incidents, now }: { incidents: readonly Incident[]; now: number }) {
  const { t, lang } = useI18n();
  if (!incidents.length) return <p className="panel-empty">{t('暂无处置中的事件', 'No active incidents')}</p>;
  return (
    <ul className="incident-list">
      {incidents.slice(0, 4).map((i) => {
        const pending = (i.clock?.deadlines ?? []).filter((d) => d.state !== 'met' && d.state !== 'met_late');
        const next = pending.sort((a, b) => a.due_at - b.due_at)[0];
        return (
          <li key={i.id} className="incident" data-testid="wall-incident">
            {next ? <CountdownRing deadline={next} now={now} size={110} /> : <div className="ring-placeholder">✓</div>}
            <div className="incident-body">
              <div className="incident-title">{i.title}</div>
              <div className="incident-meta">
                <span className={`sev sev-${i.severity}`}>{lang === 'zh' ? INCIDENT_SEVERITY_LABELS[i.severity] : i.severity.replace('_', ' ')}</span>
                {i.place ? ` · ${i.place}` : ''} · {t('发现于', 'detected')} {formatClock(i.detected_at ?? i.opened_at)}
              </div>
              {next && (
                <div className="incident-next">
                  {t('下一步：', 'Next: ')}
                  {next.label} · {t('截止', 'due')} {formatClock(next.due_at)}
                </div>
              )}
              {pending.length > 1 && (
                <div className="incident-later">
                  {pending.slice(1).map((d) => (
                    <span key={d.key}>
                      {d.label} {formatClock(d.due_at)}
                    </span>
                  ))}
                </div>
              )}
            </div>
          </li>
        );
      })}
      {incidents.length > 4 && <li className="more">{t(`另有 ${incidents.length - 4} 起`, `${incidents.length - 4} more`)}</li>}
    </ul>
  );
}

export function RisingPanel({ events }: { events: readonly (EventSummary & { spark: number[] })[] }) {
  const { t, lang } = useI18n();
  if (!events.length) return <p className="panel-empty">{t('暂无上升事件', 'Nothing rising')}</p>;
  return (
    <ol className="rising-list">
      {events.slice(0, 6).map((e) => {
        const ratio = e.expected > 0 ? e.recent / e.expected : undefined;
        return (
          <li key={e.id} className="rising" data-testid="wall-event" data-event-id={e.id}>
            <div className="rising-main">
              <div className="rising-title">
                {e.rumor_score >= 0.5 && <span className="badge badge-rumor">{t('疑似谣言', 'rumor?')}</span>}
                {e.kb_match && <span className="badge badge-kb">{t('已辟谣', 'rebutted')}</span>}
                <span className="title-text">{e.title}</span>
              </div>
              <div className="rising-meta">
                {t('近5分钟', '5 min')} <b>{formatCount(e.recent, lang)}</b>
                {' · '}
                {ratio === undefined ? t('新出现', 'new') : `${t('基线', 'baseline')} ${e.expected.toFixed(1)} · ×${ratio.toFixed(1)}`}
                {' · '}
                {t('累计', 'total')} {formatCount(e.size, lang)}
                {e.keywords.length ? ` · ${e.keywords.slice(0, 3).join(' ')}` : ''}
              </div>
            </div>
            <Sparkline values={e.spark} width={170} height={40} label={t('近一小时每分钟声量', 'mentions per minute, last hour')} />
          </li>
        );
      })}
    </ol>
  );
}

export function RumorsPanel({ events }: { events: readonly EventSummary[] }) {
  const { t, lang } = useI18n();
  if (!events.length) return <p className="panel-empty">{t('暂无疑似谣言', 'No suspected rumors')}</p>;
  return (
    <ul className="rumor-list">
      {events.slice(0, 4).map((e) => (
        <li key={e.id} className="rumor" data-testid="wall-rumor">
          <div className="rumor-score" aria-label={t('谣言可能性', 'rumor score')}>
            {formatPercent(e.rumor_score)}
          </div>
          <div className="rumor-body">
            <div className="title-text">{e.title}</div>
            {e.kb_match ? (
              <div className="rumor-kb">
                {t('已知谣言，', 'Known rumor, rebutted ')}
                {lang === 'zh' ? `${e.kb_match.date} 由${e.kb_match.source}辟谣：` : `on ${e.kb_match.date} by ${e.kb_match.source}: `}
                <span className="rebuttal">{e.kb_match.rebuttal}</span>
              </div>
            ) : (
              <div className="rumor-kb muted">{t('辟谣库无匹配', 'no match in the debunk KB')}</div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}

export function MapPanel({ rows }: { rows: WallSnapshot['provinces'] }) {
  return <ProvinceTileMap rows={rows} />;
}

export function LatencyPanel({ response }: { response: WallSnapshot['response'] | undefined }) {
  const { t, lang } = useI18n();
  if (!response) return null;
  return (
    <div className="latency">
      <div className="latency-head">
        <span>
          {t('按时率', 'on time')} <b className="big">{formatPercent(response.on_time_rate)}</b>
        </span>
        <span>
          {t('首次发布', 'first releases')} <b>{response.first_release_ms.length}</b>
        </span>
      </div>
      <LatencyHistogram latenciesMs={response.first_release_ms} />
      <table className="unit-table">
        <thead>
          <tr>
            <th scope="col">{t('单位', 'Unit')}</th>
            <th scope="col">{t('事件', 'Incidents')}</th>
            <th scope="col">{t('按时率', 'On time')}</th>
            <th scope="col">{t('首发中位', 'Median 1st')}</th>
          </tr>
        </thead>
        <tbody>
          {response.units.slice(0, 5).map((u) => (
            <tr key={u.unit_id}>
              <td>{u.unit_name ?? u.unit_id}</td>
              <td>{u.incidents}</td>
              <td>{formatPercent(u.on_time_rate)}</td>
              <td>{u.first_release_median_ms === null ? '–' : formatDuration(u.first_release_median_ms, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

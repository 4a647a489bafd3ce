import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Alert, AlertStreamMessage } from '@fenghuo/shared/analytics';
import type { WallSnapshot } from '@fenghuo/shared/api';
import { describeReason } from '../alerts/describe-reason';
import { api } from '../api';
import { formatClock, formatCount, formatDuration } from '../format';
import { useI18n } from '../i18n';
import { LiveIndicator } from '../live/LiveIndicator';
import { useLive } from '../live/useLive';
import { useLocation } from '../router';
import { useCan } from '../session';
import { applyAlertMessage, bannerAlerts } from '../wall/alerts-state';
import { IncidentsPanel, LatencyPanel, MapPanel, PipelineBar, RisingPanel, RumorsPanel } from '../wall/panels';
import { useNow } from '../wall/useNow';
import { DutyNowPanel, useDutyNow } from '../duty/DutyNowPanel';

const LIVE_EVENTS = ['hello', 'wall', 'alert', 'ack', 'resolved'] as const;

/**
 * The wall display: full screen, dark, no scrolling and nothing to click;
 * everything arrives over the live feed. With `?rotate=N` the panels
 * alternate every N seconds in two groups (for smaller screens).
 */
export default function WallPage() {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const rotate = Math.max(0, Number(query.get('rotate') ?? 0) || 0);
  const [wall, setWall] = useState<WallSnapshot>();
  const [alerts, setAlerts] = useState<Map<string, Alert>>(new Map());
  const [skew, setSkew] = useState(0);
  const [group, setGroup] = useState(0);
  const canAck = useCan(['analyst', 'responder']);
  const duty = useDutyNow();
  const localNow = useNow(1000);
  const now = localNow + skew;

  const onEvent = useCallback((event: string, data: unknown) => {
    if (event === 'hello') {
      const h = data as { alerts: Alert[]; wall: WallSnapshot | null };
      setAlerts(new Map(h.alerts.map((a) => [a.id, a])));
      if (h.wall) {
        setWall(h.wall);
        setSkew(h.wall.at - Date.now());
      }
    } else if (event === 'wall') {
      const w = data as WallSnapshot;
      setWall(w);
      setSkew(w.at - Date.now());
    } else {
      setAlerts((prev) => applyAlertMessage(prev, event, data as AlertStreamMessage));
    }
  }, []);
  const status = useLive('/api/v1/live', LIVE_EVENTS, onEvent);

  useEffect(() => {
    document.body.classList.add('wall-body');
    return () => document.body.classList.remove('wall-body');
  }, []);
  useEffect(() => {
    if (!rotate) return;
    const timer = setInterval(() => setGroup((g) => (g + 1) % 2), rotate * 1000);
    return () => clearInterval(timer);
  }, [rotate]);

  const banner = useMemo(() => bannerAlerts(alerts), [alerts]);
  const ack = async (id: string) => {
    try {
      await api.post(`/api/v1/alerts/${encodeURIComponent(id)}/ack`, {});
    } catch {
      // The feed shows the outcome either way; a refused ack leaves the banner up.
    }
  };

  return (
    <div className={`wall${banner.length ? ' wall-alarm' : ''}`} data-testid="wall" data-wall-at={wall?.at}>
      <header className="wall-header">
        <div className="wall-title">
          烽火 <span className="brand-sub">{t('舆情态势', 'Situation')}</span>
        </div>
        <PipelineBar wall={wall} now={now} />
        <div className="wall-clock" aria-label={t('北京时间', 'Beijing time')}>
          {formatClock(now, true)}
        </div>
        <LiveIndicator status={status} />
      </header>
      {banner.length > 0 && (
        <div className="wall-banner" role="alert" data-testid="alert-banner">
          <span className="banner-icon" aria-hidden="true">
            ⚠
          </span>
          <div className="banner-text">
            <strong data-testid="banner-title">{banner[0]!.title}</strong>
            <span className="banner-meta">
              {severityLabel(banner[0]!.severity, t)} · {formatClock(banner[0]!.opened_at)} · {banner[0]!.reasons[0] ? describeReason(banner[0]!.reasons[0], lang) : ''}
              {banner.length > 1 ? ` · ${t(`另有 ${banner.length - 1} 条`, `${banner.length - 1} more`)}` : ''}
            </span>
          </div>
          {canAck && (
            <button type="button" className="banner-ack" onClick={() => void ack(banner[0]!.id)}>
              {t('确认', 'Acknowledge')}
            </button>
          )}
        </div>
      )}
      <div className={`wall-grid with-duty${rotate ? ` rotating group-${group}` : ''}`}>
        <section className="panel panel-incidents g0" aria-labelledby="p-incidents">
          <h2 id="p-incidents">{t('处置中的事件', 'Active incidents')}</h2>
          <IncidentsPanel incidents={wall?.incidents ?? []} now={now} />
        </section>
        <section className="panel panel-rising g0" aria-labelledby="p-rising">
          <h2 id="p-rising">{t('上升事件', 'Rising events')}</h2>
          <RisingPanel events={wall?.rising ?? []} />
        </section>
        <section className="panel panel-rumors g0" aria-labelledby="p-rumors">
          <h2 id="p-rumors">{t('疑似谣言', 'Suspected rumors')}</h2>
          <RumorsPanel events={wall?.rumors ?? []} />
        </section>
        <section className="panel panel-map g1" aria-labelledby="p-map">
          <h2 id="p-map">
            {t('各省声量（24小时）', 'Mentions by province (24 h)')}
          </h2>
          <MapPanel rows={wall?.provinces ?? []} />
        </section>
        <section className="panel panel-latency g1" aria-labelledby="p-latency">
          <h2 id="p-latency">{t('回应时效（近30天）', 'Response time (30 days)')}</h2>
          <LatencyPanel response={wall?.response} />
        </section>
        <section className="duty-strip" aria-labelledby="p-duty" data-testid="duty-strip">
          <h2 id="p-duty">{t('当前值班', 'On duty now')}</h2>
          <DutyNowPanel rows={duty} />
        </section>
      </div>
      <footer className="wall-footer">
        {wall ? t(`数据截至 ${formatClock(wall.data_now, true)} · 累计 ${formatCount(wall.pipeline.mentions, lang)} 条`, `data as of ${formatClock(wall.data_now, true)} · ${formatCount(wall.pipeline.mentions, lang)} mentions`) : t('等待数据…', 'waiting for data…')}
        {wall && wall.data_now < now - 3_600_000 ? ` · ${t('回放数据', 'replayed data')} (${formatDuration(now - wall.data_now, lang)})` : ''}
      </footer>
    </div>
  );
}

function severityLabel(s: Alert['severity'], t: (zh: string, en: string) => string): string {
  return { low: t('低', 'low'), medium: t('中', 'medium'), high: t('高', 'high'), critical: t('紧急', 'critical') }[s];
}

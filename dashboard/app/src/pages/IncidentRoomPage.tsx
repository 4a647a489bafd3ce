import { useCallback, useEffect, useMemo, useState } from 'react';
import type { EventDetail } from '@fenghuo/shared/analytics';
import type { WallSnapshot } from '@fenghuo/shared/api';
import type { Escalation } from '@fenghuo/shared/duty';
import { INCIDENT_SEVERITY_LABELS, type ActionInput, type Incident } from '@fenghuo/shared/workflow';
import { api, ApiError, qs } from '../api';
import { CountdownRing } from '../charts/CountdownRing/CountdownRing';
import type { VolumePoint } from '../charts/IncidentTimeline/accessors';
import { IncidentTimeline } from '../charts/IncidentTimeline/IncidentTimeline';
import { formatCount, formatDateTime } from '../format';
import { useLive } from '../live/useLive';
import { useI18n } from '../i18n';
import { ChecklistPanel } from '../playbooks/ChecklistPanel';
import { checklistRows } from '../playbooks/checklist-rows';
import { escalationRows } from '../duty/escalation-rows';
import { useChecklist } from '../playbooks/useChecklist';
import { Link } from '../router';
import { useCan } from '../session';
import { useNow } from '../wall/useNow';
import { ActionForm } from '../workspace/ActionForm';
import { IncidentStatusControl } from '../workspace/IncidentStatusControl';
import { ACTION_LABELS, DRAFT_STATUS_ICON, DRAFT_STATUS_LABELS, SEVERITY_LABELS_EN, STATUS_LABELS, TEMPLATE_LABELS } from '../workspace/labels';
import { downloadText, incidentMarkers, linkedVolume, timelineCsv, timelineRows } from '../workspace/timeline';
import type { DraftView } from '../workspace/types';
import { useUnits } from '../workspace/useUnits';
import { safeHref } from '../analyst/safe-url';
import './workspace.css';

const LIVE_EVENTS = ['hello', 'wall'] as const;
/** At most this many linked events are fetched for the volume curve. */
const MAX_EVENTS = 10;

/**
 * One incident's room: its clocks ticking every second, the timeline of
 * volume, detection, actions and deadlines, its events and drafts, and (for
 * responders) logging what was done. The incident follows the live feed's
 * wall snapshots (every 2 s) and is polled as a fallback; the events'
 * volume reloads every minute.
 */
export default function IncidentRoomPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const [incident, setIncident] = useState<Incident>();
  const [error, setError] = useState<string>();
  const [events, setEvents] = useState<EventDetail[]>([]);
  const [drafts, setDrafts] = useState<DraftView[]>();
  const isResponder = useCan(['responder']);
  const readsDrafts = useCan(['responder', 'reviewer']);
  const now = useNow(1000);
  const units = useUnits();
  const playbook = useChecklist(id, incident?.version);

  const loadIncident = useCallback(async () => {
    try {
      const next = await api.get<Incident>(`/api/v1/incidents/${encodeURIComponent(id)}`);
      // A poll answered after a newer version came over the live feed must not roll it back.
      setIncident((cur) => (!cur || cur.id !== next.id || next.version >= cur.version ? next : cur));
      setError(undefined);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 404 ? t('没有这个事件，或不在您的单位范围内', 'No such incident, or not in your units') : (e as Error).message);
    }
  }, [id, t]);
  const loadDrafts = useCallback(async () => {
    if (!readsDrafts) return;
    try {
      setDrafts((await api.get<{ drafts: DraftView[] }>(`/api/v1/drafts${qs({ incident: id })}`)).drafts);
    } catch {
      // the drafts panel stays as it was
    }
  }, [id, readsDrafts]);

  // The live feed's wall snapshots carry the viewer's active incidents: a change (an action logged
  // elsewhere, an official account's post linked) shows here without waiting for the next poll.
  const live = useLive('/api/v1/live', LIVE_EVENTS, (event, data) => {
    const wall = event === 'hello' ? (data as { wall?: WallSnapshot }).wall : (data as WallSnapshot);
    const fresh = wall?.incidents?.find((i) => i.id === id);
    if (fresh) setIncident((cur) => (!cur || fresh.version > cur.version ? fresh : cur));
  });
  // Polling is the fallback: every 10 s while the feed is down, every minute while it is live
  // (the feed carries active incidents only). Drafts are not on the feed: every 15 s.
  const pollMs = live.state === 'live' ? 60_000 : 10_000;
  useEffect(() => {
    void loadIncident();
    const timer = setInterval(() => void loadIncident(), pollMs);
    return () => clearInterval(timer);
  }, [loadIncident, pollMs]);
  useEffect(() => {
    void loadDrafts();
    const timer = setInterval(() => void loadDrafts(), 15_000);
    return () => clearInterval(timer);
  }, [loadDrafts]);

  const eventKey = incident?.event_ids.slice(0, MAX_EVENTS).join(',') ?? '';
  useEffect(() => {
    if (!eventKey) return;
    let live = true;
    const load = async () => {
      const got = await Promise.all(eventKey.split(',').map((e) => api.get<EventDetail>(`/api/v1/events/${encodeURIComponent(e)}`).catch(() => undefined)));
      if (live) setEvents(got.filter((e): e is EventDetail => Boolean(e)));
    };
    void load();
    const timer = setInterval(() => void load(), 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [eventKey]);

  // The escalation chains of its clock notices and overdue steps: every page and acknowledgement on the timeline.
  const [escalations, setEscalations] = useState<Escalation[]>([]);
  useEffect(() => {
    if (!id) return;
    let live = true;
    const load = () =>
      api
        .get<{ escalations: Escalation[] }>(`/api/v1/incidents/${encodeURIComponent(id)}/escalations`)
        .then((r) => live && setEscalations(r.escalations))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), 30_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [id]);

  const volume = useMemo<VolumePoint[]>(() => linkedVolume(events), [events]);
  const markers = useMemo(() => (incident ? incidentMarkers(incident, lang) : []), [incident, lang]);
  const deadlines = incident?.clock?.deadlines ?? [];
  const unitName = units.find((u) => u.id === incident?.unit_id)?.name ?? incident?.unit_id;

  const rows = useMemo(
    () => (incident ? [...timelineRows(incident, volume, lang), ...checklistRows(playbook.checklist?.events ?? [], lang), ...escalationRows(escalations, lang)].sort((a, b) => a.at - b.at) : []),
    [incident, volume, lang, playbook.checklist, escalations],
  );
  const exportCsv = () => {
    if (!incident) return;
    const csv = timelineCsv(rows, formatDateTime);
    downloadText(`fenghuo-timeline-${incident.id}.csv`, csv);
  };
  const logAction = async (input: ActionInput) => {
    setIncident(await api.post<Incident>(`/api/v1/incidents/${encodeURIComponent(id)}/actions`, input));
  };

  if (error && !incident)
    return (
      <p className="page-error" role="alert">
        {error}
      </p>
    );
  if (!incident) return <p className="muted">{t('加载中…', 'Loading…')}</p>;

  const sevLabel = lang === 'zh' ? INCIDENT_SEVERITY_LABELS[incident.severity] : SEVERITY_LABELS_EN[incident.severity];
  const actions = [...incident.actions].sort((a, b) => a.at - b.at);
  return (
    <div className="ws-page incident-room" data-testid="incident-room">
      <header className="room-head">
        <div>
          <p className="crumbs">
            <Link to="/incidents">{t('处置事件', 'Incidents')}</Link> ›
          </p>
          <h1>{incident.title}</h1>
          <p className="room-meta">
            <span className={`sev-tag sev-${incident.severity}`}>{sevLabel}</span>
            <span className={`status-tag status-${incident.status}`}>{t(STATUS_LABELS[incident.status]![0], STATUS_LABELS[incident.status]![1])}</span>
            <span>
              {t('责任单位', 'Unit')}：{unitName}（{incident.unit_role === 'territorial' ? t('属地', 'territorial') : t('主管', 'competent')}）
            </span>
            {incident.place && (
              <span>
                {t('地点', 'Place')}：{incident.place}
              </span>
            )}
            <span>
              {t('立案', 'Opened')}：{formatDateTime(incident.opened_at)}
            </span>
            <span>{incident.acknowledged_at !== undefined ? `☑ ${t('已确认接报', 'acknowledged')} ${formatDateTime(incident.acknowledged_at)}` : t('未确认接报', 'not acknowledged')}</span>
          </p>
        </div>
        <div className="room-actions no-print">
          <button type="button" className="secondary" onClick={exportCsv}>
            {t('导出时间线 CSV', 'Export timeline (CSV)')}
          </button>
          {isResponder && incident.status !== 'closed' && (
            <Link className="button-link primary" to={`/drafts${qs({ incident: incident.id })}`}>
              {t('起草发布稿', 'Draft a statement')}
            </Link>
          )}
        </div>
      </header>
      {isResponder && <IncidentStatusControl incident={incident} onChanged={(i) => (i ? setIncident(i) : void loadIncident())} />}
      {error && (
        <p className="form-error" role="alert">
          {t('刷新失败：', 'Refresh failed: ')}
          {error}
        </p>
      )}

      <div className="room-top">
        <section className="ws-card room-clocks" aria-label={t('时限', 'Deadlines')}>
          <h2>{t('时限', 'Deadlines')}</h2>
          {deadlines.length ? (
            <div className="clock-row">
              {deadlines.map((d) => (
                <div key={d.key} className="clock-cell">
                  <CountdownRing deadline={d} now={now} size={84} />
                  {d.basis && <p className="clock-basis muted">{d.basis}</p>}
                </div>
              ))}
              {incident.clock?.next_update_due_at !== undefined && (
                <p className="clock-next">
                  {t('下次持续发布应在', 'Next update due')} {formatDateTime(incident.clock.next_update_due_at)}
                </p>
              )}
            </div>
          ) : (
            <p className="muted">{t('此级别没有法定时限', 'No statutory deadlines for this severity')}</p>
          )}
          {incident.clock && (
            <p className="muted clock-start">
              {t('计时起点', 'Clock starts')}：{formatDateTime(incident.clock.start_at)}（{incident.clock.start_basis === 'detection' ? t('发现时间', 'detection') : t('首条信息', 'first mention')}）
            </p>
          )}
        </section>
        <section className="ws-card" aria-label={t('处置动作', 'Response actions')}>
          <h2>{t('处置动作', 'Response actions')}</h2>
          {actions.length ? (
            <ol className="action-list">
              {actions.map((a) => (
                <li key={a.id}>
                  <span className="action-time">{formatDateTime(a.at)}</span> <b>{ACTION_LABELS[a.kind]?.[lang === 'zh' ? 0 : 1] ?? a.kind}</b>{' '}
                  <span className="muted">
                    （{a.source === 'account' ? t('官方账号', 'official account') : a.source === 'draft' ? t('发布稿', 'draft') : t('手工记录', 'logged by hand')}）
                  </span>
                  {a.note && <span> {a.note}</span>}
                  {a.link && (
                    <>
                      {' '}
                      <a href={safeHref(a.link)} target="_blank" rel="noopener noreferrer">
                        {t('链接', 'link')}
                      </a>
                    </>
                  )}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">{t('尚无处置动作', 'No response actions yet')}</p>
          )}
          {isResponder && incident.status !== 'closed' && (
            <details className="action-log">
              <summary>{t('记录处置动作', 'Log a response action')}</summary>
              <ActionForm onSubmit={logAction} />
            </details>
          )}
        </section>
      </div>

      <ChecklistPanel
        incidentId={incident.id}
        checklist={playbook.checklist}
        error={playbook.error}
        now={now}
        canAct={isResponder}
        active={incident.status !== 'closed'}
        onChanged={playbook.setChecklist}
      />

      <section className="ws-card" aria-label={t('时间线', 'Timeline')}>
        <h2>{t('时间线', 'Timeline')}</h2>
        <IncidentTimeline volume={volume} markers={markers} deadlines={deadlines} now={now} />
        <details className="timeline-table">
          <summary>{t('时间线明细（文字）', 'Timeline as a list')}</summary>
          <table className="ws-table">
            <thead>
              <tr>
                <th scope="col">{t('时间', 'Time')}</th>
                <th scope="col">{t('事项', 'What')}</th>
                <th scope="col">{t('说明', 'Detail')}</th>
              </tr>
            </thead>
            <tbody>
              {rows
                .filter((r) => r.kind !== 'volume')
                .map((r, i) => (
                  <tr key={i} data-kind={r.kind}>
                    <td>{formatDateTime(r.at)}</td>
                    <td>{r.label}</td>
                    <td>{r.detail}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </details>
      </section>

      <div className="room-grid room-grid-2">

        <section className="ws-card" aria-label={t('关联事件', 'Linked events')}>
          <h2>{t('关联事件', 'Linked events')}</h2>
          {incident.event_ids.length ? (
            <ul className="event-links">
              {incident.event_ids.map((e) => {
                const detail = events.find((d) => d.id === e);
                return (
                  <li key={e}>
                    <Link to={`/events/${encodeURIComponent(e)}`}>{detail?.title ?? e}</Link>
                    {detail && (
                      <span className="muted">
                        {' '}
                        · {formatCount(detail.size, lang)} {t('条', 'mentions')} · {formatDateTime(detail.first_seen)}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          ) : (
            <p className="muted">{t('未关联舆情事件', 'No linked events')}</p>
          )}
          {incident.facts && (
            <>
              <h3>{t('基本情况', 'Facts')}</h3>
              <p className="pre-wrap">{incident.facts}</p>
            </>
          )}
        </section>

        {readsDrafts && (
          <section className="ws-card" aria-label={t('发布稿', 'Drafts')}>
            <h2>{t('发布稿', 'Drafts')}</h2>
            {!drafts ? (
              <p className="muted">{t('加载中…', 'Loading…')}</p>
            ) : drafts.length ? (
              <ul className="draft-links">
                {drafts.map((d) => (
                  <li key={d.id}>
                    <Link to={`/drafts/${encodeURIComponent(d.id)}`}>{d.title}</Link>{' '}
                    <span className={`status-tag draft-${d.status}`}>
                      {DRAFT_STATUS_ICON[d.status]} {DRAFT_STATUS_LABELS[d.status][lang === 'zh' ? 0 : 1]}
                    </span>
                    <span className="muted">
                      {' '}
                      · {TEMPLATE_LABELS[d.kind][lang === 'zh' ? 0 : 1]}
                      {d.status === 'submitted' && ` · ${t('审核', 'review')} ${d.current_level}/${d.levels}`}
                      {d.blocking && ` · ${t('检查有错误', 'checks find errors')}`}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('尚无发布稿', 'No drafts yet')}</p>
            )}
          </section>
        )}
      </div>
    </div>
  );
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { DRAFT_STATUSES, type DraftStatus, type Incident, type TemplateKindName } from '@fenghuo/shared/workflow';
import { api, qs } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useCan, useSession } from '../session';
import { DRAFT_STATUS_ICON, DRAFT_STATUS_LABELS, PLATFORM_LABELS, TEMPLATE_LABELS } from '../workspace/labels';
import type { DraftView, StatementTemplate } from '../workspace/types';
import './workspace.css';

const PLATFORMS = ['weibo', 'wechat', 'douyin', 'toutiao', 'website', 'message_board', 'news'] as const;

/** A new draft: a template, the incident it answers (the server fills the template from it) and where it will go out. */
function NewDraftForm({ incidents, initialIncident }: { incidents: Incident[]; initialIncident?: string }) {
  const { t, lang } = useI18n();
  const [templates, setTemplates] = useState<StatementTemplate[]>([]);
  const [kind, setKind] = useState<TemplateKindName>('situation_report');
  const [incidentId, setIncidentId] = useState(initialIncident ?? '');
  const [platform, setPlatform] = useState('weibo');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api
      .get<{ templates: StatementTemplate[] }>('/api/v1/templates')
      .then((r) => setTemplates(r.templates))
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (initialIncident) setIncidentId(initialIncident);
  }, [initialIncident]);
  const chosen = templates.find((x) => x.kind === kind);

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const d = await api.post<DraftView>('/api/v1/drafts', { kind, platform, ...(incidentId ? { incident_id: incidentId } : {}) });
      navigate(`/drafts/${encodeURIComponent(d.id)}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };

  return (
    <form className="ws-form new-draft" onSubmit={submit} aria-label={t('新建发布稿', 'New draft')}>
      <div className="ws-row">
        <label>
          {t('模板', 'Template')}
          <select value={kind} onChange={(e) => setKind(e.target.value as TemplateKindName)}>
            {(templates.length ? templates.map((x) => x.kind) : (Object.keys(TEMPLATE_LABELS) as TemplateKindName[])).map((k) => (
              <option key={k} value={k}>
                {lang === 'zh' ? (templates.find((x) => x.kind === k)?.name ?? TEMPLATE_LABELS[k][0]) : TEMPLATE_LABELS[k][1]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('所属事件', 'Incident')}
          <select value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
            <option value="">{t('（不关联事件）', '(none)')}</option>
            {incidents.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('发布平台', 'Platform')}
          <select value={platform} onChange={(e) => setPlatform(e.target.value)}>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {PLATFORM_LABELS[p]![lang === 'zh' ? 0 : 1]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {chosen && (
        <p className="muted template-desc">
          {chosen.description}
          {incidentId ? t(' 将按所选事件自动填写时间、地点、单位等要素。', ' Time, place, unit and facts are filled from the incident.') : t(' 未关联事件时，要素以【待填写】标出。', ' Without an incident, fields stay marked 【待填写】.')}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {t('创建草稿', 'Create draft')}
        </button>
      </div>
    </form>
  );
}

/** The drafts of one's units by status; responders start new ones here. */
export default function DraftsPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const status = query.get('status') ?? '';
  const incidentParam = query.get('incident') ?? undefined;
  const mine = query.get('mine') === '1';
  const [drafts, setDrafts] = useState<DraftView[]>();
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [error, setError] = useState<string>();
  const canWrite = useCan(['responder']);
  const { session } = useSession();

  const load = useCallback(async () => {
    try {
      setDrafts((await api.get<{ drafts: DraftView[] }>(`/api/v1/drafts${qs({ status, incident: incidentParam })}`)).drafts);
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [status, incidentParam]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api
      .get<{ incidents: Incident[] }>('/api/v1/incidents?status=active')
      .then((r) => setIncidents(r.incidents))
      .catch(() => setIncidents([]));
  }, []);
  const incidentTitle = (id?: string) => incidents.find((i) => i.id === id)?.title ?? id;
  const filterTo = (s: string, m = mine) => `/drafts${qs({ status: s, incident: incidentParam, mine: m ? '1' : undefined })}`;
  const shown = drafts?.filter((d) => !mine || d.author_id === session.user.id);

  return (
    <div className="ws-page drafts-page">
      <div className="ws-head">
        <h1>{t('发布稿', 'Drafts')}</h1>
      </div>
      {canWrite && (
        <section className="ws-card">
          <h2>{t('新建发布稿', 'New draft')}</h2>
          <NewDraftForm incidents={incidents} {...(incidentParam ? { initialIncident: incidentParam } : {})} />
        </section>
      )}
      <nav className="ws-filters" aria-label={t('按状态筛选', 'Filter by status')}>
        {(['', ...DRAFT_STATUSES] as const).map((s) => (
          <Link key={s || 'all'} to={filterTo(s)} className={status === s ? 'active' : ''} aria-current={status === s ? 'true' : undefined}>
            {s ? `${DRAFT_STATUS_ICON[s as DraftStatus]} ${DRAFT_STATUS_LABELS[s as DraftStatus][lang === 'zh' ? 0 : 1]}` : t('全部', 'All')}
          </Link>
        ))}
        <label className="inline-label mine-toggle">
          <input type="checkbox" checked={mine} onChange={(e) => navigate(filterTo(status, e.target.checked), { replace: true })} />
          {t('只看我起草的', 'Only mine')}
        </label>
        {incidentParam && (
          <span className="muted">
            {t('事件：', 'Incident: ')}
            {incidentTitle(incidentParam)} <Link to={`/drafts${qs({ status, mine: mine ? '1' : undefined })}`}>{t('（清除）', '(clear)')}</Link>
          </span>
        )}
      </nav>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!shown ? (
        <p className="muted">{t('加载中…', 'Loading…')}</p>
      ) : !shown.length ? (
        <p className="muted">{t('没有发布稿', 'No drafts')}</p>
      ) : (
        <table className="ws-table draft-table">
          <thead>
            <tr>
              <th scope="col">{t('标题', 'Title')}</th>
              <th scope="col">{t('类型', 'Kind')}</th>
              <th scope="col">{t('状态', 'Status')}</th>
              <th scope="col">{t('事件', 'Incident')}</th>
              <th scope="col">{t('检查', 'Checks')}</th>
              <th scope="col">{t('更新', 'Updated')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((d) => (
              <tr key={d.id}>
                <td>
                  <Link to={`/drafts/${encodeURIComponent(d.id)}`}>{d.title}</Link>
                  {d.author_id === session.user.id && <span className="muted"> · {t('我起草', 'mine')}</span>}
                </td>
                <td>{TEMPLATE_LABELS[d.kind][lang === 'zh' ? 0 : 1]}</td>
                <td>
                  <span className={`status-tag draft-${d.status}`}>
                    {DRAFT_STATUS_ICON[d.status]} {DRAFT_STATUS_LABELS[d.status][lang === 'zh' ? 0 : 1]}
                  </span>
                  {d.status === 'submitted' && (
                    <span className="muted">
                      {' '}
                      {t('第', 'level ')}
                      {d.current_level}/{d.levels}
                      {t('审', '')}
                    </span>
                  )}
                </td>
                <td>{d.incident_id ? <Link to={`/incidents/${encodeURIComponent(d.incident_id)}`}>{incidentTitle(d.incident_id)}</Link> : <span className="muted">–</span>}</td>
                <td>{d.blocking ? `✕ ${t('有错误', 'errors')} (${d.checks.filter((c) => c.severity === 'error').length})` : d.checks.length ? `! ${t('提示', 'warnings')} (${d.checks.length})` : `✓ ${t('通过', 'clean')}`}</td>
                <td>{formatDateTime(d.updated_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

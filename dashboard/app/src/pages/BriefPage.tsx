import { useEffect, useState, type ReactNode } from 'react';
import type { BriefIncident, DailyBrief, StoredBriefsResponse } from '@fenghuo/shared/api';
import { INCIDENT_SEVERITY_LABELS } from '@fenghuo/shared/workflow';
import { api, ApiError, qs } from '../api';
import { HourlyVolume } from '../charts/HourlyVolume/HourlyVolume';
import { formatCount, formatDateTime, formatDuration, formatPercent, formatClock } from '../format';
import { useI18n, type Lang } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { AdherenceTable } from '../playbooks/AdherenceTable';
import './brief.css';

type T = (zh: string, en: string) => string;

/** The date `days` after a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Rows a list shows, so that the brief stays one A4 page; the rest is counted, not hidden silently. */
export const CAPS = { rumors: 8, incidents: 6, watch: 4 } as const;

function More({ total, shown, t }: { total: number; shown: number; t: T }) {
  if (total <= shown) return null;
  return <p className="brief-more muted small">{t(`另有 ${total - shown} 项未列出`, `${total - shown} more not listed`)}</p>;
}

function longDate(date: string, lang: Lang): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  if (lang === 'en') return `${new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })}`;
  return `${y}年${m}月${d}日（星期${'日一二三四五六'[weekday]}）`;
}

const DEADLINE_STATES: Record<BriefIncident['deadlines'][number]['state'], { mark: string; zh: string; en: string }> = {
  met: { mark: '✓', zh: '按时', en: 'met' },
  met_late: { mark: '⚠', zh: '逾时完成', en: 'met late' },
  breached: { mark: '✗', zh: '超时', en: 'breached' },
  pending: { mark: '…', zh: '未到期', en: 'pending' },
};

const STATUS: Record<string, [string, string]> = {
  open: ['待处置', 'open'],
  responding: ['处置中', 'responding'],
  monitoring: ['监测中', 'monitoring'],
  closed: ['已办结', 'closed'],
};

function Deadlines({ incident, t }: { incident: BriefIncident; t: T }) {
  if (!incident.deadlines.length) return <span className="muted">—</span>;
  return (
    <ul className="brief-deadlines">
      {incident.deadlines.map((d) => {
        const s = DEADLINE_STATES[d.state];
        return (
          <li key={d.key} className={`deadline-${d.state}`} data-deadline-state={d.state}>
            <span aria-hidden="true">{s.mark}</span> {d.label}：{t(s.zh, s.en)}
            {d.met_at !== undefined ? ` ${formatDateTime(d.met_at).slice(5)}` : d.state === 'pending' || d.state === 'breached' ? ` (${t('时限', 'due')} ${formatDateTime(d.due_at).slice(5)})` : ''}
          </li>
        );
      })}
    </ul>
  );
}

function IncidentTable({ list, t, lang, caption, testId }: { list: BriefIncident[]; t: T; lang: Lang; caption: string; testId: string }) {
  return (
    <table className="brief-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('事项', 'Incident')}</th>
          <th scope="col">{t('责任单位', 'Unit')}</th>
          <th scope="col">{t('级别', 'Severity')}</th>
          <th scope="col">{t('状态', 'Status')}</th>
          <th scope="col">{t('时限', 'Deadlines')}</th>
        </tr>
      </thead>
      <tbody>
        {list.slice(0, CAPS.incidents).map((i) => (
          <tr key={i.id}>
            <td>
              <Link to={`/incidents/${encodeURIComponent(i.id)}`}>{i.title}</Link>
              <div className="muted small">{t('开启', 'opened')} {formatDateTime(i.opened_at).slice(5)}{i.closed_at !== undefined ? ` · ${t('办结', 'closed')} ${formatDateTime(i.closed_at).slice(5)}` : ''}</div>
            </td>
            <td>{i.unit_name ?? i.unit_id}</td>
            <td>{lang === 'zh' ? INCIDENT_SEVERITY_LABELS[i.severity] : i.severity.replace('_', ' ')}</td>
            <td>{t(...(STATUS[i.status] ?? [i.status, i.status]))}</td>
            <td><Deadlines incident={i} t={t} /></td>
          </tr>
        ))}
      </tbody>
      {list.length > CAPS.incidents && (
        <tfoot>
          <tr>
            <td colSpan={5} className="muted small">{t(`另有 ${list.length - CAPS.incidents} 件未列出`, `${list.length - CAPS.incidents} more not listed`)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}

function SentimentMix({ s, t }: { s: { positive: number; negative: number; neutral: number }; t: T }) {
  const total = s.positive + s.negative + s.neutral;
  const w = (n: number) => `${total ? (n / total) * 100 : 0}%`;
  return (
    <div className="brief-mix">
      <div className="brief-mix-bar" aria-hidden="true">
        <span className="mix-neg" style={{ width: w(s.negative) }} />
        <span className="mix-neu" style={{ width: w(s.neutral) }} />
        <span className="mix-pos" style={{ width: w(s.positive) }} />
      </div>
      <span className="small">
        {t('负', 'neg')} {s.negative} · {t('中', 'neu')} {s.neutral} · {t('正', 'pos')} {s.positive}
      </span>
    </div>
  );
}

function Section({ title, children, className = '' }: { title: string; children: ReactNode; className?: string }) {
  return (
    <section className={`brief-section ${className}`}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function BriefView({ brief }: { brief: DailyBrief }) {
  const { t, lang } = useI18n();
  const rebutted = brief.rumors.filter((r) => r.rebutted).length;
  const breached = [...brief.incidents.opened, ...brief.incidents.closed].reduce((n, i) => n + i.deadlines.filter((d) => d.state === 'breached').length, 0);
  return (
    <>
      <p className="brief-meta muted">
        {t('统计时段', 'Period')}：{formatDateTime(brief.from)} – {brief.complete ? formatDateTime(brief.to) : `${formatDateTime(brief.as_of)}（${t('当日尚未结束', 'day still running')}）`}（{brief.timezone}）
        · {t('生成于', 'Generated')} {formatDateTime(brief.generated_at)}
      </p>

      <div className="brief-kpis">
        <div className="kpi">
          <span className="kpi-label">{t('全天提及', 'Mentions')}</span>
          <span className="kpi-value" data-testid="brief-mentions" data-value={brief.totals.mentions}>{formatCount(brief.totals.mentions, lang)}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('负面占比', 'Negative share')}</span>
          <span className="kpi-value" data-testid="brief-negative-share">{formatPercent(brief.totals.negative_share)}</span>
          <span className="kpi-sub">{t('负面', 'negative')} {formatCount(brief.totals.negative, lang)}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('发现谣言', 'Rumors')}</span>
          <span className="kpi-value" data-testid="brief-rumors">{brief.rumors.length}</span>
          <span className="kpi-sub">{t('已辟谣', 'rebutted')} {rebutted}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('处置事项', 'Incidents')}</span>
          <span className="kpi-value" data-testid="brief-incidents">{t(`新开 ${brief.incidents.opened.length} · 办结 ${brief.incidents.closed.length}`, `${brief.incidents.opened.length} opened · ${brief.incidents.closed.length} closed`)}</span>
          <span className="kpi-sub">{t('时限超时', 'deadlines breached')} {breached}</span>
        </div>
      </div>

      <Section title={t('全天声量（每小时，斜纹为负面）', 'Volume per hour (hatched: negative)')} className="brief-chart">
        <HourlyVolume data={brief.totals.hourly} label={t('每小时提及与负面提及', 'Mentions and negative mentions per hour')} words={{ mentions: t('提及', 'mentions'), negative: t('负面', 'negative') }} />
      </Section>

      <Section title={t('重点事件', 'Top events')}>
        {brief.top_events.length === 0 ? (
          <p className="muted">{t('当日没有形成事件。', 'No events that day.')}</p>
        ) : (
          <table className="brief-table" data-testid="brief-top-events">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('事件', 'Event')}</th>
                <th scope="col" className="num">{t('当日提及', 'Mentions')}</th>
                <th scope="col">{t('情感分布', 'Sentiment')}</th>
                <th scope="col" className="num">{t('负面占比', 'Negative')}</th>
                <th scope="col">{t('主要地区', 'Regions')}</th>
              </tr>
            </thead>
            <tbody>
              {brief.top_events.map((e, i) => (
                <tr key={e.id} data-event-id={e.id}>
                  <td>{i + 1}</td>
                  <td>
                    <Link to={`/events/${encodeURIComponent(e.id)}`}>{e.title}</Link>
                    {e.rumor_score >= 0.5 && <span className="brief-tag">{t('疑似谣言', 'possible rumor')}</span>}
                  </td>
                  <td className="num" data-testid="event-mentions">{formatCount(e.mentions, lang)}</td>
                  <td><SentimentMix s={e.sentiment} t={t} /></td>
                  <td className="num">{formatPercent(e.negative_share)}</td>
                  <td>{e.provinces.join('、') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={t('谣言监测与辟谣', 'Rumors and rebuttals')}>
        {brief.rumors.length === 0 ? (
          <p className="muted">{t('当日未发现疑似谣言。', 'No rumors detected that day.')}</p>
        ) : (
          <table className="brief-table" data-testid="brief-rumor-table">
            <thead>
              <tr>
                <th scope="col">{t('传言', 'Claim')}</th>
                <th scope="col" className="num">{t('当日提及', 'Mentions')}</th>
                <th scope="col" className="num">{t('谣言评分', 'Score')}</th>
                <th scope="col">{t('辟谣情况', 'Rebuttal')}</th>
              </tr>
            </thead>
            <tbody>
              {brief.rumors.slice(0, CAPS.rumors).map((r) => (
                <tr key={r.event_id} data-rebutted={r.rebutted}>
                  <td>{r.title}</td>
                  <td className="num">{formatCount(r.mentions, lang)}</td>
                  <td className="num">{r.rumor_score.toFixed(2)}</td>
                  <td>
                    {r.rebuttal?.kind === 'kb' ? (
                      <span className="state-ok">✓ {t('已辟谣', 'rebutted')}：{r.rebuttal.source}（{r.rebuttal.date}）</span>
                    ) : r.rebuttal?.kind === 'incident' ? (
                      <span className="state-ok">✓ {t('已发布辟谣', 'rebuttal published')} {formatDateTime(r.rebuttal.at).slice(5)}</span>
                    ) : (
                      <span className="state-bad">✗ {t('尚未辟谣', 'not rebutted')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <More total={brief.rumors.length} shown={CAPS.rumors} t={t} />
      </Section>

      <Section title={t('处置事项与时限', 'Incidents and deadlines')}>
        {brief.incidents.opened.length === 0 && brief.incidents.closed.length === 0 ? (
          <p className="muted">{t('当日没有新开或办结的处置事项。', 'No incidents opened or closed that day.')}</p>
        ) : (
          <>
            {brief.incidents.opened.length > 0 && <IncidentTable list={brief.incidents.opened} t={t} lang={lang} caption={t('当日新开', 'Opened')} testId="brief-opened" />}
            {brief.incidents.closed.length > 0 && <IncidentTable list={brief.incidents.closed} t={t} lang={lang} caption={t('当日办结', 'Closed')} testId="brief-closed" />}
          </>
        )}
      </Section>

      <Section title={t('各单位响应', 'Response by unit')}>
        {brief.response.units.length === 0 ? (
          <p className="muted">{t('当日没有开始计时的处置事项。', 'No incident clock started that day.')}</p>
        ) : (
          <table className="brief-table" data-testid="brief-response">
            <thead>
              <tr>
                <th scope="col">{t('单位', 'Unit')}</th>
                <th scope="col" className="num">{t('事项', 'Incidents')}</th>
                <th scope="col" className="num">{t('已发布', 'Released')}</th>
                <th scope="col" className="num">{t('首次发布用时（中位）', 'First release (median)')}</th>
                <th scope="col" className="num">{t('按时率', 'On time')}</th>
              </tr>
            </thead>
            <tbody>
              {brief.response.units.map((u) => (
                <tr key={u.unit_id}>
                  <td>{u.unit_name ?? u.unit_id}</td>
                  <td className="num">{u.incidents}</td>
                  <td className="num">{u.released}</td>
                  <td className="num">{u.first_release_median_ms === null ? '—' : formatDuration(u.first_release_median_ms, lang)}</td>
                  <td className="num">{u.decided ? `${formatPercent(u.on_time_rate)}（${u.on_time}/${u.decided}）` : t('无到期时限', 'none due')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      {brief.playbook_adherence && (
        <Section title={t('应急预案执行', 'Playbook adherence')}>
          <AdherenceTable rows={brief.playbook_adherence} />
        </Section>
      )}

      <Section title={t('明日关注', 'What to watch tomorrow')} className="brief-watch">
        {brief.watch.rising.length === 0 && brief.watch.unrebutted_rumors.length === 0 && brief.watch.open_incidents.length === 0 ? (
          <p className="muted">{t('无需特别关注的事项。', 'Nothing needs particular attention.')}</p>
        ) : (
          <ul data-testid="brief-watch">
            {brief.watch.rising.slice(0, CAPS.watch).map((r) => (
              <li key={`r-${r.event_id}`}>
                <b>{t('仍在升温', 'Still rising')}</b>：{r.title}（{t(`末1小时 ${r.recent} 条，按此前6小时速率预期 ${r.expected} 条`, `${r.recent} in the last hour against ${r.expected} expected from the six before`)}）
              </li>
            ))}
            {brief.watch.unrebutted_rumors.slice(0, CAPS.watch).map((r) => (
              <li key={`u-${r.event_id}`}>
                <b>{t('未辟谣', 'Not rebutted')}</b>：{r.title}（{t('谣言评分', 'score')} {r.rumor_score.toFixed(2)}）
              </li>
            ))}
            {brief.watch.open_incidents.slice(0, CAPS.watch).map((i) => (
              <li key={`i-${i.id}`}>
                <b>{t('未办结', 'Open')}</b>：{i.title}（{i.unit_name ?? i.unit_id}
                {i.next ? `，${t('下一时限', 'next')} ${i.next.label} ${formatDateTime(i.next.due_at).slice(5)}` : ''}）
              </li>
            ))}
          </ul>
        )}
        <More
          total={brief.watch.rising.length + brief.watch.unrebutted_rumors.length + brief.watch.open_incidents.length}
          shown={Math.min(CAPS.watch, brief.watch.rising.length) + Math.min(CAPS.watch, brief.watch.unrebutted_rumors.length) + Math.min(CAPS.watch, brief.watch.open_incidents.length)}
          t={t}
        />
      </Section>

      <footer className="brief-footer muted small">
        {t(
          '本简报所有数字均由系统根据入库数据计算：提及与情感取自每分钟汇总，事件取自事件聚类，处置与时限取自处置流程（时限状态截至生成时间），处置事项仅含本单位及下级单位。',
          'Every figure is computed from stored data: mentions and sentiment from the per-minute aggregates, events from the clustering, incidents and deadlines from the workflow (deadline states as of generation), incidents of your units only.',
        )}{' '}
        {formatClock(brief.generated_at)}
      </footer>
    </>
  );
}

/**
 * Briefs the schedule stored, for users who may read them (those who see
 * every unit); anyone else gets 403 and sees no list.
 */
function StoredBriefs({ t }: { t: T }) {
  const [list, setList] = useState<StoredBriefsResponse['briefs']>([]);
  useEffect(() => {
    let live = true;
    api
      .get<StoredBriefsResponse>('/api/v1/briefs')
      .then((r) => live && setList(r.briefs))
      .catch(() => live && setList([]));
    return () => {
      live = false;
    };
  }, []);
  if (!list.length) return null;
  return (
    <details className="brief-stored no-print" data-testid="brief-stored">
      <summary>{t(`已存档简报（${list.length}）`, `Stored briefs (${list.length})`)}</summary>
      <ul>
        {list.slice(0, 31).map((b) => (
          <li key={b.date}>
            <a href={b.path} target="_blank" rel="noopener">{b.date}</a> <span className="muted small">{Math.round(b.bytes / 1024)} KB</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** The leaders' daily brief: one A4 page when printed, readable on screen, with a date picker. */
export default function BriefPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const asked = query.get('date') ?? '';
  const date = DATE_RE.test(asked) ? asked : '';
  const [state, setState] = useState<{ key: string; brief?: DailyBrief; error?: string }>({ key: '' });

  useEffect(() => {
    let live = true;
    setState({ key: date });
    api
      .get<DailyBrief>(`/api/v1/brief${qs({ date })}`)
      .then((brief) => live && setState({ key: date, brief }))
      .catch((e: unknown) => live && setState({ key: date, error: e instanceof ApiError || e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [date]);

  const brief = state.key === date ? state.brief : undefined;
  const shown = brief?.date ?? date;
  const status = state.error ? 'error' : brief ? 'ready' : 'loading';
  return (
    <article className="brief" data-brief-state={status} data-date={shown} aria-busy={status === 'loading'}>
      <header className="brief-head">
        <div className="brief-title">
          <h1>{t('每日舆情简报', 'Daily brief')}</h1>
          {shown && <span className="brief-date">{longDate(shown, lang)}</span>}
        </div>
        {shown && (
          <nav className="brief-nav no-print" aria-label={t('选择日期', 'Choose a date')}>
            <Link to={`/brief?date=${addDays(shown, -1)}`}>← {t('前一天', 'Previous day')}</Link>
            <label>
              <span className="visually-hidden">{t('日期', 'Date')}</span>
              <input type="date" value={shown} onChange={(e) => DATE_RE.test(e.target.value) && navigate(`/brief?date=${e.target.value}`)} aria-label={t('日期', 'Date')} />
            </label>
            <Link to={`/brief?date=${addDays(shown, 1)}`}>{t('后一天', 'Next day')} →</Link>
            <button type="button" className="secondary" onClick={() => window.print()}>{t('打印', 'Print')}</button>
            <a className="button-link" href={`/api/v1/brief.pdf?date=${shown}`} target="_blank" rel="noopener">{t('下载 PDF', 'PDF')}</a>
          </nav>
        )}
        <StoredBriefs t={t} />
      </header>
      {state.error ? (
        <p className="page-error" role="alert">{t('无法生成简报：', 'Cannot make the brief: ')}{state.error}</p>
      ) : brief ? (
        <BriefView brief={brief} />
      ) : (
        <p className="muted">{t('正在汇总…', 'Compiling…')}</p>
      )}
    </article>
  );
}

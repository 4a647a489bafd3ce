import { useState } from 'react';
import type { Escalation, EscalationLogEntry, EscalationReport } from '@fenghuo/shared/duty';
import { qs } from '../api';
import { useLoad } from '../analyst/useLoad';
import { formatClock, formatDuration } from '../format';
import { useI18n, type Lang } from '../i18n';
import { Link } from '../router';
import { roleLabel, shiftLabel } from './labels';
import '../pages/analyst.css';
import './duty.css';

const DAY = 86_400_000;

type T = (zh: string, en: string) => string;

/** One step of a chain in words. */
export function describeStep(e: EscalationLogEntry, t: T): string {
  switch (e.action) {
    case 'started': return t('开始呼叫', 'started');
    case 'paged': return `${t('呼叫', 'paged')} ${e.role ? roleLabel(e.role, t) : ''} ${e.person ?? ''}${e.channel ? ` (${e.channel})` : ''}`;
    case 'page_failed': return `${t('呼叫失败', 'page failed')} ${e.person ?? ''}: ${e.detail ?? ''}`;
    case 'acknowledged': return `${e.by ?? ''} ${t('已确认', 'acknowledged')} (${e.via === 'link' ? t('确认链接', 'link') : t('系统内', 'in app')})`;
    case 'exhausted': return t('无人确认，升级结束', 'nobody acknowledged; chain ended');
    case 'cancelled': return `${t('已取消', 'cancelled')}: ${e.detail ?? ''}`;
    default: return e.action;
  }
}

const statusLabel = (s: Escalation['status'], t: T) => ({ active: t('升级中', 'active'), acknowledged: t('已确认', 'acknowledged'), exhausted: t('无人确认', 'unanswered'), cancelled: t('已取消', 'cancelled') })[s];
const minutes = (ms: number | undefined, lang: Lang) => (ms === undefined ? '–' : formatDuration(ms, lang));

/** Time to acknowledge per unit and shift over a period, and every chain with its steps. */
export default function EscalationReportPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const [days, setDays] = useState(30);
  const [to] = useState(() => Date.now());
  const query = qs({ from: to - days * DAY, to });
  const { data, error } = useLoad<EscalationReport>(`/api/v1/duty/report${query}`);

  return (
    <div className="analyst duty-page" data-testid="escalation-report">
      <div className="page-head">
        <h1>{t('值班升级报告', 'Escalation report')}</h1>
        <Link to="/duty">{t('值班表', 'Duty roster')} →</Link>
      </div>
      <div className="duty-tools">
        <label>
          {t('时段', 'Period')}{' '}
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[7, 30, 90].map((d) => (
              <option key={d} value={d}>
                {t(`近 ${d} 天`, `last ${d} days`)}
              </option>
            ))}
          </select>
        </label>
        <a href={`/api/v1/duty/report${qs({ from: to - days * DAY, to, format: 'csv' })}`}>{t('导出 CSV', 'Export CSV')}</a>
      </div>
      {error && <p className="form-error">{error}</p>}
      <table data-testid="escalation-rows">
        <thead>
          <tr>
            <th>{t('单位', 'Unit')}</th>
            <th>{t('班次', 'Shift')}</th>
            <th>{t('呼叫', 'Escalations')}</th>
            <th>{t('已确认', 'Acknowledged')}</th>
            <th>{t('升级后确认', 'Escalated')}</th>
            <th>{t('无人确认', 'Unanswered')}</th>
            <th>{t('确认用时中位数', 'Median time to acknowledge')}</th>
            <th>{t('最长', 'Longest')}</th>
          </tr>
        </thead>
        <tbody>
          {(data?.rows ?? []).map((r) => (
            <tr key={`${r.unit_id}/${r.shift_kind}`}>
              <td>{r.unit_name ?? r.unit_id}</td>
              <td>{shiftLabel(r.shift_kind, t)}</td>
              <td>{r.escalations}</td>
              <td>{r.acknowledged}</td>
              <td>{r.escalated}</td>
              <td>{r.exhausted}</td>
              <td>{minutes(r.median_ack_ms, lang)}</td>
              <td>{minutes(r.max_ack_ms, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data && !data.rows.length && <p className="muted">{t('该时段没有值班呼叫', 'No escalations in this period')}</p>}
      <h2>{t('呼叫记录', 'Escalations')}</h2>
      <ul>
        {(data?.escalations ?? []).slice(0, 100).map((e) => (
          <li key={e.id} data-testid="escalation">
            <strong>{e.subject.title}</strong> · {formatClock(e.started_at, true)} · {statusLabel(e.status, t)}
            <ol className="duty-log">
              {e.log.map((l, i) => (
                <li key={i}>
                  {formatClock(l.at)} {describeStep(l, t)}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ul>
    </div>
  );
}

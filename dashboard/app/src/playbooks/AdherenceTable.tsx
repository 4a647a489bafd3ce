import type { AdherenceRow } from '@fenghuo/shared/playbook';
import { formatPercent } from '../format';
import { useI18n } from '../i18n';

/** Playbook adherence per unit: steps due, done in time, late, skipped, still overdue, and the in-time rate. */
export function AdherenceTable({ rows, testId = 'playbook-adherence' }: { rows: readonly AdherenceRow[]; testId?: string }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('当日没有到期的预案步骤。', 'No playbook steps fell due that day.')}</p>;
  return (
    <table className="brief-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{t('单位', 'Unit')}</th>
          <th scope="col" className="num">{t('到期步骤', 'Steps due')}</th>
          <th scope="col" className="num">{t('按时完成', 'On time')}</th>
          <th scope="col" className="num">{t('逾时完成', 'Late')}</th>
          <th scope="col" className="num">{t('跳过', 'Skipped')}</th>
          <th scope="col" className="num">{t('超时未办', 'Overdue')}</th>
          <th scope="col" className="num">{t('按时率', 'On-time rate')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.unit_id}>
            <td>{r.unit_name}</td>
            <td className="num">{r.due}</td>
            <td className="num">{r.on_time}</td>
            <td className="num">{r.late}</td>
            <td className="num">{r.skipped}</td>
            <td className={`num${r.overdue ? ' late' : ''}`}>{r.overdue}</td>
            <td className="num">{r.rate === undefined ? '—' : formatPercent(r.rate)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

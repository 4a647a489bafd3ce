import { useEffect, useState } from 'react';
import type { DutyNow } from '@fenghuo/shared/duty';
import { api } from '../api';
import { formatClock } from '../format';
import { useI18n } from '../i18n';
import { shiftLabel } from './labels';
import './duty.css';

/** Refreshed every minute: shifts change at set times, and a roster edit shows within a minute. */
export const DUTY_REFRESH_MS = 60_000;

/** The units to show: those with someone on duty first, then the rest; at most `max`. */
export function dutyRows(rows: readonly DutyNow[], max: number): DutyNow[] {
  return [...rows].sort((a, b) => Number(Boolean(b.on_duty)) - Number(Boolean(a.on_duty))).slice(0, max);
}

/** Who is on duty now per unit (shift, duty officer, backup, leader), for the wall. */
export function DutyNowPanel({ rows, max = 6 }: { rows: readonly DutyNow[] | undefined; max?: number }) {
  const { t } = useI18n();
  if (!rows) return <p className="panel-empty">{t('读取值班表…', 'Loading the rosters…')}</p>;
  const shown = dutyRows(rows, max);
  if (!shown.some((r) => r.on_duty)) return <p className="panel-empty">{t('暂无值班安排', 'Nobody is rostered')}</p>;
  return (
    <ul className="duty-now" data-testid="duty-now">
      {shown.map((r) => (
        <li key={r.unit_id} data-testid="duty-now-unit" data-unit={r.unit_id}>
          <span className="duty-unit">{r.unit_name ?? r.unit_id}</span>
          <span className="duty-shift">
            {shiftLabel(r.kind, t)}
            {r.shift_end ? ` ${t('至', 'until')} ${formatClock(r.shift_end)}` : ''}
          </span>
          <span className="duty-person" data-testid="duty-on">
            {r.on_duty ? r.on_duty.name : t('未排班', 'not rostered')}
            {r.on_duty?.phone ? ` ${r.on_duty.phone}` : ''}
          </span>
          {r.backup && (
            <span className="duty-backup">
              {t('备班', 'backup')} {r.backup.name}
            </span>
          )}
          {r.leader && (
            <span className="duty-leader">
              {t('带班', 'leader')} {r.leader.name}
            </span>
          )}
          {!r.calendar_known && <span className="duty-flag">{t('节假日表未覆盖', 'no holiday table')}</span>}
        </li>
      ))}
    </ul>
  );
}

/** Loads who is on duty now and keeps it fresh. */
export function useDutyNow(): DutyNow[] | undefined {
  const [rows, setRows] = useState<DutyNow[]>();
  useEffect(() => {
    let live = true;
    const load = () =>
      api
        .get<{ on_duty: DutyNow[] }>('/api/v1/duty/now')
        .then((b) => live && setRows(b.on_duty))
        .catch(() => undefined);
    void load();
    const timer = setInterval(() => void load(), DUTY_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return rows;
}

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { DUTY_CHANNEL_KINDS, SHIFT_KINDS, type DutyChannelKind, type DutyNow, type Roster, type RosterImportResponse, type ShiftKind } from '@fenghuo/shared/duty';
import type { Unit } from '@fenghuo/shared/workflow';
import { api, ApiError, postImport } from '../api';
import { ImportResult } from '../analyst/ImportResult';
import { useLoad } from '../analyst/useLoad';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { useCan, useSession } from '../session';
import { channelLabel, shiftLabel } from './labels';
import '../pages/analyst.css';
import './duty.css';

/** A person as the form edits them: the channel flattened, the robot secret only when typed anew. */
export interface PersonRow {
  id: string;
  name: string;
  phone: string;
  kind: DutyChannelKind;
  url: string;
  to: string;
  secret: string;
  secret_set: boolean;
}
export interface ShiftRow {
  date: string;
  kind: ShiftKind;
  on_duty: string;
  backup: string;
}
type StoredPerson = Roster['people'][number] & { secret_set?: boolean };

export function toRows(r: Roster | undefined): { people: PersonRow[]; shifts: ShiftRow[]; leader: string } {
  const people = ((r?.people ?? []) as StoredPerson[]).map((p) => ({ id: p.id, name: p.name, phone: p.phone ?? '', kind: p.channel.kind, url: p.channel.url ?? '', to: p.channel.to ?? '', secret: '', secret_set: Boolean(p.secret_set) }));
  const shifts = (r?.shifts ?? []).map((s) => ({ date: s.date, kind: s.kind, on_duty: s.on_duty, backup: s.backup ?? '' }));
  return { people, shifts, leader: r?.leader ?? '' };
}

/** The form as the API's roster: empty fields left out, so the server's schema names what is missing. */
export function fromRows(people: readonly PersonRow[], shifts: readonly ShiftRow[], leader: string, shiftTimes: Roster['shift_times'] | undefined): unknown {
  return {
    people: people.map((p) => ({
      id: p.id.trim(),
      name: p.name.trim(),
      ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
      channel: { kind: p.kind, ...(p.kind !== 'in_app' && p.kind !== 'email' && p.url.trim() ? { url: p.url.trim() } : {}), ...(p.kind === 'email' && p.to.trim() ? { to: p.to.trim() } : {}), ...(p.secret.trim() ? { secret: p.secret.trim() } : {}) },
    })),
    ...(leader ? { leader } : {}),
    ...(shiftTimes ? { shift_times: shiftTimes } : {}),
    shifts: shifts.map((s) => ({ date: s.date, kind: s.kind, on_duty: s.on_duty, ...(s.backup ? { backup: s.backup } : {}) })),
  };
}

const emptyPerson = (): PersonRow => ({ id: '', name: '', phone: '', kind: 'in_app', url: '', to: '', secret: '', secret_set: false });

/**
 * A unit's duty roster (值班表): who is on duty now, the people with their
 * paging channel, the leader, and the dated day / night / holiday shifts;
 * admins edit and import CSV, responders read and export.
 */
export default function RosterPage(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const session = useSession();
  const { query } = useLocation();
  const canEdit = useCan(['admin']);
  const { data: unitData } = useLoad<{ units: Unit[] }>('/api/v1/units');
  const visible = useMemo(() => new Set(session.session.unit_ids), [session]);
  const units = useMemo(() => (unitData?.units ?? []).filter((u) => visible.has(u.id)), [unitData, visible]);
  const [unit, setUnit] = useState(query.get('unit') ?? '');
  useEffect(() => {
    if (!unit && units[0]) setUnit(visible.has(session.session.user.unit_id) ? session.session.user.unit_id : units[0].id);
  }, [unit, units, session, visible]);

  const [roster, setRoster] = useState<Roster>();
  const [people, setPeople] = useState<PersonRow[]>([]);
  const [shifts, setShifts] = useState<ShiftRow[]>([]);
  const [leader, setLeader] = useState('');
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [imported, setImported] = useState<RosterImportResponse>();
  const [tick, setTick] = useState(0);
  const { data: now } = useLoad<{ on_duty: DutyNow[] }>(unit ? `/api/v1/duty/now?t=${tick}` : undefined);
  const current = now?.on_duty.find((d) => d.unit_id === unit);

  useEffect(() => {
    if (!unit) return;
    let live = true;
    api
      .get<Roster>(`/api/v1/duty/rosters/${encodeURIComponent(unit)}`)
      .then((r) => live && load(r))
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 404) load(undefined);
        else setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      live = false;
    };
  }, [unit, tick]);

  function load(r: Roster | undefined) {
    setRoster(r);
    const rows = toRows(r);
    setPeople(rows.people);
    setShifts(rows.shifts);
    setLeader(rows.leader);
    setError(undefined);
  }

  const save = async () => {
    setNotice(undefined);
    try {
      const saved = await api.put<Roster>(`/api/v1/duty/rosters/${encodeURIComponent(unit)}`, { expected_version: roster?.version ?? 0, roster: fromRows(people, shifts, leader, roster?.shift_times) });
      load(saved);
      setNotice(t('值班表已保存', 'Roster saved'));
      setTick((n) => n + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const importCsv = async (file: File | undefined) => {
    if (!file) return;
    setNotice(undefined);
    try {
      const body = await postImport(`/api/v1/duty/rosters/${encodeURIComponent(unit)}/import?expected_version=${roster?.version ?? 0}`, await file.text(), 'text/csv; charset=utf-8');
      setImported(body as unknown as RosterImportResponse);
      if (!body.errors.length) setTick((n) => n + 1);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const setPerson = (i: number, patch: Partial<PersonRow>) => setPeople((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  const setShift = (i: number, patch: Partial<ShiftRow>) => setShifts((ss) => ss.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const personOptions = people.filter((p) => p.id.trim()).map((p) => (
    <option key={p.id} value={p.id}>
      {p.name || p.id}
    </option>
  ));
  /** A person's name for read-only cells (the id when the roster does not list them). */
  const nameOf = (id: string) => people.find((p) => p.id === id)?.name ?? id;

  return (
    <div className="analyst duty-page" data-testid="roster-page">
      <div className="page-head">
        <h1>{t('值班表', 'Duty roster')}</h1>
        <Link to="/duty/report">{t('升级报告', 'Escalation report')} →</Link>
      </div>
      <div className="duty-tools">
        <label>
          {t('单位', 'Unit')}{' '}
          <select value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="roster-unit">
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        {unit && <a href={`/api/v1/duty/rosters/${encodeURIComponent(unit)}/export`}>{t('导出 CSV', 'Export CSV')}</a>}
        {canEdit && unit && (
          <label>
            {t('导入 CSV（date, kind, on_duty, backup）', 'Import CSV (date, kind, on_duty, backup)')}{' '}
            <input type="file" accept=".csv,text/csv" data-testid="roster-import" onChange={(e) => void importCsv(e.target.files?.[0])} />
          </label>
        )}
      </div>
      {current && (
        <p className="notice" data-testid="roster-now">
          {t('当前', 'Now')}: {shiftLabel(current.kind, t)} · {current.on_duty?.name ?? t('未排班', 'not rostered')}
          {current.backup ? ` · ${t('备班', 'backup')} ${current.backup.name}` : ''}
          {current.leader ? ` · ${t('带班领导', 'leader')} ${current.leader.name}` : ''}
          {!current.calendar_known ? ` · ${t('该年份无官方节假日表，按周一至周五为工作日', 'no official holiday table for this year: Monday–Friday taken as working days')}` : ''}
        </p>
      )}
      {imported && <ImportResult ok={!imported.errors.length} errors={imported.errors} summary={imported.errors.length ? t('CSV 有错误，未导入任何班次', 'The CSV has errors; no shift was imported') : t('班次已导入', 'Shifts imported')} />}
      {error && <p className="form-error" role="alert">{error}</p>}
      {notice && <p className="notice">{notice}</p>}

      <h2>{t('人员与呼叫方式', 'People and how they are paged')}</h2>
      <table data-testid="roster-people">
        <thead>
          <tr>
            <th>ID</th>
            <th>{t('姓名', 'Name')}</th>
            <th>{t('电话', 'Phone')}</th>
            <th>{t('呼叫方式', 'Channel')}</th>
            <th>{t('Webhook 地址 / 邮箱', 'Webhook URL / email')}</th>
            <th>{t('签名密钥', 'Signing secret')}</th>
            {canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {people.map((p, i) => (
            <tr key={i}>
              <td>{canEdit ? <input aria-label="id" value={p.id} onChange={(e) => setPerson(i, { id: e.target.value })} /> : p.id}</td>
              <td>{canEdit ? <input aria-label={t('姓名', 'Name')} value={p.name} onChange={(e) => setPerson(i, { name: e.target.value })} /> : p.name}</td>
              <td>{canEdit ? <input aria-label={t('电话', 'Phone')} value={p.phone} onChange={(e) => setPerson(i, { phone: e.target.value })} /> : p.phone}</td>
              <SelectCell editable={canEdit} label={t('呼叫方式', 'Channel')} value={p.kind} shown={channelLabel(p.kind, t)} onChange={(kind) => setPerson(i, { kind: kind as DutyChannelKind })}>
                {optionsOf(DUTY_CHANNEL_KINDS, (k) => channelLabel(k, t))}
              </SelectCell>
              <td>
                {p.kind === 'in_app' ? '' : canEdit ? <input aria-label="url" value={p.kind === 'email' ? p.to : p.url} onChange={(e) => setPerson(i, p.kind === 'email' ? { to: e.target.value } : { url: e.target.value })} /> : p.kind === 'email' ? p.to : p.url}
              </td>
              <td>{p.kind === 'dingtalk' || p.kind === 'feishu' ? canEdit ? <input aria-label={t('签名密钥', 'Signing secret')} type="password" placeholder={p.secret_set ? t('已设置（留空保持）', 'set (blank keeps it)') : ''} value={p.secret} onChange={(e) => setPerson(i, { secret: e.target.value })} /> : p.secret_set ? t('已设置', 'set') : '' : ''}</td>
              {canEdit && (
                <td>
                  <button type="button" onClick={() => setPeople((ps) => ps.filter((_, j) => j !== i))}>
                    {t('删除', 'Remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <button type="button" onClick={() => setPeople((ps) => [...ps, emptyPerson()])}>
          {t('添加人员', 'Add a person')}
        </button>
      )}
      <p>
        <label>
          {t('带班领导', 'Leader')}{' '}
          <select value={leader} disabled={!canEdit} onChange={(e) => setLeader(e.target.value)} data-testid="roster-leader">
            <option value="">{t('（无）', '(none)')}</option>
            {personOptions}
          </select>
        </label>
      </p>

      <h2>{t('班次', 'Shifts')}</h2>
      <p className="muted small">{t('工作日（含调休上班日）排白班和夜班，休息日和法定节假日排节假日班；夜班和节假日班到次日结束。', 'Working days (make-up working days included) have day and night shifts; rest days and public holidays have a holiday shift; night and holiday shifts end the next day.')}</p>
      <table data-testid="roster-shifts">
        <thead>
          <tr>
            <th>{t('日期', 'Date')}</th>
            <th>{t('班次', 'Shift')}</th>
            <th>{t('值班员', 'On duty')}</th>
            <th>{t('备班', 'Backup')}</th>
            {canEdit && <th />}
          </tr>
        </thead>
        <tbody>
          {shifts.map((s, i) => (
            <tr key={i} className={current?.date === s.date && current.kind === s.kind ? 'duty-today' : undefined} data-testid="roster-shift">
              <td>{canEdit ? <input type="date" aria-label={t('日期', 'Date')} value={s.date} onChange={(e) => setShift(i, { date: e.target.value })} /> : s.date}</td>
              <SelectCell editable={canEdit} label={t('班次', 'Shift')} value={s.kind} shown={shiftLabel(s.kind, t)} onChange={(kind) => setShift(i, { kind: kind as ShiftKind })}>
                {optionsOf(SHIFT_KINDS, (k) => shiftLabel(k, t))}
              </SelectCell>
              <SelectCell editable={canEdit} label={t('值班员', 'On duty')} value={s.on_duty} shown={nameOf(s.on_duty)} onChange={(on_duty) => setShift(i, { on_duty })}>
                <option value="" />
                {personOptions}
              </SelectCell>
              <SelectCell editable={canEdit} label={t('备班', 'Backup')} value={s.backup} shown={nameOf(s.backup)} onChange={(backup) => setShift(i, { backup })}>
                <option value="" />
                {personOptions}
              </SelectCell>
              {canEdit && (
                <td>
                  <button type="button" onClick={() => setShifts((ss) => ss.filter((_, j) => j !== i))}>
                    {t('删除', 'Remove')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && (
        <div className="duty-tools">
          <button type="button" onClick={() => setShifts((ss) => [...ss, { date: ss[ss.length - 1]?.date ?? '', kind: 'day', on_duty: '', backup: '' }])}>
            {t('添加班次', 'Add a shift')}
          </button>
          <button type="button" className="primary" onClick={() => void save()} data-testid="roster-save">
            {t('保存值班表', 'Save the roster')}
          </button>
        </div>
      )}
    </div>
  );
}

/** The options of a select over a fixed list of values, each in words. */
function optionsOf<K extends string>(values: readonly K[], label: (value: K) => string): ReactNode {
  return values.map((k) => (
    <option key={k} value={k}>
      {label(k)}
    </option>
  ));
}

/** A table cell that is a select for those who may edit, and the value in words for the others. */
function SelectCell({ editable, label, value, shown, onChange, children }: { editable: boolean; label: string; value: string; shown: ReactNode; onChange: (value: string) => void; children: ReactNode }) {
  return (
    <td>
      {editable ? (
        <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
          {children}
        </select>
      ) : (
        shown
      )}
    </td>
  );
}

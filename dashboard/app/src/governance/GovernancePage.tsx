import { useEffect, useId, useMemo, useRef } from 'react';
import { ACCOUNT_LEVELS, ACCOUNT_STATUSES, CHECK_STATUSES, type GovernanceAccountDetail, type GovernanceAccountRow, type GovernanceOverview } from '@fenghuo/shared/governance';
import { qs } from '../api';
import { useLoad } from '../analyst/useLoad';
import { StatusTrend } from '../charts/StatusTrend/StatusTrend';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { useCan } from '../session';
import { AccountEvidence, describeWeek } from './AccountEvidence';
import { accountPlatformLabel, accountStatusLabel, checkLabel, checkStatusLabel, levelLabel } from './labels';
import { StatusBadge } from './StatusBadge';
import '../pages/analyst.css';
import './governance.css';

/** The filters of the matrix, kept in the page's address so a filtered view is a link to share. */
const FILTER_KEYS = ['unit', 'platform', 'level', 'status', 'account_status'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
export type GovernanceFilters = Record<FilterKey, string>;

export function filtersOf(query: URLSearchParams): GovernanceFilters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as GovernanceFilters;
}

/** The accounts the filters keep (every filter empty: all of them). */
export function filterRows(rows: readonly GovernanceAccountRow[], f: GovernanceFilters): GovernanceAccountRow[] {
  return rows.filter(
    (r) =>
      (!f.unit || r.account.unit_id === f.unit) &&
      (!f.platform || r.account.platform === f.platform) &&
      (!f.level || r.account.level === f.level) &&
      (!f.status || r.overall === f.status) &&
      (!f.account_status || r.account.status === f.account_status),
  );
}

/** The address of the page with some parameters changed (empty: removed). */
function withQuery(query: URLSearchParams, change: Record<string, string | undefined>): string {
  const next = Object.fromEntries(query.entries()) as Record<string, string | undefined>;
  Object.assign(next, change);
  return `/governance${qs(next)}`;
}

/** The drill-down: one account's checks and evidence, in a panel beside the matrix. */
function EvidencePanel({ id, focus, onClose }: { id: string; focus: string | undefined; onClose: () => void }) {
  const { t } = useI18n();
  const { data, error, loading } = useLoad<GovernanceAccountDetail>(`/api/v1/governance/accounts/${encodeURIComponent(id)}`);
  const heading = useRef<HTMLHeadingElement>(null);
  // Keyboard users land in the panel they opened.
  useEffect(() => heading.current?.focus(), [id]);
  const detail = data?.account.id === id ? data : undefined;
  return (
    <aside className="evidence-panel card" aria-labelledby="evidence-heading" data-testid="evidence-panel" aria-busy={loading}>
      <div className="panel-head">
        <h2 id="evidence-heading" ref={heading} tabIndex={-1}>
          {detail ? detail.account.name : t('账号证据', 'Account evidence')}
        </h2>
        <button type="button" className="secondary small-button" onClick={onClose}>
          {t('关闭', 'Close')}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {!detail && !error && <p className="muted">{t('加载中…', 'Loading…')}</p>}
      {detail && <AccountEvidence detail={detail} focus={focus} />}
    </aside>
  );
}

/**
 * Account governance: every registered account against every check (pass,
 * warning, fail, not applicable, in words and icons), its weekly trend, the
 * units ranked by score, and the evidence behind each verdict on drill-down.
 */
export default function GovernancePage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const ids = useId();
  const { query } = useLocation();
  const search = query.toString();
  const f = useMemo(() => filtersOf(new URLSearchParams(search)), [search]);
  const open = query.get('account') ?? undefined;
  const focus = query.get('check') ?? undefined;
  const isAdmin = useCan(['admin']);
  const { data, error, loading, reload } = useLoad<GovernanceOverview>('/api/v1/governance');

  const rows = useMemo(() => filterRows(data?.accounts ?? [], f), [data, f]);
  const platforms = useMemo(() => [...new Set((data?.accounts ?? []).map((r) => r.account.platform))].sort(), [data]);
  const units = data?.units ?? [];
  const checks = data?.checks ?? [];
  const setFilter = (k: FilterKey, v: string) => navigate(withQuery(new URLSearchParams(search), { [k]: v }), { replace: true });
  const openAccount = (id: string, check?: string) => navigate(withQuery(new URLSearchParams(search), { account: id, check }));
  const reportUnit = f.unit || undefined;

  return (
    <div className={`analyst governance-page${open ? ' with-panel' : ''}`} data-governance-state={error ? 'error' : data ? 'ready' : 'loading'}>
      <div className="page-head">
        <h1>{t('账号治理', 'Account governance')}</h1>
        <span className="form-actions">
          <Link to={`/governance/report${qs({ unit: reportUnit })}`}>{t('月度排查报告', 'Monthly inspection report')}</Link>
          {isAdmin && <Link to="/accounts">{t('账号登记', 'Account registry')}</Link>}
          {isAdmin && <Link to="/governance/settings">{t('检查阈值', 'Check thresholds')}</Link>}
          <button type="button" className="secondary" onClick={reload} disabled={loading}>
            {t('刷新', 'Refresh')}
          </button>
        </span>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {t('无法加载治理结果：', 'Cannot load the governance results: ')}
          {error}
        </p>
      )}
      {data && (
        <p className="muted small governance-meta">
          {t('检查于', 'Checked')} {formatDateTime(data.generated_at)}（{data.timezone}）
          {data.calendar_years.length > 0 && ` · ${t('节假日与调休日历覆盖', 'holiday calendar covers')} ${data.calendar_years[0]}–${data.calendar_years[data.calendar_years.length - 1]}`}
        </p>
      )}
      {data && (
        <div className="governance-totals" data-testid="governance-totals">
          {CHECK_STATUSES.map((s) => (
            <button key={s} type="button" className={`total-chip check-${s}${f.status === s ? ' chip-on' : ''}`} aria-pressed={f.status === s} onClick={() => setFilter('status', f.status === s ? '' : s)}>
              <StatusBadge status={s} /> <b>{data.totals[s] ?? 0}</b>
            </button>
          ))}
        </div>
      )}

      <form className="filters governance-filters" role="search" aria-label={t('筛选账号', 'Filter accounts')} onSubmit={(e) => e.preventDefault()}>
        <div className="filter-row">
          <label>
            {t('单位', 'Unit')}
            <select value={f.unit} onChange={(e) => setFilter('unit', e.target.value)}>
              <option value="">{t('全部', 'All')}</option>
              {units.map((u) => (
                <option key={u.unit_id} value={u.unit_id}>
                  {u.unit_name ?? u.unit_id}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('平台', 'Platform')}
            <select value={f.platform} onChange={(e) => setFilter('platform', e.target.value)}>
              <option value="">{t('全部', 'All')}</option>
              {platforms.map((p) => (
                <option key={p} value={p}>
                  {accountPlatformLabel(p, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('级别', 'Level')}
            <select value={f.level} onChange={(e) => setFilter('level', e.target.value)}>
              <option value="">{t('全部', 'All')}</option>
              {ACCOUNT_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {levelLabel(l, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('检查结果', 'Result')}
            <select value={f.status} onChange={(e) => setFilter('status', e.target.value)}>
              <option value="">{t('全部', 'All')}</option>
              {CHECK_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {checkStatusLabel(s, lang)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('账号状态', 'Account status')}
            <select value={f.account_status} onChange={(e) => setFilter('account_status', e.target.value)}>
              <option value="">{t('全部', 'All')}</option>
              {ACCOUNT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {accountStatusLabel(s, lang)}
                </option>
              ))}
            </select>
          </label>
          {FILTER_KEYS.some((k) => f[k]) && (
            <button type="button" className="secondary" onClick={() => navigate(withQuery(new URLSearchParams(search), Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))))}>
              {t('清除筛选', 'Clear filters')}
            </button>
          )}
        </div>
      </form>

      <div className="governance-layout">
        <div className="governance-main">
          <section aria-labelledby={`${ids}-matrix`}>
            <h2 id={`${ids}-matrix`}>
              {t('账号检查结果', 'Accounts by check')}
              {data && <span className="muted small"> {t(`${rows.length} / ${data.accounts.length} 个账号`, `${rows.length} of ${data.accounts.length} accounts`)}</span>}
            </h2>
            {data && rows.length === 0 && <p className="empty">{data.accounts.length ? t('没有符合筛选条件的账号', 'No accounts match the filters') : t('尚未登记账号', 'No accounts registered yet')}</p>}
            {rows.length > 0 && (
              <div className="matrix-scroll">
                <table className="governance-matrix" data-testid="governance-matrix">
                  <thead>
                    <tr>
                      <th scope="col">{t('账号', 'Account')}</th>
                      <th scope="col">{t('单位 / 级别', 'Unit / level')}</th>
                      <th scope="col">{t('总体', 'Overall')}</th>
                      {checks.map((c) => (
                        <th key={c.id} scope="col" data-check={c.id}>
                          {checkLabel(c.id, lang)}
                        </th>
                      ))}
                      <th scope="col">{t('近几周', 'Recent weeks')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.account.id} data-account={r.account.id} data-overall={r.overall} className={open === r.account.id ? 'row-open' : ''}>
                        <th scope="row">
                          <button type="button" className="link-button account-link" onClick={() => openAccount(r.account.id)} aria-label={t(`查看证据：${r.account.name}`, `Evidence: ${r.account.name}`)}>
                            {r.account.name}
                          </button>
                          <div className="muted small">
                            {accountPlatformLabel(r.account.platform, lang)}
                            {r.account.status !== 'active' && <span className="account-status-tag"> · {accountStatusLabel(r.account.status, lang)}</span>}
                          </div>
                        </th>
                        <td className="small unit-cell">
                          {r.account.unit_name ?? r.account.unit_id}
                          <div className="muted">{levelLabel(r.account.level, lang)}</div>
                        </td>
                        <td>
                          <StatusBadge status={r.overall} />
                        </td>
                        {checks.map((c) => {
                          const res = r.results.find((x) => x.check === c.id);
                          return (
                            <td key={c.id} data-check={c.id} data-status={res?.status ?? 'not_applicable'}>
                              {res ? (
                                <button type="button" className="cell-button" onClick={() => openAccount(r.account.id, c.id)} title={res.message} aria-label={`${r.account.name} ${checkLabel(c.id, lang)}：${checkStatusLabel(res.status, lang)}，${res.message}`}>
                                  <StatusBadge status={res.status} />
                                </button>
                              ) : (
                                <StatusBadge status="not_applicable" />
                              )}
                            </td>
                          );
                        })}
                        <td>
                          {r.trend.length > 0 ? (
                            <StatusTrend data={r.trend} label={t(`近 ${r.trend.length} 周：${r.trend.map((w) => checkStatusLabel(w.status, lang)).join('、')}`, `Last ${r.trend.length} weeks: ${r.trend.map((w) => checkStatusLabel(w.status, lang)).join(', ')}`)} describe={(d) => describeWeek(d, t, lang)} />
                          ) : (
                            <span className="muted">–</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>

          {units.length > 0 && (
            <section aria-labelledby={`${ids}-units`} className="unit-ranking">
              <h2 id={`${ids}-units`}>{t('单位排名', 'Units ranked')}</h2>
              <p className="muted small">{t('得分：每项适用的检查合格计 1 分、预警 0.5 分、不合格 0 分，折算为百分制。', 'Score: each applicable check counts 1 for pass, 0.5 for a warning, 0 for a fail, as a percentage.')}</p>
              <table className="crud-table" data-testid="unit-ranking">
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('名次', 'Rank')}
                    </th>
                    <th scope="col">{t('单位', 'Unit')}</th>
                    <th scope="col" className="num">
                      {t('账号', 'Accounts')}
                    </th>
                    <th scope="col" className="num">
                      ✓ {t('合格', 'Pass')}
                    </th>
                    <th scope="col" className="num">
                      ⚠ {t('预警', 'Warn')}
                    </th>
                    <th scope="col" className="num">
                      ✗ {t('不合格', 'Fail')}
                    </th>
                    <th scope="col">{t('得分', 'Score')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('操作', 'Actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {units.map((u) => (
                    <tr key={u.unit_id} data-unit={u.unit_id}>
                      <td className="num">{u.rank}</td>
                      <td>{u.unit_name ?? u.unit_id}</td>
                      <td className="num">{u.accounts}</td>
                      <td className="num">{u.pass}</td>
                      <td className="num">{u.warn}</td>
                      <td className="num">{u.fail}</td>
                      <td>
                        <span className="score">
                          <span className="score-bar" aria-hidden="true">
                            <span style={{ width: `${Math.max(0, Math.min(100, u.score))}%` }} />
                          </span>
                          <b>{Math.round(u.score)}</b>
                        </span>
                      </td>
                      <td>
                        <span className="actions">
                          <button type="button" className="link-button" onClick={() => setFilter('unit', u.unit_id)} aria-label={t(`只看${u.unit_name ?? u.unit_id}`, `Show only ${u.unit_name ?? u.unit_id}`)}>
                            {t('筛选', 'Filter')}
                          </button>
                          <Link to={`/governance/report${qs({ unit: u.unit_id })}`} aria-label={t(`${u.unit_name ?? u.unit_id}排查报告`, `Report of ${u.unit_name ?? u.unit_id}`)}>
                            {t('排查报告', 'Report')}
                          </Link>
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </div>
        {open && <EvidencePanel id={open} focus={focus} onClose={() => navigate(withQuery(new URLSearchParams(search), { account: undefined, check: undefined }))} />}
      </div>
    </div>
  );
}

import { useContext } from 'react';
import { GOVERNANCE_CHECK_LABELS, type GovernanceCheckId, type GovernanceReport, type GovernanceReportAccount } from '@fenghuo/shared/governance';
import type { Unit } from '@fenghuo/shared/workflow';
import { qs } from '../api';
import { useLoad } from '../analyst/useLoad';
import { formatDate, formatDateTime } from '../format';
import { useI18n, type Lang } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { SessionContext } from '../session';
import { useUnits } from '../workspace/useUnits';
import { accountPlatformLabel, checkLabel, levelLabel, recommendationLabel } from './labels';
import { StatusBadge } from './StatusBadge';
import '../pages/brief.css';
import './governance.css';
import './governance-report.css';

type T = (zh: string, en: string) => string;

const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month `n` months after a YYYY-MM month (calendar arithmetic). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

function monthTitle(month: string, lang: Lang): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return lang === 'zh' ? `${y}年${m}月` : new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });
}

/** Where the report of a unit and month is: the page, its CSV and its PDF. */
export const reportLinks = (unit: string, month: string) => ({
  page: `/governance/report${qs({ unit, month })}`,
  csv: `/api/v1/governance/report.csv${qs({ unit, month })}`,
  pdf: `/governance/report.pdf${qs({ unit, month })}`,
});

/** A finding's message without the check's name in front (the server's report says "更新频率：…"), since the row names the check in the page's language. */
export function withoutLabel(check: GovernanceCheckId, message: string): string {
  const prefix = `${GOVERNANCE_CHECK_LABELS[check]}：`;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}

/** Why an account is to be closed or merged: the finding of the check behind it (zombie, duplicate), else its first finding. */
function reasonOf(a: GovernanceReportAccount, check: GovernanceCheckId): string {
  const f = a.findings.find((x) => x.check === check) ?? a.findings[0];
  return f ? ` — ${f.message}` : '';
}

function AccountRow({ a, t, lang }: { a: GovernanceReportAccount; t: T; lang: Lang }) {
  return (
    <tr data-account={a.account.id} data-recommendation={a.recommendation}>
      <td>
        <b>{a.account.name}</b>
        <div className="muted small">
          {accountPlatformLabel(a.account.platform, lang)} · {a.account.account_id} · {levelLabel(a.account.level, lang)}
        </div>
      </td>
      <td>
        {a.findings.length === 0 ? (
          <StatusBadge status="pass" />
        ) : (
          <ul className="report-findings">
            {a.findings.map((f) => (
              <li key={f.check} data-check={f.check}>
                <StatusBadge status={f.status} /> {checkLabel(f.check, lang)}
                {t('：', ': ')}
                {withoutLabel(f.check, f.message)}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        {a.fixes.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ol className="report-fixes">
            {a.fixes.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ol>
        )}
      </td>
      <td className={`recommendation rec-${a.recommendation}`}>
        <b>{recommendationLabel(a.recommendation, lang)}</b>
        {a.recommendation === 'merge' && a.merge_into && (
          <div className="small">
            {t('并入', 'into')} {a.merge_into.name}
          </div>
        )}
      </td>
    </tr>
  );
}

/** The monthly inspection report itself (排查报告): also what the PDF prints. */
export function ReportView({ report }: { report: GovernanceReport }) {
  const { t, lang } = useI18n();
  const s = report.summary;
  const kpis: [string, number, string][] = [
    [t('登记账号', 'Accounts'), s.accounts, 'report-accounts'],
    [t('✓ 合格', '✓ Pass'), s.pass, 'report-pass'],
    [t('⚠ 预警', '⚠ Warning'), s.warn, 'report-warn'],
    [t('✗ 不合格', '✗ Fail'), s.fail, 'report-fail'],
  ];
  const toClose = report.units.flatMap((u) => u.accounts.filter((a) => a.recommendation === 'close'));
  const toMerge = report.units.flatMap((u) => u.accounts.filter((a) => a.recommendation === 'merge'));
  return (
    <>
      <p className="brief-meta muted">
        {t('排查期间', 'Period')}：{formatDate(report.from)} – {formatDate(report.to - 1)}（{report.timezone}） · {t('生成于', 'Generated')} {formatDateTime(report.generated_at)}
      </p>
      <div className="brief-kpis report-kpis">
        {kpis.map(([label, value, id]) => (
          <div className="kpi" key={id}>
            <span className="kpi-label">{label}</span>
            <span className="kpi-value" data-testid={id}>
              {value}
            </span>
          </div>
        ))}
        <div className="kpi">
          <span className="kpi-label">{t('处理建议', 'Recommended')}</span>
          <span className="kpi-value report-actions" data-testid="report-actions">
            {t(`整改 ${s.to_fix} · 整合 ${s.to_merge} · 关停 ${s.to_close}`, `fix ${s.to_fix} · merge ${s.to_merge} · close ${s.to_close}`)}
          </span>
        </div>
      </div>

      <section className="brief-section">
        <h2>{t('各项检查不合格情况', 'Accounts failing each check')}</h2>
        <table className="brief-table" data-testid="report-by-check">
          <thead>
            <tr>
              <th scope="col">{t('检查项', 'Check')}</th>
              <th scope="col" className="num">
                ✗ {t('不合格', 'Fail')}
              </th>
              <th scope="col" className="num">
                ⚠ {t('预警', 'Warning')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.by_check.map((c) => (
              <tr key={c.check} data-check={c.check}>
                <td>{checkLabel(c.check, lang)}</td>
                <td className="num">{c.fail}</td>
                <td className="num">{c.warn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {(toClose.length > 0 || toMerge.length > 0) && (
        <section className="brief-section">
          <h2>{t('建议关停或整合的账号', 'Accounts to close or merge')}</h2>
          <ul className="report-close-merge" data-testid="report-close-merge">
            {toClose.map((a) => (
              <li key={a.account.id}>
                <b>{recommendationLabel('close', lang)}</b>
                {t('：', ': ')}
                {a.account.name}
                {t(`（${a.account.unit_name ?? a.account.unit_id}）`, ` (${a.account.unit_name ?? a.account.unit_id})`)}
                {reasonOf(a, 'zombie')}
              </li>
            ))}
            {toMerge.map((a) => (
              <li key={a.account.id}>
                <b>{recommendationLabel('merge', lang)}</b>
                {t('：', ': ')}
                {a.account.name}
                {t(`（${a.account.unit_name ?? a.account.unit_id}）`, ` (${a.account.unit_name ?? a.account.unit_id})`)}
                {a.merge_into ? ` → ${a.merge_into.name}` : ''}
                {reasonOf(a, 'duplicate')}
              </li>
            ))}
          </ul>
        </section>
      )}

      {report.units.map((u) => {
        const flagged = u.accounts.filter((a) => a.findings.length > 0 || a.recommendation !== 'keep');
        const clean = u.accounts.length - flagged.length;
        return (
          <section key={u.unit_id} className="brief-section report-unit" data-unit={u.unit_id}>
            <h2>
              {u.unit_name ?? u.unit_id}
              <span className="muted small report-score">
                {' '}
                {t('得分', 'score')} {Math.round(u.score)} · {t(`${u.accounts.length} 个账号`, `${u.accounts.length} accounts`)}
              </span>
            </h2>
            {flagged.length > 0 ? (
              <table className="brief-table report-accounts">
                <thead>
                  <tr>
                    <th scope="col">{t('账号', 'Account')}</th>
                    <th scope="col">{t('存在问题', 'Findings')}</th>
                    <th scope="col">{t('整改要求', 'What to fix')}</th>
                    <th scope="col">{t('处理建议', 'Recommendation')}</th>
                  </tr>
                </thead>
                <tbody>
                  {flagged.map((a) => (
                    <AccountRow key={a.account.id} a={a} t={t} lang={lang} />
                  ))}
                </tbody>
              </table>
            ) : null}
            {clean > 0 && <p className="muted small report-clean">{flagged.length ? t(`其余 ${clean} 个账号各项检查合格。`, `The other ${clean} accounts pass every check.`) : t(`${clean} 个账号各项检查合格。`, `All ${clean} accounts pass every check.`)}</p>}
            {u.accounts.length === 0 && <p className="muted small">{t('本单位未登记账号。', 'No accounts registered for this unit.')}</p>}
          </section>
        );
      })}

      <footer className="brief-footer muted small">
        {t(
          '本报告由系统根据账号登记信息与入库的发布、留言、粉丝数据自动检查生成：更新频率按法定节假日与调休计算工作日；“答非所问”“粉丝异常”为提示，需人工复核后认定。',
          'Generated from the account registry and the stored posts, messages and follower data: cadence counts working days with the official holidays and adjusted workdays; off-topic answers and follower anomalies are hints to review, not verdicts.',
        )}
      </footer>
    </>
  );
}

/** Units the user may pick: their own and those below (the server scopes the report the same way). */
function useVisibleUnits(): Unit[] {
  const session = useContext(SessionContext);
  const units = useUnits();
  const visible = session?.session.unit_ids;
  return visible ? units.filter((u) => visible.includes(u.id)) : units;
}

/**
 * The monthly inspection report of a unit (排查报告), readable on screen and
 * printed as A4 like the daily brief (the server prints this page to PDF);
 * the unit and month live in the address.
 */
export default function GovernanceReportPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { query } = useLocation();
  const unit = query.get('unit') ?? '';
  const askedMonth = query.get('month') ?? '';
  const month = MONTH_RE.test(askedMonth) ? askedMonth : '';
  const { data, error } = useLoad<GovernanceReport>(`/api/v1/governance/report${qs({ unit, month })}`);
  const units = useVisibleUnits();
  // A newer address wins: the shown report must be the one asked for.
  const report = data && (!unit || data.unit_id === unit) && (!month || data.month === month) ? data : undefined;
  const shownMonth = report?.month ?? month;
  const shownUnit = report?.unit_id ?? unit;
  const links = reportLinks(shownUnit, shownMonth);
  const state = error ? 'error' : report ? 'ready' : 'loading';
  const go = (change: { unit?: string; month?: string }) => navigate(reportLinks(change.unit ?? shownUnit, change.month ?? shownMonth).page);

  return (
    <article className="brief governance-report" data-report-state={state} data-unit={shownUnit} data-month={shownMonth} aria-busy={state === 'loading'}>
      <header className="brief-head">
        <div className="brief-title">
          <h1>{t('政务新媒体月度排查报告', 'Monthly inspection of government accounts')}</h1>
          {report && (
            <span className="brief-date">
              {report.unit_name ?? report.unit_id} · {monthTitle(report.month, lang)}
            </span>
          )}
        </div>
        {shownMonth && (
          <nav className="brief-nav no-print" aria-label={t('选择单位和月份', 'Choose a unit and month')}>
            <Link to="/governance">← {t('账号治理', 'Account governance')}</Link>
            {units.length > 0 && (
              <label>
                <span className="visually-hidden">{t('单位', 'Unit')}</span>
                <select value={shownUnit} onChange={(e) => go({ unit: e.target.value })} aria-label={t('单位', 'Unit')}>
                  {!units.some((u) => u.id === shownUnit) && <option value={shownUnit}>{report?.unit_name ?? shownUnit}</option>}
                  {units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <Link to={reportLinks(shownUnit, addMonths(shownMonth, -1)).page}>← {t('上月', 'Previous month')}</Link>
            <label>
              <span className="visually-hidden">{t('月份', 'Month')}</span>
              <input type="month" value={shownMonth} onChange={(e) => MONTH_RE.test(e.target.value) && go({ month: e.target.value })} aria-label={t('月份', 'Month')} />
            </label>
            <Link to={reportLinks(shownUnit, addMonths(shownMonth, 1)).page}>{t('下月', 'Next month')} →</Link>
            <button type="button" className="secondary" onClick={() => window.print()}>
              {t('打印', 'Print')}
            </button>
            <a className="button-link" href={links.pdf} target="_blank" rel="noopener">
              {t('下载 PDF', 'PDF')}
            </a>
            <a className="button-link" href={links.csv} download>
              CSV
            </a>
          </nav>
        )}
      </header>
      {error ? (
        <p className="page-error" role="alert">
          {t('无法生成排查报告：', 'Cannot make the report: ')}
          {error}
        </p>
      ) : report ? (
        <ReportView report={report} />
      ) : (
        <p className="muted">{t('正在汇总…', 'Compiling…')}</p>
      )}
    </article>
  );
}

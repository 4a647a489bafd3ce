import type { Consultation, ConsultationAnalysis } from '@fenghuo/shared/consultation';
import { useLoad } from '../analyst/useLoad';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { decisionLabel, formatPeriod, share, StanceBar, stanceLabel, StanceTable } from './parts';
import '../pages/brief.css';
import './consultations.css';

/**
 * The consultation report (意见征集分析报告), on screen and printed as A4 like
 * the daily brief (the server prints this page to PDF): participation,
 * stance shares, themes with quotes, articles, campaigns, notable
 * suggestions and the feedback table.
 */
export default function ConsultationReportPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const c = useLoad<Consultation>(`/api/v1/consultations/${encodeURIComponent(id)}`);
  const a = useLoad<ConsultationAnalysis>(`/api/v1/consultations/${encodeURIComponent(id)}/analysis`);
  const error = c.error ?? a.error;
  const consultation = c.data;
  const analysis = a.data;
  const state = error ? 'error' : consultation && analysis ? 'ready' : 'loading';
  const total = analysis ? analysis.totals.weighted : 0;
  return (
    <article className="brief consult-report" data-report-state={state} aria-busy={state === 'loading'}>
      <header className="brief-head">
        <div className="brief-title">
          <h1>{t('意见征集分析报告', 'Consultation report')}</h1>
          {analysis && <span className="brief-date">{formatDateTime(analysis.generated_at)}</span>}
        </div>
        <nav className="brief-nav no-print">
          <Link to={`/consultations/${id}`}>← {t('返回', 'Back')}</Link>
          <button type="button" className="secondary" onClick={() => window.print()}>
            {t('打印', 'Print')}
          </button>
          <a className="button-link" href={`/consultations/${id}/report.pdf`} target="_blank" rel="noopener">
            {t('下载 PDF', 'PDF')}
          </a>
        </nav>
      </header>
      {error && <p className="error">{error}</p>}
      {consultation && analysis && (
        <>
          <p className="brief-meta">
            <b>{consultation.policy.title}</b>
            {consultation.policy.office && ` · ${consultation.policy.office}`} · {formatPeriod(consultation.policy.period)}
          </p>
          <section className="brief-kpis report-kpis">
            <div className="kpi">
              <span className="kpi-label">{t('意见条数', 'Comments')}</span>
              <span className="kpi-value">{analysis.totals.comments}</span>
            </div>
            <div className="kpi">
              <span className="kpi-label">{t('参与人数', 'Participants')}</span>
              <span className="kpi-value">{analysis.totals.accounts}</span>
            </div>
            {(['support', 'oppose'] as const).map((k) => (
              <div className="kpi" key={k}>
                <span className="kpi-label">{stanceLabel(k, lang)}</span>
                <span className="kpi-value" data-report-share={k}>{share(analysis.stances[k], total)}</span>
              </div>
            ))}
          </section>
          <section className="brief-section">
            <h2>{t('态度分布', 'Stance shares')}</h2>
            <StanceBar stances={analysis.stances} lang={lang} />
            <p className="muted small">
              {t(
                `占比以 ${total} 条计：同一账号重复意见计一次，${analysis.campaigns.length} 组疑似组织化刷评（${analysis.totals.campaign_comments} 条）各计一次。`,
                `Shares over ${total} comments: an account's repeats count once, and each of ${analysis.campaigns.length} coordinated campaigns (${analysis.totals.campaign_comments} comments) counts once.`,
              )}
            </p>
          </section>
          <section className="brief-section">
            <h2>{t('主要意见主题', 'Main themes')}</h2>
            <StanceTable
              headers={[t('主题', 'Theme'), t('条数', 'Comments'), t('态度', 'Stance'), t('代表性意见', 'Representative comment')]}
              rows={analysis.themes.map((th) => ({ key: th.key, label: th.label, count: th.size, stances: th.stances, extra: th.representatives[0] ? `“${th.representatives[0].text}”` : '—' }))}
              lang={lang}
              rowAttribute="data-report-theme"
            />
          </section>
          <section className="brief-section">
            <h2>{t('各条款意见', 'Comments per article')}</h2>
            <StanceTable
              headers={[t('条款', 'Article'), t('意见数', 'Comments'), t('态度', 'Stance')]}
              rows={analysis.sections.map((s) => ({ key: s.section_id, label: s.title, count: s.count, stances: s.stances }))}
              lang={lang}
              rowAttribute="data-report-section"
            />
          </section>
          <section className="brief-section">
            <h2>{t('代表性建议', 'Notable suggestions')}</h2>
            <ol>
              {analysis.suggestions.slice(0, 6).map((s) => (
                <li key={s.id}>“{s.text}”</li>
              ))}
            </ol>
          </section>
          {analysis.campaigns.length > 0 && (
            <section className="brief-section">
              <h2>{t('疑似组织化刷评', 'Coordinated campaigns')}</h2>
              <ul>
                {analysis.campaigns.map((cp) => (
                  <li key={cp.id}>
                    “{cp.text}” — {t(`${cp.accounts} 个账号，${formatDateTime(cp.first_at)} 至 ${formatDateTime(cp.last_at)}`, `${cp.accounts} accounts, ${formatDateTime(cp.first_at)} to ${formatDateTime(cp.last_at)}`)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="brief-section">
            <h2>{t('意见采纳情况', 'Feedback')}</h2>
            <table className="brief-table" data-report-feedback>
              <thead>
                <tr>
                  <th scope="col">{t('意见主题', 'Theme')}</th>
                  <th scope="col">{t('处理结果', 'Decision')}</th>
                  <th scope="col">{t('理由', 'Reason')}</th>
                </tr>
              </thead>
              <tbody>
                {analysis.feedback.map((r) => (
                  <tr key={r.theme_key}>
                    <td>{r.theme_label}</td>
                    <td>{decisionLabel(r.decision, lang)}</td>
                    <td>{r.reason || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <footer className="brief-footer muted small">
            {t(
              '本报告由系统根据征集渠道的公开留言自动分析生成：态度按词表判定（可查看命中词），主题按关键词聚类，条款按关键词匹配；结论需起草单位复核。反馈经“先审后发”审核后对外发布。',
              'Generated from the public comments on the consultation channels: stance from a cue lexicon (the cues are shown), themes by keyword clustering, articles by keyword matching; the drafting office reviews the conclusions. The feedback is published after the review.',
            )}
          </footer>
        </>
      )}
    </article>
  );
}

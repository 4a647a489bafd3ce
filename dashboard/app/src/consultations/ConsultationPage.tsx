import { useEffect, useState } from 'react';
import { FEEDBACK_DECISIONS, type Consultation, type ConsultationAnalysis, type FeedbackDecision, type FeedbackRow } from '@fenghuo/shared/consultation';
import { api, ApiError } from '../api';
import { useLoad } from '../analyst/useLoad';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useCan } from '../session';
import { decisionLabel, formatPeriod, StanceBar, stanceLabel, StanceTable, VolumeChart } from './parts';
import '../pages/brief.css';
import './consultations.css';

/** The feedback rows being edited: saved rows first, then every theme not answered yet (the analysis lists them so). */
function FeedbackEditor({ consultation, analysis, onSaved }: { consultation: Consultation; analysis: ConsultationAnalysis; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const canEdit = useCan(['analyst', 'responder']);
  const canPublish = useCan(['responder']);
  const [rows, setRows] = useState<FeedbackRow[]>(analysis.feedback);
  const [message, setMessage] = useState<string>();
  useEffect(() => setRows(analysis.feedback), [analysis]);
  const change = (i: number, patch: Partial<FeedbackRow>) => setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  const save = async () => {
    try {
      await api.put(`/api/v1/consultations/${consultation.id}/feedback`, { expected_version: consultation.version, rows });
      setMessage(t('已保存', 'Saved'));
      onSaved();
    } catch (e) {
      setMessage(e instanceof ApiError && e.status === 409 ? t('他人已修改，请刷新后重试', 'Changed by someone else: reload and try again') : (e as Error).message);
    }
  };
  const publish = async () => {
    try {
      const r = await api.post<{ draft: { id: string } }>(`/api/v1/consultations/${consultation.id}/publish-feedback`, { expected_version: consultation.version });
      setMessage(t(`已生成反馈稿 ${r.draft.id}，已提交审核`, `Feedback draft ${r.draft.id} written and submitted for review`));
      onSaved();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  return (
    <section className="brief-section" aria-labelledby="feedback-h">
      <h2 id="feedback-h">{t('意见采纳情况（反馈）', 'Feedback: what was adopted')}</h2>
      <table className="brief-table feedback-table">
        <thead>
          <tr>
            <th scope="col">{t('意见主题', 'Theme')}</th>
            <th scope="col">{t('处理结果', 'Decision')}</th>
            <th scope="col">{t('理由', 'Reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={r.theme_key} data-theme-row={r.theme_key}>
              <td>{r.theme_label}</td>
              <td>
                <select aria-label={t(`${r.theme_label} 处理结果`, `Decision on ${r.theme_label}`)} value={r.decision} disabled={!canEdit} onChange={(e) => change(i, { decision: e.target.value as FeedbackDecision })}>
                  {FEEDBACK_DECISIONS.map((d) => (
                    <option key={d} value={d}>
                      {decisionLabel(d, lang)}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <textarea aria-label={t(`${r.theme_label} 理由`, `Reason for ${r.theme_label}`)} value={r.reason} disabled={!canEdit} onChange={(e) => change(i, { reason: e.target.value })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="consult-actions">
        {canEdit && (
          <button type="button" onClick={save}>
            {t('保存反馈', 'Save feedback')}
          </button>
        )}
        {canPublish && (
          <button type="button" className="secondary" onClick={publish}>
            {t('生成反馈稿并提交审核', 'Write the feedback statement for review')}
          </button>
        )}
        {consultation.feedback_draft_id && (
          <Link to={`/drafts/${consultation.feedback_draft_id}`}>{t('查看反馈稿', 'Open the feedback draft')}</Link>
        )}
        {message && <span role="status">{message}</span>}
      </div>
    </section>
  );
}

/**
 * One consultation: participation over time, stance shares, themes with
 * representative comments, comments per article, coordinated campaigns,
 * notable suggestions and the feedback table.
 */
export default function ConsultationPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const c = useLoad<Consultation>(`/api/v1/consultations/${encodeURIComponent(id)}`);
  const a = useLoad<ConsultationAnalysis>(`/api/v1/consultations/${encodeURIComponent(id)}/analysis`);
  const error = c.error ?? a.error;
  const consultation = c.data;
  const analysis = a.data;
  const reload = () => {
    c.reload();
    a.reload();
  };
  if (error) return <p className="error">{error}</p>;
  if (!consultation || !analysis) return <p aria-busy="true">{t('加载中…', 'Loading…')}</p>;
  const p = consultation.policy;
  const sectionTitle = (sid: string) => p.sections.find((s) => s.id === sid)?.title ?? sid;
  return (
    <article className="consultation-page" data-consultation={consultation.id}>
      <p>
        <Link to="/consultations">← {t('征求意见', 'Consultations')}</Link>
      </p>
      <h1>{p.title}</h1>
      <p className="muted">
        {p.office && `${p.office} · `}
        {formatPeriod(p.period)} · {p.channels.join(' / ')}
      </p>
      <div className="consult-actions">
        <Link to={`/consultations/${consultation.id}/report`}>{t('意见分析报告', 'Consultation report')}</Link>
        <a href={`/consultations/${consultation.id}/report.pdf`} target="_blank" rel="noopener">
          PDF
        </a>
      </div>

      <section className="brief-kpis" aria-label={t('概况', 'Overview')}>
        <div className="kpi">
          <span className="kpi-label">{t('意见条数', 'Comments')}</span>
          <span className="kpi-value" data-kpi="comments">{analysis.totals.comments}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('参与人数', 'Participants')}</span>
          <span className="kpi-value" data-kpi="accounts">{analysis.totals.accounts}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('计入占比的意见', 'Counted in shares')}</span>
          <span className="kpi-value">{analysis.totals.weighted}</span>
          <span className="kpi-sub">{t(`重复 ${analysis.totals.duplicates} · 组织化 ${analysis.totals.campaign_comments}`, `${analysis.totals.duplicates} repeats · ${analysis.totals.campaign_comments} in campaigns`)}</span>
        </div>
        <div className="kpi">
          <span className="kpi-label">{t('疑似组织化刷评', 'Coordinated campaigns')}</span>
          <span className="kpi-value" data-kpi="campaigns">{analysis.campaigns.length}</span>
        </div>
      </section>

      <div className="consult-grid">
        <section className="brief-section">
          <h2>{t('参与趋势', 'Participation')}</h2>
          <VolumeChart points={analysis.volume} bucketMs={analysis.bucket_ms} t={t} />
          <p className="muted small">{t('柱：意见条数；线：参与人数', 'Bars: comments; line: participants')}</p>
        </section>
        <section className="brief-section" data-section="stances">
          <h2>{t('总体态度', 'Stance')}</h2>
          <StanceBar stances={analysis.stances} lang={lang} />
          <p className="muted small">{t('同一账号重复意见、组织化刷评各计一次。', 'Repeats by one account and each coordinated campaign count once.')}</p>
        </section>
      </div>

      <section className="brief-section" aria-labelledby="themes-h">
        <h2 id="themes-h">{t('意见主题', 'Themes')}</h2>
        {analysis.themes.map((th) => (
          <div key={th.key} className="theme-card" data-theme={th.key}>
            <h3>
              {th.label} <span className="muted small">{t(`${th.size} 条`, `${th.size} comments`)}</span>
              {th.sections.length > 0 && <span className="muted small"> · {th.sections.map(sectionTitle).join('、')}</span>}
            </h3>
            <StanceBar stances={th.stances} lang={lang} />
            <ul className="theme-quotes">
              {th.representatives.map((r) => (
                <li key={r.id}>
                  “{r.text}” <span className="quote-cues">{stanceLabel(r.stance, lang)}{r.cues.length ? ` · ${r.cues.join(' ')}` : ''}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>

      <section className="brief-section" aria-labelledby="sections-h">
        <h2 id="sections-h">{t('各条款意见', 'Comments per article')}</h2>
        <StanceTable
          headers={[t('条款', 'Article'), t('意见数', 'Comments'), t('态度', 'Stance')]}
          rows={analysis.sections.map((s) => ({ key: s.section_id, label: s.title, count: s.count, stances: s.stances }))}
          lang={lang}
          rowAttribute="data-section-row"
        />
        <p className="muted small" data-general>
          {t(`未涉及具体条款的总体意见 ${analysis.totals.general} 条`, `${analysis.totals.general} general comments (no article)`)}
        </p>
      </section>

      {analysis.campaigns.length > 0 && (
        <section className="brief-section" aria-labelledby="campaigns-h">
          <h2 id="campaigns-h">{t('疑似组织化刷评', 'Coordinated campaigns')}</h2>
          {analysis.campaigns.map((cp) => (
            <div key={cp.id} className="campaign" data-campaign={cp.id}>
              <b>“{cp.text}”</b>
              <div className="muted small">
                {t(`${cp.accounts} 个账号 · ${cp.members.length} 条`, `${cp.accounts} accounts · ${cp.members.length} comments`)} · {formatDateTime(cp.first_at)} – {formatDateTime(cp.last_at)} · {stanceLabel(cp.stance, lang)}
              </div>
              <div className="small">{cp.members.map((m) => m.author).join('、')}</div>
            </div>
          ))}
        </section>
      )}

      <section className="brief-section" aria-labelledby="suggestions-h">
        <h2 id="suggestions-h">{t('代表性建议', 'Notable suggestions')}</h2>
        <ol>
          {analysis.suggestions.map((s) => (
            <li key={s.id}>“{s.text}”{s.sections.length > 0 && <span className="muted small"> · {s.sections.map(sectionTitle).join('、')}</span>}</li>
          ))}
        </ol>
      </section>

      <FeedbackEditor consultation={consultation} analysis={analysis} onSaved={reload} />
    </article>
  );
}

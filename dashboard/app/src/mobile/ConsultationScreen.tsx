import { useEffect, useState } from 'react';
import type { ConsultationAnalysis, ConsultationStance } from '@fenghuo/shared/consultation';
import { api } from '../api';
import { formatCount, formatDateTime, formatPercent } from '../format';
import { useI18n } from '../i18n';
import { DetailFrame } from './DetailFrame';

export const STANCE_LABELS: Record<ConsultationStance, [string, string]> = {
  support: ['支持', 'Support'],
  oppose: ['反对', 'Oppose'],
  suggestion: ['建议', 'Suggestion'],
  other: ['其他', 'Other'],
};
const STANCES: ConsultationStance[] = ['support', 'oppose', 'suggestion', 'other'];

/**
 * A consultation's summary for a leader on the phone: how many took part,
 * the stance shares (campaigns and repeats counted once, as the analysis
 * does), the main themes with one comment each, the most discussed
 * sections, coordinated campaigns and notable suggestions.
 */
export default function ConsultationScreen({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const [analysis, setAnalysis] = useState<ConsultationAnalysis>();
  const [title, setTitle] = useState<string>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const id = encodeURIComponent(params.id ?? '');
    Promise.all([api.get<{ policy: { title: string } }>(`/api/v1/consultations/${id}`), api.get<ConsultationAnalysis>(`/api/v1/consultations/${id}/analysis`)])
      .then(([c, a]) => live && (setTitle(c.policy.title), setAnalysis(a)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [params.id]);

  const a = analysis;
  const share = (s: ConsultationStance) => (a && a.totals.weighted > 0 ? a.stances[s] / a.totals.weighted : null);
  return (
    <DetailFrame back="/m/consultations" backLabel={t('全部征求意见', 'All consultations')} error={error} title={a ? (title ?? '') : undefined}>
      {a && (
        <>
          <p className="m-muted">{t(`分析时间 ${formatDateTime(a.generated_at)}`, `Analysed ${formatDateTime(a.generated_at)}`)}</p>
          <dl className="m-kpis">
            <div>
              <dt>{t('意见', 'Comments')}</dt>
              <dd>{formatCount(a.totals.comments, lang)}</dd>
            </div>
            <div>
              <dt>{t('参与账号', 'Accounts')}</dt>
              <dd>{formatCount(a.totals.accounts, lang)}</dd>
            </div>
          </dl>
          <section className="m-section" aria-label={t('立场', 'Stances')}>
            <h2>{t('立场', 'Stances')}</h2>
            <ul className="m-list" data-testid="stances">
              {STANCES.map((s) => (
                <li key={s} className="m-stance">
                  <span>
                    <strong>{t(...STANCE_LABELS[s])}</strong> {formatPercent(share(s))} <span className="m-muted">({a.stances[s]})</span>
                  </span>
                  <span className="m-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round((share(s) ?? 0) * 100)}%` }} />
                  </span>
                </li>
              ))}
            </ul>
            <p className="m-muted">
              {t(
                `按 ${a.totals.weighted} 条计：有组织评论每组计一次，同一账号重复只计一次。`,
                `Of ${a.totals.weighted}: each coordinated campaign counts once, an account's repeats once.`,
              )}
            </p>
          </section>
          <section className="m-section" aria-label={t('主要议题', 'Main themes')}>
            <h2>{t('主要议题', 'Main themes')}</h2>
            {!a.themes.length ? (
              <p className="m-muted">{t('无', 'None')}</p>
            ) : (
              <ol className="m-list">
                {a.themes.slice(0, 5).map((theme) => (
                  <li key={theme.key}>
                    <strong>{theme.label}</strong>
                    <span className="m-muted">{t(`${theme.size} 条`, `${theme.size} comments`)}</span>
                    {theme.representatives[0] && <q>{theme.representatives[0].text}</q>}
                  </li>
                ))}
              </ol>
            )}
          </section>
          <section className="m-section" aria-label={t('条款', 'Sections')}>
            <h2>{t('各条款意见', 'By section')}</h2>
            <ul className="m-list">
              {[...a.sections]
                .sort((x, y) => y.count - x.count)
                .map((s) => (
                  <li key={s.section_id}>
                    <strong>{s.title}</strong>
                    <span className="m-muted">
                      {t(`${s.count} 条 · 反对 ${s.stances.oppose}`, `${s.count} comments · ${s.stances.oppose} oppose`)}
                    </span>
                  </li>
                ))}
            </ul>
          </section>
          {a.campaigns.length > 0 && (
            <section className="m-section" aria-label={t('疑似有组织评论', 'Coordinated campaigns')}>
              <h2>{t('疑似有组织评论', 'Coordinated campaigns')}</h2>
              <ul className="m-list">
                {a.campaigns.map((c) => (
                  <li key={c.id}>
                    <strong>{t(`${c.accounts} 个账号`, `${c.accounts} accounts`)}</strong>
                    <q>{c.text}</q>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {a.suggestions.length > 0 && (
            <section className="m-section" aria-label={t('值得关注的建议', 'Notable suggestions')}>
              <h2>{t('值得关注的建议', 'Notable suggestions')}</h2>
              <ul className="m-list">
                {a.suggestions.slice(0, 3).map((s) => (
                  <li key={s.id}>
                    <q>{s.text}</q>
                    <span className="m-muted">{s.author}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </DetailFrame>
  );
}

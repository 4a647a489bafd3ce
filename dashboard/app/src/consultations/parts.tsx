import { CONSULTATION_STANCES, type ConsultationStance, type FeedbackDecision, type StanceCounts, type VolumePoint } from '@fenghuo/shared/consultation';
import type { ReactNode } from 'react';
import type { Lang } from '../i18n';

type T = (zh: string, en: string) => string;

const STANCE_NAMES: Record<ConsultationStance, [string, string]> = {
  support: ['支持', 'Support'],
  oppose: ['反对', 'Oppose'],
  suggestion: ['建议', 'Suggestion'],
  other: ['其他', 'Other'],
};
const DECISION_NAMES: Record<FeedbackDecision, [string, string]> = {
  pending: ['待研究', 'Pending'],
  adopted: ['采纳', 'Adopted'],
  partly: ['部分采纳', 'Partly adopted'],
  not_adopted: ['未采纳', 'Not adopted'],
};

export const stanceLabel = (s: ConsultationStance, lang: Lang) => STANCE_NAMES[s][lang === 'zh' ? 0 : 1];
export const decisionLabel = (d: FeedbackDecision, lang: Lang) => DECISION_NAMES[d][lang === 'zh' ? 0 : 1];

/** Whole-number share of a total, "0%" for none. */
export function share(n: number, total: number): string {
  return total ? `${Math.round((n / total) * 100)}%` : '0%';
}

/** One horizontal bar split by stance, with the shares as its title and legend. */
export function StanceBar({ stances, lang }: { stances: StanceCounts; lang: Lang }) {
  const total = CONSULTATION_STANCES.reduce((s, k) => s + stances[k], 0);
  return (
    <div className="stance-bar-wrap">
      <div className="stance-bar" role="img" aria-label={CONSULTATION_STANCES.map((k) => `${stanceLabel(k, lang)} ${share(stances[k], total)}`).join(', ')}>
        {CONSULTATION_STANCES.filter((k) => stances[k] > 0).map((k) => (
          <span key={k} className={`stance-${k}`} style={{ width: `${(stances[k] / total) * 100}%` }} data-stance={k} />
        ))}
      </div>
      <span className="stance-legend small">
        {CONSULTATION_STANCES.map((k) => (
          <span key={k} data-stance-share={k}>
            <i className={`stance-dot stance-${k}`} />
            {stanceLabel(k, lang)} {stances[k]} ({share(stances[k], total)})
          </span>
        ))}
      </span>
    </div>
  );
}

/** Comments per bucket as bars, accounts as a line: participation over the period so far. */
export function VolumeChart({ points, bucketMs, t }: { points: readonly VolumePoint[]; bucketMs: number; t: T }) {
  const w = 640;
  const h = 120;
  const max = Math.max(1, ...points.map((p) => p.comments));
  const bw = w / Math.max(1, points.length);
  const y = (v: number) => h - 14 - (v / max) * (h - 24);
  const label = (tms: number) => {
    const d = new Date(tms + 8 * 3_600_000);
    return bucketMs >= 86_400_000 ? `${d.getUTCMonth() + 1}/${d.getUTCDate()}` : `${d.getUTCHours()}:00`;
  };
  const every = Math.max(1, Math.ceil(points.length / 10));
  return (
    <svg className="consult-volume" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={t('每日意见数量与参与人数', 'Comments and participants per period')}>
      {points.map((p, i) => (
        <g key={p.t}>
          <rect className="volume-bar" x={i * bw + 1} y={y(p.comments)} width={Math.max(1, bw - 2)} height={h - 14 - y(p.comments)}>
            <title>{`${label(p.t)}: ${p.comments} / ${p.accounts}`}</title>
          </rect>
          {i % every === 0 && (
            <text className="volume-tick" x={i * bw + bw / 2} y={h - 2} textAnchor="middle">
              {label(p.t)}
            </text>
          )}
        </g>
      ))}
      <polyline className="volume-accounts" fill="none" points={points.map((p, i) => `${i * bw + bw / 2},${y(p.accounts)}`).join(' ')} />
    </svg>
  );
}

export function formatPeriod(p: { start: number; end: number }): string {
  const day = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  return `${day(p.start)} – ${day(p.end - 1)}`;
}

export interface StanceRow {
  key: string;
  label: string;
  count: number;
  stances: StanceCounts;
  /** A last column (a quote). */
  extra?: ReactNode;
}

/** Rows (articles, themes) with their count and stance bar; `rowAttribute` marks each row with its key for tests and styles. */
export function StanceTable({ headers, rows, lang, rowAttribute }: { headers: readonly string[]; rows: readonly StanceRow[]; lang: Lang; rowAttribute: string }) {
  return (
    <table className="brief-table">
      <thead>
        <tr>
          {headers.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...{ [rowAttribute]: r.key }}>
            <td>{r.label}</td>
            <td>{r.count}</td>
            <td>
              <StanceBar stances={r.stances} lang={lang} />
            </td>
            {r.extra !== undefined && <td>{r.extra}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

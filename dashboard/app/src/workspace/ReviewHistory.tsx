import { useI18n } from '../i18n';
import { formatDateTime } from '../format';
import type { Draft } from '@fenghuo/shared/workflow';
import type { DraftTransition } from './types';

const ACTION_NAMES: Record<string, [string, string]> = {
  create: ['创建', 'created'],
  edit: ['修改', 'edited'],
  edit_reopened: ['修改（需重新审核）', 'edited (needs a new review)'],
  submit: ['提交审核', 'submitted'],
  approve: ['审核通过', 'approved'],
  reject: ['退回', 'rejected'],
  publish: ['发布', 'published'],
};

/** Who decided what at which level on which text version, with the reviewers' comments; then every transition. */
export function ReviewHistory({ draft, transitions, who }: { draft: Pick<Draft, 'reviews'>; transitions?: readonly DraftTransition[]; who: (id: string) => string }) {
  const { t, lang } = useI18n();
  const actionName = (a: string) => {
    const m = /^approve_level_(\d+)$/.exec(a);
    if (m) return t(`第${m[1]}级审核通过`, `level ${m[1]} approved`);
    return ACTION_NAMES[a]?.[lang === 'zh' ? 0 : 1] ?? a;
  };
  return (
    <div className="review-history">
      {draft.reviews.length ? (
        <ol className="review-steps">
          {draft.reviews.map((r, i) => (
            <li key={i} className={`review-step review-${r.decision}`}>
              <span className="review-decision">{r.decision === 'approve' ? `✓ ${t('通过', 'Approved')}` : `↩ ${t('退回', 'Rejected')}`}</span>{' '}
              <span className="muted">
                {t(`第${r.level}级`, `level ${r.level}`)} · v{r.version} · {who(r.by)} · {formatDateTime(r.at)}
              </span>
              {r.comment && <p className="review-comment">{r.comment}</p>}
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">{t('尚无审核意见', 'No reviews yet')}</p>
      )}
      {transitions && transitions.length > 0 && (
        <details>
          <summary>{t('全部流转记录', 'Every transition')}</summary>
          <ol className="transitions">
            {transitions.map((x) => (
              <li key={x.seq}>
                {formatDateTime(x.at)} · {actionName(x.action)} · v{x.text_version} · {who(x.actor)}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}

import { useState } from 'react';
import type { AlertRule } from '@fenghuo/shared/analytics';
import { api, ApiError } from '../api';
import { severityLabel } from '../analyst/labels';
import { RuleForm } from '../analyst/RuleForm';
import { useLoad } from '../analyst/useLoad';
import { formatDateTime, formatPercent } from '../format';
import { useI18n } from '../i18n';
import './analyst.css';

/** Alert rules: what the analysts ask to be warned about, beyond the automatic rising and first-story alerts. */
export default function RulesPage(_props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const { data, error, reload } = useLoad<{ items: AlertRule[] }>('/api/v1/rules');
  const [editing, setEditing] = useState<AlertRule | undefined>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<string>();

  const remove = async (rule: AlertRule) => {
    if (!window.confirm(t(`删除规则“${rule.name}”？`, `Delete the rule “${rule.name}”?`))) return;
    setActionError(undefined);
    try {
      await api.del(`/api/v1/rules/${encodeURIComponent(rule.id)}`);
      if (editing?.id === rule.id) setEditing(undefined);
      setNotice(t(`已删除“${rule.name}”`, `Deleted “${rule.name}”`));
      reload();
    } catch (e) {
      setActionError(e instanceof ApiError ? e.message : String(e));
    }
  };

  const kindLabel: Record<string, string> = {
    keyword: t('关键词', 'Keywords'),
    volume: t('声量', 'Volume'),
    negative_share: t('负面占比', 'Negative share'),
    rumor_score: t('谣言分', 'Rumor score'),
  };
  const condition = (r: AlertRule) => {
    switch (r.kind) {
      case 'keyword':
        return t(`${r.window_minutes} 分钟内含“${r.phrases.join('、')}”≥ ${r.min_count} 条`, `≥ ${r.min_count} mentions with “${r.phrases.join(', ')}” in ${r.window_minutes} min`);
      case 'volume':
        return t(`${r.window_minutes} 分钟内事件提及 ≥ ${r.min_count}`, `event ≥ ${r.min_count} mentions in ${r.window_minutes} min`);
      case 'negative_share':
        return t(`负面占比 ≥ ${formatPercent(r.min_share)}（事件 ≥ ${r.min_count} 条）`, `negative ≥ ${formatPercent(r.min_share)} (event ≥ ${r.min_count})`);
      case 'rumor_score':
        return t(`谣言分 ≥ ${r.min_score}（事件 ≥ ${r.min_count} 条）`, `rumor score ≥ ${r.min_score} (event ≥ ${r.min_count})`);
    }
  };

  return (
    <div className="analyst rules-page">
      <h1>{t('预警规则', 'Alert rules')}</h1>
      <div aria-live="polite">{notice && <p className="notice">{notice}</p>}</div>
      <div className="crud-layout">
        <section aria-labelledby="rules-list-h">
          <h2 id="rules-list-h" className="visually-hidden">
            {t('规则列表', 'Rules')}
          </h2>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {actionError && (
            <p className="form-error" role="alert">
              {actionError}
            </p>
          )}
          {data && data.items.length === 0 && <p className="empty">{t('还没有规则', 'No rules yet')}</p>}
          {data && data.items.length > 0 && (
            <table className="crud-table rules-table">
              <thead>
                <tr>
                  <th scope="col">{t('名称', 'Name')}</th>
                  <th scope="col">{t('类型', 'Kind')}</th>
                  <th scope="col">{t('条件', 'Condition')}</th>
                  <th scope="col">{t('级别', 'Severity')}</th>
                  <th scope="col">{t('状态', 'State')}</th>
                  <th scope="col">{t('更新', 'Updated')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('操作', 'Actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((r) => (
                  <tr key={r.id} data-rule={r.id}>
                    <td>{r.name}</td>
                    <td>{kindLabel[r.kind]}</td>
                    <td className="cell-clip">{condition(r)}</td>
                    <td>{severityLabel(r.severity, lang)}</td>
                    <td className={r.enabled ? 'state-on' : 'state-off'}>{r.enabled ? t('启用', 'On') : t('停用', 'Off')}</td>
                    <td className="muted small">{formatDateTime(r.updated_at)}</td>
                    <td>
                      <span className="actions">
                        <button type="button" className="secondary small-button" onClick={() => setEditing(r)} aria-label={t(`编辑 ${r.name}`, `Edit ${r.name}`)}>
                          {t('编辑', 'Edit')}
                        </button>
                        <button type="button" className="secondary small-button" onClick={() => void remove(r)} aria-label={t(`删除 ${r.name}`, `Delete ${r.name}`)}>
                          {t('删除', 'Delete')}
                        </button>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card">
          <RuleForm
            key={editing?.id ?? 'new'}
            {...(editing ? { rule: editing, onCancel: () => setEditing(undefined) } : {})}
            onSaved={(r) => {
              setNotice(editing ? t(`已保存“${r.name}”`, `Saved “${r.name}”`) : t(`已创建“${r.name}”`, `Created “${r.name}”`));
              setEditing(undefined);
              reload();
            }}
          />
        </section>
      </div>
    </div>
  );
}

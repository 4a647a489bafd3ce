import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { alertRuleInputSchema, SEVERITIES, type AlertRule, type AlertRuleInput } from '@fenghuo/shared/analytics';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Field, type ControlProps } from './Field';
import { FormFooter } from './FormFooter';
import { useCheckedSave } from './useCheckedSave';
import { severityLabel } from './labels';

export type RuleKind = AlertRuleInput['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['keyword', 'volume', 'negative_share', 'rumor_score'];

/** The form's values as typed (strings for numbers, so an empty field stays empty rather than 0). */
interface Draft {
  kind: RuleKind;
  name: string;
  phrases: string;
  min_count: string;
  window_minutes: string;
  /** Percent, 0–100 (stored as a share 0–1). */
  min_share: string;
  min_score: string;
  severity: string;
  enabled: boolean;
}

function draftOf(rule?: AlertRule): Draft {
  const d: Draft = { kind: 'keyword', name: '', phrases: '', min_count: '', window_minutes: '', min_share: '', min_score: '', severity: 'medium', enabled: true };
  if (!rule) return d;
  return {
    ...d,
    kind: rule.kind,
    name: rule.name,
    severity: rule.severity,
    enabled: rule.enabled,
    min_count: String(rule.min_count),
    ...('phrases' in rule ? { phrases: rule.phrases.join('\n') } : {}),
    ...('window_minutes' in rule ? { window_minutes: String(rule.window_minutes) } : {}),
    ...('min_share' in rule ? { min_share: String(Math.round(rule.min_share * 1000) / 10) } : {}),
    ...('min_score' in rule ? { min_score: String(rule.min_score) } : {}),
  };
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** The rule the API receives: only the fields of its kind; empty numbers left out so the defaults apply. */
export function ruleInput(d: Draft): Record<string, unknown> {
  const base = { kind: d.kind, name: d.name, severity: d.severity, enabled: d.enabled, min_count: num(d.min_count) };
  const phrases = d.phrases.split(/[\n,，、]/).map((p) => p.trim()).filter(Boolean);
  const share = num(d.min_share);
  const extra: Record<RuleKind, Record<string, unknown>> = {
    keyword: { phrases, window_minutes: num(d.window_minutes) },
    volume: { window_minutes: num(d.window_minutes) },
    negative_share: { min_share: share === undefined ? undefined : share / 100 },
    rumor_score: { min_score: num(d.min_score) },
  };
  const out: Record<string, unknown> = { ...base, ...extra[d.kind] };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * Create or edit an alert rule. The browser checks it with the same schema
 * as the server, and what the server still refuses comes back by field;
 * each error sits under its field and is tied to it for screen readers.
 */
export function RuleForm({ rule, onSaved, onCancel }: { rule?: AlertRule; onSaved: (rule: AlertRule) => void; onCancel?: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [d, setD] = useState<Draft>(() => draftOf(rule));
  const { errors, busy, save } = useCheckedSave();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const wording = (i: { code?: string; message: string; path: PropertyKey[] | string }) => {
    const field = Array.isArray(i.path) ? String(i.path[0]) : i.path;
    if (field === 'phrases' && i.code === 'too_small') return t('至少填写一个关键词或短语', 'Enter at least one phrase');
    if (field === 'name' && i.code === 'too_small') return t('请填写规则名称', 'Give the rule a name');
    if (i.code === 'invalid_type') return t('请填写数字', 'Enter a number');
    if (i.code === 'too_small') return t('数值太小', 'Too small');
    if (i.code === 'too_big') return t('数值太大', 'Too large');
    return i.message;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = ruleInput(d);
    const saved = await save(input, alertRuleInputSchema, wording, () => (rule ? api.put<AlertRule>(`/api/v1/rules/${encodeURIComponent(rule.id)}`, input) : api.post<AlertRule>('/api/v1/rules', input)));
    if (!saved) return;
    onSaved(saved);
    if (!rule) setD(draftOf());
  };

  const field = (name: string, label: string, control: (props: ControlProps) => ReactNode, hint?: string) => (
    <Field key={name} id={`${id}-${name}`} label={label} error={errors[name]} hint={hint}>
      {control}
    </Field>
  );

  const kinds: Record<RuleKind, string> = {
    keyword: t('关键词/短语监测', 'Keyword or phrase watch list'),
    volume: t('声量阈值', 'Volume threshold'),
    negative_share: t('负面占比', 'Negative share'),
    rumor_score: t('谣言分', 'Rumor score'),
  };

  return (
    <form className="crud-form" onSubmit={(e) => void submit(e)} aria-label={rule ? t('编辑规则', 'Edit rule') : t('新建规则', 'New rule')} noValidate>
      <h2>{rule ? t('编辑规则', 'Edit rule') : t('新建规则', 'New rule')}</h2>
      {field('kind', t('类型', 'Kind'), (p) => (
        <select {...p} value={d.kind} onChange={(e) => set('kind', e.target.value as RuleKind)} disabled={Boolean(rule)}>
          {RULE_KINDS.map((k) => (
            <option key={k} value={k}>
              {kinds[k]}
            </option>
          ))}
        </select>
      ))}
      {field('name', t('名称', 'Name'), (p) => <input {...p} value={d.name} onChange={(e) => set('name', e.target.value)} maxLength={200} />)}
      {d.kind === 'keyword' &&
        field('phrases', t('关键词或短语', 'Phrases'), (p) => <textarea {...p} value={d.phrases} onChange={(e) => set('phrases', e.target.value)} />, t('每行一个（也可用逗号分隔）；提及或标题含任一即匹配', 'One per line (or comma-separated); any of them in a mention or title matches'))}
      {d.kind === 'negative_share' &&
        field('min_share', t('负面占比不低于（%）', 'Negative share at least (%)'), (p) => <input {...p} type="number" min={0} max={100} step={1} value={d.min_share} onChange={(e) => set('min_share', e.target.value)} />)}
      {d.kind === 'rumor_score' &&
        field('min_score', t('谣言分不低于（0–1）', 'Rumor score at least (0–1)'), (p) => <input {...p} type="number" min={0} max={1} step={0.05} value={d.min_score} onChange={(e) => set('min_score', e.target.value)} />)}
      {field(
        'min_count',
        d.kind === 'keyword' || d.kind === 'volume' ? t('窗口内至少提及数', 'Mentions within the window, at least') : t('事件至少提及数', 'Event size at least'),
        (p) => <input {...p} type="number" min={1} step={1} value={d.min_count} onChange={(e) => set('min_count', e.target.value)} />,
        d.kind === 'volume' ? undefined : t('留空用默认值', 'Leave empty for the default'),
      )}
      {(d.kind === 'keyword' || d.kind === 'volume') &&
        field('window_minutes', t('时间窗口（分钟）', 'Window (minutes)'), (p) => <input {...p} type="number" min={1} max={1440} step={1} value={d.window_minutes} onChange={(e) => set('window_minutes', e.target.value)} />, t('留空为 10 分钟', 'Empty: 10 minutes'))}
      {field('severity', t('级别', 'Severity'), (p) => (
        <select {...p} value={d.severity} onChange={(e) => set('severity', e.target.value)}>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {severityLabel(s, lang)}
            </option>
          ))}
        </select>
      ))}
      <label className="inline">
        <input type="checkbox" checked={d.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        {t('启用', 'Enabled')}
      </label>
      <FormFooter errors={errors} busy={busy} saveLabel={t('保存规则', 'Save rule')} onCancel={onCancel} />
    </form>
  );
}

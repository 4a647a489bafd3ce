import { useEffect, useId, useState, type FormEvent } from 'react';
import { ACCOUNT_LEVELS, governanceThresholdsSchema, type AccountLevel, type GovernanceConfigResponse } from '@fenghuo/shared/governance';
import { api } from '../api';
import { Field, type ControlProps } from '../analyst/Field';
import { FormFooter } from '../analyst/FormFooter';
import { useCheckedSave } from '../analyst/useCheckedSave';
import { useLoad } from '../analyst/useLoad';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { checkLabel, levelLabel } from './labels';
import {
  CADENCE_MODES,
  draftOf,
  formatValue,
  groupWords,
  levelKey,
  modeLabel,
  perWeekKey,
  ruleWords,
  THRESHOLD_GROUPS,
  thresholdIssueWords,
  thresholdsOf,
  unitWords,
  type CadenceMode,
  type GroupId,
  type ThresholdField,
  type ThresholdsDraft,
} from './threshold-fields';
import '../pages/analyst.css';
import './governance.css';

export const GOVERNANCE_CONFIG_PATH = '/api/v1/governance/config';

type Notice = 'saved' | 'reset';

/** What the form starts from; a new `n` remounts it, so a reset or a save also clears stale field errors. */
interface Seed {
  draft: ThresholdsDraft;
  version: number;
  notice?: Notice;
  n: number;
}

function ThresholdsForm({ seed, defaults, onSaved, onReset }: { seed: Seed; defaults: ThresholdsDraft; onSaved: (c: GovernanceConfigResponse) => void; onReset: () => void }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [d, setD] = useState<ThresholdsDraft>(seed.draft);
  const { errors, busy, save } = useCheckedSave();
  const set = (k: string, v: string) => setD((x) => ({ ...x, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    // The whole object every time: the server replaces the stored thresholds with what it gets.
    const thresholds = thresholdsOf(d);
    const saved = await save(thresholds, governanceThresholdsSchema, (i) => thresholdIssueWords(i, lang), () => api.put<GovernanceConfigResponse>(GOVERNANCE_CONFIG_PATH, { expected_version: seed.version, thresholds }));
    if (saved) onSaved(saved);
  };

  const fieldId = (key: string) => `${id}-${key.replace(/\./g, '-')}`;
  /** The default beside the value, and in words whether the value differs from it. */
  const defaultHint = (shown: string, differs: boolean, extra?: string) =>
    [`${t('默认', 'Default')}${t('：', ': ')}${shown}`, differs ? t('已调整', 'changed from the default') : '', extra ?? ''].filter(Boolean).join(' · ');

  const control = (f: ThresholdField) => (p: ControlProps) => {
    const value = d[f.path] ?? '';
    if (f.kind === 'switch') return <input {...p} type="checkbox" checked={value === 'true'} onChange={(e) => set(f.path, e.target.checked ? 'true' : 'false')} />;
    if (f.kind === 'time') return <input {...p} type="text" inputMode="numeric" maxLength={5} placeholder="15:00" value={value} onChange={(e) => set(f.path, e.target.value)} />;
    return (
      <span className="threshold-input">
        <input {...p} type="number" step="any" inputMode="decimal" value={value} onChange={(e) => set(f.path, e.target.value)} />
        <span className="threshold-unit">{unitWords(f.unit, lang)}</span>
      </span>
    );
  };

  const field = (f: ThresholdField) => (
    <Field key={f.path} id={fieldId(f.path)} label={t(...f.label)} error={errors[f.path]} hint={defaultHint(formatValue(f, defaults[f.path] ?? '', lang), d[f.path] !== defaults[f.path], f.hint && t(...f.hint))}>
      {control(f)}
    </Field>
  );

  const levelField = (l: AccountLevel) => {
    const mode = d[levelKey(l)] as CadenceMode;
    const differs = ruleWords(d, l, lang) !== ruleWords(defaults, l, lang);
    return (
      <Field key={l} id={fieldId(levelKey(l))} label={levelLabel(l, lang)} error={errors[perWeekKey(l)] ?? errors[levelKey(l)]} hint={defaultHint(ruleWords(defaults, l, lang), differs)}>
        {(p) => (
          <span className="threshold-input">
            <select {...p} value={mode} onChange={(e) => set(levelKey(l), e.target.value)}>
              {CADENCE_MODES.map((m) => (
                <option key={m} value={m}>
                  {modeLabel(m, lang)}
                </option>
              ))}
            </select>
            {mode === 'per_week' && (
              <>
                <input
                  type="number"
                  step="any"
                  inputMode="numeric"
                  aria-label={t(`${levelLabel(l, lang)}每周条数`, `${levelLabel(l, lang)}: posts a week`)}
                  aria-invalid={Boolean(errors[perWeekKey(l)])}
                  {...(errors[perWeekKey(l)] ? { 'aria-describedby': `${p.id}-err` } : {})}
                  value={d[perWeekKey(l)] ?? ''}
                  onChange={(e) => set(perWeekKey(l), e.target.value)}
                />
                <span className="threshold-unit">{unitWords('posts', lang)}</span>
              </>
            )}
          </span>
        )}
      </Field>
    );
  };

  const legend = (g: GroupId) => (g === 'reminders' || g === 'overview' ? groupWords(g, lang) : checkLabel(g, lang));

  return (
    <form className="crud-form thresholds-form" onSubmit={(e) => void submit(e)} aria-label={t('检查阈值', 'Check thresholds')} noValidate>
      {seed.notice && (
        <p className="notice" role="status" data-testid="thresholds-notice">
          {seed.notice === 'saved' ? t('已保存，账号治理页将按新阈值检查。', 'Saved: the governance page now checks with these thresholds.') : t('已填入默认值，保存后生效。', 'The defaults are filled in; save to apply them.')}{' '}
          {seed.notice === 'saved' && <Link to="/governance">{t('查看检查结果', 'See the results')} →</Link>}
        </p>
      )}
      <div className="thresholds-groups">
        {THRESHOLD_GROUPS.map((g) => (
          <fieldset key={g.id} data-group={g.id}>
            <legend>{legend(g.id)}</legend>
            {g.fields.map(field)}
            {g.id === 'cadence' && (
              <fieldset className="cadence-levels">
                <legend>{t('各级别的更新要求', 'Required updates by level')}</legend>
                {ACCOUNT_LEVELS.map(levelField)}
              </fieldset>
            )}
          </fieldset>
        ))}
      </div>
      <FormFooter errors={errors} busy={busy} saveLabel={t('保存阈值', 'Save thresholds')} />
      <div className="form-actions">
        <button type="button" className="secondary" onClick={onReset}>
          {t('恢复默认值', 'Reset to defaults')}
        </button>
      </div>
    </form>
  );
}

/**
 * The thresholds of the governance checks, for admins: every setting grouped
 * by check with its unit and its default, checked with the server's schema
 * before it is sent, saved whole with the version it was read at.
 */
export default function GovernanceSettingsPage(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { data, error } = useLoad<GovernanceConfigResponse>(GOVERNANCE_CONFIG_PATH);
  const [seed, setSeed] = useState<Seed>();
  useEffect(() => {
    if (data) setSeed({ draft: draftOf(data.thresholds), version: data.version, n: 0 });
  }, [data]);
  const defaults = data ? draftOf(data.defaults) : undefined;

  return (
    <div className="analyst governance-settings-page" data-settings-state={error ? 'error' : seed ? 'ready' : 'loading'}>
      <div className="page-head">
        <h1>{t('治理检查阈值', 'Governance check thresholds')}</h1>
        <Link to="/governance">{t('账号治理', 'Account governance')} →</Link>
      </div>
      <p className="muted">{t('默认值出自国办及各省政务新媒体检查指标；修改后所有账号按新阈值检查。', 'The defaults come from the State Council and provincial inspection indicators; a change applies to every account’s checks.')}</p>
      {error && (
        <p className="form-error" role="alert">
          {t('无法加载阈值：', 'Cannot load the thresholds: ')}
          {error}
        </p>
      )}
      {!seed && !error && <p className="muted">{t('加载中…', 'Loading…')}</p>}
      {seed && defaults && (
        <ThresholdsForm
          key={seed.n}
          seed={seed}
          defaults={defaults}
          onSaved={(c) => setSeed((s) => ({ draft: draftOf(c.thresholds), version: c.version, notice: 'saved', n: (s?.n ?? 0) + 1 }))}
          onReset={() => setSeed((s) => ({ draft: defaults, version: s?.version ?? 0, notice: 'reset', n: (s?.n ?? 0) + 1 }))}
        />
      )}
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { INCIDENT_SEVERITIES, INCIDENT_SEVERITY_LABELS, INCIDENT_TYPE_LABELS, INCIDENT_TYPES, type IncidentInput, type IncidentSeverity, type IncidentType, type Unit } from '@fenghuo/shared/workflow';
import { INCIDENT_TYPE_LABELS_EN } from '../playbooks/labels';
import { useI18n } from '../i18n';
import { SEVERITY_LABELS_EN } from './timeline';

export interface NewIncidentFormProps {
  units: readonly Pick<Unit, 'id' | 'name'>[];
  defaultUnitId?: string;
  onSubmit: (input: IncidentInput) => Promise<void>;
}

interface Errors {
  title?: string;
  unit_id?: string;
  place?: string;
  facts?: string;
  form?: string;
}

/** Opening an incident by hand: what happened, how serious, whose it is, where, and the facts known so far. */
export function NewIncidentForm({ units, defaultUnitId, onSubmit }: NewIncidentFormProps) {
  const { t, lang } = useI18n();
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<IncidentSeverity>('general');
  // The type picks the incident's playbook (应急预案); none chosen reads as 其他.
  const [type, setType] = useState<IncidentType | ''>('');
  const [unitId, setUnitId] = useState(defaultUnitId ?? units[0]?.id ?? '');
  const [unitRole, setUnitRole] = useState<'territorial' | 'competent'>('territorial');
  const [place, setPlace] = useState('');
  const [facts, setFacts] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const validate = (): Errors => {
    const e: Errors = {};
    if (!title.trim()) e.title = t('请填写事件名称', 'Enter a title');
    else if (title.trim().length > 200) e.title = t('事件名称不超过200字', 'At most 200 characters');
    if (!unitId) e.unit_id = t('请选择责任单位', 'Choose a unit');
    if (place.trim().length > 200) e.place = t('地点不超过200字', 'At most 200 characters');
    if (facts.length > 5000) e.facts = t('基本情况不超过5000字', 'At most 5000 characters');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) return;
    setBusy(true);
    try {
      await onSubmit({ title: title.trim(), severity, ...(type ? { type } : {}), unit_id: unitId, unit_role: unitRole, ...(place.trim() ? { place: place.trim() } : {}), ...(facts.trim() ? { facts: facts.trim() } : {}) });
      setTitle('');
      setPlace('');
      setFacts('');
    } catch (err) {
      setErrors({ form: (err as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const err = (k: keyof Errors) =>
    errors[k] ? (
      <span className="field-error" id={`inc-${k}-error`} role="alert">
        {errors[k]}
      </span>
    ) : null;

  return (
    <form className="ws-form new-incident" onSubmit={submit} noValidate aria-label={t('新建处置事件', 'Open an incident')}>
      <label>
        {t('事件名称', 'Title')} *
        <input value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={Boolean(errors.title)} aria-describedby={errors.title ? 'inc-title-error' : undefined} />
        {err('title')}
      </label>
      <div className="ws-row">
        <label>
          {t('级别', 'Severity')}
          <select value={severity} onChange={(e) => setSeverity(e.target.value as IncidentSeverity)}>
            {INCIDENT_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {lang === 'zh' ? INCIDENT_SEVERITY_LABELS[s] : SEVERITY_LABELS_EN[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('类型', 'Type')}
          <select value={type} onChange={(e) => setType(e.target.value as IncidentType | '')}>
            <option value="">{t('未分类', 'Not classified')}</option>
            {INCIDENT_TYPES.map((k) => (
              <option key={k} value={k}>
                {lang === 'zh' ? INCIDENT_TYPE_LABELS[k] : INCIDENT_TYPE_LABELS_EN[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('责任单位', 'Unit')} *
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)} aria-invalid={Boolean(errors.unit_id)}>
            {!unitId && <option value="">{t('请选择', 'Choose')}</option>}
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          {err('unit_id')}
        </label>
        <label>
          {t('单位职责', 'Unit role')}
          <select value={unitRole} onChange={(e) => setUnitRole(e.target.value as 'territorial' | 'competent')}>
            <option value="territorial">{t('属地', 'Territorial')}</option>
            <option value="competent">{t('主管', 'Competent authority')}</option>
          </select>
        </label>
      </div>
      <label>
        {t('地点', 'Place')}
        <input value={place} onChange={(e) => setPlace(e.target.value)} aria-invalid={Boolean(errors.place)} />
        {err('place')}
      </label>
      <label>
        {t('基本情况（已核实的事实）', 'Facts (verified)')}
        <textarea rows={3} value={facts} onChange={(e) => setFacts(e.target.value)} aria-invalid={Boolean(errors.facts)} />
        {err('facts')}
      </label>
      {errors.form && (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      )}
      <div>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('提交中…', 'Opening…') : t('新建事件', 'Open incident')}
        </button>
      </div>
    </form>
  );
}

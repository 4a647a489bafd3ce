import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ACCOUNT_LEVELS, ACCOUNT_STATUSES } from '@fenghuo/shared/governance';
import { officialAccountInputSchema, PLATFORMS_FOR_ACCOUNTS, type OfficialAccount, type Unit } from '@fenghuo/shared/workflow';
import { api } from '../api';
import { Field, type ControlProps } from '../analyst/Field';
import { FormFooter } from '../analyst/FormFooter';
import { useCheckedSave } from '../analyst/useCheckedSave';
import { useI18n } from '../i18n';
import { accountPlatformLabel, accountStatusLabel, levelLabel } from './labels';

/** The form's values as typed: strings, so an empty field stays empty (and is left out) rather than becoming "" or 0. */
interface Draft {
  platform: string;
  account_id: string;
  name: string;
  unit_id: string;
  level: string;
  status: string;
  filing_number: string;
  filing_date: string;
  contact_name: string;
  contact_phone: string;
  contact_email: string;
  opened_on: string;
  publishes_via_workflow: boolean;
  merge_into: string;
  reply_hours: string;
  reply_working_days: string;
  note: string;
}

function draftOf(a?: OfficialAccount): Draft {
  return {
    platform: a?.platform ?? 'weibo',
    account_id: a?.account_id ?? '',
    name: a?.name ?? '',
    unit_id: a?.unit_id ?? '',
    level: a?.level ?? 'other',
    status: a?.status ?? 'active',
    filing_number: a?.filing?.number ?? '',
    filing_date: a?.filing?.date ?? '',
    contact_name: a?.contact?.name ?? '',
    contact_phone: a?.contact?.phone ?? '',
    contact_email: a?.contact?.email ?? '',
    opened_on: a?.opened_on ?? '',
    publishes_via_workflow: a?.publishes_via_workflow ?? false,
    merge_into: a?.merge_into ?? '',
    reply_hours: a?.reply_deadline?.hours !== undefined ? String(a.reply_deadline.hours) : '',
    reply_working_days: a?.reply_deadline?.working_days !== undefined ? String(a.reply_deadline.working_days) : '',
    note: a?.note ?? '',
  };
}

/** Keeps the keys whose value is given; undefined when none is (so an empty group is not sent at all). */
function given<T extends Record<string, unknown>>(o: T): Partial<T> | undefined {
  const out = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
  return Object.keys(out).length ? out : undefined;
}

const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

/** The account the API receives: empty fields left out, so the schema's defaults apply and nothing is stored as "". */
export function accountInput(d: Draft): Record<string, unknown> {
  const out: Record<string, unknown> = {
    platform: d.platform,
    account_id: d.account_id,
    name: d.name,
    unit_id: d.unit_id,
    level: d.level,
    status: d.status,
    publishes_via_workflow: d.publishes_via_workflow,
    filing: given({ number: d.filing_number.trim(), date: d.filing_date }),
    contact: given({ name: d.contact_name.trim(), phone: d.contact_phone.trim(), email: d.contact_email.trim() }),
    reply_deadline: given({ hours: num(d.reply_hours), working_days: num(d.reply_working_days) }),
    opened_on: d.opened_on || undefined,
    merge_into: d.status === 'merging' && d.merge_into ? d.merge_into : undefined,
    note: d.note.trim() || undefined,
  };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

/**
 * Register or change an official account: platform and id, owning unit and
 * its level, status, 备案 and contact. Checked in the browser with the same
 * schema as the server; what the server refuses comes back under its field.
 */
export function AccountForm({ account, units, accounts, onSaved, onCancel }: { account?: OfficialAccount | undefined; units: readonly Unit[]; accounts: readonly OfficialAccount[]; onSaved: (a: OfficialAccount) => void; onCancel?: (() => void) | undefined }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [d, setD] = useState<Draft>(() => draftOf(account));
  const { errors, busy, save } = useCheckedSave();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((x) => ({ ...x, [k]: v }));

  const wording = (i: { code?: string; message: string; path: PropertyKey[] | string }) => {
    if (i.code === 'too_small') return t('请填写', 'Required');
    if (i.code === 'invalid_type') return t('请填写数字', 'Enter a number');
    if (i.code === 'invalid_format' || i.code === 'invalid_string') return t('格式不对', 'Wrong format');
    return i.message;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = accountInput(d);
    const saved = await save(input, officialAccountInputSchema, wording, () => (account ? api.put<OfficialAccount>(`/api/v1/accounts/${encodeURIComponent(account.id)}`, input) : api.post<OfficialAccount>('/api/v1/accounts', input)));
    if (!saved) return;
    onSaved(saved);
    if (!account) setD(draftOf());
  };

  // Error keys are the schema's paths: "filing.date" for the filing date.
  const field = (name: string, label: string, control: (props: ControlProps) => ReactNode, hint?: string) => (
    <Field key={name} id={`${id}-${name.replace('.', '-')}`} label={label} error={errors[name]} hint={hint}>
      {control}
    </Field>
  );
  const text = (k: keyof Draft, max: number, type = 'text') => (p: ControlProps) => <input {...p} type={type} value={String(d[k])} onChange={(e) => set(k, e.target.value)} maxLength={max} />;
  const title = account ? t('编辑账号', 'Edit account') : t('登记账号', 'Register an account');

  return (
    <form className="crud-form" onSubmit={(e) => void submit(e)} aria-label={title} noValidate>
      <h2>{title}</h2>
      {field('platform', t('平台', 'Platform'), (p) => (
        <select {...p} value={d.platform} onChange={(e) => set('platform', e.target.value)}>
          {[...new Set([...PLATFORMS_FOR_ACCOUNTS, d.platform])].map((x) => (
            <option key={x} value={x}>
              {accountPlatformLabel(x, lang)}
            </option>
          ))}
        </select>
      ))}
      {field('account_id', t('账号 ID', 'Account id'), text('account_id', 128), t('平台上的账号 ID（与其发布内容的作者 ID 一致）', 'The platform’s id of the account (the author id of its posts)'))}
      {field('name', t('账号名称', 'Account name'), text('name', 100))}
      {field('unit_id', t('主办单位', 'Owning unit'), (p) => (
        <select {...p} value={d.unit_id} onChange={(e) => set('unit_id', e.target.value)}>
          <option value="">{t('请选择', 'Choose')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      ))}
      {field('level', t('级别', 'Level'), (p) => (
        <select {...p} value={d.level} onChange={(e) => set('level', e.target.value)}>
          {ACCOUNT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {levelLabel(l, lang)}
            </option>
          ))}
        </select>
      ))}
      {field('status', t('状态', 'Status'), (p) => (
        <select {...p} value={d.status} onChange={(e) => set('status', e.target.value)}>
          {ACCOUNT_STATUSES.map((s) => (
            <option key={s} value={s}>
              {accountStatusLabel(s, lang)}
            </option>
          ))}
        </select>
      ))}
      {d.status === 'merging' &&
        field('merge_into', t('并入账号', 'Merge into'), (p) => (
          <select {...p} value={d.merge_into} onChange={(e) => set('merge_into', e.target.value)}>
            <option value="">{t('未定', 'Not decided')}</option>
            {accounts
              .filter((a) => a.id !== account?.id)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}（{accountPlatformLabel(a.platform, lang)}）
                </option>
              ))}
          </select>
        ))}
      <fieldset>
        <legend>{t('备案', 'Filing (备案)')}</legend>
        {field('filing.number', t('备案编号', 'Filing number'), text('filing_number', 64))}
        {field('filing.date', t('备案日期', 'Filing date'), text('filing_date', 10, 'date'))}
      </fieldset>
      <fieldset>
        <legend>{t('运维联系人', 'Contact')}</legend>
        {field('contact.name', t('姓名', 'Name'), text('contact_name', 50))}
        {field('contact.phone', t('电话', 'Phone'), text('contact_phone', 40, 'tel'))}
        {field('contact.email', t('邮箱', 'Email'), text('contact_email', 120, 'email'))}
      </fieldset>
      {field('opened_on', t('开设日期', 'Opened on'), text('opened_on', 10, 'date'), t('检查只从这一天起算', 'Checks judge the account from this day on'))}
      <fieldset>
        <legend>{t('留言答复时限', 'Deadline for answering messages')}</legend>
        {field('reply_deadline.hours', t('小时', 'Hours'), (p) => <input {...p} type="number" min={1} step={1} value={d.reply_hours} onChange={(e) => set('reply_hours', e.target.value)} />)}
        {field('reply_deadline.working_days', t('或工作日', 'or working days'), (p) => <input {...p} type="number" min={1} step={1} value={d.reply_working_days} onChange={(e) => set('reply_working_days', e.target.value)} />)}
      </fieldset>
      <label className="inline">
        <input type="checkbox" checked={d.publishes_via_workflow} onChange={(e) => set('publishes_via_workflow', e.target.checked)} />
        {t('通过本系统先审后发', 'Publishes through Fenghuo’s review workflow')}
      </label>
      {field('note', t('备注', 'Note'), (p) => <textarea {...p} value={d.note} onChange={(e) => set('note', e.target.value)} maxLength={500} />)}
      <FormFooter errors={errors} busy={busy} saveLabel={account ? t('保存账号', 'Save account') : t('登记', 'Register')} onCancel={onCancel} />
    </form>
  );
}

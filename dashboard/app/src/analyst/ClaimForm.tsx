import { useId, useState, type FormEvent } from 'react';
import { debunkClaimInputSchema, type DebunkClaim } from '@fenghuo/shared/analytics';
import { api } from '../api';
import { useI18n } from '../i18n';
import { Field } from './Field';
import { FormFooter } from './FormFooter';
import { useCheckedSave } from './useCheckedSave';

interface Draft {
  claim: string;
  rebuttal: string;
  source: string;
  date: string;
  url: string;
  keywords: string;
}

const draftOf = (c?: DebunkClaim): Draft => ({
  claim: c?.claim ?? '',
  rebuttal: c?.rebuttal ?? '',
  source: c?.source ?? '',
  date: c?.date ?? '',
  url: c?.url ?? '',
  keywords: c?.keywords.join('，') ?? '',
});

export function claimInput(d: Draft): Record<string, unknown> {
  return {
    claim: d.claim,
    rebuttal: d.rebuttal,
    source: d.source,
    date: d.date,
    ...(d.url.trim() ? { url: d.url.trim() } : {}),
    keywords: d.keywords.split(/[\n,，、]/).map((k) => k.trim()).filter(Boolean),
  };
}

/** Create or edit a knowledge-base entry: the rumor as spread, the official rebuttal, who and when, a link, extra keywords. */
export function ClaimForm({ claim, onSaved, onCancel }: { claim?: DebunkClaim; onSaved: (c: DebunkClaim) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [d, setD] = useState<Draft>(() => draftOf(claim));
  const { errors, busy, save } = useCheckedSave();
  const set = (k: keyof Draft, v: string) => setD((x) => ({ ...x, [k]: v }));

  const wording = (i: { code?: string; message: string; path: PropertyKey[] | string }) => {
    const field = Array.isArray(i.path) ? String(i.path[0]) : i.path;
    if (i.code === 'too_small') return t('必填', 'Required');
    if (field === 'date') return t('日期格式为 YYYY-MM-DD', 'Use YYYY-MM-DD');
    if (field === 'url') return t('请填写完整网址（http:// 或 https://）', 'Enter a full URL (http:// or https://)');
    if (i.code === 'too_big') return t('太长', 'Too long');
    return i.message;
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const input = claimInput(d);
    const saved = await save(input, debunkClaimInputSchema, wording, () => (claim ? api.put<DebunkClaim>(`/api/v1/kb/${encodeURIComponent(claim.id)}`, input) : api.post<DebunkClaim>('/api/v1/kb', input)));
    if (!saved) return;
    onSaved(saved);
    if (!claim) setD(draftOf());
  };

  const f = (name: keyof Draft) => ({ id: `${id}-${name}`, error: errors[name] });
  return (
    <form className="crud-form" onSubmit={(e) => void submit(e)} aria-label={claim ? t('编辑辟谣条目', 'Edit entry') : t('新建辟谣条目', 'New entry')} noValidate>
      <h2>{claim ? t('编辑辟谣条目', 'Edit entry') : t('新建辟谣条目', 'New entry')}</h2>
      <Field {...f('claim')} label={t('谣言内容', 'Claim')} hint={t('谣言的常见说法', 'The rumor as people spread it')}>
        {(p) => <textarea {...p} value={d.claim} onChange={(e) => set('claim', e.target.value)} maxLength={2000} />}
      </Field>
      <Field {...f('rebuttal')} label={t('辟谣内容', 'Rebuttal')}>
        {(p) => <textarea {...p} value={d.rebuttal} onChange={(e) => set('rebuttal', e.target.value)} maxLength={5000} />}
      </Field>
      <Field {...f('source')} label={t('辟谣来源', 'Source')}>
        {(p) => <input {...p} value={d.source} onChange={(e) => set('source', e.target.value)} maxLength={200} placeholder={t('如 荆州市水务局', 'e.g. the city water bureau')} />}
      </Field>
      <Field {...f('date')} label={t('辟谣日期', 'Date')}>
        {(p) => <input {...p} type="date" value={d.date} onChange={(e) => set('date', e.target.value)} />}
      </Field>
      <Field {...f('url')} label={t('辟谣链接', 'Link')}>
        {(p) => <input {...p} type="url" value={d.url} onChange={(e) => set('url', e.target.value)} placeholder="https://" />}
      </Field>
      <Field {...f('keywords')} label={t('关键词', 'Keywords')} hint={t('逗号分隔；补充从文本中提取的词', 'Comma-separated; added to the words taken from the text')}>
        {(p) => <input {...p} value={d.keywords} onChange={(e) => set('keywords', e.target.value)} />}
      </Field>
      <FormFooter errors={errors} busy={busy} saveLabel={t('保存条目', 'Save entry')} onCancel={onCancel} />
    </form>
  );
}

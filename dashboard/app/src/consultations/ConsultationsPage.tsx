import { useState, type FormEvent } from 'react';
import { CONSULTATION_CHANNELS, type ConsultationChannel, type ConsultationInput, type ConsultationList } from '@fenghuo/shared/consultation';
import { api } from '../api';
import { useLoad } from '../analyst/useLoad';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useCan } from '../session';
import { formatPeriod } from './parts';
import './consultations.css';

const DAY = 86_400_000;

/**
 * Sections typed one per line as "title：text" (the article's number in the
 * title, e.g. "第三条 夜间收费：夜间20时至…"); ids s1, s2… in order.
 */
export function parseSections(text: string): ConsultationInput['sections'] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const at = line.search(/[:：]/);
      return { id: `s${i + 1}`, title: at > 0 ? line.slice(0, at).trim() : `第${i + 1}条`, text: at > 0 ? line.slice(at + 1).trim() : line };
    });
}

const terms = (s: string) => s.split(/[,，\s]+/).map((x) => x.trim()).filter(Boolean);

function CreateForm() {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [office, setOffice] = useState('');
  const [sections, setSections] = useState('');
  const [channels, setChannels] = useState<ConsultationChannel[]>(['weibo', 'wechat', 'gov_board']);
  const [days, setDays] = useState(30);
  const [posts, setPosts] = useState('');
  const [allOf, setAllOf] = useState('');
  const [anyOf, setAnyOf] = useState('');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const start = Date.now();
    const rule = { all_of: terms(allOf), any_of: terms(anyOf) };
    const input: ConsultationInput = {
      title,
      office,
      sections: parseSections(sections),
      channels,
      period: { start, end: start + days * DAY },
      post_ids: terms(posts),
      keyword_rules: rule.all_of.length + rule.any_of.length ? [rule] : [],
    };
    try {
      const c = await api.post<{ id: string }>('/api/v1/consultations', input);
      navigate(`/consultations/${c.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <form className="consult-form" onSubmit={submit} aria-label={t('新建征求意见', 'New consultation')}>
      <h2>{t('新建征求意见', 'New consultation')}</h2>
      <label>
        {t('政策草案标题', 'Draft policy title')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required />
      </label>
      <label>
        {t('起草单位', 'Drafting office')}
        <input value={office} onChange={(e) => setOffice(e.target.value)} />
      </label>
      <label>
        {t('条款（每行一条，“标题：正文”）', 'Articles (one per line, "title: text")')}
        <textarea value={sections} onChange={(e) => setSections(e.target.value)} required />
      </label>
      <fieldset>
        <legend>{t('征集渠道', 'Channels')}</legend>
        {CONSULTATION_CHANNELS.map((p) => (
          <label key={p}>
            <input type="checkbox" checked={channels.includes(p)} onChange={(e) => setChannels((cs) => (e.target.checked ? [...cs, p] : cs.filter((x) => x !== p)))} /> {p}
          </label>
        ))}
      </fieldset>
      <label>
        {t('征集天数（自今日起）', 'Days open (from today)')}
        <input type="number" min={1} max={365} value={days} onChange={(e) => setDays(Number(e.target.value))} />
      </label>
      <label>
        {t('征集帖子 ID（逗号分隔）', 'Collecting post ids (comma separated)')}
        <input value={posts} onChange={(e) => setPosts(e.target.value)} />
      </label>
      <label>
        {t('关键词：全部包含', 'Keywords: all of')}
        <input value={allOf} onChange={(e) => setAllOf(e.target.value)} />
      </label>
      <label>
        {t('关键词：包含其一', 'Keywords: any of')}
        <input value={anyOf} onChange={(e) => setAnyOf(e.target.value)} />
      </label>
      <button type="submit">{t('创建', 'Create')}</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Consultations of one's units, newest first, and (for analysts and responders) a form to open one. */
export default function ConsultationsPage(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { data, error } = useLoad<ConsultationList>('/api/v1/consultations');
  const canCreate = useCan(['analyst', 'responder']);
  const [creating, setCreating] = useState(false);
  return (
    <article>
      <h1>{t('决策前征求意见', 'Public consultations')}</h1>
      {error && <p className="error">{error}</p>}
      {data && data.consultations.length === 0 && <p className="muted">{t('暂无征求意见。', 'No consultations yet.')}</p>}
      {data && data.consultations.length > 0 && (
        <table className="brief-table consult-list">
          <thead>
            <tr>
              <th scope="col">{t('政策草案', 'Draft policy')}</th>
              <th scope="col">{t('征集期', 'Period')}</th>
              <th scope="col">{t('渠道', 'Channels')}</th>
              <th scope="col">{t('状态', 'Status')}</th>
            </tr>
          </thead>
          <tbody>
            {data.consultations.map((c) => (
              <tr key={c.id} data-consultation-row={c.id}>
                <td>
                  <Link to={`/consultations/${c.id}`}>{c.title}</Link>
                </td>
                <td>{formatPeriod(c.period)}</td>
                <td>{c.channels.join(' / ')}</td>
                <td>{c.status === 'open' ? t('征集中', 'Open') : c.status === 'closed' ? t('已结束', 'Closed') : t('草稿', 'Draft')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCreate && !creating && (
        <p>
          <button type="button" onClick={() => setCreating(true)}>
            {t('新建征求意见', 'New consultation')}
          </button>
        </p>
      )}
      {creating && <CreateForm />}
    </article>
  );
}

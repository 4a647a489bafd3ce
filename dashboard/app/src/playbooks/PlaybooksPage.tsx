import { useEffect, useMemo, useState } from 'react';
import { checkPlaybook, type PlaybookIssue, type StoredPlaybook } from '@fenghuo/shared/playbook';
import { INCIDENT_SEVERITY_LABELS, INCIDENT_TYPE_LABELS } from '@fenghuo/shared/workflow';
import { api, ApiError } from '../api';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { navigate, useLocation } from '../router';
import { useCan } from '../session';
import { SEVERITY_LABELS_EN, TEMPLATE_LABELS } from '../workspace/labels';
import { INCIDENT_TYPE_LABELS_EN, ROLE_LABELS } from './labels';
import { dueWords } from './step-words';
import './playbooks.css';

/** The editor's text checked with the shared schema: JSON errors and field errors, as the server would give them. */
export function checkPlaybookText(text: string): PlaybookIssue[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return [{ path: '', message: `JSON: ${(e as Error).message}` }];
  }
  const r = checkPlaybook(json);
  return r.ok ? [] : r.issues;
}

/**
 * Emergency playbooks (应急预案): every playbook with what it applies to and
 * its steps in words; admins edit one as JSON, checked as they type and
 * again by the server (each problem with its field), saved with its version.
 */
export default function PlaybooksPage() {
  const { t, lang } = useI18n();
  const isAdmin = useCan(['admin']);
  const location = useLocation();
  const [list, setList] = useState<StoredPlaybook[]>();
  const [error, setError] = useState<string>();
  const selectedId = location.query.get('id') ?? list?.[0]?.playbook.id;
  const selected = list?.find((p) => p.playbook.id === selectedId);
  const [text, setText] = useState<string>();
  const [serverIssues, setServerIssues] = useState<PlaybookIssue[]>([]);
  const [notice, setNotice] = useState<string>();

  const load = async () => {
    try {
      setList(await api.get<StoredPlaybook[]>('/api/v1/playbooks'));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  useEffect(() => void load(), []);
  useEffect(() => {
    setText(undefined);
    setServerIssues([]);
    setNotice(undefined);
  }, [selectedId]);

  const issues = useMemo(() => (text === undefined ? [] : checkPlaybookText(text)), [text]);
  const save = async () => {
    if (!selected || text === undefined || issues.length) return;
    try {
      const saved = await api.put<StoredPlaybook>(`/api/v1/playbooks/${encodeURIComponent(selected.playbook.id)}`, { expected_version: selected.version, playbook: JSON.parse(text) });
      setList((cur) => cur?.map((p) => (p.playbook.id === saved.playbook.id ? saved : p)));
      setText(undefined);
      setServerIssues([]);
      setNotice(t(`已保存，版本 ${saved.version}`, `Saved, version ${saved.version}`));
    } catch (e) {
      const body = e instanceof ApiError ? e.body : {};
      setServerIssues(Array.isArray(body.issues) ? (body.issues as PlaybookIssue[]) : [{ path: '', message: (e as Error).message }]);
    }
  };

  if (error) return <p className="page-error" role="alert">{error}</p>;
  if (!list) return <p className="muted">{t('加载中…', 'Loading…')}</p>;
  const applies = (p: StoredPlaybook['playbook']) => {
    const types = p.applies_to.types.map((x) => (lang === 'zh' ? INCIDENT_TYPE_LABELS[x] : INCIDENT_TYPE_LABELS_EN[x])).join('、');
    const sevs = p.applies_to.severities.map((x) => (lang === 'zh' ? INCIDENT_SEVERITY_LABELS[x] : SEVERITY_LABELS_EN[x])).join('、');
    return [types || t('所有类型', 'all types'), sevs || t('所有级别', 'all severities')].join(' · ');
  };
  const shown = [...issues, ...serverIssues];
  return (
    <div className="ws-page">
      <h1>{t('应急预案', 'Emergency playbooks')}</h1>
      <div className="playbooks-page">
        <nav aria-label={t('预案列表', 'Playbooks')}>
          <ul className="playbooks-list">
            {list.map((p) => (
              <li key={p.playbook.id}>
                <button type="button" className="link-button" aria-current={p.playbook.id === selectedId} onClick={() => navigate(`/playbooks?id=${encodeURIComponent(p.playbook.id)}`)}>
                  {lang === 'en' && p.playbook.name_en ? p.playbook.name_en : p.playbook.name}
                </button>
                <div className="muted small">{applies(p.playbook)}</div>
              </li>
            ))}
          </ul>
        </nav>
        {selected && (
          <section className="ws-card" aria-label={selected.playbook.name} data-testid="playbook-detail">
            <h2>{lang === 'en' && selected.playbook.name_en ? selected.playbook.name_en : selected.playbook.name}</h2>
            <p className="muted">
              {applies(selected.playbook)} ·{' '}
              {selected.source === 'default' ? t('系统默认', 'shipped default') : t(`已修订，版本 ${selected.version}`, `edited, version ${selected.version}`)}
              {selected.updated_at !== undefined && ` · ${formatDateTime(selected.updated_at)}`}
            </p>
            {selected.playbook.description && <p>{selected.playbook.description}</p>}
            <table className="ws-table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('步骤', 'Step')}</th>
                  <th scope="col">{t('责任', 'Owner')}</th>
                  <th scope="col">{t('时限', 'Due')}</th>
                  <th scope="col">{t('模板', 'Templates')}</th>
                </tr>
              </thead>
              <tbody>
                {selected.playbook.steps.map((s, i) => (
                  <tr key={s.id}>
                    <td>{i + 1}</td>
                    <td>
                      {lang === 'en' && s.title_en ? s.title_en : s.title}
                      {!s.required && <span className="muted"> {t('（可选）', '(optional)')}</span>}
                    </td>
                    <td>{s.owner.label ?? t(ROLE_LABELS[s.owner.role][0], ROLE_LABELS[s.owner.role][1])}</td>
                    <td>{dueWords(s, lang)}</td>
                    <td>{s.templates.map((k) => TEMPLATE_LABELS[k][lang === 'zh' ? 0 : 1]).join('、')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {isAdmin && (
              <details className="playbook-editor" open={text !== undefined}>
                <summary
                  onClick={(e) => {
                    // The state alone opens and closes it: the native toggle after a re-render would close what the state just opened.
                    e.preventDefault();
                    setText((cur) => (cur === undefined ? JSON.stringify(selected.playbook, null, 2) : undefined));
                  }}
                >{t('编辑 JSON', 'Edit as JSON')}</summary>
                <textarea className="playbook-json" aria-label={t('预案 JSON', 'Playbook JSON')} spellCheck={false} value={text ?? JSON.stringify(selected.playbook, null, 2)} onChange={(e) => setText(e.target.value)} />
                {shown.length > 0 && (
                  <ul className="playbook-issues" role="alert" data-testid="playbook-issues">
                    {shown.map((i, k) => (
                      <li key={k}>
                        <code>{i.path || t('（整体）', '(playbook)')}</code>：{i.message}
                      </li>
                    ))}
                  </ul>
                )}
                <button type="button" disabled={text === undefined || issues.length > 0} onClick={() => void save()}>
                  {t('保存', 'Save')}
                </button>
              </details>
            )}
            {notice && <p role="status">{notice}</p>}
          </section>
        )}
      </div>
    </div>
  );
}

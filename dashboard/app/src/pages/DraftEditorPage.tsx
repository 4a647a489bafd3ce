import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { formatDateTime, fromZoneInput } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useCan, useSession } from '../session';
import { toLocalInput } from '../workspace/ActionForm';
import { FindingsList, HighlightedText } from '../workspace/CheckedText';
import { DRAFT_STATUS_ICON, DRAFT_STATUS_LABELS, PLATFORM_LABELS, TEMPLATE_LABELS } from '../workspace/labels';
import { ReviewHistory } from '../workspace/ReviewHistory';
import { usePeople } from '../workspace/usePeople';
import type { CheckFinding, DraftSuggestions, DraftTransition, DraftView, StatementTemplate } from '../workspace/types';
import { safeHref } from '../analyst/safe-url';
import './workspace.css';

interface Checked {
  text: string;
  findings: CheckFinding[];
}

/**
 * The press officer's editor: title and text saved against the version
 * read (a colleague's save in between is a clear conflict, never a silent
 * overwrite), the checks marked in the text, suggestions from the debunk KB
 * and the Q&A library, submission for review, the review record, and
 * publishing once approved.
 */
export default function DraftEditorPage({ params }: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = params.id ?? '';
  const { session } = useSession();
  const isResponder = useCan(['responder']);
  const [draft, setDraft] = useState<DraftView>();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [checked, setChecked] = useState<Checked>();
  const [suggestions, setSuggestions] = useState<DraftSuggestions>();
  const [transitions, setTransitions] = useState<DraftTransition[]>();
  const [conflict, setConflict] = useState<string>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<{ text: string; tone: 'ok' | 'warn' }>();
  const [busy, setBusy] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const who = usePeople(session.user.id, t('我', 'me'));

  const adopt = useCallback((d: DraftView) => {
    setDraft(d);
    setTitle(d.title);
    setBody(d.body);
    setChecked({ text: d.body, findings: d.checks });
    setConflict(undefined);
  }, []);
  const loadHistory = useCallback(async () => {
    try {
      setTransitions((await api.get<{ history: DraftTransition[] }>(`/api/v1/drafts/${encodeURIComponent(id)}/history`)).history);
    } catch {
      // the record stays as it was
    }
  }, [id]);
  const load = useCallback(async () => {
    try {
      adopt(await api.get<DraftView>(`/api/v1/drafts/${encodeURIComponent(id)}`));
      setError(undefined);
    } catch (e) {
      setError((e as Error).message);
    }
    void loadHistory();
  }, [id, adopt, loadHistory]);
  useEffect(() => {
    void load();
  }, [load]);
  const [template, setTemplate] = useState<StatementTemplate>();
  const kind = draft?.kind;
  useEffect(() => {
    if (!kind) return;
    api
      .get<{ templates: StatementTemplate[] }>('/api/v1/templates')
      .then((r) => setTemplate(r.templates.find((x) => x.kind === kind)))
      .catch(() => setTemplate(undefined));
  }, [kind]);
  const incidentId = draft?.incident_id;
  useEffect(() => {
    if (!incidentId) return;
    api
      .get<DraftSuggestions>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/suggestions`)
      .then(setSuggestions)
      .catch(() => setSuggestions({ kb: [], qa: [] }));
  }, [incidentId]);

  if (!draft)
    return error ? (
      <p className="page-error" role="alert">
        {error}
      </p>
    ) : (
      <p className="muted">{t('加载中…', 'Loading…')}</p>
    );

  const editable = isResponder && draft.status !== 'published';
  const dirty = title !== draft.title || body !== draft.body;
  const stale = checked !== undefined && checked.text !== body;

  /** Runs a change, turning a 409 into the conflict banner and other refusals into an error line. */
  const run = async <T,>(work: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    try {
      return await work();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) setConflict(e.message);
      else setError(e instanceof Error ? e.message : String(e));
      if (e instanceof ApiError && Array.isArray(e.body.findings)) setChecked({ text: draft.body, findings: e.body.findings as CheckFinding[] });
      return undefined;
    } finally {
      setBusy(false);
    }
  };

  const saveNow = async (): Promise<DraftView> => {
    const d = await api.put<DraftView>(`/api/v1/drafts/${encodeURIComponent(id)}`, { expected_version: draft.version, title, body });
    setDraft(d);
    setChecked({ text: d.body, findings: d.checks });
    void loadHistory();
    return d;
  };
  const save = async (ev?: FormEvent) => {
    ev?.preventDefault();
    const d = await run(saveNow);
    if (d) setNotice({ tone: 'ok', text: t(`✓ 已保存为第 ${d.text_version} 版`, `✓ Saved as version ${d.text_version}`) });
  };
  const check = async () => {
    const text = body;
    const r = await run(() => api.post<{ findings: CheckFinding[]; blocking: boolean }>('/api/v1/checks', { text, kind: draft.kind, platform: draft.platform, ...(draft.incident_id ? { incident_id: draft.incident_id } : {}) }));
    if (r) {
      setChecked({ text, findings: r.findings });
      setNotice(r.findings.length ? { tone: 'warn', text: t(`⚠ 检查发现 ${r.findings.length} 处问题，已在文中标出`, `⚠ ${r.findings.length} finding(s), marked in the text`) } : { tone: 'ok', text: t('✓ 检查通过，未发现问题', '✓ The checks found nothing') });
    }
  };
  const submit = async () => {
    const d = await run(async () => {
      const saved = dirty ? await saveNow() : draft;
      return api.post<DraftView>(`/api/v1/drafts/${encodeURIComponent(id)}/submit`, { expected_version: saved.version });
    });
    if (d) {
      adopt(d);
      void loadHistory();
      setNotice({ tone: 'ok', text: t('✓ 已提交审核', '✓ Submitted for review') });
    }
  };
  const insert = (text: string) => {
    const el = textarea.current;
    const at = el ? el.selectionStart : body.length;
    const end = el ? el.selectionEnd : body.length;
    const next = body.slice(0, at) + text + body.slice(end);
    setBody(next);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + text.length, at + text.length);
    });
  };
  const jump = (f: CheckFinding) => {
    const el = textarea.current;
    if (!el || f.start === undefined || stale) return;
    el.focus();
    el.setSelectionRange(f.start, f.end ?? f.start);
  };

  const statusLabel = DRAFT_STATUS_LABELS[draft.status][lang === 'zh' ? 0 : 1];
  const findings = checked?.findings ?? [];
  return (
    <div className="ws-page draft-editor" data-testid="draft-editor">
      <header className="room-head">
        <div>
          <p className="crumbs">
            <Link to="/drafts">{t('发布稿', 'Drafts')}</Link> ›{' '}
            {draft.incident_id && <Link to={`/incidents/${encodeURIComponent(draft.incident_id)}`}>{t('所属事件', 'Incident')}</Link>}
          </p>
          <h1>{draft.title}</h1>
          <p className="room-meta">
            <span className={`status-tag draft-${draft.status}`} data-testid="draft-status">
              {DRAFT_STATUS_ICON[draft.status]} {statusLabel}
            </span>
            {draft.status === 'submitted' && (
              <span>
                {t(`第 ${draft.current_level} / ${draft.levels} 级审核`, `Review level ${draft.current_level} of ${draft.levels}`)}
              </span>
            )}
            <span>{TEMPLATE_LABELS[draft.kind][lang === 'zh' ? 0 : 1]}</span>
            <span>{PLATFORM_LABELS[draft.platform]?.[lang === 'zh' ? 0 : 1] ?? draft.platform}</span>
            <span>
              {t('起草人', 'Author')}：{who(draft.author_id)}
            </span>
            <span>
              v{draft.text_version} · {formatDateTime(draft.updated_at)}
            </span>
          </p>
        </div>
      </header>

      {conflict && (
        <div className="conflict" role="alert">
          <strong>⚠ {t('版本冲突：别人已修改了这份稿件', 'Conflict: someone else changed this draft')}</strong>
          <p>{conflict}</p>
          <p>{t('您的文字仍在编辑框中；请先复制保存，再载入最新版本。', 'Your text is still in the editor: copy it, then load the latest version.')}</p>
          <button type="button" className="secondary" onClick={() => void load()}>
            {t('载入最新版本（放弃我的修改）', 'Load the latest version (drop my changes)')}
          </button>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className={notice.tone === 'ok' ? 'form-ok' : 'form-warn'} role="status">
          {notice.text}
        </p>
      )}
      {draft.status === 'rejected' && draft.reviews.length > 0 && (
        <div className="reject-note" role="note">
          ↩ {t('审核退回意见：', 'Returned by the reviewer: ')}
          {draft.reviews[draft.reviews.length - 1]!.comment}
        </div>
      )}

      <div className="editor-grid">
        <div className="editor-main">
          <form className="ws-form" onSubmit={save} aria-label={t('编辑发布稿', 'Edit the draft')}>
            <label>
              {t('标题', 'Title')}
              <input value={title} onChange={(e) => setTitle(e.target.value)} readOnly={!editable} maxLength={200} />
            </label>
            <label>
              {t('正文（Markdown）', 'Text (Markdown)')}
              <textarea ref={textarea} className="draft-body" rows={14} value={body} onChange={(e) => setBody(e.target.value)} readOnly={!editable} />
            </label>
            <div className="button-row">
              {editable && (
                <button type="submit" className="secondary" disabled={busy || !dirty}>
                  {t('保存', 'Save')}
                </button>
              )}
              <button type="button" className="secondary" onClick={() => void check()} disabled={busy}>
                {t('检查', 'Check')}
              </button>
              {editable && (draft.status === 'draft' || draft.status === 'rejected') && (
                <button type="button" className="primary" onClick={() => void submit()} disabled={busy}>
                  {t('提交审核', 'Submit for review')}
                </button>
              )}
              {dirty && <span className="muted">{t('有未保存的修改', 'Unsaved changes')}</span>}
              {editable && (draft.status === 'submitted' || draft.status === 'approved') && <span className="muted">{t('修改已送审或已通过的文字将需要重新审核', 'Editing a submitted or approved text sends it back for review')}</span>}
            </div>
          </form>
          {template && (
            <section className="ws-card template-guide" aria-label={t('模板要素', 'Template fields')}>
              <details open>
                <summary>
                  {t('模板要素说明：', 'What the template asks for: ')}
                  {template.name}
                </summary>
                <p className="muted">{template.description}</p>
                <dl>
                  {template.fields.map((f) => (
                    <div key={f.key}>
                      <dt>
                        {f.label}
                        {f.required ? ` (${t('必填', 'required')})` : ''}
                      </dt>
                      {f.hint && <dd>{f.hint}</dd>}
                    </div>
                  ))}
                </dl>
              </details>
            </section>
          )}

        </div>

        <aside className="editor-side">
          <section className="ws-card check-panel" aria-label={t('检查结果', 'Check results')}>
            <h2>{t('检查结果', 'Check results')}</h2>
            {stale && <p className="stale-note">{t('↻ 文字已修改，标注对应上次检查的文字；请重新检查。', '↻ The text changed since the last check; run the check again.')}</p>}
            <FindingsList findings={findings} onJump={editable ? jump : undefined} />
            {checked && <HighlightedText text={checked.text} findings={findings} />}
          </section>
          {draft.incident_id && (
            <section className="ws-card suggestions" aria-label={t('参考建议', 'Suggestions')}>
              <h2>{t('参考建议', 'Suggestions')}</h2>
              {!suggestions ? (
                <p className="muted">{t('加载中…', 'Loading…')}</p>
              ) : !suggestions.kb.length && !suggestions.qa.length ? (
                <p className="muted">{t('辟谣库和问答库中没有相关内容', 'Nothing related in the debunk KB or the Q&A library')}</p>
              ) : (
                <>
                  {suggestions.kb.map((k) => (
                    <article key={k.claim_id} className="suggestion">
                      <h3>
                        <span className="badge-kb-tag">{t('辟谣库', 'KB')}</span> {k.claim}
                      </h3>
                      <p>{k.rebuttal}</p>
                      <p className="muted">
                        {k.source} · {k.date}
                      </p>
                      {editable && (
                        <button type="button" className="secondary" onClick={() => insert(k.rebuttal)}>
                          {t('插入', 'Insert')}
                        </button>
                      )}
                    </article>
                  ))}
                  {suggestions.qa.map((q) => (
                    <article key={q.id} className="suggestion">
                      <h3>
                        <span className="badge-qa-tag">{t('问答库', 'Q&A')}</span> {q.question}
                      </h3>
                      <p>{q.answer}</p>
                      {editable && (
                        <button type="button" className="secondary" onClick={() => insert(q.answer)}>
                          {t('插入', 'Insert')}
                        </button>
                      )}
                    </article>
                  ))}
                </>
              )}
            </section>
          )}

          {draft.status === 'approved' && isResponder && <PublishForm draft={draft} onPublished={(d) => { adopt(d); void loadHistory(); }} />}
          {draft.publication && (
            <section className="ws-card publication" aria-label={t('发布记录', 'Publication')}>
              <h2>{t('发布记录', 'Publication')}</h2>
              <p>
                ◉ {draft.publication.where} · {formatDateTime(draft.publication.at)} · {who(draft.publication.by)}
              </p>
              {draft.publication.link && (
                <p>
                  <a href={safeHref(draft.publication.link)} target="_blank" rel="noopener noreferrer">
                    {draft.publication.link}
                  </a>
                </p>
              )}
            </section>
          )}

          <section className="ws-card" aria-label={t('审核记录', 'Review record')}>
            <h2>{t('审核记录', 'Review record')}</h2>
            <ReviewHistory draft={draft} {...(transitions ? { transitions } : {})} who={who} />
          </section>
        </aside>
      </div>
    </div>
  );
}

/** Recording where and when an approved text went out (it is logged on the incident as a response action). */
function PublishForm({ draft, onPublished }: { draft: DraftView; onPublished: (d: DraftView) => void }) {
  const { t, lang } = useI18n();
  const [where, setWhere] = useState(() => PLATFORM_LABELS[draft.platform]?.[lang === 'zh' ? 0 : 1] ?? draft.platform);
  const [link, setLink] = useState('');
  const [at, setAt] = useState(() => toLocalInput(Date.now()));
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!where.trim()) return setError(t('请填写发布渠道', 'Enter where it was published'));
    if (link.trim() && !/^https?:\/\//.test(link.trim())) return setError(t('链接须以 http:// 或 https:// 开头', 'The link must start with http:// or https://'));
    const ms = fromZoneInput(at);
    setBusy(true);
    setError(undefined);
    try {
      onPublished(await api.post<DraftView>(`/api/v1/drafts/${encodeURIComponent(draft.id)}/publish`, { expected_version: draft.version, where: where.trim(), ...(Number.isFinite(ms) ? { at: ms } : {}), ...(link.trim() ? { link: link.trim() } : {}) }));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="ws-card publish" aria-label={t('发布', 'Publish')}>
      <h2>{t('发布', 'Publish')}</h2>
      <form className="ws-form" onSubmit={submit} noValidate>
        <label>
          {t('发布渠道', 'Where')}
          <input value={where} onChange={(e) => setWhere(e.target.value)} />
        </label>
        <label>
          {t('发布时间', 'When')}
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
        <label>
          {t('链接', 'Link')}
          <input type="url" value={link} onChange={(e) => setLink(e.target.value)} placeholder="https://" />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <div>
          <button type="submit" className="primary" disabled={busy}>
            {t('记录发布', 'Record publication')}
          </button>
        </div>
      </form>
    </section>
  );
}

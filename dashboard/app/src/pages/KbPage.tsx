import { useId, useMemo, useState } from 'react';
import type { DebunkClaim } from '@fenghuo/shared/analytics';
import type { ImportResponse } from '@fenghuo/shared/api';
import { postImport } from '../api';
import { ClaimForm } from '../analyst/ClaimForm';
import { ImportResult } from '../analyst/ImportResult';
import { ListTools } from '../analyst/ListTools';
import { safeHref } from '../analyst/safe-url';
import { useListActions } from '../analyst/useListActions';
import { useLoad } from '../analyst/useLoad';
import { useI18n } from '../i18n';
import './analyst.css';

/** Sends a file's text as it is (CSV or JSON) to POST /api/v1/kb/import. */
async function importClaims(file: File): Promise<ImportResponse> {
  const format = /\.csv$/i.test(file.name) || file.type === 'text/csv' ? 'csv' : 'json';
  const body = await postImport(`/api/v1/kb/import?format=${format}`, await file.text(), format === 'csv' ? 'text/csv; charset=utf-8' : 'text/plain; charset=utf-8');
  return { imported: typeof body.imported === 'number' ? body.imported : 0, errors: body.errors as ImportResponse['errors'] };
}

/** The debunk knowledge base (辟谣库): the rumors already refuted, matched against every event. */
export default function KbPage(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const ids = useId();
  const { data, error, reload } = useLoad<{ items: DebunkClaim[] }>('/api/v1/kb');
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<DebunkClaim>();
  const { notice, setNotice, actionError, imported, importing, remove: removePath, importFile } = useListActions<ImportResponse>(reload);

  const shown = useMemo(() => {
    const q = search.trim().toLowerCase();
    const items = [...(data?.items ?? [])].sort((a, b) => b.date.localeCompare(a.date) || a.claim.localeCompare(b.claim));
    if (!q) return items;
    return items.filter((c) => [c.claim, c.rebuttal, c.source, c.date, ...c.keywords].some((s) => s.toLowerCase().includes(q)));
  }, [data, search]);

  const remove = (c: DebunkClaim) =>
    removePath(t('删除这条辟谣条目？', 'Delete this entry?'), `/api/v1/kb/${encodeURIComponent(c.id)}`, t('已删除条目', 'Entry deleted'), () => editing?.id === c.id && setEditing(undefined));
  const onFile = (file: File | undefined) => importFile(file, importClaims);

  return (
    <div className="analyst kb-page">
      <h1>{t('辟谣库', 'Debunk knowledge base')}</h1>
      <ListTools
        search={search}
        onSearch={setSearch}
        placeholder={t('谣言、辟谣、来源或关键词', 'Claim, rebuttal, source or keyword')}
        importLabel={t('导入文件（CSV 或 JSON）', 'Import a file (CSV or JSON)')}
        accept=".csv,.json,text/csv,application/json"
        importing={importing}
        onFile={onFile}
        importHint={t('CSV 列：claim, rebuttal, source, date, url, keywords', 'CSV columns: claim, rebuttal, source, date, url, keywords')}
        exports={[
          { label: 'CSV', href: '/api/v1/kb/export?format=csv' },
          { label: 'JSON', href: '/api/v1/kb/export?format=json' },
        ]}
        notice={notice}
        result={
          imported && (
            <ImportResult
              ok={imported.imported > 0}
              summary={t(`${imported.file}：导入 ${imported.imported} 条，${imported.errors.length} 行有错误`, `${imported.file}: ${imported.imported} imported, ${imported.errors.length} rows with errors`)}
              errors={imported.errors}
            />
          )
        }
        error={error ?? actionError}
      />
      <div className="crud-layout">
        <section aria-labelledby={`${ids}-list`}>
          <h2 id={`${ids}-list`} className="visually-hidden">
            {t('条目', 'Entries')}
          </h2>
          {data && (
            <p className="muted small">
              {t(`共 ${data.items.length} 条`, `${data.items.length} entries`)}
              {search.trim() ? t(`，匹配 ${shown.length} 条`, `, ${shown.length} match`) : ''}
            </p>
          )}
          {data && shown.length === 0 && <p className="empty">{search.trim() ? t('没有匹配的条目', 'No entries match') : t('辟谣库为空', 'The knowledge base is empty')}</p>}
          {shown.length > 0 && (
            <table className="crud-table kb-table">
              <thead>
                <tr>
                  <th scope="col">{t('谣言', 'Claim')}</th>
                  <th scope="col">{t('辟谣', 'Rebuttal')}</th>
                  <th scope="col">{t('来源 / 日期', 'Source / date')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('操作', 'Actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => {
                  const href = safeHref(c.url);
                  return (
                    <tr key={c.id} data-claim={c.id}>
                      <td className="cell-clip">
                        {c.claim}
                        {c.keywords.length > 0 && <div className="keywords-line">{c.keywords.join(' · ')}</div>}
                      </td>
                      <td className="cell-clip">{c.rebuttal}</td>
                      <td>
                        {c.source}
                        <br />
                        <span className="muted small">{c.date}</span>
                        {href && (
                          <>
                            <br />
                            <a href={href} target="_blank" rel="noopener noreferrer">
                              {t('链接', 'Link')}
                            </a>
                          </>
                        )}
                      </td>
                      <td>
                        <span className="actions">
                          <button type="button" className="secondary small-button" onClick={() => setEditing(c)} aria-label={t(`编辑：${c.claim.slice(0, 20)}`, `Edit: ${c.claim.slice(0, 20)}`)}>
                            {t('编辑', 'Edit')}
                          </button>
                          <button type="button" className="secondary small-button" onClick={() => void remove(c)} aria-label={t(`删除：${c.claim.slice(0, 20)}`, `Delete: ${c.claim.slice(0, 20)}`)}>
                            {t('删除', 'Delete')}
                          </button>
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </section>
        <section className="card">
          <ClaimForm
            key={editing?.id ?? 'new'}
            {...(editing ? { claim: editing, onCancel: () => setEditing(undefined) } : {})}
            onSaved={() => {
              setNotice(editing ? t('已保存条目', 'Entry saved') : t('已添加条目', 'Entry added'));
              setEditing(undefined);
              reload();
            }}
          />
        </section>
      </div>
    </div>
  );
}

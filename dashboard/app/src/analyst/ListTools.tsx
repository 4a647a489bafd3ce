import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n';

export interface ListToolsProps {
  search: string;
  onSearch: (value: string) => void;
  placeholder: string;
  importLabel: string;
  /** File types the import takes (the input's `accept`). */
  accept: string;
  importing: boolean;
  onFile: (file: File | undefined) => Promise<void>;
  /** The columns the import reads; shown, or only read out by screen readers. */
  importHint: string;
  showHint?: boolean;
  exports: readonly { label: string; href: string }[];
  notice: string | undefined;
  /** What the last import did (an ImportResult). */
  result: ReactNode;
  error: string | undefined;
}

/** Above a registry's list (the KB, the accounts): search, import a file, export links, and what the last action said. */
export function ListTools(p: ListToolsProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <>
      <div className="kb-tools">
        <label className="search">
          {t('搜索', 'Search')}
          <input type="search" value={p.search} onChange={(e) => p.onSearch(e.target.value)} placeholder={p.placeholder} />
        </label>
        <label>
          {p.importLabel}
          {/* Cleared after each import, so the same file can be chosen again once corrected. */}
          <input type="file" accept={p.accept} disabled={p.importing} onChange={(e) => void p.onFile(e.target.files?.[0]).then(() => (e.target.value = ''))} aria-describedby={`${id}-import-hint`} />
        </label>
        <span id={`${id}-import-hint`} className={p.showHint ? 'muted small' : 'visually-hidden'}>
          {p.importHint}
        </span>
        <span className="form-actions">
          {t('导出：', 'Export: ')}
          {p.exports.map((x) => (
            <a key={x.href} href={x.href} download>
              {x.label}
            </a>
          ))}
        </span>
      </div>
      <div aria-live="polite">
        {p.notice && <p className="notice">{p.notice}</p>}
        {p.importing && <p className="muted">{t('导入中…', 'Importing…')}</p>}
        {p.result}
      </div>
      {p.error && (
        <p className="form-error" role="alert">
          {p.error}
        </p>
      )}
    </>
  );
}

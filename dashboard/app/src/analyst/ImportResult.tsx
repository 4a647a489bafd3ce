import { useI18n } from '../i18n';

/** A refused row of an import: its line in a CSV, or its index in a JSON array. */
export interface ImportRowError {
  line?: number | undefined;
  index?: number | undefined;
  message: string;
}

/** Rows listed at most; a file can be wrong on every line. */
const SHOWN = 50;

/** What an import did: a summary line, then every refused row with where it is in the file. */
export function ImportResult({ summary, ok, errors }: { summary: string; ok: boolean; errors: readonly ImportRowError[] }) {
  const { t } = useI18n();
  return (
    <div className="import-result" data-testid="import-result">
      <p className={ok ? 'notice' : 'form-error'}>{summary}</p>
      {errors.length > 0 && (
        <ul className="import-errors">
          {errors.slice(0, SHOWN).map((e, i) => (
            <li key={i} data-line={e.line}>
              {e.line !== undefined ? t(`第 ${e.line} 行：`, `Line ${e.line}: `) : e.index !== undefined ? t(`第 ${e.index + 1} 项：`, `Item ${e.index + 1}: `) : ''}
              {e.message}
            </li>
          ))}
        </ul>
      )}
      {errors.length > SHOWN && <p className="muted small">{t(`另有 ${errors.length - SHOWN} 行错误未列出`, `${errors.length - SHOWN} more rows with errors not listed`)}</p>}
    </div>
  );
}

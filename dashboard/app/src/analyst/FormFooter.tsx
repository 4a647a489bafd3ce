import type { FieldErrors } from './form-errors';
import { useI18n } from '../i18n';

/** The end of a create/edit form: the form's own error (or a pointer to the marked fields), save and cancel. */
export function FormFooter({ errors, busy, saveLabel, onCancel }: { errors: FieldErrors; busy: boolean; saveLabel: string; onCancel?: (() => void) | undefined }) {
  const { t } = useI18n();
  const marked = Object.keys(errors).length > 0 && !errors[''];
  return (
    <>
      {(errors[''] || marked) && (
        <p className="form-error" role="alert">
          {errors[''] ?? t('请修改标出的字段', 'Please correct the marked fields')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('保存中…', 'Saving…') : saveLabel}
        </button>
        {onCancel && (
          <button type="button" className="secondary" onClick={onCancel}>
            {t('取消', 'Cancel')}
          </button>
        )}
      </div>
    </>
  );
}

import { useState } from 'react';
import { errorsOf, fieldErrors, type FieldErrors, type Issue } from './form-errors';

/** The part of a zod schema a form needs: checking a value and the issues found. */
interface Checker {
  safeParse(value: unknown): { success: true } | { success: false; error: { issues: readonly Issue[] } };
}

/**
 * Saving a create/edit form: check the input with the server's own schema
 * first (errors by field, nothing sent), then send it; what the server still
 * refuses comes back by field too. The saved value, or undefined when it was not saved.
 */
export function useCheckedSave() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const save = async <T>(input: unknown, schema: Checker, wording: (issue: Issue) => string, send: () => Promise<T>): Promise<T | undefined> => {
    const checked = schema.safeParse(input);
    if (!checked.success) {
      setErrors(fieldErrors(checked.error.issues, wording));
      return undefined;
    }
    setBusy(true);
    setErrors({});
    try {
      return await send();
    } catch (err) {
      setErrors(errorsOf(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { errors, busy, save };
}

import { ApiError } from '../api';

/** Errors of a form by field path ("phrases", "min_count"; "" for the form as a whole). */
export type FieldErrors = Record<string, string>;

export interface Issue {
  path: PropertyKey[] | string;
  message: string;
  code?: string;
}

/** Field errors from zod issues (checked in the browser) or from a 400 answer's `issues` (checked by the server). */
export function fieldErrors(issues: readonly Issue[], wording: (issue: Issue) => string = (i) => i.message): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    // "phrases.0" is the first phrase: shown by the phrases field.
    const path = (Array.isArray(i.path) ? i.path.map(String) : String(i.path).split('.')).filter((p) => !/^\d+$/.test(p)).join('.');
    out[path] ??= wording(i);
  }
  return out;
}

/** What a failed save says: its issues by field when the server named them, else one message for the form. */
export function errorsOf(e: unknown): FieldErrors {
  if (e instanceof ApiError && Array.isArray(e.body.issues) && e.body.issues.length) return fieldErrors(e.body.issues as Issue[]);
  return { '': e instanceof Error ? e.message : String(e) };
}

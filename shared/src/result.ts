/**
 * What a pipeline step returns: a value, or a rejection with a machine code
 * (a metric label) and a sentence for people. Bad input is a value that flows
 * to rejected_mentions, never an exception that fails a batch.
 */
export type StepResult<T> = { ok: true; value: T } | { ok: false; code: string; reason: string };

export function ok<T>(value: T): StepResult<T> {
  return { ok: true, value };
}

export function reject<T = never>(code: string, reason: string): StepResult<T> {
  return { ok: false, code, reason };
}

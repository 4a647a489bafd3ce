/**
 * JSON text of a parsed value for keeping as a record's raw text, or a note
 * of why there is none: JSON.parse reads nesting a million levels deep, but
 * JSON.stringify (and String) recurse and throw on it.
 */
export function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch (error) {
    return `(not serialisable: ${(error as Error).message})`;
  }
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * JSON.parse, with lone surrogates (`"\ud800"`, legal JSON escapes) made
 * U+FFFD. ClickHouse refuses a row holding one ("missing second part of
 * surrogate pair"), and that would fail the whole batch again on every
 * retry. Text decoded from UTF-8 cannot hold one, so only escapes matter,
 * and the reviver runs only when the text has such an escape.
 */
export function parseJsonWellFormed(text: string): unknown {
  if (!SURROGATE_ESCAPE.test(text)) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\ufffd') : value));
}

/**
 * Splits an ingest body into items. A JSON array gives one item per element
 * (a single object is one item); NDJSON gives one per non-blank line, and a
 * line that is not JSON becomes a per-line error while the others go on.
 * Indexes are array positions, or 0-based line numbers for NDJSON.
 */

export interface BodyItem {
  index: number;
  value?: unknown;
  /** The item's text as received (NDJSON line); JSON array items are re-serialised when kept. */
  text?: string;
  error?: string;
}

export type ParsedBody = { ok: true; format: 'json' | 'ndjson'; items: BodyItem[] } | { ok: false; error: string };

export function detectFormat(contentType: string | undefined, text: string): 'json' | 'ndjson' {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('ndjson') || ct.includes('jsonl') || ct.includes('json-seq')) return 'ndjson';
  if (ct.includes('json')) return 'json';
  // No or unknown type: a body that starts as an array is JSON.
  return /^\s*\[/.test(text) ? 'json' : 'ndjson';
}

export function parseBody(text: string, contentType: string | undefined): ParsedBody {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return { ok: false, error: 'request body is empty' };
  const format = detectFormat(contentType, body);
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(body);
    } catch (error) {
      return { ok: false, error: `request body is not valid JSON: ${(error as Error).message}` };
    }
    if (Array.isArray(value)) return { ok: true, format, items: value.map((v, index) => ({ index, value: v })) };
    if (typeof value === 'object' && value !== null) return { ok: true, format, items: [{ index: 0, value }] };
    return { ok: false, error: `request body must be a JSON array of mentions or one mention object, got ${typeof value}` };
  }
  const items: BodyItem[] = [];
  let parsedAny = false;
  let lineNo = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end === -1) end = body.length;
    const line = body.slice(start, end).replace(/\r$/, '');
    if (line.trim()) {
      try {
        items.push({ index: lineNo, value: JSON.parse(line), text: line });
        parsedAny = true;
      } catch (error) {
        items.push({ index: lineNo, text: line, error: `line ${lineNo} is not valid JSON: ${(error as Error).message}` });
      }
    }
    lineNo++;
    start = end + 1;
  }
  if (!parsedAny) {
    return { ok: false, error: 'request body is not JSON or NDJSON: no line could be parsed' };
  }
  return { ok: true, format, items };
}

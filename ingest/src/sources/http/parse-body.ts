import { parseJsonWellFormed } from '../safe-json';

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

export type ParsedBody = { ok: true; format: 'json' | 'ndjson'; items: BodyItem[] } | { ok: false; error: string; tooMany?: true };

export function detectFormat(contentType: string | undefined, text: string): 'json' | 'ndjson' {
  const ct = (contentType ?? '').toLowerCase();
  if (ct.includes('ndjson') || ct.includes('jsonl') || ct.includes('json-seq')) return 'ndjson';
  if (ct.includes('json')) return 'json';
  // No or unknown type: a body that starts as an array is JSON.
  return /^\s*\[/.test(text) ? 'json' : 'ndjson';
}

/**
 * `maxItems` bounds the records of one body: a few MB of tiny NDJSON lines
 * are millions of records, refused as a whole (split the body) rather than
 * parsed into millions of objects and a response listing each.
 */
export function parseBody(text: string, contentType: string | undefined, maxItems = Infinity): ParsedBody {
  const tooMany = (): ParsedBody => ({ ok: false, tooMany: true, error: `request body holds more than ${maxItems} records; send at most ${maxItems} per request` });
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (!body.trim()) return { ok: false, error: 'request body is empty' };
  const format = detectFormat(contentType, body);
  if (format === 'json') {
    let value: unknown;
    try {
      value = parseJsonWellFormed(body);
    } catch (error) {
      return { ok: false, error: `request body is not valid JSON: ${(error as Error).message}` };
    }
    if (Array.isArray(value) && value.length > maxItems) return tooMany();
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
      if (items.length >= maxItems) return tooMany();
      try {
        items.push({ index: lineNo, value: parseJsonWellFormed(line), text: line });
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

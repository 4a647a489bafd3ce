import { describe, expect, it } from 'vitest';
import { detectFormat, parseBody } from './parse-body';

describe('parseBody', () => {
  it('reads a JSON array, one item per element', () => {
    const r = parseBody('[{"a":1},{"b":2}]', 'application/json');
    expect(r).toMatchObject({ ok: true, format: 'json', items: [{ index: 0, value: { a: 1 } }, { index: 1, value: { b: 2 } }] });
  });

  it('reads a single JSON object as one item', () => {
    expect(parseBody('{"a":1}', 'application/json')).toMatchObject({ ok: true, items: [{ index: 0 }] });
  });

  it('NDJSON: a broken line in the middle is its own error, the others are read', () => {
    const body = '{"n":0}\n{"n":1\n\n{"n":3}\r\n';
    const r = parseBody(body, 'application/x-ndjson');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.items.map((i) => i.index)).toEqual([0, 1, 3]);
    expect(r.items[1]!.error).toMatch(/^line 1 is not valid JSON/);
    expect(r.items[2]!.value).toEqual({ n: 3 });
  });

  it.each([
    ['empty body', '', 'application/json', /empty/],
    ['not JSON at all', 'hello world', 'application/json', /not valid JSON/],
    ['a bare number', '42', 'application/json', /JSON array of mentions or one mention object, got number/],
    ['NDJSON where no line parses', 'a\nb\nc', 'application/x-ndjson', /no line could be parsed/],
  ])('fails the whole body: %s', (_n, body, ct, message) => {
    const r = parseBody(body, ct);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(parseBody('\ufeff[{"a":1}]', 'application/json')).toMatchObject({ ok: true });
  });

  it.each([
    ['application/x-ndjson', '{}', 'ndjson'],
    ['application/jsonl', '{}', 'ndjson'],
    ['application/json; charset=utf-8', '{}', 'json'],
    [undefined, ' [1]', 'json'],
    [undefined, '{}\n{}', 'ndjson'],
    ['text/plain', '[{}]', 'json'],
  ])('detects %s / %s as %s', (ct, body, format) => {
    expect(detectFormat(ct, body)).toBe(format);
  });
});

import { describe, expect, it } from 'vitest';
import { parseJsonWellFormed, safeStringify } from './safe-json';
import { parseBody } from './http/parse-body';

describe('parseJsonWellFormed', () => {
  it.each([
    ['{"t":"a\\ud800b"}', { t: 'a\ufffdb' }],
    ['{"t":"\\udfff孤"}', { t: '\ufffd孤' }],
    ['["\\ud83d\\ude00", "\\ud83d"]', ['\ud83d\ude00', '\ufffd']],
    ['{"t":"\\\\ud800"}', { t: '\\ud800' }],
    ['{"n":1}', { n: 1 }],
  ])('%s', (text, value) => {
    expect(parseJsonWellFormed(text)).toEqual(value);
  });
});

describe('safeStringify', () => {
  it('says why a value nested past the stack has no JSON text, instead of throwing', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(safeStringify(deep)).toMatch(/^\(not serialisable: /);
    expect(safeStringify({ a: 1 })).toBe('{"a":1}');
  });
});

describe('parseBody record limit', () => {
  it('refuses a body with more records than the limit, as a whole', () => {
    expect(parseBody('1\n'.repeat(6), 'application/x-ndjson', 5)).toMatchObject({ ok: false, tooMany: true });
    expect(parseBody('[1,2,3,4,5,6]', 'application/json', 5)).toMatchObject({ ok: false, tooMany: true });
    expect(parseBody('1\n'.repeat(5), 'application/x-ndjson', 5)).toMatchObject({ ok: true });
  });
});

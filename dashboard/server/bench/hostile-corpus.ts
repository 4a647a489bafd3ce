import zlib from 'node:zlib';

/**
 * A seeded, reproducible corpus of hostile input for the ingest API and the
 * file importers (issue 8 §3). Nothing here is stored as a binary: every case
 * is built from the seed, so a failure names its seed and case and can be
 * replayed exactly. Used by test/hostile-input.int.test.ts (small) and
 * `pnpm fenghuo bench fuzz` (large).
 */

export type Rng = () => number;

/** mulberry32: small, fast, good enough to drive a fuzzer. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)]!;

/** Text that has broken parsers, renderers and spreadsheets before. */
export const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u200b\u200c\u200d\ufeff',
  '\u202eevil\u202c 反转',
  '\u2066\u2067\u2068\u2069',
  '👨‍👩‍👧‍👦🏳️‍🌈👍🏿🇨🇳',
  '\ud800',
  '\udfff孤',
  'Z̷̡̛̛͚͓̈́a̴̧̛͖l̵̢̛g̸o̷',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[点我](javascript:alert(1))',
  'javascript:alert(1)',
  "=cmd|' /C calc'!A0",
  '+1+cmd|calc',
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  "'; DROP TABLE mentions; --",
  '{x:String}',
  '\\',
  '\\\\\'"',
  '/* */ --',
  '\u2018\u2019\u201c\u201d\uff07',
  '%s%n%x',
  '${process.exit(1)}',
  '__proto__',
  'constructor',
  'NaN',
  '1e309',
  '荆州石首市化工厂发生爆炸，现场浓烟滚滚 #荆州爆炸#',
];

function randomString(rng: Rng, maxLen: number): string {
  const r = rng();
  if (r < 0.5) return pick(rng, HOSTILE_STRINGS);
  const len = int(rng, maxLen + 1);
  let s = '';
  for (let i = 0; i < len; i++) {
    const k = rng();
    if (k < 0.4) s += String.fromCharCode(0x4e00 + int(rng, 0x5000));
    else if (k < 0.7) s += String.fromCharCode(0x20 + int(rng, 0x5f));
    else if (k < 0.8) s += String.fromCharCode(int(rng, 0x20));
    else if (k < 0.9) s += String.fromCodePoint(0x1f300 + int(rng, 0x300));
    else s += String.fromCharCode(int(rng, 0x10000));
  }
  return s;
}

/** Any JSON value (depth-limited), of a random type. */
export function randomValue(rng: Rng, depth = 0): unknown {
  const r = int(rng, depth > 3 ? 7 : 9);
  switch (r) {
    case 0: return null;
    case 1: return rng() < 0.5;
    case 2: return pick(rng, [0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE]);
    case 3: return int(rng, 1e9);
    case 4:
    case 5:
    case 6: return randomString(rng, 40);
    case 7: return Array.from({ length: int(rng, 4) }, () => randomValue(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = int(rng, 4); i > 0; i--) o[randomString(rng, 8)] = randomValue(rng, depth + 1);
      return o;
    }
  }
}

const FIELDS = ['id', 'platform', 'kind', 'text', 'title', 'url', 'time', 'author', 'parent_id', 'root_id', 'metrics', 'region', 'raw'] as const;

/** A mention that passes validation; `id` makes it unique across the run. */
export function validMention(id: string, rng: Rng): Record<string, unknown> {
  const m: Record<string, unknown> = {
    id,
    platform: pick(rng, ['weibo', 'wechat', 'douyin', 'news', 'forum']),
    text: `${pick(rng, HOSTILE_STRINGS.filter((s) => s.trim() && !/^[\ud800-\udfff]/.test(s)))} ${id}`,
    time: '2026-11-26T10:00:00+08:00',
  };
  if (rng() < 0.3) m.author = { id: `a-${id}`, name: randomString(rng, 20).slice(0, 100), followers: int(rng, 1e6) };
  if (rng() < 0.2) m.title = randomString(rng, 30);
  return m;
}

/**
 * A record that is a valid mention with one field (or the whole record)
 * replaced by something hostile: wrong type, too big, or random. Most are
 * rejected; some are still valid (a random string can be a fine title).
 */
export function hostileMention(id: string, rng: Rng): unknown {
  const r = rng();
  if (r < 0.05) return randomValue(rng);
  const m = validMention(id, rng);
  const field = pick(rng, FIELDS);
  const k = rng();
  if (k < 0.15) delete m[field];
  else if (k < 0.3) m[field] = randomValue(rng);
  else if (k < 0.4) m[field] = 'x'.repeat(pick(rng, [257, 2049, 20_001, 100_000]));
  else if (k < 0.5) m[field] = nested(pick(rng, [50, 500, 1500]), rng() < 0.5);
  else if (k < 0.6) m[field] = pick(rng, [Number.NaN, 1e400, -1, 2 ** 64, '2026-13-45T99:00:00Z', '2026-11-26 10:00:00', 0, 1e20]);
  else if (k < 0.75) m[field] = randomString(rng, 200);
  else if (k < 0.85) m[field] = pick(rng, HOSTILE_STRINGS);
  else m[field] = { ...((m[field] as object | undefined) ?? {}), [randomString(rng, 6)]: randomValue(rng) };
  // Keep the record traceable when the id survived.
  if (field !== 'id' && typeof m.id !== 'string') m.id = id;
  return m;
}

/** [[[…]]] or {"a":{"a":…}} `depth` levels deep. */
export function nested(depth: number, arrays: boolean): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
}

export function nestedJsonText(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

/**
 * A gzip bomb: `members` gzip members each inflating to `memberBytes` of
 * `fill`, concatenated (gunzip reads them as one stream). 256 × 16 MB is
 * 4 GB inflated from about 4 MB on the wire.
 */
export function gzipBomb(members: number, memberBytes = 16 * 1024 * 1024, fill = 0x20): Buffer {
  const one = zlib.gzipSync(Buffer.alloc(memberBytes, fill), { level: 9 });
  return Buffer.concat(Array.from({ length: members }, () => one));
}

/** Flips, inserts and deletes random bytes (the body may stop being JSON, or UTF-8). */
export function mutateBytes(bytes: Buffer, rng: Rng, edits: number): Buffer {
  const out = [...bytes];
  for (let i = 0; i < edits; i++) {
    const at = int(rng, out.length + 1);
    const k = rng();
    if (k < 0.4 && out.length) out[Math.min(at, out.length - 1)] = int(rng, 256);
    else if (k < 0.7) out.splice(at, 0, pick(rng, [0x00, 0xff, 0xc0, 0x80, 0xed, 0x22, 0x5c, 0x7b, 0x5b, 0x0a, 0x2c]));
    else out.splice(at, 1);
  }
  return Buffer.from(out);
}

/** One HTTP request of the corpus. */
export interface HttpCase {
  name: string;
  body: Buffer;
  headers: Record<string, string>;
  /** Records the body holds when the sender knows it (structured cases). */
  records?: number;
  /** What the server must answer, when the case decides it. */
  expect?: 202 | 400 | 413 | 415;
}

const JSON_CT = { 'content-type': 'application/json' };
const ND_CT = { 'content-type': 'application/x-ndjson' };

/**
 * The structured cases: each names the kind of hostility. `maxBody` is the
 * server's body limit (the 10 MB string needs a limit above 10 MB).
 */
export function structuredHttpCases(prefix: string, maxBody: number): HttpCase[] {
  const rng = createRng(8);
  const id = (n: string) => `${prefix}${n}`;
  const json = (v: unknown) => Buffer.from(JSON.stringify(v));
  const cases: HttpCase[] = [];
  const add = (c: HttpCase) => cases.push(c);
  const m = (n: string, patch: Record<string, unknown> = {}) => ({ ...validMention(id(n), rng), ...patch });

  // Wrong types, field by field.
  const wrong: Record<string, unknown[]> = {
    id: [null, true, {}, [], 1.5, -1, 2 ** 60, '', ' ', 'x'.repeat(257)],
    platform: [null, 1, 'myspace', ['weibo'], {}],
    kind: [1, 'tweet', null],
    text: [null, 1, [], {}, '', ' \u200b ', true],
    time: [null, true, 'yesterday', '2026-11-26 10:00:00', -1, 1e20, {}, [], '2026-02-30T10:00:00+08:00'],
    author: ['me', 1, [], { followers: -1 }, { followers: '十万' }, { name: 1 }, { verified: 'yes' }],
    metrics: ['many', { likes: -1 }, { likes: 1.5 }, { views: 'x' }, []],
    url: ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'not a url', 1],
    parent_id: [{}, [], true],
    region: [1, 'x'.repeat(65)],
  };
  let n = 0;
  const typed: unknown[] = [];
  for (const [field, values] of Object.entries(wrong)) for (const v of values) typed.push(m(`wt${n++}`, { [field]: v }));
  typed.push('a string', 42, null, true, [], [m('wt-inner')]);
  add({ name: 'wrong types in every field', body: json(typed), headers: JSON_CT, records: typed.length, expect: 202 });

  // Text that must arrive intact (or be rejected with a reason), never crash.
  const texts = HOSTILE_STRINGS.map((s, i) => m(`tx${i}`, { text: `${s} 文本 ${i}`, title: s, author: { id: `au${i}`, name: s.slice(0, 100) } }));
  add({ name: 'hostile strings in text, title and author', body: json(texts), headers: JSON_CT, records: texts.length, expect: 202 });

  // Raw bytes JSON cannot escape: invalid UTF-8 and NUL inside a string, an overlong encoding, a lone surrogate escape.
  const pieces = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe4, 0xb8]), Buffer.from('\\u0000'), Buffer.from('\\ud83d')];
  const utf = pieces.map((p, i) => Buffer.concat([Buffer.from(`{"id":"${id(`u8${i}`)}","platform":"weibo","time":"2026-11-26T10:00:00+08:00","text":"坏字节`), p, Buffer.from('尾"}')]));
  add({ name: 'invalid UTF-8 and escaped NUL in strings (NDJSON)', body: Buffer.concat(utf.flatMap((b) => [b, Buffer.from('\n')])), headers: ND_CT, records: utf.length, expect: 202 });
  add({ name: 'a raw NUL byte between records', body: Buffer.concat([json(m('nul0')), Buffer.from([0x0a, 0x00, 0x0a]), json(m('nul2'))]), headers: ND_CT, records: 3, expect: 202 });

  // Huge fields, each within the body limit.
  const huge = [m('hg0', { text: '长'.repeat(20_001) }), m('hg1', { title: 't'.repeat(1_000_001) }), m('hg2', { author: { name: 'n'.repeat(1_000_000) } }), m('hg3', { raw: 'r'.repeat(1_000_000) }), m('hg4', { id: 'i'.repeat(100_000) })];
  add({ name: 'huge fields', body: json(huge), headers: JSON_CT, records: huge.length, expect: 202 });

  // A 10 MB single string: stored nowhere as text (over TEXT_MAX_CHARS), kept as a reject with its reason.
  const tenMb = 10 * 1024 * 1024;
  const big = json([m('ten-mb', { text: 'a'.repeat(tenMb) })]);
  add({ name: 'a 10 MB single string', body: big, headers: JSON_CT, ...(big.length <= maxBody ? { records: 1, expect: 202 as const } : { expect: 413 as const }) });

  // Deep nesting: in a field, in raw, and the body itself.
  // Written by hand: JSON.stringify cannot write what JSON.parse reads back.
  const withField = (n: string, field: string, json: string) => `${JSON.stringify(m(n)).slice(0, -1)},"${field}":${json}}`;
  const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const deep = [withField('dp0', 'raw', nestedJsonText(100_000)), withField('dp1', 'author', deepObject(10_000)), withField('dp2', 'metrics', nestedJsonText(10_000)), withField('dp3', 'raw', deepObject(5_000))];
  const deepBody = Buffer.from(`[${deep.join(',')}]`);
  add({ name: 'deep nesting inside records', body: deepBody, headers: JSON_CT, records: deep.length, expect: 202 });
  add({ name: 'a body nested 1,000,000 levels deep', body: Buffer.from(nestedJsonText(1_000_000)), headers: JSON_CT, records: 1, expect: 202 });
  add({ name: 'an object nested 200,000 levels deep', body: Buffer.from(`${'{"a":'.repeat(200_000)}1${'}'.repeat(200_000)}`), headers: JSON_CT, records: 1, expect: 202 });

  // Gzip bombs: 4 GB of spaces, and of NDJSON lines, in about 4 MB.
  add({ name: 'gzip bomb (4 GB of spaces, Content-Encoding: gzip)', body: gzipBomb(256), headers: { ...JSON_CT, 'content-encoding': 'gzip' }, expect: 413 });
  const lines = Buffer.from(`${JSON.stringify(m('bomb-line'))}\n`.repeat(Math.ceil((1024 * 1024) / 120)));
  const lineBomb = zlib.gzipSync(lines);
  add({ name: 'gzip bomb of NDJSON lines (64 × 1 MB)', body: Buffer.concat(Array.from({ length: 64 }, () => lineBomb)), headers: { ...ND_CT, 'content-encoding': 'gzip' }, expect: 413 });
  add({ name: 'gzip header only', body: Buffer.from([0x1f, 0x8b, 0x08, 0x00]), headers: { ...JSON_CT, 'content-encoding': 'gzip' }, expect: 400 });
  add({ name: 'deflate is refused', body: zlib.deflateSync(json([m('df')])), headers: { ...JSON_CT, 'content-encoding': 'deflate' }, expect: 415 });

  // NDJSON of tiny lines: more records than one request may carry, and just under.
  add({ name: 'NDJSON with 3,000,000 tiny lines', body: Buffer.from('1\n'.repeat(3_000_000)), headers: ND_CT, expect: 413 });
  add({ name: 'NDJSON with 20,000 tiny lines', body: Buffer.from('{}\n'.repeat(20_000)), headers: ND_CT, records: 20_000, expect: 202 });
  add({ name: 'NDJSON of blank lines and one record', body: Buffer.from(`\n\r\n   \n${JSON.stringify(m('blank'))}\n\n`), headers: ND_CT, records: 1, expect: 202 });

  // Bodies that are not what they claim.
  add({ name: 'empty body', body: Buffer.alloc(0), headers: JSON_CT, expect: 400 });
  add({ name: 'a JSON string', body: Buffer.from('"hello"'), headers: JSON_CT, expect: 400 });
  add({ name: 'truncated JSON', body: json([m('tr0'), m('tr1')]).subarray(0, 40), headers: JSON_CT, expect: 400 });
  add({ name: 'binary noise', body: Buffer.from(Array.from({ length: 4096 }, () => int(rng, 256))), headers: { 'content-type': 'application/octet-stream' }, expect: 400 });
  add({ name: 'HTML form', body: Buffer.from('<form><input name=id value=1></form>'), headers: { 'content-type': 'text/html' }, expect: 400 });
  add({ name: 'prototype keys', body: Buffer.from(`[{"__proto__":{"polluted":1},"id":"${id('proto')}","platform":"weibo","text":"原型","time":"2026-11-26T10:00:00+08:00"},{"constructor":{"prototype":{"x":1}},"id":"${id('ctor')}","platform":"weibo","text":"构造","time":"2026-11-26T10:00:00+08:00"}]`), headers: JSON_CT, records: 2, expect: 202 });
  add({ name: 'duplicate keys', body: Buffer.from(`{"id":"${id('dk')}","id":{"x":1},"platform":"weibo","text":"重复键","time":"2026-11-26T10:00:00+08:00"}`), headers: JSON_CT, records: 1, expect: 202 });
  return cases;
}

/** `count` random requests: batches of hostile records, some mutated byte by byte. */
export function randomHttpCases(prefix: string, seed: number, count: number): HttpCase[] {
  const rng = createRng(seed);
  const cases: HttpCase[] = [];
  for (let i = 0; i < count; i++) {
    const size = 1 + int(rng, 40);
    const recs = Array.from({ length: size }, (_, j) => (rng() < 0.3 ? validMention(`${prefix}r${i}-${j}`, rng) : hostileMention(`${prefix}r${i}-${j}`, rng)));
    const ndjson = rng() < 0.5;
    const lines = recs.map((r) => JSON.stringify(r));
    let body: Buffer = Buffer.from(ndjson ? lines.join('\n') : `[${lines.join(',')}]`);
    let records: number | undefined = recs.length;
    if (rng() < 0.25) {
      body = mutateBytes(body, rng, 1 + int(rng, 6));
      records = undefined;
    }
    const headers: Record<string, string> = ndjson ? { ...ND_CT } : { ...JSON_CT };
    if (rng() < 0.15) {
      body = zlib.gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    cases.push({ name: `random #${i} (seed ${seed})`, body, headers, ...(records !== undefined ? { records } : {}) });
  }
  return cases;
}

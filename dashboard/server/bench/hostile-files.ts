import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRng, gzipBomb, HOSTILE_STRINGS, hostileMention, mutateBytes, validMention } from './hostile-corpus';

/** One file (or directory) for `fenghuo import`, written from the seed. */
export interface ImportCase {
  name: string;
  target: string;
  format: 'ndjson' | 'csv' | 'weibo-api' | 'cascade';
  /** Records the importer must read, when the case decides it. */
  records?: number;
  rejectedAtLeast?: number;
  /** The importer refuses the target as a whole with this message. */
  fails?: RegExp;
}

export interface ImporterCorpusOptions {
  /** Lines of the tiny-lines NDJSON file. */
  tinyLines: number;
  /** 16 MB gzip members in each bomb file (64 = 1 GB inflated). */
  bombMembers: number;
  /** Random records in the fuzzed NDJSON file. */
  randomRecords?: number;
}

const T = '2026-11-26T10:00:00+08:00';

/** Writes the importer corpus under `dir` and lists its cases. */
export function importerCases(dir: string, seed: number, options: ImporterCorpusOptions): ImportCase[] {
  const rng = createRng(seed);
  const cases: ImportCase[] = [];
  const file = (name: string, content: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, content);
    return p;
  };

  // NDJSON: hostile records, some lines mutated byte by byte (bad UTF-8, NUL, broken JSON).
  const n = options.randomRecords ?? 2000;
  const lines: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const rec = rng() < 0.3 ? validMention(`if-${seed}-${i}`, rng) : hostileMention(`if-${seed}-${i}`, rng);
    let line: Buffer;
    try {
      line = Buffer.from(JSON.stringify(rec));
    } catch {
      line = Buffer.from('"unserialisable"');
    }
    if (rng() < 0.2) line = mutateBytes(line, rng, 1 + Math.floor(rng() * 4));
    // A mutation may have made a line break or a blank line: count what the file holds.
    lines.push(line);
  }
  const body = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
  const nonBlank = body.toString('utf8').split('\n').filter((l) => l.replace(/^\ufeff/, '').trim()).length;
  cases.push({ name: `NDJSON: ${n} hostile records (seed ${seed})`, target: file('fuzz.ndjson', body), format: 'ndjson', records: nonBlank });

  cases.push({ name: `NDJSON: ${options.tinyLines.toLocaleString('en')} tiny lines`, target: file('tiny.ndjson', '{}\n'.repeat(options.tinyLines)), format: 'ndjson', records: options.tinyLines, rejectedAtLeast: options.tinyLines });
  cases.push({
    name: 'NDJSON: a 10 MB single string, a line over the line limit, NUL and bidi text',
    target: file('big.ndjson', [JSON.stringify(validMention(`ib-${seed}-0`, rng)), JSON.stringify({ id: `ib-${seed}-1`, platform: 'weibo', time: T, text: 'a'.repeat(10 * 1024 * 1024) }), 'x'.repeat(20 * 1024 * 1024), JSON.stringify({ id: `ib-${seed}-3`, platform: 'weibo', time: T, text: '\u0000\u202e反转\u200d👨‍👩‍👧' })].join('\n')),
    format: 'ndjson',
    records: 4,
    rejectedAtLeast: 2,
  });
  const ok = zlib.gzipSync(`${JSON.stringify(validMention(`ig-${seed}-0`, rng))}\n`);
  cases.push({ name: `NDJSON .gz bomb (${options.bombMembers} × 16 MB, one line)`, target: file('bomb.ndjson.gz', Buffer.concat([ok, gzipBomb(options.bombMembers, 16 * 1024 * 1024, 0x61)])), format: 'ndjson', records: 2, rejectedAtLeast: 1 });
  cases.push({ name: 'NDJSON .gz truncated', target: file('cut.ndjson.gz', zlib.gzipSync(body).subarray(0, 2000)), format: 'ndjson', rejectedAtLeast: 1 });

  // CSV: broken quoting in every way a spreadsheet or a hand can break it.
  const header = 'id,platform,text,time,author_name,likes';
  const rows = [
    `ic-${seed}-0,weibo,正常的一行,${T},张三,5`,
    `ic-${seed}-1,weibo,"未闭合的引号,${T},李四,1`,
    `ic-${seed}-2,weibo,中间"坏的"引号,${T},王五,2`,
    `ic-${seed}-3,weibo,"引号后有字"尾巴,${T},赵六,3`,
    `ic-${seed}-4,weibo,多了一列,${T},x,1,extra`,
    `ic-${seed}-5,weibo,少了一列`,
    `ic-${seed}-6,weibo,"=cmd|' /C calc'!A0",${T},"@SUM(A1)",-1`,
    `ic-${seed}-7,weibo,"含\u0000空字节和\u202e反转",${T},,`,
    `ic-${seed}-8,weibo,"跨行""文本""\n第二行",${T},,`,
    `ic-${seed}-9,myspace,平台不对,${T},,`,
    `,weibo,没有编号,${T},,`,
    `ic-${seed}-11,weibo,${HOSTILE_STRINGS.filter((s) => !/[",\r\n]/.test(s)).join(' ')},${T},,`,
  ];
  cases.push({ name: 'CSV: broken quoting, wrong column counts, formulas, NUL, bidi', target: file('broken.csv', `\ufeff${header}\r\n${rows.join('\r\n')}\r\n`), format: 'csv', rejectedAtLeast: 3 });
  cases.push({ name: 'CSV: an unclosed quote swallowing 20 MB', target: file('unclosed.csv', `${header}\n${rows[0]}\nic-${seed}-u,weibo,"${'长'.repeat(7 * 1024 * 1024)}\n${rows[0]!.replace('-0,', '-z,')}\n`), format: 'csv', rejectedAtLeast: 1 });
  cases.push({ name: 'CSV: header only', target: file('header.csv', `${header}\n`), format: 'csv', records: 0 });
  cases.push({ name: 'CSV: binary noise', target: file('noise.csv', mutateBytes(Buffer.from(`${header}\n${rows.join('\n')}`), rng, 200)), format: 'csv' });
  cases.push({ name: `CSV .gz bomb (${options.bombMembers} × 16 MB, one cell)`, target: file('bomb.csv.gz', Buffer.concat([zlib.gzipSync(`${header}\n`), gzipBomb(options.bombMembers, 16 * 1024 * 1024, 0x61)])), format: 'csv', rejectedAtLeast: 1 });

  // Weibo raw API JSON: fields missing, of the wrong type, files broken or bombs.
  const wb = path.join(dir, 'weibo');
  const post = (name: string, files: Record<string, string | Buffer>) => {
    const d = path.join(wb, name);
    fs.mkdirSync(d, { recursive: true });
    for (const [f, content] of Object.entries(files)) fs.writeFileSync(path.join(d, f), content);
  };
  const wid = (i: number) => `${seed}${String(i).padStart(4, '0')}`;
  post('a-missing', { 'detail.json': JSON.stringify({ data: { text: '没有编号和时间' } }), 'comments.json': JSON.stringify({ data: { data: [{ text: '没有用户' }, 'a string', null, { id: wid(1), created_at: '刚刚', text: '<a href="javascript:alert(1)">链接</a><script>alert(1)</script>', user: 'not an object', comments: 'not a list' }] } }) });
  post('b-types', { 'detail.json': JSON.stringify({ id: wid(2), created_at: 12345, text: 42, user: { id: {}, screen_name: 7, followers_count: '十万+', verified_type: 'gov' }, reposts_count: -3, retweeted_status: 'not an object' }), 'reposts.json': '{"data": {"data": [ {"id": ' });
  post('c-good', { 'detail.json': JSON.stringify({ id: wid(3), created_at: 'Sat Nov 28 10:00:00 +0800 2026', text: '正常的一条 <br/> =1+1', user: { id: 9, screen_name: '=cmd|calc' } }), 'comments.json': JSON.stringify([{ id: wid(4), created_at: 'Sat Nov 28 10:05:00 +0800 2026', text: '回复', user: { id: 10, screen_name: 'x' }, comments: [{ id: wid(5), text: '嵌套', created_at: '11-28' }, 5] }]) });
  post('d-empty', { 'detail.json': '' });
  post('e-array', { 'detail.json': '[1, 2, 3]' });
  post('f-bomb', { 'detail.json.gz': gzipBomb(options.bombMembers, 16 * 1024 * 1024, 0x20) });
  post('g-deep', { 'detail.json': `${'{"retweeted_status":'.repeat(50_000)}{}${'}'.repeat(50_000)}`, 'comments.json': `${'['.repeat(100_000)}${']'.repeat(100_000)}` });
  cases.push({ name: 'Weibo API JSON: missing fields, wrong types, broken, empty, deep and gzip-bomb files', target: wb, format: 'weibo-api', rejectedAtLeast: 5 });
  const empty = path.join(dir, 'weibo-empty');
  fs.mkdirSync(empty, { recursive: true });
  cases.push({ name: 'Weibo API JSON: a directory without detail.json', target: empty, format: 'weibo-api', fails: /no detail\.json/ });

  // Cascades: lines that are not cascades.
  const cascades = ['null', '42', '"s"', '{"post": null}', '{"post": {"id": 1, "text": "帖子", "time": "2026-11-26T10:00:00+08:00", "author": "x"}, "reactions": "not a list"}', `{"post": {"id": "cp-${seed}", "text": "<script>alert(1)</script>", "time": 1764122400000}, "reactions": [null, 1, {"id": null}, {"id": "cr-${seed}", "text": "=1+1", "time": 1764122460000, "parent": {"x": 1}}]}`, '{"post": {', 'x'.repeat(100)];
  cases.push({ name: 'cascade: lines that are not cascades', target: file('cascades.jsonl', cascades.join('\n')), format: 'cascade', rejectedAtLeast: 5 });
  return cases;
}

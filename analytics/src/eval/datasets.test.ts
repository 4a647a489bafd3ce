import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readCascades, readUnlabeledTexts, textFileFormat } from './datasets';

// Constructed files (texts written for this test) in the three formats an adaptation corpus may have.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-datasets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string, gzip = false): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, gzip ? zlib.gzipSync(text) : text);
  return file;
}

const cascades = [
  {
    id: 'c1',
    label: 'rumor',
    split: 'train',
    post: { text: '小区门口的面包店今天开业，排队的人很多', time: '2013-01-01T08:00:00+08:00' },
    reactions: [
      { id: 'r1', parent: null, kind: 'repost', time: '2013-01-01T08:01:00+08:00', text: '转发微博' },
      { id: 'r2', parent: null, kind: 'comment', time: '2013-01-01T08:02:00+08:00', text: '明天早上也去买几个尝尝//@路人甲: 小区门口的面包店今天开业' },
      { id: 'r3', parent: null, kind: 'comment', time: '2013-01-01T08:03:00+08:00', text: '[哈哈][哈哈]' },
      { id: 'r4', parent: null, kind: 'comment', time: '2013-01-01T08:04:00+08:00', text: '@路人乙 周末一起去排队吧' },
    ],
  },
  {
    id: 'c2',
    split: 'test',
    post: { text: '地铁二号线周六晚上延长运营一小时', time: '2014-01-01T08:00:00+08:00' },
    reactions: [
      { id: 'r5', parent: null, kind: 'comment', time: '2014-01-01T08:01:00+08:00', text: '明天早上也去买几个尝尝' },
      { id: 'r6', parent: null, kind: 'comment', time: '2014-01-01T08:02:00+08:00', text: '终于不用打车回家了' },
    ],
  },
];
const cascadeText = `${cascades.map((c) => JSON.stringify(c)).join('\n')}\n`;

describe('readCascades', () => {
  it('still reads whole cascades (streamed underneath), with the split filter', async () => {
    const file = write('c.jsonl', cascadeText);
    expect((await readCascades(file)).map((c) => c.reactions.length)).toEqual([4, 2]);
    expect((await readCascades(file, 'test')).map((c) => c.id)).toEqual(['c2']);
  });
});

describe('readUnlabeledTexts', () => {
  it.each([
    ['plain', 'c.jsonl', false],
    ['gzip', 'c.jsonl.gz', true],
  ] as const)('reads post and reaction texts of a %s cascade file, own words only, short and duplicate texts left out', async (_kind, name, gzip) => {
    const file = write(name, cascadeText, gzip);
    expect(await textFileFormat(file)).toBe('cascade');
    const r = await readUnlabeledTexts(file, { minChars: 5 });
    expect(r.format).toBe('cascade');
    expect(r.read).toBe(8);
    // "转发微博" (4 characters), "[哈哈][哈哈]" (no words) and the second "明天早上也去买几个尝尝" are left out.
    expect(r.eligible).toBe(5);
    expect([...r.texts].sort()).toEqual(
      ['小区门口的面包店今天开业，排队的人很多', '明天早上也去买几个尝尝', '@路人乙 周末一起去排队吧', '地铁二号线周六晚上延长运营一小时', '终于不用打车回家了'].sort(),
    );
    expect((await readUnlabeledTexts(file, { from: 'posts', minChars: 1 })).texts.sort()).toEqual(['地铁二号线周六晚上延长运营一小时', '小区门口的面包店今天开业，排队的人很多'].sort());
    expect((await readUnlabeledTexts(file, { from: 'reactions', minChars: 1 })).texts).not.toContain('地铁二号线周六晚上延长运营一小时');
    // @names do not count towards the length: "周末一起去排队吧" has 8 characters of its own.
    expect((await readUnlabeledTexts(file, { minChars: 9 })).texts).not.toContain('@路人乙 周末一起去排队吧');
  });

  it('reads labelled-post files with the labels ignored, and plain text one post per line', async () => {
    const posts = write('p.jsonl', `${JSON.stringify({ id: 'a', text: '今天的晚霞特别好看', label: 'positive' })}\n${JSON.stringify({ text: '排了两个小时的队还没轮到' })}\n`);
    expect(await textFileFormat(posts)).toBe('sentiment');
    expect((await readUnlabeledTexts(posts)).texts.sort()).toEqual(['今天的晚霞特别好看', '排了两个小时的队还没轮到'].sort());
    const plain = write('t.txt.gz', '\n今天的晚霞特别好看\n\n排了两个小时的队还没轮到\n{"这一行": "像JSON"}\n', true);
    expect(await textFileFormat(plain)).toBe('text');
    const r = await readUnlabeledTexts(plain, { minChars: 4 });
    expect(r.format).toBe('text');
    expect(r.read).toBe(3);
    expect(r.texts).toHaveLength(3);
  });

  it('keeps a bounded, seeded, uniform sample of a large file', async () => {
    const n = 5000;
    const file = write('many.txt', Array.from({ length: n }, (_, i) => `第${i}条帖子的正文内容`).join('\n'));
    const a = await readUnlabeledTexts(file, { sample: 500, seed: 1, minChars: 1 });
    expect(a.eligible).toBe(n);
    expect(a.texts).toHaveLength(500);
    expect(new Set(a.texts).size).toBe(500);
    expect((await readUnlabeledTexts(file, { sample: 500, seed: 1, minChars: 1 })).texts).toEqual(a.texts);
    const b = await readUnlabeledTexts(file, { sample: 500, seed: 2, minChars: 1 });
    expect(b.texts).not.toEqual(a.texts);
    // Uniform over the file: about a tenth of each half, not the first 500 lines.
    const index = (t: string) => Number(/第(\d+)条/.exec(t)![1]);
    const late = a.texts.filter((t) => index(t) >= n / 2).length;
    expect(late).toBeGreaterThan(200);
    expect(late).toBeLessThan(300);
    expect((await readUnlabeledTexts(file, { sample: 10_000, minChars: 1 })).texts).toHaveLength(n);
    await expect(readUnlabeledTexts(file, { sample: 0 })).rejects.toThrow(/sample must be a positive integer/);
  });

  it('rejects a cascade file with a line that is not a cascade', async () => {
    const file = write('bad.jsonl', `${JSON.stringify(cascades[0])}\n{"id":"x"}\n`);
    await expect(readUnlabeledTexts(file)).rejects.toThrow(/bad\.jsonl:2: not a cascade/);
  });
});

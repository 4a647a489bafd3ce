import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrateKbThreshold, evaluateCascades, evaluateKb, readCascadePosts, thresholdPoint, type ScoredQuery } from './evaluate';
import { DEFAULT_KB_THRESHOLD } from './matcher';

const q = (expected: string | null, predicted: string | undefined, similarity: number): ScoredQuery => ({ expected, predicted, similarity, kind: 'test' });

describe('thresholdPoint and calibrateKbThreshold', () => {
  const scored = [q('a', 'a', 0.9), q('b', 'b', 0.7), q('c', 'c', 0.5), q('d', 'x', 0.6), q(null, 'a', 0.55), q(null, 'b', 0.2), q('e', undefined, 0)];

  it.each([
    // threshold, matches, correct, precision, recall
    [0.95, 0, 0, 1, 0],
    [0.8, 1, 1, 1, 0.2],
    [0.65, 2, 2, 1, 0.4],
    [0.58, 3, 2, 0.667, 0.4],
    [0.5, 5, 3, 0.6, 0.6],
    [0.1, 6, 3, 0.5, 0.6],
  ])('at %f: %i matches, %i right, precision %f, recall %f', (t, matches, correct, precision, recall) => {
    expect(thresholdPoint(scored, t)).toMatchObject({ matches, correct, precision, recall });
  });

  it('a match to the wrong claim counts against precision and does not count for recall', () => {
    expect(thresholdPoint([q('a', 'b', 0.9)], 0.5)).toMatchObject({ matches: 1, correct: 0, precision: 0, recall: 0 });
  });

  it('takes the best F1 among thresholds that keep precision, the middle of a flat best', () => {
    const grid = [0.4, 0.5, 0.6, 0.65, 0.7, 0.8];
    const c = calibrateKbThreshold(scored, { grid, minPrecision: 0.95 });
    // 0.6, 0.65 and 0.7 all give precision 1 and recall 0.4: the middle one.
    expect(c.threshold).toBe(0.65);
    expect(c.at).toMatchObject({ precision: 1, recall: 0.4 });
    expect(c.curve.map((p) => p.threshold)).toEqual(grid);
    // At precision ≥ 0.5, 0.4 and 0.5 tie (F1 0.6); an even plateau takes its lower middle.
    expect(calibrateKbThreshold(scored, { grid, minPrecision: 0.5 }).threshold).toBe(0.4);
  });

  it('fails loudly when no threshold reaches the precision', () => {
    expect(() => calibrateKbThreshold([q(null, 'a', 0.9)], { grid: [0.5] })).toThrow(/no threshold/);
  });
});

describe('evaluateKb on the synthetic KB', () => {
  it('chooses DEFAULT_KB_THRESHOLD, with precision ≥ 0.95 and recall ≥ 0.8 there', async () => {
    const r = await evaluateKb();
    const s = r.synthetic;
    expect(s.claims).toBeGreaterThanOrEqual(40);
    expect(s.positives).toBeGreaterThanOrEqual(160);
    expect(s.negatives).toBeGreaterThanOrEqual(200);
    // If this fails, the matcher or the fixtures changed: re-run the command in RESULTS.md and update both.
    expect(s.calibration.threshold).toBe(DEFAULT_KB_THRESHOLD);
    expect(s.at_default.precision).toBeGreaterThanOrEqual(0.95);
    expect(s.at_default.recall).toBeGreaterThanOrEqual(0.8);
    expect(s.by_kind.everyday!.matched).toBe(0);
    expect(s.by_kind['unrelated-debunk']!.matched).toBe(0);
    expect(s.by_kind.rebuttal!.correct).toBe(s.by_kind.rebuttal!.events);
    expect(r.cascades).toBeUndefined();
  });
});

describe('cascade files', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-kb-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cascade = (id: string, split: string, label: string, text: string, reactionsFirst = false) => {
    const post = { id: `p-${id}`, platform: 'weibo', text, time: '2013-01-01T08:00:00+08:00' };
    const reactions = [{ id: `r-${id}`, parent: null, kind: 'repost', time: '2013-01-01T09:00:00+08:00', text: '转发微博,"reactions":[' }];
    return JSON.stringify(reactionsFirst ? { id, label, split, reactions, source: 'test', post } : { id, label, split, source: 'test', post, reactions });
  };
  // Invented posts (no data set text): two rumors retold, one true post near a rumor, one unrelated.
  const lines = [
    cascade('1', 'train', 'rumor', '紧急扩散：某地一辆白色面包车专门在学校门口拐卖小孩，已经抢走好几个孩子了'),
    cascade('2', 'train', 'rumor', '网传某品牌方便面里含有塑料，吃多了会致癌，大家千万别再吃了', true),
    cascade('3', 'train', 'non-rumor', '今天天气很好，适合出去走走'),
    cascade('4', 'test', 'rumor', '白色面包车在学校门口拐卖小孩，已经抢走好几个孩子，家长们注意！'),
    cascade('5', 'test', 'rumor', '某品牌方便面含塑料会致癌？吃多了真的会得癌症吗，千万别吃了', true),
    cascade('6', 'test', 'non-rumor', '学校门口新开了一家文具店，孩子们放学都去逛'),
    cascade('7', 'test', 'non-rumor', '周末去爬山，山顶的风景太美了'),
  ];

  it.each([
    ['plain', 'c.jsonl', (s: string) => Buffer.from(s)],
    ['gzip', 'c.jsonl.gz', (s: string) => zlib.gzipSync(s)],
  ])('reads post texts from a %s file, whatever the key order', async (_kind, name, encode) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, encode(`${lines.join('\n')}\n\n`));
    const posts = await readCascadePosts(file);
    expect(posts).toHaveLength(7);
    expect(posts[1]).toMatchObject({ id: '2', split: 'train', label: 'rumor', time: '2013-01-01T08:00:00+08:00' });
    expect(posts[1]!.text).toContain('方便面');
  });

  it('rejects a line that is not a cascade, with its line number', async () => {
    const file = path.join(dir, 'bad.jsonl');
    fs.writeFileSync(file, `${lines[0]}\n{"id":"x"}\n`);
    await expect(readCascadePosts(file)).rejects.toThrow(/bad\.jsonl:2: not a cascade/);
  });

  it('builds the KB from train rumors and matches every test post', async () => {
    const file = path.join(dir, 'eval.jsonl');
    fs.writeFileSync(file, lines.join('\n'));
    const r = await evaluateCascades(file, [0.3, DEFAULT_KB_THRESHOLD, 0.9]);
    expect(r).toMatchObject({ kb_claims: 2, test_posts: 4, test_rumors: 2, test_non_rumors: 2 });
    expect(r.at_default).toMatchObject({ matches: 2, rumor_matches: 2, precision: 1, rumor_coverage: 1, non_rumor_matched: 0 });
    expect(r.curve).toHaveLength(3);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { boostContributions, boostMargin, trainBoostedTrees } from './boost';
import { evaluateRumor, rumorWindow } from './evaluate';
import { createModelRumorScorer, loadRumorModel, serialiseRumorModel, trainRumorModel } from './model';
import { officialLike, rumorLike, toyCorpus } from './test-fixtures';

const small = { bits: 14, epochs: 5, folds: 3, boost: { trees: 30 } };

describe('rumor model', () => {
  const corpus = toyCorpus(40);

  it('trains deterministically and survives a serialise/load round trip', () => {
    const a = trainRumorModel(corpus, small);
    const b = trainRumorModel(corpus, small);
    const ja = serialiseRumorModel(a);
    const strip = (j: string) => JSON.stringify({ ...JSON.parse(j), trainedOn: null });
    expect(strip(serialiseRumorModel(b))).toBe(strip(ja));

    const loaded = loadRumorModel(ja);
    expect(serialiseRumorModel(loaded)).toBe(ja);
    const s1 = createModelRumorScorer(a);
    const s2 = createModelRumorScorer(loadRumorModel(JSON.parse(ja)));
    for (const c of [...corpus.slice(0, 6), rumorLike(), officialLike()]) expect(s2(c).score).toBe(s1(c).score);
  });

  it('separates its (easy) training data and explains by group', () => {
    const m = trainRumorModel(corpus, small);
    const s = createModelRumorScorer(m);
    const correct = corpus.filter((c) => s(c).label === c.label).length;
    expect(correct / corpus.length).toBeGreaterThan(0.9);
    const r = s(rumorLike());
    expect(r.score).toBeGreaterThan(s(officialLike()).score);
    expect(r.contributions.map((c) => c.signal).sort()).toEqual(['author', 'cue words', 'post form', 'post text', 'propagation', 'reaction text']);
    expect(r.details.length).toBeGreaterThan(0);
    // Additive: the groups' log-odds differ between two cascades exactly as their scores do.
    const o = s(officialLike());
    const logit = (p: number) => Math.log(p / (1 - p));
    const sum = (x: typeof r) => x.contributions.reduce((a, c) => a + c.contribution, 0);
    expect(logit(r.score) - logit(o.score)).toBeCloseTo(sum(r) - sum(o), 2);
  });

  it('trains with a subset of groups and with the post alone', () => {
    const textOnly = trainRumorModel(corpus, { ...small, groups: ['post_text'], windowMs: 0 });
    expect(textOnly.trees).toBeNull();
    expect(createModelRumorScorer(textOnly)(rumorLike()).contributions.map((c) => c.signal)).toEqual(['post text']);
    const signalsOnly = trainRumorModel(corpus, { ...small, groups: ['author', 'propagation'] });
    expect(signalsOnly.text).toBeNull();
    expect(createModelRumorScorer(signalsOnly)(officialLike()).score).toBeLessThan(0.5);
  });

  it('the all-linear variant trains, round-trips and explains signals', () => {
    const m = trainRumorModel(corpus, { ...small, combine: 'linear' });
    expect(m.trees).toBeNull();
    expect(m.encoder).not.toBeNull();
    const json = serialiseRumorModel(m);
    const s1 = createModelRumorScorer(m);
    const s2 = createModelRumorScorer(loadRumorModel(json));
    const r = s2(rumorLike());
    expect(r.score).toBe(s1(rumorLike()).score);
    expect(r.score).toBeGreaterThan(s2(officialLike()).score);
    expect(r.contributions).toHaveLength(6);
    expect(r.details.some((d) => d.signal === 'author_official' || d.signal === 'author_log_followers')).toBe(true);
  });

  it('refuses an empty training set and foreign JSON', () => {
    expect(() => trainRumorModel([])).toThrow(/no labelled/);
    expect(() => loadRumorModel('{"kind":"x"}')).toThrow(/not a Fenghuo rumor model/);
  });
});

describe('boosted trees', () => {
  it('learns an interaction, routes missing values and explains additively', () => {
    const xs: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < 400; i++) {
      const a = (i * 7919) % 100;
      const b = (i * 104729) % 100;
      xs.push([a, i % 10 === 0 ? NaN : b]);
      ys.push((a > 50) !== (b > 50) ? 1 : 0);
    }
    const m = trainBoostedTrees(['a', 'b'], xs, ys, { trees: 100, depth: 2, learningRate: 0.3 });
    const acc = xs.filter((x, i) => (boostMargin(m, x) > 0 ? 1 : 0) === ys[i]).length / xs.length;
    expect(acc).toBeGreaterThan(0.85);
    const { bias, byFeature } = boostContributions(m, xs[3]!);
    expect(bias + byFeature[0]! + byFeature[1]!).toBeCloseTo(boostMargin(m, xs[3]!), 9);
    expect(Number.isFinite(boostMargin(m, [NaN, NaN]))).toBe(true);
  });
});

describe('evaluateRumor on any file of the format', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-rumor-'));
  const lines = toyCorpus(40).map((c) => JSON.stringify(c)).join('\n');
  const plain = path.join(dir, 'toy.jsonl');
  const gz = path.join(dir, 'toy.jsonl.gz');
  fs.writeFileSync(plain, `${lines}\n`);
  fs.writeFileSync(gz, zlib.gzipSync(`${lines}\n`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('scores a plain file without splits with the default scorer', async () => {
    const r = await evaluateRumor({ data: plain, window: '1h' });
    expect(r).toMatchObject({ n: 40, scorer: 'default', window: '1h' });
    expect(r.macro_f1).toBeGreaterThan(0.5);
    expect(r.pr_auc).toBeGreaterThan(0.5);
  });

  it('trains on a gzip file without splits and scores all of it', async () => {
    const r = await evaluateRumor({ data: gz, train: gz, window: 'all', trainOptions: small });
    expect(r).toMatchObject({ n: 40, scorer: 'trained' });
    expect(r.accuracy).toBeGreaterThan(0.9);
  });

  it('scores a chosen split', async () => {
    const withSplits = path.join(dir, 'split.jsonl');
    fs.writeFileSync(withSplits, toyCorpus(40).map((c, i) => JSON.stringify({ ...c, split: i < 30 ? 'train' : 'test' })).join('\n'));
    const r = await evaluateRumor({ data: withSplits, train: withSplits, window: '0', trainOptions: small });
    expect(r.n).toBe(10);
    const r2 = await evaluateRumor({ data: withSplits, split: 'train', window: '0' });
    expect(r2.n).toBe(30);
  });

  it('reads window texts', () => {
    expect(rumorWindow('0')).toBe(0);
    expect(rumorWindow('0m')).toBe(0);
    expect(rumorWindow('1h')).toBe(3_600_000);
    expect(rumorWindow('all')).toBeUndefined();
    expect(() => rumorWindow('soon')).toThrow();
  });
});

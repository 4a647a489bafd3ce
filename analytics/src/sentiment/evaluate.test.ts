import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateSentiment } from './evaluate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SMP2020 = path.resolve(ROOT, '../shared/data/sentiment/smp2020-dev.jsonl');
const CED = path.resolve(ROOT, '../shared/data/rumor/ced.jsonl.gz');

// A constructed file in the data format (texts written for this test), gzip and plain.
const topics = ['食堂', '地铁', '医院', '公园', '图书馆', '快递', '物业', '超市'];
const rows: Record<string, unknown>[] = [];
let id = 0;
for (const [i, t] of topics.entries()) {
  const split = i < 6 ? 'train' : 'test';
  for (const [label, tpl] of [
    ['positive', ['{}真好，好开心', '{}太棒了，非常满意', '喜欢{}，点赞']],
    ['negative', ['{}太差了，气死了', '{}让人失望，难过', '讨厌{}，太糟糕']],
    ['neutral', ['{}明天上午开会', '关于{}的通知', '{}周一开始登记']],
  ] as const) {
    for (const p of tpl) rows.push({ id: `x-${id++}`, text: p.replace('{}', t), emotion: 'x', label, domain: 'test', split });
  }
  rows.push({ id: `x-${id++}`, text: `${t}居然这样？`, emotion: 'surprise', label: 'surprise', domain: 'test', split });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-senti-'));
const gz = path.join(dir, 'constructed.jsonl.gz');
fs.writeFileSync(gz, zlib.gzipSync(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'));
const plain = path.join(dir, 'nosplit.jsonl');
fs.writeFileSync(plain, rows.map(({ split: _s, ...r }) => JSON.stringify(r)).join('\n') + '\n');
// An unlabelled corpus of another kind (cascades, texts written for this test) to self-train on.
const corpus = path.join(dir, 'corpus.jsonl');
fs.writeFileSync(
  corpus,
  ['车站', '商场', '学校', '医院门口'].map((t, i) =>
    JSON.stringify({
      id: `c-${i}`,
      post: { text: `${t}今天人很多，大家排队进出`, time: '2013-05-01T08:00:00+08:00' },
      reactions: ['真好，好开心，点赞', '太差了，气死了，失望', '周一上午开会登记'].map((r, j) => ({ id: `r-${i}-${j}`, parent: null, kind: 'comment', time: '2013-05-01T09:00:00+08:00', text: `${t}${r}` })),
    }),
  ).join('\n') + '\n',
);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('evaluateSentiment', () => {
  it('runs the lexicon scorer on any file of the format (gzip), on test when there is no dev', async () => {
    const r = await evaluateSentiment({ data: gz });
    expect(r.scorer).toBe('lexicon');
    expect(r.split).toBe('test');
    expect(r.n).toBe(2 * 9);
    expect(r.skipped).toBe(2);
    expect(Object.keys(r.per_class).sort()).toEqual(['negative', 'neutral', 'positive']);
    expect(r.per_class.positive.support).toBe(6);
  });

  it('fits on the train split and evaluates the rest; a file without splits is used whole', async () => {
    const r = await evaluateSentiment({ data: gz, train: gz, modelOptions: { features: { bits: 14 }, epochs: 6 } });
    expect(r.scorer).toBe('trained');
    expect(r.training).toMatchObject({ split: 'train', examples: 6 * 9, adapted: false, inSample: false });
    expect(r.accuracy).toBeGreaterThan(0.6);
    const whole = await evaluateSentiment({ data: plain, train: gz, modelOptions: { features: { bits: 14 } } });
    expect(whole.split).toBe('all');
    expect(whole.n).toBe(8 * 9);
    expect(whole.training?.inSample).toBe(false);
    const inSample = await evaluateSentiment({ data: plain, train: plain, modelOptions: { features: { bits: 14 } } });
    expect(inSample.training?.inSample).toBe(true);
    await expect(evaluateSentiment({ data: gz, adapt: true })).rejects.toThrow(/adapt needs train/);
    const again = await evaluateSentiment({ data: gz, model: r.model! });
    expect(again.macro_f1).toBe(r.macro_f1);
    await expect(evaluateSentiment({ data: gz, split: 'dev' })).rejects.toThrow(/no examples in split "dev"/);
  });

  it('self-trains on another corpus (inductive) and tells when that corpus holds scored texts', async () => {
    const modelOptions = { features: { bits: 14 }, minUnlabeled: 1 };
    const r = await evaluateSentiment({ data: gz, train: gz, adaptTo: corpus, adaptOptions: { minChars: 1 }, modelOptions });
    expect(r.training).toMatchObject({ adapted: true, adaptedTo: { corpus, format: 'cascade', texts: 16, eligible: 16, overlap: 0, inductive: true } });
    expect(r.model?.training.unlabeled).toBe(16);
    // The bits asked for win over the adaptation default (2^20).
    expect(r.model?.logistic.bits).toBe(14);
    expect(r.accuracy).toBeGreaterThan(0.6);
    // Adapting to the scored file itself is not inductive, and is reported so.
    const self = await evaluateSentiment({ data: plain, train: gz, adaptTo: plain, adaptOptions: { minChars: 1 }, modelOptions });
    expect(self.training?.adaptedTo).toMatchObject({ format: 'sentiment', inductive: false });
    expect(self.training?.adaptedTo?.overlap).toBe(8 * 9);
    const transductive = await evaluateSentiment({ data: gz, train: gz, adapt: true, modelOptions });
    expect(transductive.training?.adaptedTo).toMatchObject({ corpus: 'scored texts', inductive: false });
    await expect(evaluateSentiment({ data: gz, adaptTo: corpus })).rejects.toThrow(/adaptTo needs train/);
    await expect(evaluateSentiment({ data: gz, train: gz, adapt: true, adaptTo: corpus })).rejects.toThrow(/choose one/);
  });

  it.skipIf(!fs.existsSync(SMP2020))('SMP2020: trained on train, beats the 0.61 NB floor on dev (3-class)', async () => {
    const t0 = performance.now();
    const r = await evaluateSentiment({ data: SMP2020, train: SMP2020 });
    expect(r.split).toBe('dev');
    expect(r.n).toBe(1830);
    expect(r.macro_f1).toBeGreaterThan(0.61);
    expect(r.macro_f1).toBeGreaterThan(0.7); // measured 0.731 (seed 7)
    expect(performance.now() - t0).toBeLessThan(30_000);
    // Transductive self-training on the dev texts (their labels unused): measured 0.760.
    const adapted = await evaluateSentiment({ data: SMP2020, train: SMP2020, adapt: true });
    expect(adapted.training?.adapted).toBe(true);
    expect(adapted.macro_f1).toBeGreaterThan(0.74);
  });

  it.skipIf(!fs.existsSync(SMP2020) || !fs.existsSync(CED))('SMP2020: trained on train and self-trained on CED texts (inductive) reaches 0.75 on dev', async () => {
    const t0 = performance.now();
    const r = await evaluateSentiment({ data: SMP2020, train: SMP2020, adaptTo: CED });
    expect(r.training?.adaptedTo).toMatchObject({ format: 'cascade', texts: 20_000, overlap: 0, inductive: true });
    expect(r.training?.adapted).toBe(true);
    expect(r.n).toBe(1830);
    // Measured 0.760 at seed 7 (0.749–0.760 over seeds 7–9); without adaptation 0.731.
    expect(r.macro_f1).toBeGreaterThanOrEqual(0.75);
    expect(r.per_class.positive.f1).toBeGreaterThan(0.65);
    expect(performance.now() - t0).toBeLessThan(45_000);
  });
});

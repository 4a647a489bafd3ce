import { describe, expect, it } from 'vitest';
import {
  createModelSentimentScorer,
  estimateClassPriors,
  loadSentimentModel,
  scoreSentimentBatch,
  serialiseSentimentModel,
  trainSentimentModel,
  type SentimentExampleInput,
} from './model';

// A small constructed set (written for this test): templates × topics.
const topics = ['这家餐厅', '新买的手机', '今天的演出', '这次旅行', '小区的物业', '这部电影', '快递服务', '新来的老师'];
const positive = ['{}真好，好开心', '{}太棒了，非常满意[赞]', '喜欢{}，推荐大家', '{}让人感动，谢谢', '{}超级好，开心😊'];
const negative = ['{}太差了，气死我了', '{}真让人失望[怒]', '{}很糟糕，再也不来了', '讨厌{}，垃圾', '{}太坑了，难过'];
const neutral = ['{}明天上午九点开会', '关于{}的通知已经发布', '{}下周一开始登记', '{}位于市中心三楼', '今天开会讨论{}的安排'];
const fill = (tpl: string[], label: string): SentimentExampleInput[] => topics.flatMap((t) => tpl.map((p) => ({ text: p.replace('{}', t), label })));
const examples = [...fill(positive, 'positive'), ...fill(negative, 'negative'), ...fill(neutral, 'neutral'), { text: '什么？居然是这样', label: 'surprise' }];
const probes = ['好开心', '太差了', '今天开会', '[赞][赞]', '', '这个东西还行吧？'];
const opts = { features: { bits: 16 }, epochs: 8 };

describe('trained sentiment model', () => {
  it('separates clear examples', () => {
    const model = trainSentimentModel(examples, opts);
    expect(model.training.examples).toBe(examples.length - 1);
    expect(model.training.skipped).toBe(1); // surprise
    const score = createModelSentimentScorer(model);
    expect(score('好开心').label).toBe('positive');
    expect(score('太差了').label).toBe('negative');
    expect(score('今天开会').label).toBe('neutral');
    expect(score('好开心').score).toBeGreaterThan(0);
    expect(score('太差了').score).toBeLessThan(0);
  });

  it('gives scores in [-1, 1] equal to P(pos) - P(neg), and probabilities that sum to 1', () => {
    const score = createModelSentimentScorer(trainSentimentModel(examples, opts));
    for (const t of probes) {
      const r = score(t);
      const sum = r.probs.positive + r.probs.negative + r.probs.neutral;
      expect(sum).toBeCloseTo(1, 5);
      expect(r.score).toBeCloseTo(r.probs.positive - r.probs.negative, 6);
      expect(Math.abs(r.score)).toBeLessThanOrEqual(1);
    }
  });

  it('is deterministic and survives a serialise/load round trip exactly', () => {
    const a = trainSentimentModel(examples, opts);
    const b = trainSentimentModel(examples, opts);
    const json = serialiseSentimentModel(a);
    expect(serialiseSentimentModel(b)).toBe(json);
    const loaded = loadSentimentModel(json);
    expect(loadSentimentModel(JSON.parse(json) as Record<string, unknown>).features).toEqual(a.features);
    const s1 = createModelSentimentScorer(a);
    const s2 = createModelSentimentScorer(loaded);
    for (const t of probes) expect(s2(t)).toEqual(s1(t));
    expect(serialiseSentimentModel(loaded)).toBe(json);
  });

  it('keeps the default model file small', () => {
    const json = serialiseSentimentModel(trainSentimentModel(examples.slice(0, 60).concat(examples.slice(80)), { epochs: 1 }));
    expect(json.length).toBeLessThan(3_000_000); // 2^18 slots × 3 classes × int16, base64
  });

  it('rejects training data without every class, and foreign model files', () => {
    expect(() => trainSentimentModel(examples.filter((e) => e.label !== 'neutral'))).toThrow(/neutral/);
    expect(() => loadSentimentModel('{"kind":"logistic"}')).toThrow(/not a Fenghuo sentiment model/);
  });

  it('self-trains on unlabeled texts deterministically, and estimates batch priors', () => {
    const unlabeled = topics.flatMap((t) => [`${t}好开心`, `${t}太差了`, `${t}今天开会`]);
    const o = { ...opts, unlabeled, minUnlabeled: 10 };
    const a = trainSentimentModel(examples, o);
    expect(a.training.selfTrainingRounds).toBe(3);
    expect(serialiseSentimentModel(trainSentimentModel(examples, o))).toBe(serialiseSentimentModel(a));
    expect(createModelSentimentScorer(a)('好开心').label).toBe('positive');
    const priors = estimateClassPriors(a, unlabeled);
    expect(priors.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 6);
    expect(scoreSentimentBatch(a, unlabeled, { priorCorrection: 'em' })).toHaveLength(unlabeled.length);
  });
});

import { describe, expect, it } from 'vitest';
import { describeReason } from './describe-reason';

const base = { observed: 0, expected: 0, statistic: '', value: 0 };

describe('describeReason', () => {
  it.each([
    [{ ...base, kind: 'rising', detail: '40 mentions in 5 min, 4.0× the 10.0 expected at this hour', observed: 40, expected: 10, value: 4 }, '声量上升：近期 40 条，是此时段预期 10 条的 4 倍'],
    [{ ...base, kind: 'first_story', detail: 'a new event: 12 mentions from 7 authors within 2 min of its first', observed: 12 }, '新事件：12 条'],
    [{ ...base, kind: 'first_story', detail: 'a new word “塌方”: 15 mentions from 9 authors within 1 min of its first use', observed: 15 }, '新词“塌方”出现：15 条'],
    [{ ...base, kind: 'rule:r1', detail: '爆炸监测: 3 mentions with 爆炸', statistic: 'matching_mentions', observed: 3, expected: 3 }, '爆炸监测：3 条含监测词'],
    [{ ...base, kind: 'rule:r2', detail: '负面: 62% negative of 40', statistic: 'negative_share', observed: 0.62, expected: 0.5 }, '负面：负面占比 62%（阈值 50%）'],
    [{ ...base, kind: 'rule:r3', detail: '谣言: rumor score 0.81', statistic: 'rumor_score', observed: 0.81, expected: 0.7 }, '谣言：谣言可能性 81%（阈值 70%）'],
    [{ ...base, kind: 'something_new', detail: 'kept as the engine said it' }, 'kept as the engine said it'],
  ])('says %j in Chinese', (reason, text) => {
    expect(describeReason(reason, 'zh')).toBe(text);
  });

  it('keeps the engine’s English text in English', () => {
    expect(describeReason({ ...base, kind: 'rising', detail: 'as is' }, 'en')).toBe('as is');
  });
});

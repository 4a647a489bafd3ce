import { describe, expect, it } from 'vitest';
import { createQaTextAnalyser, QA_SYNONYMS } from './qa-text';

const analyser = createQaTextAnalyser();
const whole = (text: string) => analyser.terms(text).filter((t) => t.of === undefined).map((t) => t.term);
const all = (text: string) => new Set(analyser.terms(text).map((t) => t.term));

describe('QA text analysis', () => {
  it.each([
    ['社保卡', '社会保障卡'],
    ['丢了', '遗失'],
    ['丢失', '遗失'],
    ['医保', '医疗保险'],
    ['公积金', '住房公积金'],
    ['户口', '户籍'],
    ['身份证', '居民身份证'],
    ['驾照', '驾驶证'],
    ['房产证', '不动产权证书'],
    ['12345热线', '政务服务便民热线'],
    ['退休金', '养老金'],
    ['补领', '补办'],
    ['外地', '异地'],
    ['孩子', '子女'],
  ])('%s and %s are one term', (a, b) => {
    expect(whole(a)).toEqual(whole(b));
    expect(whole(a)).toHaveLength(1);
  });

  it('gives every wording one canonical form (a word in two groups would silently join them)', () => {
    const words = QA_SYNONYMS.flat();
    expect(words.filter((w, i) => words.indexOf(w) !== i)).toEqual([]);
    // The table is matched against lower-cased, width-folded text.
    expect(words.filter((w) => w !== w.toLowerCase())).toEqual([]);
  });

  it('words one citizen and one official use for the same question meet', () => {
    expect(whole('社保卡丢了怎么补办')).toEqual(whole('社会保障卡遗失如何补办？'));
    expect(whole('社保卡丢了怎么补办')).toEqual(['社保卡', '遗失', '补办']);
  });

  it.each(['怎么', '如何', '请问您好，我想咨询一下', '怎么办', '今天的'])('drops question wording and stopwords: %s', (text) => {
    expect(whole(text)).toEqual([]);
  });

  it('adds the known words inside a long word, at half weight, so 户口 finds 户口迁移', () => {
    const terms = analyser.terms('户口迁移');
    expect(terms.find((t) => t.term === '户口迁移')).toMatchObject({ weight: 1 });
    expect(terms.find((t) => t.term === '户口')).toMatchObject({ weight: 0.5, of: '户口迁移', at: 0, length: 2 });
    expect(terms.find((t) => t.term === '迁移')).toMatchObject({ weight: 0.5, of: '户口迁移', at: 2, length: 2 });
  });

  it('keeps service numbers and folds full-width text', () => {
    expect(all('１２３４５热线')).toContain('12345');
    expect(all('拨打12345反映')).toContain('12345');
  });

  it('recovers one-character wording that jieba glued into an invented word (去哪换)', () => {
    expect(all('驾照到期了去哪换')).toContain('换领');
  });

  it('shows the words as typed', () => {
    const t = analyser.terms('社会保障卡丢了');
    expect(t.map((x) => [x.term, x.surface])).toContainEqual(['社保卡', '社会保障卡']);
    expect(t.map((x) => [x.term, x.surface])).toContainEqual(['遗失', '丢']);
  });
});

import { describe, expect, it } from 'vitest';
import type { CheckFinding } from './types';
import { checkDraft, DEFAULT_LENGTH_LIMITS, hasBlockingFindings, loadDefaultLexicon } from './index';
import { checkDraftWith } from './check-draft';

function withCheckChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (weights[i] ?? 0), 0);
  return first17 + '10X98765432'.charAt(sum % 11);
}

function luhn(n: string): boolean {
  const sum = [...n].reverse().reduce((s, c, i) => {
    const v = Number(c) * (i % 2 ? 2 : 1);
    return s + (v > 9 ? v - 9 : v);
  }, 0);
  return sum % 10 === 0;
}

// An ID number that is also a Luhn-valid 18-digit "card": reported once, as an ID.
const ID_AND_CARD = (() => {
  for (let seq = 100; seq < 999; seq++) {
    const id = withCheckChar(`44030419850612${seq}`);
    if (/^\d{18}$/.test(id) && luhn(id)) return id;
  }
  throw new Error('none found');
})();

const ID = withCheckChar('33010619900307451');
const FULL_WIDTH_ID = ID.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const STATEMENT = [
  '# 关于文三路火情的情况通报',
  '',
  '11月26日14时许，西湖区文三路一居民楼发生火灾。区消防救援大队接警后迅速到场处置，火情于15时被扑灭，未造成人员伤亡。',
  '起火原因正在调查中。截至目前，周边交通已恢复正常。',
  '',
  '如有疑问，请拨打**12345**热线或登录[区政府网站](https://www.xihu.gov.cn)留言。',
  '',
  '杭州市西湖区人民政府新闻办公室',
].join('\n');

const REQUIRED = { time: true, place: '杭州市西湖区', unit: '杭州市西湖区人民政府新闻办公室', contact: true } as const;

describe('checkDraft', () => {
  it('passes a clean statement', () => {
    const findings = checkDraft(STATEMENT, { platform: 'weibo', required: REQUIRED });
    expect(findings).toEqual([]);
    expect(hasBlockingFindings(findings)).toBe(false);
  });

  it('reports a number that is both an ID and a card once, as an ID', () => {
    expect(luhn(ID_AND_CARD)).toBe(true);
    const findings = checkDraft(`当事人证件号${ID_AND_CARD}。`);
    expect(findings.map((f) => f.check)).toEqual(['id_number']);
  });

  it('finds everything in a bad draft, sorted by offset, whole-text findings last', () => {
    const text =
      `对此无可奉告。当事人张某（身份证号${FULL_WIDTH_ID}，手机１３８－００１３－８０００，家住幸福小区3号楼2单元501室）驾驶京A·12345撞上护栏。` +
      '截止目前，中华人名共和国相关规定见国办发(2016)61号。该说法纯属造谣。';
    const findings = checkDraft(text, { platform: 'weibo', required: { ...REQUIRED, contact: true }, lengthLimits: { weibo: 50 } });
    expect(findings.map((f) => [f.check, f.severity])).toEqual([
      ['forbidden_wording', 'error'],
      ['id_number', 'error'],
      ['mobile', 'error'],
      ['private_address', 'error'],
      ['licence_plate', 'warning'],
      ['term_mistake', 'warning'],
      ['term_mistake', 'error'],
      ['term_mistake', 'warning'],
      ['sensitive_wording', 'warning'],
      ['missing_element', 'error'],
      ['missing_element', 'error'],
      ['missing_element', 'error'],
      ['missing_element', 'error'],
      ['length', 'error'],
    ]);
    expect(hasBlockingFindings(findings)).toBe(true);

    const at = (check: CheckFinding['check']) => {
      const f = findings.find((x) => x.check === check);
      return text.slice(f?.start, f?.end);
    };
    expect(at('id_number')).toBe(FULL_WIDTH_ID);
    expect(at('mobile')).toBe('１３８－００１３－８０００');
    expect(at('private_address')).toBe('3号楼2单元501室');
    expect(at('licence_plate')).toBe('京A·12345');
    expect(at('forbidden_wording')).toBe('无可奉告');

    // Nothing personal reaches a log: the masked forms hide the middle.
    const personal = findings.filter((f) => ['id_number', 'mobile', 'private_address', 'licence_plate'].includes(f.check));
    for (const f of personal) expect(f.match).not.toBe(text.slice(f.start, f.end));
    expect(JSON.stringify(findings)).not.toContain(FULL_WIDTH_ID.slice(6, 14));
    expect(JSON.stringify(findings)).not.toContain('００１３');

    for (let i = 1; i < findings.length; i++) {
      expect((findings[i]?.start ?? Infinity) >= (findings[i - 1]?.start ?? Infinity)).toBe(true);
    }
  });

  it('is deterministic', () => {
    const text = `${ID} 13800138000 京A12345 无可奉告 截止目前`;
    expect(checkDraft(text, { platform: 'weibo' })).toEqual(checkDraft(text, { platform: 'weibo' }));
  });

  it('adds the context lexicon to the defaults', () => {
    const findings = checkDraft('本项目零排放，绝对安全', { lexicon: { forbidden: ['零排放'], notes: { 零排放: '须有监测数据' } } });
    expect(findings.map((f) => [f.check, f.match])).toEqual([
      ['forbidden_wording', '零排放'],
      ['forbidden_wording', '绝对安全'],
    ]);
    expect(findings[0]?.message).toContain('须有监测数据');
  });

  it('checks with an explicit lexicon and nothing else', () => {
    const findings = checkDraftWith('绝对安全，无可奉告', { forbidden: ['无可奉告'], sensitive: [], termMistakes: [] });
    expect(findings.map((f) => f.match)).toEqual(['无可奉告']);
  });

  it('does not report a public unit address', () => {
    const text = '来访请至区信访局（幸福路8号3号楼201室）。张三工作室（幸福小区3号楼2单元501室）';
    expect(checkDraft(text, { publicNames: ['张三工作室'] })).toEqual([]);
  });

  it('exports the defaults', () => {
    expect(DEFAULT_LENGTH_LIMITS.weibo).toBe(2000);
    expect(loadDefaultLexicon().forbidden).toContain('无可奉告');
  });
});

describe('hasBlockingFindings', () => {
  it.each<[CheckFinding[], boolean]>([
    [[], false],
    [[{ check: 'licence_plate', severity: 'warning', message: '' }], false],
    [[{ check: 'licence_plate', severity: 'warning', message: '' }, { check: 'length', severity: 'error', message: '' }], true],
  ])('%#', (findings, blocking) => {
    expect(hasBlockingFindings(findings)).toBe(blocking);
  });
});

describe('speed', () => {
  const time = (text: string) => {
    checkDraft(text, { platform: 'wechat', required: { time: true, place: true, unit: true, contact: true } });
    const started = performance.now();
    checkDraft(text, { platform: 'wechat', required: { time: true, place: true, unit: true, contact: true } });
    return performance.now() - started;
  };

  it('checks a 20k-character statement well under 50 ms', () => {
    let text = '';
    while (text.length < 20_000) text += `${STATEMENT}\n当事人${ID}，手机13800138000，家住幸福小区3号楼2单元501室，截止目前无可奉告。\n`;
    expect(time(text.slice(0, 20_000))).toBeLessThan(50);
  });

  // Inputs that make careless patterns backtrack: long runs of the characters they repeat.
  it.each([
    ['digits', '1'.repeat(20_000)],
    ['grouped digits', '1234 '.repeat(4_000)],
    ['address parts', '1号'.repeat(10_000)],
    ['numerals', '一'.repeat(20_000)],
    ['han without places', '的'.repeat(20_000)],
    ['emphasis markers', '**的'.repeat(7_000)],
    ['plates', '京A'.repeat(10_000)],
    ['document numbers', '发(2016)'.repeat(3_000)],
    ['dashes', '3-'.repeat(10_000)],
    ['forbidden words', '无可奉告'.repeat(5_000)],
    ['mobiles', '13800138000，'.repeat(1_666)],
    ['term mistakes', '截止目前'.repeat(5_000)],
  ])('stays fast on %s', (_, text) => {
    expect(time(text)).toBeLessThan(100);
  });
});

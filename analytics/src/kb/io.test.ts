import { describe, expect, it } from 'vitest';
import { syntheticKb } from './evaluate';
import { exportClaims, normaliseDate, parseClaims, parseCsvRecords, type ClaimFormat, type ParsedClaim } from './io';

const sample: ParsedClaim[] = [
  {
    claim: '网传"某市"自来水被污染，千万别喝,转给家人',
    rebuttal: '经核实，上述信息不实。\n水质检测各项指标均符合国家标准，请放心饮用。',
    source: '某市水务集团',
    date: '2024-06-12',
    url: 'https://water.example.invalid/notice?id=1&x=2',
    keywords: ['自来水', '污染'],
  },
  { claim: '明天全市停电24小时', rebuttal: '网传“全市停电”不实。', source: '供电公司', date: '2024-07-11', keywords: [] },
  { claim: ' 前后有空格的说法 ', rebuttal: '不实', source: '某局', date: '2023-01-02', keywords: ['空格'] },
];

describe('claims import/export', () => {
  it.each<ClaimFormat>(['json', 'csv'])('round-trips through %s', (format) => {
    const text = exportClaims(sample, format);
    const back = parseClaims(text, format);
    expect(back.errors).toEqual([]);
    // The schema trims text fields.
    expect(back.claims).toEqual(sample.map((c) => ({ ...c, claim: c.claim.trim() })));
  });

  it.each<ClaimFormat>(['json', 'csv'])('round-trips the whole synthetic KB through %s, dropping ids', (format) => {
    const kb = syntheticKb();
    const back = parseClaims(exportClaims(kb, format), format);
    expect(back.errors).toEqual([]);
    expect(back.claims).toEqual(kb.map(({ id: _id, updated_at: _u, ...c }) => c));
  });

  it('writes CSV for spreadsheets: BOM, CRLF, the documented header, | between keywords', () => {
    const csv = exportClaims(sample, 'csv');
    expect(csv.startsWith('\uFEFFclaim,rebuttal,source,date,url,keywords\r\n')).toBe(true);
    expect(csv).toContain(',自来水|污染\r\n');
    expect(csv).toContain('"网传""某市""自来水被污染，千万别喝,转给家人"');
  });

  it('accepts JSON as an array or as { claims }, and reports bad items by index', () => {
    const good = { claim: '紫菜是塑料做的', rebuttal: '谣言', source: '市场监管局', date: '2023-04-17' };
    const asArray = parseClaims(JSON.stringify([good, { ...good, date: '17/04/2023' }, 'text', { ...good, url: 'not a url' }]), 'json');
    expect(asArray.claims).toEqual([{ ...good, keywords: [] }]);
    expect(asArray.errors.map((e) => e.index)).toEqual([1, 2, 3]);
    expect(asArray.errors[0]!.message).toMatch(/date/);
    expect(asArray.errors[1]!.message).toMatch(/not an object/);
    expect(asArray.errors[2]!.message).toMatch(/url/);
    const wrapped = parseClaims(`\uFEFF${JSON.stringify({ claims: [{ ...good, keywords: '紫菜|塑料' }] })}`, 'json');
    expect(wrapped).toEqual({ claims: [{ ...good, keywords: ['紫菜', '塑料'] }], errors: [] });
  });

  it.each([
    ['not JSON', '{"claims": [', /not JSON/],
    ['neither an array nor { claims }', '{"items": []}', /array of claims/],
  ])('rejects a JSON file that is %s', (_what, text, message) => {
    const r = parseClaims(text, 'json');
    expect(r.claims).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(message);
  });

  it('reads spreadsheet CSV: BOM, CRLF, columns in any order, quoted commas, quotes and line breaks, ；-separated keywords', () => {
    const csv = [
      '\uFEFFsource,Date,claim,rebuttal,keywords,url',
      '某市公安局,2024/4/22,"白色面包车在学校附近拐卖小孩，已经抢走好几个","网传“面包车拐卖儿童”不实,',
      '系编造。",面包车；拐卖 | 小孩,',
      '"某市教育局",2023年12月4日,"教育局通知：""停课两周""",经核实该通知系伪造。,停课,https://edu.example.invalid/a',
      '',
    ].join('\r\n');
    const r = parseClaims(csv, 'csv');
    expect(r.errors).toEqual([]);
    expect(r.claims).toEqual([
      { claim: '白色面包车在学校附近拐卖小孩，已经抢走好几个', rebuttal: '网传“面包车拐卖儿童”不实,\r\n系编造。', source: '某市公安局', date: '2024-04-22', keywords: ['面包车', '拐卖', '小孩'] },
      { claim: '教育局通知："停课两周"', rebuttal: '经核实该通知系伪造。', source: '某市教育局', date: '2023-12-04', url: 'https://edu.example.invalid/a', keywords: ['停课'] },
    ]);
  });

  it('keeps good CSV rows and reports each bad one with its line and reason', () => {
    const csv = [
      'claim,rebuttal,source,date,url,keywords',
      '好的一行,不实,某局,2024-01-01,,',
      ',不实,某局,2024-01-01,,',
      '日期不对,不实,某局,明天,,',
      '网址不对,不实,某局,2024-01-01,www,',
      '少了一列,不实,某局,2024-01-01',
      '"多行的',
      '说法",不实,某局,2024-01-02,,关键词',
      '引号"在中间,不实,某局,2024-01-01,,',
      '"收尾"之后,不实,某局,2024-01-01,,',
      '"没有收尾的引号,不实,某局,2024-01-01,,',
      '后面的行都被吞掉了,不实,某局,2024-01-01,,',
    ].join('\n');
    const r = parseClaims(csv, 'csv');
    expect(r.claims.map((c) => c.claim)).toEqual(['好的一行', '多行的\n说法']);
    expect(r.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 9, 10, 11]);
    const byLine = new Map(r.errors.map((e) => [e.line, e.message]));
    expect(byLine.get(3)).toMatch(/claim/);
    expect(byLine.get(4)).toMatch(/date.*YYYY-MM-DD/);
    expect(byLine.get(5)).toMatch(/url/);
    expect(byLine.get(6)).toMatch(/4 fields, the header has 6/);
    expect(byLine.get(9)).toMatch(/quote/);
    expect(byLine.get(10)).toMatch(/after a closing quote/);
    expect(byLine.get(11)).toMatch(/never closed/);
  });

  it.each([
    ['an empty file', '', /empty file/],
    ['a header without required columns', 'claim,source\n某说法,某局\n', /header lacks rebuttal, date/],
  ])('rejects %s', (_what, text, message) => {
    const r = parseClaims(text, 'csv');
    expect(r.claims).toEqual([]);
    expect(r.errors[0]).toMatchObject({ line: 1 });
    expect(r.errors[0]!.message).toMatch(message);
  });

  it.each([
    ['2024-03-08', '2024-03-08'],
    ['2024/3/8', '2024-03-08'],
    ['2024.03.8', '2024-03-08'],
    ['2024年3月8日', '2024-03-08'],
    [' 2024-3-8 ', '2024-03-08'],
    ['3/8/2024', '3/8/2024'],
  ])('normalises the date %s to %s', (input, output) => {
    expect(normaliseDate(input)).toBe(output);
  });

  it('splits CSV records on CR, LF or CRLF and counts lines inside quoted fields', () => {
    const records = parseCsvRecords('a,b\r"x\r\ny",z\nlast,row');
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['x\r\ny', 'z']],
      [4, ['last', 'row']],
    ]);
  });
});

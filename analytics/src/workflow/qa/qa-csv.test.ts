import { describe, expect, it } from 'vitest';
import { QA_LIBRARY } from './fixtures/qa-library';
import { formatQaDate, parseQaCsv, parseQaDate, toQaCsv } from './qa-csv';
import type { QaEntry, QaEntryInput } from './qa-entry';

const shanghai = (local: string) => Date.parse(`${local}+08:00`);
const input = ({ id: _id, updated_at: _u, ...rest }: QaEntry): QaEntryInput => rest;

const awkward: QaEntry[] = [
  {
    id: 'a',
    question: '社保卡丢了，怎么办？',
    answer: '第一步，拨打"12333"挂失；\r\n第二步，到网点补卡。\n注意：带上身份证,原件。',
    category: '社会保障',
    tags: ['社保卡', '挂失'],
    unit_id: 'rsj',
    valid_from: shanghai('2025-01-01T00:00:00'),
    valid_to: shanghai('2025-12-31T23:59:59.999'),
    updated_at: 1,
  },
  {
    id: 'b',
    question: '"一网通办"怎么用',
    answer: '见官网',
    category: '',
    tags: [],
    unit_id: 'zwfw',
    // Not a day boundary: written as a full ISO-8601 time.
    valid_from: shanghai('2025-03-01T09:30:15.250'),
    updated_at: 2,
  },
];

describe('Q&A CSV', () => {
  it.each([
    ['the test library', QA_LIBRARY],
    ['quotes, commas, line breaks and times of day', awkward],
  ])('round-trips %s through toQaCsv and parseQaCsv', (_name, entries) => {
    const back = parseQaCsv(toQaCsv(entries));
    expect(back.errors).toEqual([]);
    expect(back.entries).toEqual(entries.map(input));
  });

  it('writes for Excel: BOM, CRLF, the English header, ; between tags, plain dates at day boundaries', () => {
    const csv = toQaCsv(awkward);
    expect(csv.startsWith('\ufeffquestion,answer,category,tags,unit_id,valid_from,valid_to\r\n')).toBe(true);
    expect(csv).toContain(',社会保障,社保卡;挂失,rsj,2025-01-01,2025-12-31\r\n');
    expect(csv).toContain('"""一网通办""怎么用",见官网,,,zwfw,2025-03-01T09:30:15.250+08:00,\r\n');
  });

  it.each([
    ['LF, no BOM', 'question,answer,unit_id\n问,答,u\n'],
    ['CRLF, no BOM', 'question,answer,unit_id\r\n问,答,u\r\n'],
    ['CRLF with a BOM', '\ufeffquestion,answer,unit_id\r\n问,答,u\r\n'],
    ['a BOM and trailing empty rows from a spreadsheet', '\ufeffquestion,answer,unit_id\r\n问,答,u\r\n,,\r\n,,\r\n'],
  ])('reads %s', (_name, text) => {
    expect(parseQaCsv(text)).toEqual({ entries: [{ question: '问', answer: '答', category: '', tags: [], unit_id: 'u' }], errors: [] });
  });

  it('reads Chinese headers in any order, with ； or ; between tags, and ignores other columns', () => {
    const text = '\ufeff单位,问题,备注,答案,标签,分类,生效日期,失效日期\r\ngjj,如何提取住房公积金支付房租？,内部备注,每年可提取一次。,租房提取； 公积金;租房提取,住房公积金,2025/1/1,2025年12月31日\r\n';
    expect(parseQaCsv(text)).toEqual({
      entries: [
        {
          question: '如何提取住房公积金支付房租？',
          answer: '每年可提取一次。',
          category: '住房公积金',
          tags: ['租房提取', '公积金'],
          unit_id: 'gjj',
          valid_from: shanghai('2025-01-01T00:00:00'),
          valid_to: shanghai('2025-12-31T23:59:59.999'),
        },
      ],
      errors: [],
    });
  });

  it('reports bad rows with their line and reason, and imports the good ones', () => {
    const text = [
      'question,answer,category,tags,unit_id,valid_from,valid_to', // 1
      '居住证如何办理？,"到居住地派出所申领。', // 2: a quoted answer over three lines
      '需本人到场，', // 3
      '携带身份证。",户籍管理,居住证,gaj,,', // 4
      ',没有问题的答案,户籍管理,,gaj,,', // 5: no question
      '护照怎么办？,到出入境大厅。,出入境,,crj,2025-02-30,', // 6: no such day
      '幼儿园何时报名？,6月。,教育,,jyj,明年,', // 7: not a date
      '旧政策？,已废止。,其他,,zwfw,2025-06-01,2025-01-01', // 8: valid_to before valid_from
      '多了一列？,答案,其他,,zwfw,,,多余', // 9: too many fields
      '没有单位？,答案,其他,,,,', // 10: no unit
      '"没闭合的引号,答案,其他,,zwfw,,', // 11: a quote never closed
      '驾驶证到期如何换证？,到车管所申请。,交通出行,驾驶证;换证,jj,2025-01-01T00:00:00Z,', // 12
    ].join('\r\n');
    const r = parseQaCsv(text);
    expect(r.entries.map((e) => e.question)).toEqual(['居住证如何办理？', '驾驶证到期如何换证？']);
    expect(r.entries[0]!.answer).toBe('到居住地派出所申领。\r\n需本人到场，\r\n携带身份证。');
    expect(r.entries[1]!.valid_from).toBe(Date.parse('2025-01-01T00:00:00Z'));
    expect(r.errors.map((e) => e.line)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    const message = (line: number) => r.errors.find((e) => e.line === line)?.message;
    expect(message(5)).toBe('question: is required');
    expect(message(6)).toBe('valid_from: not a date: "2025-02-30" (expected YYYY-MM-DD or ISO-8601)');
    expect(message(7)).toContain('valid_from: not a date: "明年"');
    expect(message(8)).toBe('valid_to: must not be before valid_from');
    expect(message(9)).toContain('8 fields, the header has 7');
    expect(message(10)).toBe('unit_id: is required');
    expect(message(11)).toContain('never closed');
  });

  it.each([
    ['question,answer,category\n问,答,类\n', 'header lacks unit_id'],
    ['问题,答案,单位,unit_id\n问,答,u,u\n', 'column unit_id appears twice'],
    ['', 'no header row'],
    ['"question,answer,unit_id\n问,答,u\n', 'header row: a quoted field opened on line 1 is never closed'],
  ])('rejects a file whose header cannot be used, once: %j', (text, reason) => {
    const r = parseQaCsv(text);
    expect(r.entries).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ line: 1 });
    expect(r.errors[0]!.message).toContain(reason);
  });
});

describe('Q&A CSV dates (Asia/Shanghai)', () => {
  it.each<[string, 'from' | 'to', number | undefined]>([
    ['', 'from', undefined],
    ['2025-03-01', 'from', shanghai('2025-03-01T00:00:00')],
    ['2025-03-01', 'to', shanghai('2025-03-01T23:59:59.999')],
    ['2025/3/1', 'from', shanghai('2025-03-01T00:00:00')],
    ['2025年3月1日', 'to', shanghai('2025-03-01T23:59:59.999')],
    ['2025-03-01T08:30:00Z', 'from', Date.parse('2025-03-01T08:30:00Z')],
    ['2025-03-01 08:30', 'to', shanghai('2025-03-01T08:30:00')],
    ['2025-03-01T08:30:00.5+09:00', 'from', Date.parse('2025-03-01T08:30:00.500+09:00')],
    ['2024-02-29', 'from', shanghai('2024-02-29T00:00:00')],
  ])('reads %j as valid_%s', (cell, end, expected) => {
    expect(parseQaDate(cell, end)).toBe(expected);
  });

  it.each(['2025-02-30', '2023-02-29', '2025-13-01', '明年', '03/01/2025', '2025-03-01T25:00', '2025-03'])('rejects %j', (cell) => {
    expect(parseQaDate(cell, 'from')).toMatch(/^not a date/);
  });

  it.each<[number, 'from' | 'to', string]>([
    [shanghai('2025-03-01T00:00:00'), 'from', '2025-03-01'],
    [shanghai('2025-03-01T23:59:59.999'), 'to', '2025-03-01'],
    [shanghai('2025-03-01T00:00:00'), 'to', '2025-03-01T00:00:00.000+08:00'],
    [Date.parse('2025-03-01T00:00:00Z'), 'from', '2025-03-01T08:00:00.000+08:00'],
  ])('writes %d as valid_%s %j', (ms, end, expected) => {
    expect(formatQaDate(ms, end)).toBe(expected);
    expect(parseQaDate(expected, end)).toBe(ms);
  });
});

import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, spreadsheetSafe, type CsvParseResult } from './csv';

describe('parseCsv', () => {
  it.each<[string, string, CsvParseResult]>([
    ['LF', 'a,b\n1,2\n', { rows: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }], errors: [] }],
    ['CRLF without a final line end', 'a,b\r\n1,2', { rows: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['1', '2'] }], errors: [] }],
    ['lone CR', 'a\r1', { rows: [{ line: 1, cells: ['a'] }, { line: 2, cells: ['1'] }], errors: [] }],
    ['a UTF-8 BOM', '\ufeff问题,答案\n', { rows: [{ line: 1, cells: ['问题', '答案'] }], errors: [] }],
    ['blank lines', '\na\n\n\nb\n\n', { rows: [{ line: 2, cells: ['a'] }, { line: 5, cells: ['b'] }], errors: [] }],
    ['empty fields and a trailing comma', ',x,\n', { rows: [{ line: 1, cells: ['', 'x', ''] }], errors: [] }],
    ['a trailing comma at the end of input', 'a,', { rows: [{ line: 1, cells: ['a', ''] }], errors: [] }],
    ['quoted commas and doubled quotes', '"a,b","say ""hi"""\n', { rows: [{ line: 1, cells: ['a,b', 'say "hi"'] }], errors: [] }],
    [
      'quoted line breaks (the next record starts on a later line)',
      'x,"第一行\r\n第二行\n第三行"\ny,z\n',
      { rows: [{ line: 1, cells: ['x', '第一行\r\n第二行\n第三行'] }, { line: 4, cells: ['y', 'z'] }], errors: [] },
    ],
    ['spaces around a quoted field', 'a, "b" ,c\n', { rows: [{ line: 1, cells: ['a', 'b', 'c'] }], errors: [] }],
    ['a quote inside an unquoted field', '办理"一网通办",x\n', { rows: [{ line: 1, cells: ['办理"一网通办"', 'x'] }], errors: [] }],
    [
      'text after a closing quote',
      'a\n"b"c,d\ne\n',
      { rows: [{ line: 1, cells: ['a'] }, { line: 3, cells: ['e'] }], errors: [{ line: 2, message: 'text after a closing quote in field 1' }] },
    ],
    [
      'a quote never closed: that line is given up, the next are read',
      'a,b\n"oops,1\nc,d\n',
      { rows: [{ line: 1, cells: ['a', 'b'] }, { line: 3, cells: ['c', 'd'] }], errors: [{ line: 2, message: 'a quoted field opened on line 2 is never closed' }] },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseCsv(text)).toEqual(expected);
  });
});

describe('formatCsv', () => {
  const rows = [
    ['问题', '答案'],
    ['社保卡丢了怎么办？', '第一步，挂失；\n第二步，补卡。'],
    ['带"引号"的', ' 前后空格 '],
    ['', 'a,b'],
  ];

  it('quotes only what needs it, with a BOM and CRLF for Excel', () => {
    expect(formatCsv(rows, { bom: true })).toBe(
      '\ufeff问题,答案\r\n社保卡丢了怎么办？,"第一步，挂失；\n第二步，补卡。"\r\n"带""引号""的"," 前后空格 "\r\n,"a,b"\r\n',
    );
  });

  it.each([{ bom: true }, { bom: false, eol: '\n' as const }])('round-trips through parseCsv (%o)', (opts) => {
    expect(parseCsv(formatCsv(rows, opts)).rows.map((r) => r.cells)).toEqual(rows);
  });
});

describe('formulas (CSV injection)', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1+cmd|calc', "'+1+cmd|calc"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ['-3', '-3'],
    ['+8613800000000', '+8613800000000'],
    ['-1.5', '-1.5'],
    ['正常的文本 =1', '正常的文本 =1'],
    ["'=already", "'=already"],
  ])('%j is written as %j', (value, safe) => {
    expect(spreadsheetSafe(value)).toBe(safe);
  });

  it('every cell formatCsv writes is safe, and parseCsv reads the value back without the apostrophe', () => {
    const rows = [['text', 'n'], ["=cmd|' /C calc'!A0", '-3'], ['@x', '\t=1'], ['+86 138', 'ok']];
    const csv = formatCsv(rows);
    for (const line of csv.split('\r\n').filter(Boolean)) for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]|^-\D/);
    expect(parseCsv(csv).rows.map((r) => r.cells)).toEqual(rows);
    expect(formatCsv(rows, { formulaSafe: false })).toContain("\r\n=cmd|' /C calc'!A0,");
  });
});

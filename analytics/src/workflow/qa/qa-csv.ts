/**
 * The Q&A library as CSV, the way press offices keep it: in Excel or WPS.
 *
 * Header `question,answer,category,tags,unit_id,valid_from,valid_to`, or
 * the Chinese names (问题,答案,分类,标签,单位,生效日期,失效日期), columns in
 * any order, other columns (备注) ignored; tags separated by ; or ；; dates as YYYY-MM-DD (also 2025/3/1
 * and 2025年3月1日, as spreadsheets rewrite them) in Asia/Shanghai, or
 * ISO-8601 (without a zone: Asia/Shanghai); an empty date is open. A date-only
 * valid_to holds to the end of that day.
 *
 * A bad row is reported with the line it starts on and why; the good rows
 * are still imported, so one typo does not reject a list of hundreds.
 */
import { formatCsv, parseCsv } from '@fenghuo/shared';
import { QA_TAG_SEPARATOR, qaEntryInputSchema, type QaEntry, type QaEntryInput } from './qa-entry';

export const QA_CSV_COLUMNS = ['question', 'answer', 'category', 'tags', 'unit_id', 'valid_from', 'valid_to'] as const;
type Column = (typeof QA_CSV_COLUMNS)[number];
const REQUIRED: readonly Column[] = ['question', 'answer', 'unit_id'];

/** Header names accepted per column, compared trimmed and lower-cased. */
const HEADER_NAMES: Record<Column, readonly string[]> = {
  question: ['question', '问题'],
  answer: ['answer', '答案', '答复', '回答'],
  category: ['category', '分类', '类别'],
  tags: ['tags', 'tag', '标签', '关键词'],
  unit_id: ['unit_id', 'unit', '单位', '单位id', '单位编号'],
  valid_from: ['valid_from', '生效日期', '生效时间'],
  valid_to: ['valid_to', '失效日期', '失效时间', '截止日期'],
};

const COLUMN_BY_NAME = new Map<string, Column>();
for (const c of QA_CSV_COLUMNS) for (const name of HEADER_NAMES[c]) COLUMN_BY_NAME.set(name, c);

export interface QaCsvError {
  /** The line the row starts on (the header is line 1). */
  line: number;
  message: string;
}

export interface QaCsvImport {
  entries: QaEntryInput[];
  errors: QaCsvError[];
}

/** China has kept UTC+8 without daylight saving since 1991, so Asia/Shanghai is a fixed offset. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

const DATE_ONLY = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** Midnight (Asia/Shanghai) of a calendar date, or undefined for a date that does not exist (2025-02-30). */
function shanghaiMidnight(y: number, m: number, d: number): number | undefined {
  const utc = Date.UTC(y, m - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return utc - SHANGHAI_OFFSET_MS;
}

/**
 * Epoch ms of a CSV date cell: the first instant of a date-only valid_from,
 * the last of a date-only valid_to. A string is the reason it is not a date.
 */
export function parseQaDate(value: string, end: 'from' | 'to'): number | undefined | string {
  const v = value.trim();
  if (v === '') return undefined;
  const bad = `not a date: "${v}" (expected YYYY-MM-DD or ISO-8601)`;
  const d = DATE_ONLY.exec(v);
  if (d) {
    const midnight = shanghaiMidnight(Number(d[1]), Number(d[2]), Number(d[3]));
    if (midnight === undefined) return bad;
    return end === 'from' ? midnight : midnight + DAY_MS - 1;
  }
  const t = DATE_TIME.exec(v);
  if (!t) return bad;
  const [, y, mo, da, h, mi, s = '0', ms = '0', zone] = t;
  const midnight = shanghaiMidnight(Number(y), Number(mo), Number(da));
  if (midnight === undefined || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return bad;
  let offset = SHANGHAI_OFFSET_MS;
  if (zone && zone.toUpperCase() === 'Z') offset = 0;
  else if (zone) {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 3_600_000 + Number(z[3]) * 60_000);
  }
  const wallClock = midnight + SHANGHAI_OFFSET_MS + Number(h) * 3_600_000 + Number(mi) * 60_000 + Number(s) * 1000 + Number(ms.padEnd(3, '0'));
  return wallClock - offset;
}

/** A date cell that parseQaDate reads back to the same instant: a plain date when it is a day boundary. */
export function formatQaDate(ms: number | undefined, end: 'from' | 'to'): string {
  if (ms === undefined) return '';
  const local = ms + SHANGHAI_OFFSET_MS;
  // valid_from at a midnight, valid_to at the last millisecond of a day: the plain date says it.
  const dayBoundary = end === 'from' ? local % DAY_MS === 0 : (local + 1) % DAY_MS === 0;
  const iso = new Date(local).toISOString();
  return dayBoundary ? iso.slice(0, 10) : `${iso.slice(0, 23)}+08:00`;
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => (i.path.length ? `${String(i.path[0])}: ${i.message}` : i.message)).join('; ');
}

const sortByLine = (errors: QaCsvError[]) => errors.sort((a, b) => a.line - b.line);

/** `defaultUnitId`: the unit of rows that name none (the importer's own); the unit column may then be left out. */
export function parseQaCsv(text: string, options: { defaultUnitId?: string } = {}): QaCsvImport {
  const { rows, errors: readErrors } = parseCsv(text);
  const errors: QaCsvError[] = [...readErrors];
  const entries: QaEntryInput[] = [];
  const header = rows.shift();
  // A header line the reader could not read would let the first data row pass for the header.
  const brokenHeader = readErrors.find((e) => !header || e.line < header.line);
  if (brokenHeader) return { entries, errors: [{ line: brokenHeader.line, message: `header row: ${brokenHeader.message}` }] };
  if (!header) return { entries, errors: [{ line: 1, message: `no header row: expected ${QA_CSV_COLUMNS.join(',')}` }] };

  const columns: (Column | undefined)[] = header.cells.map((h) => COLUMN_BY_NAME.get(h.trim().toLowerCase()));
  const duplicate = QA_CSV_COLUMNS.find((c) => columns.filter((x) => x === c).length > 1);
  const missing = REQUIRED.filter((c) => !columns.includes(c) && !(c === 'unit_id' && options.defaultUnitId));
  if (duplicate || missing.length) {
    const why = duplicate ? `column ${duplicate} appears twice` : `header lacks ${missing.join(', ')}`;
    // Without a usable header no row can be read right: report once, not per row.
    return { entries: [], errors: [{ line: header.line, message: `${why} (expected ${QA_CSV_COLUMNS.join(',')} or 问题,答案,分类,标签,单位,生效日期,失效日期)` }] };
  }

  for (const row of rows) {
    // A row of empty cells is what spreadsheets leave below the data.
    if (row.cells.every((c) => c.trim() === '')) continue;
    if (row.cells.length !== columns.length) {
      errors.push({ line: row.line, message: `${row.cells.length} fields, the header has ${columns.length} (a comma or line break inside a field needs quotes)` });
      continue;
    }
    const cell: Partial<Record<Column, string>> = {};
    columns.forEach((c, k) => {
      if (c) cell[c] = row.cells[k]!;
    });
    const problems: string[] = [];
    const raw: Record<string, unknown> = {
      question: cell.question ?? '',
      answer: cell.answer ?? '',
      category: cell.category ?? '',
      tags: (cell.tags ?? '').split(QA_TAG_SEPARATOR),
      unit_id: cell.unit_id?.trim() || options.defaultUnitId || '',
    };
    for (const c of ['valid_from', 'valid_to'] as const) {
      const d = parseQaDate(cell[c] ?? '', c === 'valid_from' ? 'from' : 'to');
      if (typeof d === 'string') problems.push(`${c}: ${d}`);
      else if (d !== undefined) raw[c] = d;
    }
    const parsed = qaEntryInputSchema.safeParse(raw);
    if (!parsed.success) problems.push(describeIssues(parsed.error.issues));
    if (!parsed.success || problems.length) errors.push({ line: row.line, message: problems.join('; ') });
    else entries.push(parsed.data);
  }
  return { entries, errors: sortByLine(errors) };
}

/**
 * The library as CSV for Excel: a UTF-8 BOM (without it Excel and WPS read
 * UTF-8 as the local code page and Chinese turns to mojibake), CRLF, the
 * English header. Ids and timestamps are not written: they belong to the
 * store that imports the file. parseQaCsv reads it back to the same entries.
 */
export function toQaCsv(entries: readonly QaEntry[]): string {
  const rows: string[][] = [[...QA_CSV_COLUMNS]];
  for (const e of entries) {
    rows.push([e.question, e.answer, e.category, e.tags.join(';'), e.unit_id, formatQaDate(e.valid_from, 'from'), formatQaDate(e.valid_to, 'to')]);
  }
  return formatCsv(rows, { bom: true, eol: '\r\n' });
}

/**
 * A small RFC 4180 CSV reader and writer for spreadsheets people edit by
 * hand (Excel, WPS): UTF-8 with or without a BOM, CRLF or LF, fields quoted
 * with `"` holding commas, doubled quotes and line breaks.
 *
 * Pure and synchronous over a string, so the browser and every package can
 * use it. Two other readers exist: ingest's streaming importer (csv-parse,
 * for large files) and `parseCsvRecords` in analytics/src/kb/io.ts, which
 * this one could replace.
 *
 * A record that breaks the quoting rules is reported with the line it starts
 * on and skipped; the records after it are still read, so one bad row in a
 * spreadsheet does not cost the whole file.
 */

export interface CsvRow {
  /** 1-based line on which the record starts (a quoted line break makes a record span lines). */
  line: number;
  cells: string[];
}

export interface CsvRowError {
  line: number;
  message: string;
}

export interface CsvParseResult {
  rows: CsvRow[];
  errors: CsvRowError[];
}

const BOM = '\ufeff';

/**
 * Every record of `text`, the header row included. Lines with nothing on
 * them are skipped (spreadsheets leave them at the end); a quote inside an
 * unquoted field is kept as text (第二条 "坏的" 引号), as spreadsheets write it.
 */
export function parseCsv(text: string): CsvParseResult {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  const errors: CsvRowError[] = [];
  let i = 0;
  let line = 1;
  const n = src.length;

  while (i < n) {
    const startLine = line;
    const recordStart = i;
    const cells: string[] = [];
    let error: string | undefined;
    // One field per iteration, until a line break outside quotes or the end of input.
    fields: for (;;) {
      let field = '';
      // Spaces before an opening quote are dropped (`a, "b"`), as spreadsheets do.
      let q = i;
      while (src[q] === ' ' || src[q] === '\t') q++;
      if (src[q] === '"') {
        i = q + 1;
        let closed = false;
        while (i < n) {
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) line++;
          field += c;
          i++;
        }
        if (!closed) {
          // Read to the end, one stray quote would swallow every row after it:
          // give up on this line only and read on from the next.
          error = `a quoted field opened on line ${startLine} is never closed`;
          i = recordStart;
          while (i < n && src[i] !== '\n' && src[i] !== '\r') i++;
          if (src[i] === '\r' && src[i + 1] === '\n') i++;
          i++;
          line = startLine + 1;
          break fields;
        }
        // After a closing quote only spaces, then a separator or the end of the record, may follow.
        while (src[i] === ' ' || src[i] === '\t') i++;
        if (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') {
          error ??= `text after a closing quote in field ${cells.length + 1}`;
          while (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') i++;
        }
      } else {
        const start = i;
        while (i < n && src[i] !== ',' && src[i] !== '\n' && src[i] !== '\r') i++;
        field = src.slice(start, i);
      }
      cells.push(unguardFormula(field));
      if (i >= n) break;
      if (src[i] === ',') {
        i++;
        // A comma at the very end of the input still opens one more (empty) field.
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      // \r\n, \n or a lone \r (old Mac exports) ends the record.
      if (src[i] === '\r' && src[i + 1] === '\n') i++;
      i++;
      line++;
      break;
    }

    if (error) errors.push({ line: startLine, message: error });
    else if (!(cells.length === 1 && cells[0] === '')) rows.push({ line: startLine, cells });
  }
  return { rows, errors };
}

/**
 * A cell that starts with = + - @ (or a tab or carriage return before one)
 * is run as a formula by Excel, WPS and LibreOffice: `=cmd|' /C calc'!A0`
 * in a mention's text would start a program on the analyst's machine. Such
 * cells get a leading apostrophe, which spreadsheets read as "this is text"
 * and do not show. Plain numbers (-3, +8613800000000) are left alone: they
 * are data, not formulas.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !/^[+-]?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
}

/** Reading back: the apostrophe spreadsheetSafe added (and Excel hides) is not part of the value. */
export function unguardFormula(value: string): string {
  return /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;
}

export interface CsvWriteOptions {
  /** Start with a UTF-8 BOM: without it Excel reads UTF-8 as the local code page and Chinese turns to mojibake. */
  bom?: boolean;
  /** RFC 4180 and Excel use CRLF; the default. */
  eol?: '\r\n' | '\n';
  /** Cells are made spreadsheetSafe unless this is false (a CSV not meant for spreadsheets). */
  formulaSafe?: boolean;
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(value: string): string {
  // Leading or trailing spaces are quoted too: some readers trim unquoted fields.
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Rows as CSV text, every record (the last included) ended by `eol`. */
export function formatCsv(rows: readonly (readonly string[])[], opts: CsvWriteOptions = {}): string {
  const eol = opts.eol ?? '\r\n';
  let out = opts.bom ? BOM : '';
  const cell = opts.formulaSafe === false ? csvField : (v: string) => csvField(spreadsheetSafe(v));
  for (const row of rows) out += row.map(cell).join(',') + eol;
  return out;
}

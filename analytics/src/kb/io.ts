/**
 * Import and export of debunk claims: JSON (an array of claim objects, or
 * `{ "claims": [...] }`) and CSV with the header
 * `claim,rebuttal,source,date,url,keywords` (RFC 4180 quoting; keywords
 * separated by `|` or `；`). Press offices keep these lists in spreadsheets,
 * so CSV import tolerates what spreadsheets write: a UTF-8 BOM, CRLF line
 * ends, columns in any order, dates as 2024/3/8 or 2024年3月8日. Bad rows are
 * reported with their line (CSV) or index (JSON) and a reason; good rows are
 * kept, so one typo does not reject a list of hundreds.
 */
import { debunkClaimInputSchema, spreadsheetSafe, unguardFormula, type DebunkClaim } from '@fenghuo/shared';

/** A validated claim, before the store gives it an id. */
export type ParsedClaim = Omit<DebunkClaim, 'id' | 'updated_at'>;

export type ClaimFormat = 'json' | 'csv';

export interface ClaimImportError {
  /** CSV: the line the row starts on (the header is line 1). */
  line?: number;
  /** JSON: the position of the item in the list (0-based). */
  index?: number;
  message: string;
}

export interface ClaimImport {
  claims: ParsedClaim[];
  errors: ClaimImportError[];
}

export const CSV_COLUMNS = ['claim', 'rebuttal', 'source', 'date', 'url', 'keywords'] as const;
const REQUIRED_COLUMNS = ['claim', 'rebuttal', 'source', 'date'] as const;

/** Keyword separators in one CSV cell: | and the full-width ；, also ; when typed half-width. */
const KEYWORD_SEPARATOR = /[|；;]/;

/** YYYY-MM-DD from the ways spreadsheets and people write a date; anything else is left for validation to reject. */
export function normaliseDate(value: string): string {
  const m = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/.exec(value);
  if (!m) return value.trim();
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

function splitKeywords(value: string): string[] {
  return value
    .split(KEYWORD_SEPARATOR)
    .map((k) => k.trim())
    .filter(Boolean);
}

function describe(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/** Lenient shaping before the schema: trims, empty url → absent, keywords as text → list, dates normalised. */
function shape(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of CSV_COLUMNS) {
    const v = raw[key];
    if (v === undefined || v === null) continue;
    if (key === 'url') {
      if (typeof v === 'string' && !v.trim()) continue;
      out.url = typeof v === 'string' ? v.trim() : v;
    } else if (key === 'keywords') {
      out.keywords = typeof v === 'string' ? splitKeywords(v) : v;
    } else if (key === 'date') {
      out.date = typeof v === 'string' ? normaliseDate(v) : v;
    } else {
      out[key] = v;
    }
  }
  return out;
}

function validate(raw: Record<string, unknown>): { ok: true; claim: ParsedClaim } | { ok: false; message: string } {
  const r = debunkClaimInputSchema.safeParse(shape(raw));
  if (!r.success) return { ok: false, message: describe(r.error) };
  const claim: ParsedClaim = { ...r.data, keywords: [...new Set(r.data.keywords)] };
  if (claim.url === undefined) delete claim.url;
  return { ok: true, claim };
}

function parseJson(text: string): ClaimImport {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return { claims: [], errors: [{ message: `not JSON: ${(error as Error).message}` }] };
  }
  const list = Array.isArray(value) ? value : value && typeof value === 'object' && Array.isArray((value as { claims?: unknown }).claims) ? (value as { claims: unknown[] }).claims : undefined;
  if (!list) return { claims: [], errors: [{ message: 'expected an array of claims or an object with a "claims" array' }] };
  const claims: ParsedClaim[] = [];
  const errors: ClaimImportError[] = [];
  list.forEach((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      errors.push({ index, message: 'not an object' });
      return;
    }
    const r = validate(item as Record<string, unknown>);
    if (r.ok) claims.push(r.claim);
    else errors.push({ index, message: r.message });
  });
  return { claims, errors };
}

export interface CsvRecord {
  line: number;
  fields: string[];
  error?: string;
}

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks; CRLF, LF or CR end a record. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const s = text.replace(/^\uFEFF/, '');
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = 0;
  let quoted = false;
  let wasQuoted = false;
  let error: string | undefined;
  const endField = () => {
    fields.push(unguardFormula(field));
    field = '';
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record (spreadsheets leave them at the end).
    if (!(fields.length === 1 && fields[0] === '' && !error)) records.push({ line: start, fields, ...(error ? { error } : {}) });
    fields = [];
    error = undefined;
  };
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n' || (c === '\r' && s[i + 1] !== '\n')) line++;
      field += c;
      i++;
      continue;
    }
    if (wasQuoted && c !== ',' && c !== '\r' && c !== '\n') {
      // After a closing quote only spaces may come before the comma.
      if (c !== ' ' && c !== '\t') error ??= 'text after a closing quote';
      i++;
      continue;
    }
    if (c === '"') {
      if (!field.trim()) {
        // Spaces before an opening quote are dropped, as spreadsheets do.
        field = '';
        quoted = true;
        wasQuoted = true;
      } else {
        // A quote inside an unquoted field: kept, as most readers do, but noted.
        error ??= 'a quote (") inside an unquoted field; quote the whole field and double the quote';
        field += c;
      }
      i++;
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && s[i + 1] === '\n' ? 2 : 1;
      line++;
      start = line;
      continue;
    }
    field += c;
    i++;
  }
  if (quoted) error = `a quoted field opened on line ${start} is never closed`;
  if (field !== '' || fields.length > 0 || quoted || wasQuoted) endRecord();
  return records;
}

function parseCsv(text: string): ClaimImport {
  const records = parseCsvRecords(text);
  const header = records.shift();
  if (!header) return { claims: [], errors: [{ line: 1, message: `empty file: expected the header ${CSV_COLUMNS.join(',')}` }] };
  const names = header.fields.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length) return { claims: [], errors: [{ line: header.line, message: `header lacks ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})` }] };
  const claims: ParsedClaim[] = [];
  const errors: ClaimImportError[] = [];
  for (const r of records) {
    if (r.error) {
      errors.push({ line: r.line, message: r.error });
      continue;
    }
    if (r.fields.every((f) => !f.trim())) continue;
    if (r.fields.length !== names.length) {
      errors.push({ line: r.line, message: `${r.fields.length} fields, the header has ${names.length} (a comma inside a field needs quotes)` });
      continue;
    }
    const raw: Record<string, unknown> = {};
    names.forEach((n, k) => {
      if ((CSV_COLUMNS as readonly string[]).includes(n)) raw[n] = r.fields[k]!;
    });
    const v = validate(raw);
    if (v.ok) claims.push(v.claim);
    else errors.push({ line: r.line, message: v.message });
  }
  return { claims, errors };
}

export function parseClaims(text: string, format: ClaimFormat): ClaimImport {
  return format === 'json' ? parseJson(text) : parseCsv(text);
}

function csvField(cell: string): string {
  // A claim a spreadsheet would run as a formula gets an apostrophe (read back off by parseCsvRecords).
  const value = spreadsheetSafe(cell);
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The portable part of a claim (no id or timestamps: the importing store assigns its own). */
function portable(c: ParsedClaim): ParsedClaim {
  const out: ParsedClaim = { claim: c.claim, rebuttal: c.rebuttal, source: c.source, date: c.date, keywords: [...c.keywords] };
  if (c.url) out.url = c.url;
  return out;
}

/**
 * Claims as JSON (`{ "claims": [...] }`) or CSV. The CSV starts with a BOM
 * and uses CRLF: Excel and WPS open BOM-less UTF-8 as the local code page
 * and show Chinese as mojibake. Keywords are joined with `|`, so a keyword
 * holding | or ； does not survive a CSV round trip (JSON keeps it).
 */
export function exportClaims(claims: readonly ParsedClaim[], format: ClaimFormat): string {
  if (format === 'json') return `${JSON.stringify({ claims: claims.map(portable) }, null, 2)}\n`;
  const rows = [CSV_COLUMNS.join(',')];
  for (const c of claims) {
    rows.push([c.claim, c.rebuttal, c.source, c.date, c.url ?? '', c.keywords.join('|')].map(csvField).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

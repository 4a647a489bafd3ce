import { parse } from 'csv-parse';
import type { SubmitItem } from '../../service/ingest-service';
import { applyDefaults, type RecordDefaults } from './ndjson.format';
import { MAX_LINE_BYTES, openMaybeGzip } from './open-input';

/**
 * CSV with a header row naming mention fields. Nested fields are written
 * author_name or author.name, metrics as reposts/comments/likes/views or
 * metrics.reposts…; empty cells are absent fields. A row the parser cannot
 * read (broken quoting, wrong column count) is rejected with the parser's
 * message and its raw text; the rows after it go on.
 */
export async function* readCsv(file: string, defaults: RecordDefaults): AsyncGenerator<SubmitItem> {
  // The parser may report one bad record several times (once per error it
  // finds): keep the last report per line, which carries the fullest raw text.
  const skipped = new Map<number, SubmitItem>();
  function* skippedBefore(line: number): Generator<SubmitItem> {
    for (const l of [...skipped.keys()].sort((a, b) => a - b)) {
      if (l >= line) break;
      yield skipped.get(l)!;
      skipped.delete(l);
    }
  }
  // A record over MAX_LINE_BYTES (an unclosed quote swallowing the file, a
  // gzip bomb) ends the parser: it is kept as a reject, and so is the fact
  // that the rest of the file was not read.
  let stoppedAt: number | undefined;
  const input = await openMaybeGzip(file);
  const parser = input.pipe(
    parse({
      max_record_size: MAX_LINE_BYTES,
      columns: (header: string[]) => header.map((h) => h.trim().replace(/^\ufeff/, '')),
      bom: true,
      raw: true,
      info: true,
      relax_column_count: false,
      // A quote inside an unquoted field is text (第二条 "坏的" 引号), as spreadsheets write it.
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (err, raw) => {
        const line = (err as { lines?: number } | undefined)?.lines ?? -1;
        if ((err as { code?: string } | undefined)?.code === 'CSV_MAX_RECORD_SIZE') {
          stoppedAt = line;
          // The parser reads nothing after this error: stop the input and end the records, or the import would wait for ever.
          setImmediate(() => {
            input.unpipe(parser);
            input.destroy();
            parser.end();
          });
        }
        skipped.set(line, {
          position: line,
          raw: raw ?? '',
          error: `CSV line ${line}: ${err?.message ?? 'unreadable record'}`,
          code: 'invalid_csv',
        });
        return undefined;
      },
    }),
  );
  // pipe() does not pass a read error on (a truncated gzip): without this the parser would wait forever.
  input.on('error', (error) => parser.destroy(error));
  let failed: string | undefined;
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; raw: string; info: { lines: number } }>) {
      yield* skippedBefore(rec.info.lines);
      yield { position: rec.info.lines, value: applyDefaults(csvRowToMention(rec.record), defaults), raw: rec.raw.replace(/\r?\n$/, '') };
    }
  } catch (error) {
    failed = (error as Error).message;
  } finally {
    input.destroy();
  }
  yield* skippedBefore(Infinity);
  if (stoppedAt !== undefined) {
    yield { position: stoppedAt, raw: '', error: `CSV line ${stoppedAt}: a record longer than ${MAX_LINE_BYTES / 1024 / 1024} MB (an unclosed quote?) stopped the reading; the rest of ${file} was not read`, code: 'unreadable_file' };
  } else if (failed !== undefined) {
    yield { position: -1, raw: '', error: `could not read ${file} to its end: ${failed}`, code: 'unreadable_file' };
  }
}

const AUTHOR_FIELDS = ['id', 'name', 'followers', 'verified', 'verified_type', 'location', 'official'];
const METRIC_FIELDS = ['reposts', 'comments', 'likes', 'views'];
const NUMERIC = new Set(['followers', 'verified_type', 'reposts', 'comments', 'likes', 'views']);
const BOOLEAN = new Set(['verified', 'official']);

function cell(field: string, value: string): unknown {
  const v = value.trim();
  if (NUMERIC.has(field)) return /^-?\d+$/.test(v) ? Number(v) : v;
  if (BOOLEAN.has(field)) {
    if (/^(true|1|yes|是|y)$/i.test(v)) return true;
    if (/^(false|0|no|否|n)$/i.test(v)) return false;
    return v;
  }
  return value;
}

export function csvRowToMention(row: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const author: Record<string, unknown> = {};
  const metrics: Record<string, unknown> = {};
  for (const [rawKey, value] of Object.entries(row)) {
    if (value === undefined || value.trim() === '') continue;
    const key = rawKey.trim();
    const m = /^(author|metrics)[._](.+)$/.exec(key);
    if (m && m[1] === 'author' && AUTHOR_FIELDS.includes(m[2]!)) author[m[2]!] = cell(m[2]!, value);
    else if (m && m[1] === 'metrics' && METRIC_FIELDS.includes(m[2]!)) metrics[m[2]!] = cell(m[2]!, value);
    else if (METRIC_FIELDS.includes(key)) metrics[key] = cell(key, value);
    else if (key === 'time') out.time = /^\d{10,14}$/.test(value.trim()) ? Number(value.trim()) : value;
    else out[key] = value;
  }
  if (Object.keys(author).length) out.author = author;
  if (Object.keys(metrics).length) out.metrics = metrics;
  return out;
}

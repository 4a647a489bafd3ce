import fs from 'node:fs';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';

/**
 * The longest line (or CSV record) an importer reads, in bytes. Longer ones
 * are rejected with their start kept: a line with no end (a gzip bomb of one
 * character, a file that is not text) must not grow one string until the
 * process dies. Far above TEXT_MAX_CHARS (20,000) in any encoding.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** How much of an over-long line is kept as its raw text. */
export const KEPT_PREFIX_BYTES = 64 * 1024;

/** Opens a file as a byte stream, gunzipping it when it starts with the gzip magic bytes. */
export async function openMaybeGzip(file: string): Promise<Readable> {
  const fd = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(2);
  await fd.read(head, 0, 2, 0);
  await fd.close();
  const stream = fs.createReadStream(file);
  if (head[0] !== 0x1f || head[1] !== 0x8b) return stream;
  const gunzip = zlib.createGunzip();
  stream.on('error', (error) => gunzip.destroy(error));
  return stream.pipe(gunzip);
}

export interface Line {
  line: string;
  /** 0-based. */
  lineNo: number;
  /** Set when the line was longer than MAX_LINE_BYTES: its full length; `line` holds its start. */
  tooLong?: number;
}

/** The file could not be read to its end (a truncated or corrupt gzip, a read error). */
export interface ReadFailure {
  failed: string;
  lineNo: number;
}

/**
 * Lines of a (possibly gzipped) text file split on \n (a \r before it is
 * dropped), decoded as UTF-8 (invalid bytes become U+FFFD). A line over
 * `maxBytes` comes back once with `tooLong`; a read error ends the lines with
 * a ReadFailure instead of throwing, so what was read still counts.
 */
export async function* readLines(file: string, maxBytes = MAX_LINE_BYTES): AsyncGenerator<Line | ReadFailure> {
  let parts: Buffer[] = [];
  let size = 0;
  let lineNo = 0;
  const finish = (): Line => {
    const whole = Buffer.concat(parts);
    parts = [];
    const bytes = size;
    size = 0;
    if (bytes > maxBytes) return { line: whole.toString('utf8'), lineNo: lineNo++, tooLong: bytes };
    let text = whole.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return { line: text, lineNo: lineNo++ };
  };
  const append = (chunk: Buffer) => {
    if (size <= maxBytes && size + chunk.length > maxBytes) {
      // Crossing the limit: keep the line's start; past it only its length is counted.
      parts = [Buffer.from(Buffer.concat([...parts, chunk]).subarray(0, KEPT_PREFIX_BYTES))];
    } else if (size + chunk.length <= maxBytes) {
      parts.push(chunk);
    }
    size += chunk.length;
  };
  try {
    for await (const chunk of await openMaybeGzip(file)) {
      const buf = chunk as Buffer;
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(0x0a, start);
        if (nl === -1) break;
        append(buf.subarray(start, nl));
        yield finish();
        start = nl + 1;
      }
      if (start < buf.length) append(buf.subarray(start));
    }
  } catch (error) {
    if (size > 0) yield finish();
    yield { failed: `could not read ${file} to its end after line ${lineNo}: ${(error as Error).message}`, lineNo };
    return;
  }
  if (size > 0) yield finish();
}

export function isReadFailure(x: Line | ReadFailure): x is ReadFailure {
  return 'failed' in x;
}

import fs from 'node:fs';
import readline from 'node:readline';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

/** Opens a file as a byte stream, gunzipping it when it starts with the gzip magic bytes. */
export async function openMaybeGzip(file: string): Promise<Readable> {
  const fd = await fs.promises.open(file, 'r');
  const head = Buffer.alloc(2);
  await fd.read(head, 0, 2, 0);
  await fd.close();
  const stream = fs.createReadStream(file);
  return head[0] === 0x1f && head[1] === 0x8b ? stream.pipe(zlib.createGunzip()) : stream;
}

/** Lines of a (possibly gzipped) text file, with 0-based line numbers. */
export async function* readLines(file: string): AsyncGenerator<{ line: string; lineNo: number }> {
  const rl = readline.createInterface({ input: await openMaybeGzip(file), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of rl) yield { line, lineNo: lineNo++ };
}

export async function readMaybeGzipText(file: string): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await openMaybeGzip(file)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export function toReadable(text: string): Readable {
  return Readable.from([text]);
}

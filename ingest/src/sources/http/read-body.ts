import type { IncomingMessage } from 'node:http';
import zlib from 'node:zlib';

/** How much of a body refused whole is kept with its refusal: enough to tell what it was. */
export const REFUSED_PREFIX_BYTES = 64 * 1024;

export class BodyError extends Error {
  override name = 'BodyError';
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
    /** What was read before the error, for keeping in rejected_mentions. */
    readonly partial?: Buffer,
  ) {
    super(message);
  }
}

/**
 * Reads a request body, gunzipping it when Content-Encoding says gzip. The
 * limit applies to the bytes on the wire and, separately, to what they
 * decompress to, so a small gzip bomb is stopped at the limit too.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    throw new BodyError(413, `request body is ${declared} bytes; the limit is ${limit} bytes`);
  }
  const encoding = String(req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding !== 'identity' && encoding !== 'gzip' && encoding !== '') {
    req.resume();
    throw new BodyError(415, `unsupported Content-Encoding "${encoding}" (use gzip or none)`);
  }
  const wire = await collect(req, limit, 'request body');
  if (encoding !== 'gzip') return wire;
  return gunzip(wire, limit);
}

function collect(stream: NodeJS.ReadableStream, limit: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    stream.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new BodyError(413, `${what} is larger than the limit of ${limit} bytes`, prefixOf([...chunks, chunk])));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks, size));
      }
    });
    stream.on('error', (error: Error) => {
      if (!done) {
        done = true;
        reject(new BodyError(400, `could not read the request body: ${error.message}`));
      }
    });
  });
}

/** The first REFUSED_PREFIX_BYTES of a list of chunks, copied so the chunks can be freed. */
function prefixOf(chunks: Buffer[]): Buffer {
  const kept: Buffer[] = [];
  let size = 0;
  for (const chunk of chunks) {
    if (size >= REFUSED_PREFIX_BYTES) break;
    const part = chunk.subarray(0, REFUSED_PREFIX_BYTES - size);
    kept.push(part);
    size += part.length;
  }
  return Buffer.concat(kept);
}

function gunzip(wire: Buffer, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zlib.gunzip(wire, { maxOutputLength: limit }, (error, result) => {
      if (!error) return resolve(result);
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || /Cannot create a Buffer larger|maxOutputLength/i.test(error.message)) {
        return reject(new BodyError(413, `gzip body decompresses to more than the limit of ${limit} bytes`, Buffer.from(wire.subarray(0, REFUSED_PREFIX_BYTES))));
      }
      reject(new BodyError(400, `request body is not valid gzip: ${error.message}`, wire));
    });
  });
}

import zlib from 'node:zlib';
import { BackpressureError, type IngestResponse } from '@fenghuo/shared';
import type { IngestService, SubmitItem, SubmitResult } from '../../service/ingest-service';

/** Where an importer sends its records: the embedded pipeline, or a running server. */
export interface Submitter {
  submit(items: SubmitItem[]): Promise<SubmitResult>;
}

export function createLocalSubmitter(service: IngestService, source: string, now: () => number = Date.now): Submitter {
  return {
    async submit(items) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await service.submit(items, source, now());
        } catch (error) {
          if (!(error instanceof BackpressureError) || attempt > 100) throw error;
          await sleep(error.retryAfterSeconds * 1000);
        }
      }
    },
  };
}

export class HttpSubmitError extends Error {
  override name = 'HttpSubmitError';
}

/**
 * POSTs NDJSON (gzip) to /api/v1/mentions, honouring 503 + Retry-After and
 * retrying network errors; a 4xx other than 413 stops the import.
 */
export function createHttpSubmitter(server: string, token: string, options: { maxAttempts?: number } = {}): Submitter {
  const url = new URL('/api/v1/mentions', server).toString();
  const maxAttempts = options.maxAttempts ?? 30;
  return {
    async submit(items) {
      // Records that failed to decode locally go as their raw text: the server
      // keeps them in rejected_mentions with its own reason.
      const lines = items.map((i) => (i.error !== undefined ? String(i.raw).replace(/\n/g, ' ') : JSON.stringify(i.value)));
      const body = zlib.gzipSync(Buffer.from(`${lines.join('\n')}\n`));
      for (let attempt = 1; ; attempt++) {
        let res: Response;
        try {
          res = await fetch(url, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/x-ndjson',
              'content-encoding': 'gzip',
            },
            body,
          });
        } catch (error) {
          if (attempt >= maxAttempts) throw new HttpSubmitError(`cannot reach ${server}: ${(error as Error).message}`);
          await sleep(Math.min(5000, 200 * attempt));
          continue;
        }
        if (res.status === 202) {
          const r = (await res.json()) as IngestResponse;
          return {
            accepted: r.accepted,
            duplicates: r.duplicates ?? 0,
            repeated: 0,
            rejected: r.rejected.map((x) => ({ ...x, index: items[x.index]?.position ?? x.index })),
          };
        }
        const text = await res.text();
        if (res.status === 503 && attempt < maxAttempts) {
          await sleep(Math.max(200, Number(res.headers.get('retry-after') ?? '1') * 1000));
          continue;
        }
        throw new HttpSubmitError(`server answered ${res.status}: ${text.slice(0, 300)}`);
      }
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

import type { Request, RequestHandler, Response } from 'express';
import { AckTimeoutError, BackpressureError, type IngestResponse } from '@fenghuo/shared';
import type { IngestService, SubmitItem } from '../../service/ingest-service';
import type { MentionWriter } from '../../writer/mention-writer';
import { BodyError, readBody, REFUSED_PREFIX_BYTES } from './read-body';
import { rejectId, type RejectedRecord } from '../../writer/mention-writer';
import { parseBody } from './parse-body';
import { safeStringify } from '../safe-json';

export interface IngestTokenCheck {
  /** The source name for a valid bearer token, undefined otherwise. */
  verify(token: string): string | undefined;
}

export interface MentionsRouteOptions {
  service: IngestService;
  writer: Pick<MentionWriter, 'writeRejects'>;
  tokens: IngestTokenCheck;
  maxBodyBytes: number;
  /** Records one request may carry; more is a 413. */
  maxBodyRecords?: number;
  now?: () => number;
  onResponse?: (status: number) => void;
  onError?: (error: unknown) => void;
}

/**
 * POST /api/v1/mentions: a JSON array or NDJSON (optionally gzip), up to the
 * body limit. Answers 202 once the good records are durably on the bus; bad
 * ones are kept in rejected_mentions and listed with their index.
 */
export function createMentionsHandler(options: MentionsRouteOptions): RequestHandler {
  const now = options.now ?? Date.now;

  const send = (res: Response, status: number, body: unknown, headers: Record<string, string> = {}) => {
    options.onResponse?.(status);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.status(status).json(body);
  };

  return async (req: Request, res: Response) => {
    const receivedAt = now();
    const source = authenticate(req, options.tokens);
    if (!source) {
      req.resume();
      return send(res, 401, { error: 'missing or invalid ingest token: send Authorization: Bearer <token>' }, { 'WWW-Authenticate': 'Bearer' });
    }

    // Overloaded, or this source holds its share of the queue: refused before the body is read and parsed
    // (parsing refused bodies was what starved the writer).
    const refused = options.service.refusal(source);
    if (refused) {
      req.resume();
      return send(res, 503, { error: refused.message }, { 'Retry-After': String(refused.retryAfterSeconds) });
    }

    /**
     * A body refused or unreadable as a whole is kept too, as one row: the
     * bytes (up to the body limit when unreadable; the first 64 KB when
     * refused for its size) or, when none were read, what the request said
     * of itself. The answer names the row.
     */
    const keepAndAnswer = async (status: 400 | 413 | 415, error: string, raw: Buffer | undefined) => {
      const record: RejectedRecord =
        status === 400
          ? { source, code: 'invalid_body', reason: error, raw: raw ?? describeRequest(req) }
          : {
              source,
              code: status === 413 ? 'request_too_large' : 'unsupported_request',
              reason: `${error}; the request was refused whole (${status}) and nothing of it stored`,
              raw: raw?.length ? raw.subarray(0, REFUSED_PREFIX_BYTES) : describeRequest(req),
            };
      try {
        await options.writer.writeRejects([record]);
      } catch (failure) {
        options.onError?.(failure);
        return send(res, 503, { error: `${error}; and the refusal could not be kept (${(failure as Error).message}); retry later` }, { 'Retry-After': '5' });
      }
      return send(res, status, { error, reject_id: rejectId(record) });
    };

    let body: Buffer;
    try {
      body = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      return keepAndAnswer(error.status, error.message, error.partial);
    }

    const parsed = parseBody(body.toString('utf8'), req.headers['content-type'], options.maxBodyRecords);
    // Refused as a whole, like a body over the byte limit: the client splits it and sends again.
    if (!parsed.ok && parsed.tooMany) return keepAndAnswer(413, parsed.error, body);
    if (!parsed.ok) return keepAndAnswer(400, parsed.error, body);

    const items: SubmitItem[] = parsed.items.map((item) => {
      const raw = item.text ?? safeStringify(item.value);
      return item.error !== undefined
        ? { position: item.index, raw, error: item.error, code: 'invalid_json' }
        : { position: item.index, raw, value: item.value };
    });

    try {
      const result = await options.service.submit(items, source, receivedAt);
      const response: IngestResponse = { accepted: result.accepted, rejected: result.rejected, duplicates: result.duplicates };
      send(res, 202, response);
    } catch (error) {
      if (error instanceof BackpressureError) {
        return send(res, 503, { error: error.message }, { 'Retry-After': String(error.retryAfterSeconds) });
      }
      if (error instanceof AckTimeoutError) {
        return send(res, 503, { error: error.message }, { 'Retry-After': '5' });
      }
      options.onError?.(error);
      send(res, 503, { error: `ingest is unavailable: ${(error as Error).message}; retry later` }, { 'Retry-After': '5' });
    }
  };
}

/** What a request refused before its body was read says of itself (kept in place of the body). */
function describeRequest(req: Request): Buffer {
  const h = req.headers;
  return Buffer.from(
    JSON.stringify({
      refused_before_reading: true,
      'content-type': h['content-type'] ?? null,
      'content-encoding': h['content-encoding'] ?? null,
      'content-length': h['content-length'] ?? null,
      'user-agent': h['user-agent'] ?? null,
    }),
  );
}

function authenticate(req: Request, tokens: IngestTokenCheck): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? tokens.verify(m[1]!) : undefined;
}

import type { Request, RequestHandler, Response } from 'express';
import { AckTimeoutError, BackpressureError, type IngestResponse } from '@fenghuo/shared';
import type { IngestService, SubmitItem } from '../../service/ingest-service';
import type { MentionWriter } from '../../writer/mention-writer';
import { BodyError, readBody } from './read-body';
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

    // Overloaded: refused before the body is read and parsed (parsing refused bodies was what starved the writer).
    const refused = options.service.refusal();
    if (refused) {
      req.resume();
      return send(res, 503, { error: refused.message }, { 'Retry-After': String(refused.retryAfterSeconds) });
    }

    let body: Buffer;
    try {
      body = await readBody(req, options.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyError)) throw error;
      if (error.partial) {
        await options.writer.writeRejects([{ source, code: 'invalid_body', reason: error.message, raw: error.partial }]);
      }
      return send(res, error.status, { error: error.message });
    }

    const parsed = parseBody(body.toString('utf8'), req.headers['content-type'], options.maxBodyRecords);
    // Refused as a whole, like a body over the byte limit: the client splits it and sends again.
    if (!parsed.ok && parsed.tooMany) return send(res, 413, { error: parsed.error });
    if (!parsed.ok) {
      await options.writer.writeRejects([{ source, code: 'invalid_body', reason: parsed.error, raw: body }]);
      return send(res, 400, { error: parsed.error });
    }

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

function authenticate(req: Request, tokens: IngestTokenCheck): string | undefined {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? tokens.verify(m[1]!) : undefined;
}

import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import { ValidationError } from '@fenghuo/analytics';

/** A time as epoch ms or ISO-8601. */
export const time = z.union([z.coerce.number().int().nonnegative(), z.string().transform((s, ctx) => {
  const t = Date.parse(s);
  if (Number.isNaN(t)) {
    ctx.addIssue({ code: 'custom', message: 'expected epoch milliseconds or an ISO-8601 time' });
    return z.NEVER;
  }
  return t;
})]);

/** Parses a query or body with a schema; a failure is a 400 naming the fields. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '), []);
}

type Handler = (req: Request, res: Response) => Promise<void>;
/** express 5 forwards rejected promises; this only keeps handlers typed. */
export const route = (h: Handler) => (req: Request, res: Response, next: NextFunction) => h(req, res).catch(next);

export const id = (req: Request): string => String(req.params.id);

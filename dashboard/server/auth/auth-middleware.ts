import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Actor, Workflow } from '@fenghuo/analytics';
import { allows, findRoute } from './permissions';

export const SESSION_COOKIE = 'fenghuo_session';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    const k = part.slice(0, i).trim();
    try {
      out[k] = decodeURIComponent(part.slice(i + 1).trim());
    } catch {
      // a malformed cookie is ignored, not an error
    }
  }
  return out;
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AuthLocals {
  actor?: Actor;
  sessionToken?: string;
  csrfToken?: string;
}

export function actorOf(res: Response): Actor {
  const actor = (res.locals as AuthLocals).actor;
  if (!actor) throw Object.assign(new Error('sign in first'), { status: 401 });
  return actor;
}

export function clientIp(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? '';
}

/** The browser says the request comes from a page of another host (no Origin: not a browser, or a same-origin GET). */
function crossOrigin(req: Request): boolean {
  const origin = req.get('origin');
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

/**
 * Every /api request passes here: the route must be listed in the
 * permission table (anything else is 404, so a route added without a
 * decision is never served); a state-changing request whose Origin is another
 * host is refused, public routes included; a session cookie names the user;
 * state-changing requests of a cookie session carry the session's CSRF
 * token; the user's roles must allow the route.
 * Ingest routes are left to their own bearer check.
 */
export function createAuthMiddleware(workflow: Workflow) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const path = req.baseUrl + req.path;
      const spec = findRoute(req.method, path);
      if (!spec) {
        // Closed by default: a route the permission table does not list is not served, whoever asks.
        res.status(404).json({ error: 'no such API route' });
        return;
      }
      if (spec.access === 'ingest') {
        next();
        return;
      }
      // A page on another site must not post here, signed in or not: not even a sign-in (login CSRF) or a duty link.
      if (!SAFE_METHODS.has(req.method) && crossOrigin(req)) {
        res.status(403).json({ error: 'cross-origin request refused' });
        return;
      }
      if (spec.access === 'public') {
        next();
        return;
      }
      const token = parseCookies(req.headers.cookie)[SESSION_COOKIE];
      const session = token ? await workflow.sessions.get(token) : undefined;
      const actor = session ? await workflow.directory.actorFor(session.userId, clientIp(req)) : undefined;
      if (!session || !actor) {
        res.status(401).json({ error: 'sign in first (POST /api/v1/session)' });
        return;
      }
      if (!SAFE_METHODS.has(req.method)) {
        const sent = req.get(CSRF_HEADER) ?? '';
        if (!sent || !sameString(sent, session.csrfToken)) {
          res.status(403).json({ error: `missing or wrong ${CSRF_HEADER} header (GET /api/v1/session gives the token)` });
          return;
        }
      }
      Object.assign(res.locals as AuthLocals, { actor, sessionToken: token, csrfToken: session.csrfToken });
      if (!allows(spec.access, actor.roles)) {
        res.status(403).json({ error: `your roles (${actor.roles.join(', ')}) do not allow ${req.method} ${spec.path}` });
        return;
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Failed sign-ins per client address: after `limit` in `windowMs`, further
 * attempts get 429 until the window moves on. The per-account lockout (5
 * wrong passwords → 15 min) is in the directory; this stops one address from
 * trying many accounts. Successful sign-ins do not count.
 */
export function createLoginRateLimiter(options: { limit?: number; windowMs?: number; now?: () => number } = {}) {
  const limit = options.limit ?? 10;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  const hits = new Map<string, number[]>();
  return {
    /** Milliseconds to wait, or 0 when an attempt may go ahead. */
    wait(key: string): number {
      const t = now();
      const list = (hits.get(key) ?? []).filter((x) => x > t - windowMs);
      hits.set(key, list);
      return list.length >= limit ? list[0]! + windowMs - t : 0;
    },
    failed(key: string): void {
      const list = hits.get(key) ?? [];
      list.push(now());
      hits.set(key, list);
      if (hits.size > 50_000) hits.clear();
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { toNumber, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '@fenghuo/infra';

export interface Session {
  userId: string;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

function hash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

let lastVersion = 0;
function nextVersion(now: number): number {
  lastVersion = Math.max(lastVersion + 1, now * 1000);
  return lastVersion;
}

/**
 * Login sessions in the `sessions` table, so every API process behind a load
 * balancer knows them. Only a hash of the cookie value is stored. Lookups are
 * cached briefly; a logout in this process takes effect at once, in another
 * process within `cacheMs`.
 */
export function createSessionStore(store: Store, options: { ttlMs?: number; cacheMs?: number; now?: () => number } = {}) {
  const ttlMs = options.ttlMs ?? 12 * 3_600_000;
  const cacheMs = options.cacheMs ?? 5_000;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { at: number; session: Session | undefined }>();
  const write = (tokenHash: string, s: Session, revoked: boolean) =>
    store.insert('sessions', ['token_hash', 'user_id', 'csrf_token', 'created_at', 'expires_at', 'revoked', 'version'], [
      [tokenHash, s.userId, s.csrfToken, toDateTime64(s.createdAt), toDateTime64(s.expiresAt), revoked, nextVersion(now())],
    ]);
  return {
    ttlMs,
    async create(userId: string): Promise<{ token: string; session: Session }> {
      const token = randomBytes(32).toString('base64url');
      const t = now();
      const session: Session = { userId, csrfToken: randomBytes(24).toString('base64url'), createdAt: t, expiresAt: t + ttlMs };
      await write(hash(token), session, false);
      cache.set(hash(token), { at: t, session });
      return { token, session };
    },
    async get(token: string): Promise<Session | undefined> {
      const h = hash(token);
      const t = now();
      const hit = cache.get(h);
      let session: Session | undefined;
      if (hit && t - hit.at < cacheMs) session = hit.session;
      else {
        const rows = await store.query<{ user_id: string; csrf_token: string; created_at: string | number; expires_at: string | number; revoked: boolean | number }>(
          `SELECT user_id, csrf_token, toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(expires_at) AS expires_at, revoked
           FROM sessions FINAL WHERE token_hash = {h:String}`,
          { h },
        );
        const r = rows[0];
        session = r && !(r.revoked === true || r.revoked === 1)
          ? { userId: r.user_id, csrfToken: r.csrf_token, createdAt: toNumber(r.created_at), expiresAt: toNumber(r.expires_at) }
          : undefined;
        if (cache.size > 10_000) cache.clear();
        cache.set(h, { at: t, session });
      }
      return session && session.expiresAt > t ? session : undefined;
    },
    async revoke(token: string): Promise<void> {
      const h = hash(token);
      const s = await this.get(token);
      cache.set(h, { at: now(), session: undefined });
      if (s) await write(h, s, true);
    },
    /** Ends every session of a user (password change, disabling). */
    async revokeUser(userId: string): Promise<void> {
      const rows = await store.query<{ token_hash: string; csrf_token: string; created_at: string | number; expires_at: string | number }>(
        `SELECT token_hash, csrf_token, toUnixTimestamp64Milli(created_at) AS created_at, toUnixTimestamp64Milli(expires_at) AS expires_at
         FROM sessions FINAL WHERE user_id = {u:String} AND NOT revoked AND expires_at > now64(3)`,
        { u: userId },
      );
      for (const r of rows) {
        cache.set(r.token_hash, { at: now(), session: undefined });
        await write(r.token_hash, { userId, csrfToken: r.csrf_token, createdAt: toNumber(r.created_at), expiresAt: toNumber(r.expires_at) }, true);
      }
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;

import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed acknowledgement links: the token names the escalation, the step it
 * was sent for and its expiry, signed with the server's secret (HMAC-SHA256),
 * so the public ack page needs no sign-in and no stored token. It is valid
 * once because acknowledging ends the chain: a second use finds it ended.
 */
export interface AckClaims {
  /** Escalation id. */
  e: string;
  /** Step (index of the person paged). */
  s: number;
  /** Expiry, epoch ms. */
  x: number;
}

export type AckTokenCheck = { ok: true; claims: AckClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired'; claims?: AckClaims };

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function sign(payload: string, secret: string): string {
  return b64(createHmac('sha256', secret).update(payload).digest());
}

export function signAckToken(claims: AckClaims, secret: string): string {
  const payload = b64(JSON.stringify(claims));
  return `${payload}.${sign(payload, secret)}`;
}

function isClaims(x: unknown): x is AckClaims {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return typeof c.e === 'string' && Number.isInteger(c.s) && typeof c.x === 'number';
}

export function verifyAckToken(token: string, secret: string, now: number): AckTokenCheck {
  const m = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, payload, signature] = m as unknown as [string, string, string];
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (!isClaims(claims)) return { ok: false, reason: 'malformed' };
  if (claims.x <= now) return { ok: false, reason: 'expired', claims };
  return { ok: true, claims };
}

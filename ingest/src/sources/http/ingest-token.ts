import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IngestTokenCheck } from './mentions-route';

export interface ResolvedToken {
  token: string;
  /** True when this start created it (print it once). */
  generated: boolean;
  file?: string;
}

/**
 * The ingest bearer token: FENGHUO_INGEST_TOKEN when set, otherwise the one
 * stored in the data directory, created on first start.
 */
export function resolveIngestToken(configured: string | undefined, dataDir: string): ResolvedToken {
  if (configured) return { token: configured, generated: false };
  const file = path.join(dataDir, 'ingest-token');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return { token: existing, generated: false, file };
  } catch {
    // first start
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const token = crypto.randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, generated: true, file };
}

function digest(s: string): Buffer {
  return crypto.createHash('sha256').update(s).digest();
}

/** Constant-time comparison against each known token. */
export function createTokenCheck(tokens: Record<string, string>): IngestTokenCheck {
  const known = Object.entries(tokens).map(([source, token]) => ({ source, hash: digest(token) }));
  return {
    verify(candidate) {
      const h = digest(candidate);
      let found: string | undefined;
      for (const k of known) if (crypto.timingSafeEqual(h, k.hash)) found = k.source;
      return found;
    },
  };
}

import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

/** scrypt with N = 2^15, r = 8, p = 1 (OWASP's minimum is 2^17 with p = 1 at 64 MiB; 2^15 keeps a login near 50 ms on two cores). */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEYLEN = 32;

/** `scrypt$N$r$p$salt$hash` (base64url), self-describing so the parameters can grow. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, { ...PARAMS, maxmem: 128 * PARAMS.N * PARAMS.r * 2 });
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64url');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await scrypt(password, salt, expected.length, { N, r, p, maxmem: 128 * N * r * 2 });
  return timingSafeEqual(key, expected);
}

const COMMON = new Set(['password', 'passw0rd', 'qwerty', '12345678', '123456789', '1234567890', 'admin123', 'abc123', 'iloveyou', 'fenghuo', 'changeme', 'welcome']);

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < 10) return 'password must be at least 10 characters';
  if (password.length > 256) return 'password must be at most 256 characters';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) return 'password must mix three of: lower case, upper case, digits, symbols';
  const lower = password.toLowerCase();
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) return 'password must not contain the user name';
  for (const c of COMMON) if (lower.includes(c)) return 'password is too common';
  return undefined;
}

/** A password that passes the rules, for generated first-start credentials. */
export function generatePassword(): string {
  const raw = randomBytes(18).toString('base64url');
  return `Fh-${raw}9a`;
}

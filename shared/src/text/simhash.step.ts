import type { Segmenter } from './segmenter';

/**
 * 64-bit SimHash over content tokens weighted by IDF (Charikar 2002): near
 * duplicate texts land a few bits apart. Each token's 64 bits are two
 * MurmurHash3 (32-bit) values with different seeds.
 */

const SEED_LO = 0x9747b28c;
const SEED_HI = 0x5bd1e995;
/** Per token: its two 32-bit hashes and its integer weight (IDF × 100). */
const tokenCache = new Map<string, [number, number, number]>();

export function murmur3(key: string, seed: number): number {
  let h = seed >>> 0;
  const n = key.length;
  let i = 0;
  // Two UTF-16 code units per 32-bit block.
  for (; i + 1 < n; i += 2) {
    let k = (key.charCodeAt(i) & 0xffff) | ((key.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    let k = key.charCodeAt(i) & 0xffff;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function tokenEntry(token: string, seg: Pick<Segmenter, 'idf'>): [number, number, number] {
  let h = tokenCache.get(token);
  if (!h) {
    if (tokenCache.size > 200_000) tokenCache.clear();
    const w = Math.round((token.startsWith('#') ? 12 : seg.idf(token)) * 100);
    h = [murmur3(token, SEED_LO), murmur3(token, SEED_HI), w];
    tokenCache.set(token, h);
  }
  return h;
}

const acc = new Int32Array(64);

/** The SimHash as an unsigned 64-bit decimal string ("0" for no tokens). */
export function simhash(tokens: readonly string[], seg: Pick<Segmenter, 'idf'>): string {
  if (tokens.length === 0) return '0';
  acc.fill(0);
  for (const t of tokens) {
    const [lo, hi, w] = tokenEntry(t, seg);
    // +w where the bit is set, −w where it is not.
    for (let b = 0; b < 32; b++) {
      acc[b]! += ((((lo >>> b) & 1) << 1) - 1) * w;
      acc[b + 32]! += ((((hi >>> b) & 1) << 1) - 1) * w;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let b = 0; b < 32; b++) {
    if (acc[b]! > 0) lo |= 1 << b;
    if (acc[b + 32]! > 0) hi |= 1 << b;
  }
  return ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString();
}

/** Bits that differ between two SimHashes (decimal text, as stored). */
export function hammingDistance(a: string, b: string): number {
  return hamming64(BigInt(a), BigInt(b));
}

/** Bits that differ between two 64-bit SimHashes. */
export function hamming64(a: bigint, b: bigint): number {
  // Two 32-bit halves counted with integer arithmetic: a loop over BigInt
  // bits allocates on every step, and the clustering calls this hundreds of
  // times per mention.
  const x = a ^ b;
  return popcount32(Number(x & MASK32)) + popcount32(Number((x >> 32n) & MASK32));
}

const MASK32 = 0xffffffffn;

/** Set bits of a 32-bit unsigned integer. */
export function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

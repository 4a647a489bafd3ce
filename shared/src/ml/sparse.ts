import { murmur3 } from '../text/simhash.step';

/** A sparse feature vector: parallel index and value arrays, indexes unique. */
export interface SparseVector {
  idx: Int32Array;
  val: Float32Array;
}

/**
 * Builds a hashed sparse vector: feature names are hashed into 2^bits slots
 * (the hashing trick), values of colliding names add up. Optional L2
 * normalisation of the named groups keeps long texts from dominating.
 */
export class FeatureBuilder {
  private readonly acc = new Map<number, number>();
  private readonly mask: number;

  constructor(readonly bits: number) {
    this.mask = (1 << bits) - 1;
  }

  add(name: string, value = 1): void {
    if (value === 0 || !Number.isFinite(value)) return;
    const i = murmur3(name, 0x2545f491) & this.mask;
    this.acc.set(i, (this.acc.get(i) ?? 0) + value);
  }

  /** Adds every item of a bag, each with weight / sqrt(count) (a rough L2 normalisation of the bag). */
  addBag(prefix: string, items: readonly string[], weight = 1): void {
    if (items.length === 0) return;
    const w = weight / Math.sqrt(items.length);
    for (const it of items) this.add(`${prefix}${it}`, w);
  }

  build(): SparseVector {
    const n = this.acc.size;
    const idx = new Int32Array(n);
    const val = new Float32Array(n);
    let k = 0;
    for (const [i, v] of [...this.acc].sort((a, b) => a[0] - b[0])) {
      idx[k] = i;
      val[k++] = v;
    }
    return { idx, val };
  }
}

/** Character n-grams of a string (1..n), skipping whitespace-only grams. */
export function charNgrams(text: string, n: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let len = 1; len <= n; len++) {
    for (let i = 0; i + len <= chars.length; i++) {
      const g = chars.slice(i, i + len).join('');
      if (g.trim()) out.push(g);
    }
  }
  return out;
}

export function dot(weights: Float32Array, x: SparseVector): number {
  let s = 0;
  for (let k = 0; k < x.idx.length; k++) s += weights[x.idx[k]!]! * x.val[k]!;
  return s;
}

import { murmur3 } from '@fenghuo/shared/text';

const EXACT_LIMIT = 256;
const REGISTER_BITS = 11;
const REGISTERS = 1 << REGISTER_BITS;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/**
 * Distinct values (authors of an event): exact up to 256, then a
 * HyperLogLog of 2,048 registers (about ±2.3 %), so a big event costs 2 KB
 * instead of one string per author.
 */
export class DistinctCounter {
  private exact: Set<string> | undefined = new Set();
  private registers: Uint8Array | undefined;
  /**
   * Σ 2^−register and the number of empty registers, kept as registers
   * change (the size is read on every mention). Exact: every term is a power
   * of two between 2^−33 and 1, and 2,048 of them fit a double's 53 bits.
   */
  private sum = REGISTERS;
  private zeros = REGISTERS;

  add(value: string): void {
    if (this.exact) {
      this.exact.add(value);
      if (this.exact.size > EXACT_LIMIT) this.toSketch();
      return;
    }
    this.addHash(value);
  }

  get size(): number {
    if (this.exact) return this.exact.size;
    const estimate = (ALPHA * REGISTERS * REGISTERS) / this.sum;
    // Small range: linear counting is more accurate.
    return Math.round(estimate <= 2.5 * REGISTERS && this.zeros > 0 ? REGISTERS * Math.log(REGISTERS / this.zeros) : estimate);
  }

  /** Adds everything `other` counted. */
  merge(other: DistinctCounter): void {
    if (other.exact) {
      for (const v of other.exact) this.add(v);
      return;
    }
    if (this.exact) this.toSketch();
    const mine = this.registers!;
    const theirs = other.registers!;
    for (let i = 0; i < REGISTERS; i++) if (theirs[i]! > mine[i]!) this.setRegister(i, theirs[i]!);
  }

  private toSketch(): void {
    const values = this.exact!;
    this.exact = undefined;
    this.registers = new Uint8Array(REGISTERS);
    for (const v of values) this.addHash(v);
  }

  private addHash(value: string): void {
    const h1 = murmur3(value, 17) >>> 0;
    const h2 = murmur3(value, 29) >>> 0;
    const index = h1 & (REGISTERS - 1);
    // Rank: position of the first 1 bit in a 32-bit word (1-based); 33 when it is all zeros.
    const rank = h2 === 0 ? 33 : Math.clz32(h2) + 1;
    if (rank > this.registers![index]!) this.setRegister(index, rank);
  }

  private setRegister(i: number, rank: number): void {
    const r = this.registers!;
    if (r[i] === 0) this.zeros--;
    this.sum += 2 ** -rank - 2 ** -r[i]!;
    r[i] = rank;
  }
}

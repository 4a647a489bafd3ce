import { describe, expect, it } from 'vitest';
import { hamming64, hammingDistance, murmur3, simhash } from './simhash.step';

const idf = { idf: (t: string) => (t.length > 2 ? 8 : 5) };

describe('simhash', () => {
  it('murmur3 matches the reference vectors', () => {
    // MurmurHash3_x86_32 of the empty string with seed 0 and 1.
    expect(murmur3('', 0)).toBe(0);
    expect(murmur3('', 1)).toBe(0x514e28b7);
  });

  it('is a deterministic unsigned 64-bit decimal', () => {
    const h = simhash(['化工厂', '爆炸', '浓烟'], idf);
    expect(h).toMatch(/^\d+$/);
    expect(BigInt(h) < 2n ** 64n).toBe(true);
    expect(simhash(['化工厂', '爆炸', '浓烟'], idf)).toBe(h);
  });

  it('near duplicates are close, unrelated texts are far', () => {
    const a = ['荆州', '化工厂', '爆炸', '浓烟', '滚滚', '现场', '消防', '赶到', '救援', '伤亡', '不明'];
    const b = [...a.slice(0, 10), '未知'];
    const c = ['今天', '天气', '晴朗', '适合', '出游', '公园', '赏花', '人多', '拥挤', '排队', '门票'];
    expect(hammingDistance(simhash(a, idf), simhash(b, idf))).toBeLessThanOrEqual(8);
    expect(hammingDistance(simhash(a, idf), simhash(c, idf))).toBeGreaterThan(16);
  });

  it('no tokens hash to 0', () => {
    expect(simhash([], idf)).toBe('0');
    expect(hammingDistance('0', '3')).toBe(2);
  });

  it('hamming64 counts the differing bits of any two 64-bit values, as a bit-by-bit count does', () => {
    const bitByBit = (a: bigint, b: bigint) => [...(a ^ b).toString(2)].filter((c) => c === '1').length;
    const all = (1n << 64n) - 1n;
    const cases: [bigint, bigint][] = [[0n, 0n], [0n, all], [all, 1n << 63n], [1n << 31n, 1n << 32n], [0x8000000080000000n, 0x7fffffff7fffffffn]];
    let x = 0x9e3779b97f4a7c15n;
    for (let i = 0; i < 200; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & all;
      const y = (x * 0xbf58476d1ce4e5b9n) & all;
      cases.push([x, y]);
    }
    for (const [a, b] of cases) expect(hamming64(a, b)).toBe(bitByBit(a, b));
  });
});

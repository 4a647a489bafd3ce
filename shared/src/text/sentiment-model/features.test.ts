import { describe, expect, it } from 'vitest';
import { MAX_TEXT_CHARS, parseText, sentimentFeatures } from './features';

const same = (a: { idx: Int32Array; val: Float32Array }, b: { idx: Int32Array; val: Float32Array }) =>
  Array.from(a.idx).join() === Array.from(b.idx).join() && Array.from(a.val).join() === Array.from(b.val).join();

describe('sentiment features', () => {
  it('are deterministic and inside the hash space', () => {
    const text = '今天去公园玩，好开心！[哈哈] 就是人太多了…';
    const a = sentimentFeatures(text);
    const b = sentimentFeatures(text);
    expect(same(a, b)).toBe(true);
    expect(a.idx.length).toBeGreaterThan(20);
    for (const i of a.idx) expect(i >= 0 && i < 1 << 18).toBe(true);
    for (let k = 1; k < a.idx.length; k++) expect(a.idx[k]!).toBeGreaterThan(a.idx[k - 1]!);
    const small = sentimentFeatures(text, { bits: 12 });
    for (const i of small.idx) expect(i < 1 << 12).toBe(true);
  });

  it('handle empty, whitespace-only and non-string-like input', () => {
    for (const t of ['', '   ', '\n\n', '。。。']) {
      const v = sentimentFeatures(t);
      expect(v.idx.length).toBeGreaterThan(0); // bias, length bin, lexicon "no words"
      for (const x of v.val) expect(Number.isFinite(x)).toBe(true);
    }
  });

  it('lift Weibo emoticons and emoji', () => {
    const p = parseText('笑死我了[哈哈][哈哈]😂👍 @某人: 看这个 http://t.cn/abc');
    expect(p.emoticons).toEqual(['[哈哈]', '[哈哈]']);
    expect(p.emoji).toEqual(['😂', '👍']);
    expect(p.body).not.toContain('@');
    expect(p.body).not.toContain('http');
    const withEmoji = sentimentFeatures('😂😂😂');
    const plain = sentimentFeatures('');
    expect(same(withEmoji, plain)).toBe(false);
    expect(same(sentimentFeatures('[泪]'), sentimentFeatures('[赞]'))).toBe(false);
  });

  it('scope negation: 不喜欢 differs from 喜欢 only through the negation features', () => {
    const neg = '我不喜欢这个安排';
    expect(same(sentimentFeatures(neg, { negation: true }), sentimentFeatures(neg, { negation: false }))).toBe(false);
    const plain = '我喜欢这个安排';
    expect(same(sentimentFeatures(plain, { negation: true }), sentimentFeatures(plain, { negation: false }))).toBe(true);
  });

  it('bound the work on very long text', () => {
    const long = '这家店的服务太差了，等了一个小时！'.repeat(20_000);
    const t0 = performance.now();
    const v = sentimentFeatures(long);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(parseText(long).body.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
    expect(v.idx.length).toBeLessThan(20_000);
    for (const x of v.val) expect(Number.isFinite(x)).toBe(true);
  });
});

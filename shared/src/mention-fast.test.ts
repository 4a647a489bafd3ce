import { describe, expect, it } from 'vitest';
import { createMentionValidator, validateWithSchema } from './mention';
import { seededRandom } from './random';

/**
 * The fast path must accept exactly what the zod schema accepts and build the
 * same mention. Generated records mix valid values with every kind of wrong
 * one, field by field.
 */

const NOW = Date.parse('2026-11-26T12:00:00+08:00');
const r = seededRandom(20261126);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const maybe = <T>(x: () => T, p = 0.5): T | undefined => (r() < p ? x() : undefined);

const strings = ['', ' ', '\u3000', '正常文本', '  带空格  ', 'a\u0000b', 'x'.repeat(300), '😀'.repeat(3), '\n\t'];
const weird = [null, true, 0, -1, 1.5, 2 ** 60, Number.NaN, [], {}, [1], 'str', 123];
const ids = ['a1', ' a2 ', '', '  ', 42, -1, 1.5, 2 ** 60, 'x'.repeat(257), null, {}, true];
const times = [NOW - 1000, '2026-11-26T10:00:00+08:00', '2026-11-26 10:00:00+0800', '2026-11-26T10:00:00', '1999-01-01T00:00:00Z', NOW + 2 * 86_400_000, 'bad', 1764129600, null, undefined, Number.POSITIVE_INFINITY, '2026-02-30T00:00:00Z'];
const urls = ['https://weibo.com/1', 'http://x.cn/a?b=1', 'ftp://x', 'javascript:alert(1)', '', 'not a url', 'https://' + 'a'.repeat(2100), 5];

function value<T>(good: () => T, bad: readonly unknown[], pBad = 0.15): unknown {
  return r() < pBad ? pick(bad) : good();
}

function record(): unknown {
  if (r() < 0.03) return pick(weird);
  const rec: Record<string, unknown> = {
    id: value(() => pick(ids.slice(0, 2)), ids),
    platform: value(() => pick(['weibo', 'wechat', 'news', 'other']), ['facebook', '', null, 1]),
    text: value(() => pick(strings.slice(3)), [...strings, ...weird]),
    time: value(() => NOW - Math.floor(r() * 1e9), times, 0.3),
  };
  if (r() < 0.3) rec.kind = value(() => pick(['post', 'repost', 'comment', 'ticket']), ['tweet', null, 1]);
  if (r() < 0.3) rec.title = value(() => pick(strings), weird);
  if (r() < 0.3) rec.url = pick(urls);
  if (r() < 0.4) {
    rec.author = value(
      () => ({
        id: maybe(() => value(() => pick(ids.slice(0, 2)), ids)),
        name: maybe(() => value(() => pick(strings), weird)),
        followers: maybe(() => value(() => Math.floor(r() * 1e6), [-1, 1.5, 2 ** 60, '10', null])),
        verified: maybe(() => value(() => r() < 0.5, ['yes', 1, null])),
        verified_type: maybe(() => value(() => pick([-1, 0, 1, 220]), [2 ** 40, 1.5, '1', null])),
        location: maybe(() => value(() => pick(['湖北 武汉', '', ' 北京 ']), weird)),
        official: maybe(() => value(() => r() < 0.5, ['true', 0])),
        extra: maybe(() => 'ignored'),
      }),
      [null, 'author', [], 1],
    );
  }
  if (r() < 0.3) rec.parent_id = pick(ids);
  if (r() < 0.3) rec.root_id = pick(ids);
  if (r() < 0.3) {
    rec.metrics = value(
      () => ({ reposts: maybe(() => value(() => Math.floor(r() * 100), [-1, 0.5, '1', null])), likes: maybe(() => 3), views: maybe(() => value(() => 10, [2 ** 60])) }),
      [null, [], 'm'],
    );
  }
  if (r() < 0.3) rec.region = value(() => pick(['湖北', '420100', '', ' 北京 ']), ['x'.repeat(70), 1, null]);
  if (r() < 0.2) rec.raw = pick([{ a: 1 }, 'raw text', null, [1, 2], 5]);
  if (r() < 0.2) rec.unknown_field = pick(weird);
  // Remove undefined keys as JSON would.
  return JSON.parse(JSON.stringify(rec, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)));
}

describe('fast validation path', () => {
  it('agrees with the zod schema on 20,000 generated records', () => {
    const validate = createMentionValidator(() => NOW);
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = record();
      const fast = validate(input);
      const slow = validateWithSchema(input, () => NOW);
      expect(fast, JSON.stringify(input)).toEqual(slow);
      if (fast.ok) accepted++;
    }
    // Both sides of the fence were exercised.
    expect(accepted).toBeGreaterThan(2000);
    expect(accepted).toBeLessThan(18_000);
  });
});

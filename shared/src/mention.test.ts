import { describe, expect, it } from 'vitest';
import { cleanText, createMentionValidator, parseEventTime } from './mention';

const NOW = Date.parse('2026-11-26T12:00:00+08:00');
const validate = createMentionValidator(() => NOW);
const base = { id: 'w1', platform: 'weibo', text: '你好', time: '2026-11-26T10:00:00+08:00' };

describe('mention validation', () => {
  const accepted: [string, Record<string, unknown>, (m: Record<string, unknown>) => void][] = [
    ['minimal record, kind defaults to post', {}, (m) => expect(m).toMatchObject({ kind: 'post', time: Date.parse('2026-11-26T02:00:00Z') })],
    ['emoji text kept as is', { text: '太好了😂🎉[赞]' }, (m) => expect(m.text).toBe('太好了😂🎉[赞]')],
    ['full-width punctuation kept', { text: '！？，。“真的吗”' }, (m) => expect(m.text).toBe('！？，。“真的吗”')],
    ['mixed scripts', { text: 'iPhone 16发布会 ＡＢＣ 123' }, (m) => expect(m.text).toBe('iPhone 16发布会 ＡＢＣ 123')],
    ['text is trimmed, including ideographic spaces', { text: '\u3000 你好 \n' }, (m) => expect(m.text).toBe('你好')],
    ['control characters removed, newlines kept', { text: 'a\u0000b\u0007c\nd' }, (m) => expect(m.text).toBe('abc\nd')],
    ['numeric id becomes a string', { id: 4464249138673885 }, (m) => expect(m.id).toBe('4464249138673885')],
    ['epoch milliseconds', { time: NOW - 1000 }, (m) => expect(m.time).toBe(NOW - 1000)],
    ['ISO with Z', { time: '2026-11-26T01:00:00Z' }, (m) => expect(m.time).toBe(Date.parse('2026-11-26T01:00:00Z'))],
    ['ISO with space and +0800', { time: '2026-11-26 09:00:00+0800' }, (m) => expect(m.time).toBe(Date.parse('2026-11-26T01:00:00Z'))],
    ['fraction of a second', { time: '2026-11-26T09:00:00.123456+08:00' }, (m) => expect(m.time).toBe(Date.parse('2026-11-26T01:00:00.123Z'))],
    ['less than a day ahead is fine (clock skew)', { time: NOW + 23 * 3600_000 }, () => {}],
    ['unknown fields are ignored', { foo: 1, bar: { x: 2 } }, (m) => expect(m).not.toHaveProperty('foo')],
    ['20,000 characters of CJK is the limit', { text: '字'.repeat(20_000) }, (m) => expect((m.text as string).length).toBe(20_000)],
    ['20,000 emoji (40,000 UTF-16 units) is still 20,000 characters', { text: '😀'.repeat(20_000) }, () => {}],
    ['author, metrics and links', {
      author: { id: 123, name: '平安北京', followers: 10, verified: true, verified_type: 1, official: true, location: '北京 朝阳区' },
      metrics: { reposts: 1, comments: 2, likes: 3, views: 4 },
      parent_id: 'p', root_id: 'r', url: 'https://weibo.com/1', title: '标题', region: '110000',
    }, (m) => expect(m).toMatchObject({ author: { id: '123', official: true }, metrics: { views: 4 }, region: '110000' })],
    ['raw object stored as JSON text', { raw: { a: 1 } }, (m) => expect(m.raw).toBe('{"a":1}')],
  ];
  it.each(accepted)('accepts: %s', (_name, patch, check) => {
    const r = validate({ ...base, ...patch });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    if (r.ok) check(r.mention as unknown as Record<string, unknown>);
  });

  const rejected: [string, unknown, RegExp, string?][] = [
    ['not an object', 'hello', /expected a mention object, got string/, 'not_an_object'],
    ['an array', [base], /got array/, 'not_an_object'],
    ['null', null, /got null/],
    ['missing id', { platform: 'weibo', text: 'x', time: NOW }, /^id: is required/, 'invalid_id'],
    ['empty id', { ...base, id: '  ' }, /id: must not be empty/],
    ['unsafe numeric id', { ...base, id: 2 ** 60 }, /send large ids as strings/],
    ['unknown platform', { ...base, platform: 'facebook' }, /^platform:/, 'invalid_platform'],
    ['unknown kind', { ...base, kind: 'tweet' }, /^kind:/],
    ['empty after trim', { ...base, text: ' \u3000\n ' }, /text: is empty after trimming/, 'invalid_text'],
    ['text of numbers is not text', { ...base, text: 42 }, /^text:/],
    ['too long', { ...base, text: '字'.repeat(20_001) }, /longer than 20000/],
    ['missing time', { ...base, time: undefined }, /time: is required/, 'invalid_time'],
    ['time without offset', { ...base, time: '2026-11-26T10:00:00' }, /has no UTC offset/],
    ['time not a date', { ...base, time: 'yesterday' }, /not ISO-8601/],
    ['impossible date', { ...base, time: '2026-02-30T10:00:00+08:00' }, /not a valid date/],
    ['before 2000', { ...base, time: '1999-12-31T23:59:59Z' }, /before 2000/, 'time_out_of_range'],
    ['epoch seconds by mistake', { ...base, time: 1764129600 }, /looks like epoch seconds/],
    ['more than a day in the future', { ...base, time: NOW + 25 * 3600_000 }, /more than 1 day in the future/, 'time_out_of_range'],
    ['ftp url', { ...base, url: 'ftp://x/y' }, /url: must be an http or https URL/],
    ['javascript url', { ...base, url: 'javascript:alert(1)' }, /url:/],
    ['negative metric', { ...base, metrics: { likes: -1 } }, /metrics.likes/],
    ['fractional followers', { ...base, author: { followers: 1.5 } }, /author.followers/],
    ['followers beyond 2^53', { ...base, author: { followers: 1e30 } }, /author.followers/],
    ['verified_type beyond Int32', { ...base, author: { verified_type: 2 ** 40 } }, /author.verified_type/],
  ];
  it.each(rejected)('rejects: %s', (_name, input, message, code) => {
    const r = validate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(message);
      if (code) expect(r.code).toBe(code);
    }
  });
});

describe('parseEventTime', () => {
  it.each([
    ['2020-01-24T13:23:19+08:00', Date.parse('2020-01-24T05:23:19Z')],
    ['2020-01-24T13:23:19+0800', Date.parse('2020-01-24T05:23:19Z')],
    ['2020-01-24 13:23+08:00', Date.parse('2020-01-24T05:23:00Z')],
    ['2020-01-24t05:23:19z', Date.parse('2020-01-24T05:23:19Z')],
    [1579843399000, 1579843399000],
  ])('%s', (input, expected) => expect(parseEventTime(input)).toBe(expected));
});

describe('cleanText', () => {
  it('keeps zero-width joiners inside emoji sequences', () => {
    const family = '👨\u200d👩\u200d👧';
    expect(cleanText(` ${family} `)).toBe(family);
  });
});

import { describe, expect, it } from 'vitest';
import { extractSignals, type RumorSignals } from './signals';
import { cascade, officialLike, reaction, rumorLike } from './test-fixtures';

describe('extractSignals: post wording', () => {
  const cases: { name: string; text: string; expected: Partial<RumorSignals> }[] = [
    { name: 'hearsay', text: '网传某小区要拆迁，据说补偿很高', expected: { hearsay_cues: 2, urgency_cues: 0 } },
    { name: 'spread-begging', text: '紧急扩散！转发救人！千万别吃这种药', expected: { urgency_cues: 3, exclamations: 2 } },
    { name: 'full-width marks fold', text: '真的吗？？内部消息！', expected: { questions: 2, exclamations: 1, hearsay_cues: 1 } },
    { name: 'official source', text: '警方通报：嫌疑人已被抓获', expected: { official_source_cues: 2, no_official_source: 0 } },
    { name: 'no official source', text: '今天路上堵得厉害', expected: { official_source_cues: 0, no_official_source: 1 } },
    { name: 'the post refutes', text: '【辟谣】网传地震预报不实', expected: { post_debunk_cues: 2, headline: 1, hearsay_cues: 1 } },
    { name: 'form', text: '#天气# @小李 看这里 http://t.cn/abc', expected: { hashtags: 1, mentions: 1, links: 1 } },
    { name: 'sensational', text: '震惊！这种食物致癌', expected: { sensational_cues: 2 } },
  ];
  it.each(cases)('$name', ({ text, expected }) => {
    expect(extractSignals(cascade(text))).toMatchObject(expected);
  });
});

describe('extractSignals: replies', () => {
  const cases: { name: string; texts: string[]; expected: Partial<RumorSignals> }[] = [
    { name: 'doubt', texts: ['真的假的', '求证', '好的', ''], expected: { skeptical_replies: 2, skeptical_share: 0.5 } },
    { name: 'refuted', texts: ['谣言', '已经辟谣了', '假的', '顶'], expected: { debunk_replies: 3, debunk_share: 0.75 } },
    { name: 'believing', texts: ['太可怕了', '扩散', '[蜡烛]', '嗯'], expected: { believing_replies: 3 } },
    { name: 'mentions and own text', texts: ['@小王', '@小李 快看', '', '说得对'], expected: { reaction_mention_share: 0.5, reaction_text_share: 0.5 } },
  ];
  it.each(cases)('$name', ({ texts, expected }) => {
    const c = cascade('某地发生一件事', texts.map((t, i) => reaction(`r${i}`, i + 1, t)));
    expect(extractSignals(c)).toMatchObject(expected);
  });

  it('shares are unknown without reactions', () => {
    const s = extractSignals(cascade('一条没人转的微博'));
    expect(s).toMatchObject({ reactions: 0, skeptical_share: null, debunk_share: null, direct_share: null, minutes_to_first_reaction: null, tree_depth: 0 });
  });
});

describe('extractSignals: repost tree', () => {
  const cases: { name: string; reactions: ReturnType<typeof reaction>[]; expected: Partial<RumorSignals> }[] = [
    {
      name: 'star: everybody reposts the post',
      reactions: ['a', 'b', 'c', 'd'].map((id, i) => reaction(id, i + 1)),
      expected: { tree_depth: 1, tree_breadth: 4, direct_share: 1, mean_depth: 1 },
    },
    {
      name: 'chain a → b → c',
      reactions: [reaction('a', 1), reaction('b', 2, '', 'a'), reaction('c', 3, '', 'b')],
      expected: { tree_depth: 3, tree_breadth: 1, mean_depth: 2 },
    },
    {
      name: 'parent id of the post itself counts as the post',
      reactions: [reaction('a', 1, '', 'P'), reaction('b', 2, '', 'a')],
      expected: { tree_depth: 2, direct_share: 0.5 },
    },
    {
      name: 'unknown parent: one level up',
      reactions: [reaction('a', 1, '', 'missing'), reaction('b', 2, '', 'a')],
      expected: { tree_depth: 3, direct_share: 0 },
    },
    {
      name: 'child listed before its parent',
      reactions: [reaction('b', 1, '', 'a'), reaction('a', 2)],
      expected: { tree_depth: 2 },
    },
  ];
  it.each(cases)('$name', ({ reactions, expected }) => {
    expect(extractSignals(cascade('转发', reactions))).toMatchObject(expected);
  });

  it('the rumor-like fixture is a deep chain', () => {
    expect(extractSignals(rumorLike()).tree_depth).toBe(8);
  });
});

describe('extractSignals: author and missing fields', () => {
  it('reads the author profile', () => {
    const s = extractSignals(officialLike());
    expect(s).toMatchObject({ author_known: 1, author_verified: 1, author_official: 1, author_verified_type: 1, author_has_description: 1, author_vague_location: 0 });
    expect(s.author_log_followers).toBeCloseTo(Math.log10(2_500_001), 6);
    expect(s.author_account_age_days).toBeCloseTo(5 * 365, 6);
  });

  it('vague location and a fresh account', () => {
    const s = extractSignals(rumorLike());
    expect(s).toMatchObject({ author_official: 0, author_verified: 0, author_vague_location: 1 });
    expect(s.author_account_age_days).toBeCloseTo(10, 6);
  });

  it('everything unknown without an author, pictures or metrics', () => {
    const c = cascade('只有文字', [{ id: 'x', parent: null, kind: 'comment', time: '2024-05-01T10:05:00+08:00', text: '嗯' }]);
    const s = extractSignals(c);
    expect(s).toMatchObject({
      author_known: 0,
      author_verified: null,
      author_official: null,
      author_log_followers: null,
      author_log_friends: null,
      author_account_age_days: null,
      author_has_description: null,
      author_vague_location: null,
      pics: null,
      post_log_reposts: null,
      repost_share: 0,
      distinct_reactor_share: null,
    });
    for (const v of Object.values(s)) expect(v === null || Number.isFinite(v)).toBe(true);
  });

  it('a stored mention: verified flags and followers only, marked official', () => {
    const c = cascade('市卫健委发布最新通知', [], { author: { verified: true, followers: 9999, official: true } as never });
    expect(extractSignals(c)).toMatchObject({ author_known: 1, author_verified: 1, author_official: 1, author_verified_type: null, author_log_friends: null, no_official_source: 0 });
  });

  it('verified type 220 (达人) is not official', () => {
    const c = cascade('分享一个消息', [], { author: { verified: false, verified_type: 220 } });
    expect(extractSignals(c)).toMatchObject({ author_verified: 0, author_official: 0 });
  });
});

describe('extractSignals: window', () => {
  const c = cascade('某地发生火灾', [reaction('a', 5, '真的假的'), reaction('b', 20, '谣言'), reaction('c', 45), reaction('d', 120, '谣言', 'c')], { reposts: 99, comments: 10 });
  const cases: { window: number | undefined; expected: Partial<RumorSignals> }[] = [
    { window: 0, expected: { reactions: 0, skeptical_replies: 0, post_log_reposts: null } },
    { window: 10 * 60_000, expected: { reactions: 1, reactions_10m: 1, skeptical_replies: 1, debunk_replies: 0 } },
    { window: 30 * 60_000, expected: { reactions: 2, reactions_30m: 2, debunk_replies: 1 } },
    { window: 60 * 60_000, expected: { reactions: 3, reactions_60m: 3, tree_depth: 1 } },
    { window: undefined, expected: { reactions: 4, reactions_60m: 3, debunk_replies: 2, tree_depth: 2, post_log_reposts: 2 } },
  ];
  it.each(cases)('window $window', ({ window, expected }) => {
    expect(extractSignals(c, window)).toMatchObject(expected);
  });
});

describe('extractSignals: who passes it on', () => {
  const daysBefore = (minutes: number, days: number) => new Date(Date.parse('2024-05-01T10:00:00+08:00') + minutes * 60_000 - days * 86_400_000).toISOString();
  it('shares of unverified and of new or near-empty accounts, among the accounts known', () => {
    const rs = [
      { ...reaction('a', 1), author: { verified: false, created: daysBefore(1, 3) } }, // new
      { ...reaction('b', 2), author: { verified: false, followers: 5 } }, // age unknown, near-empty
      { ...reaction('c', 3), author: { verified: true, followers: 90_000, created: daysBefore(3, 900) } },
      { ...reaction('d', 4), author: { verified: false, followers: 300 } },
      reaction('e', 5), // account unknown: not counted
    ];
    const s = extractSignals(cascade('网传明天停水', rs));
    expect(s.reactor_unverified_share).toBeCloseTo(3 / 4);
    expect(s.reactor_new_share).toBeCloseTo(2 / 4);
  });

  it('unknown when no reacting account is described (as in CED)', () => {
    const s = extractSignals(cascade('网传明天停水', [reaction('a', 1), reaction('b', 2)]));
    expect(s).toMatchObject({ reactor_unverified_share: null, reactor_new_share: null });
  });
});

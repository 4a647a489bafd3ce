import { describe, expect, it } from 'vitest';
import { consultationInputSchema, type ConsultationDraftPolicy } from '@fenghuo/shared';
import { analyseConsultation, volumeSeries, feedbackTable, type ConsultationComment } from './analyse';
import { detectRepeatsAndCampaigns } from './campaigns';
import { defaultAnalysisDeps } from './consultations';
import { demoConsultationInput } from './demo';
import { linkedToConsultation } from './link';
import { createSectionMatcher } from './sections';
import { clusterThemes } from './themes';

const deps = defaultAnalysisDeps();
const H = 3_600_000;
const T0 = Date.UTC(2026, 9, 1, 0, 0); // 2026-10-01 08:00 in China

// The demo draft (five articles), with a test period and collecting post.
const policy: ConsultationDraftPolicy = consultationInputSchema.parse({ ...demoConsultationInput(T0), period: { start: T0, end: T0 + 30 * 24 * H }, post_ids: ['P1'] });

describe('stance', () => {
  it.each([
    ['支持这个好政策，早该调整了', 'support', ['支持', '好政策', '早该']],
    ['强烈反对，这就是变相涨价', 'oppose', ['强烈反对', '变相涨价']],
    ['收费标准不合理，不同意', 'oppose', ['不合理', '不同意']],
    ['我不支持这个方案', 'oppose', ['不+支持']],
    ['不是很赞成', 'oppose', ['不是+赞成']],
    ['我不反对调整', 'support', ['不+反对']],
    ['建议夜间免费停车', 'suggestion', ['建议']],
    ['支持，但希望医院周边能否降低一点', 'suggestion', ['支持', '希望', '能否']],
    ['反对涨价，建议撤回', 'oppose', ['反对', '建议', '撤回']],
    ['不建议按次收费', 'oppose', ['不+建议']],
    ['晚上停一夜也收5元，居民负担太重了', 'oppose', ['负担太重']],
    ['今天天气不错', 'other', []],
    ['支持又反对', 'other', ['支持', '反对']],
  ])('%s → %s', (text, stance, cues) => {
    expect(deps.classify(text)).toEqual({ stance, cues });
  });
});

describe('sections', () => {
  const match = createSectionMatcher(policy.sections, { tokens: (t) => deps.features(t).tokens, idf: deps.idf });
  it.each([
    ['夜间按次收费5元太贵了，晚上回家停车也要钱', ['s3']],
    ['第四条的免费时长太短，15分钟根本不够', ['s4']],
    ['医院和学校周边划成一类区域不合适，看病的人怎么办', ['s2']],
    ['新能源汽车半价这个好', ['s4']],
    ['总体支持，政府辛苦了', []],
  ])('%s → %j', (text, ids) => {
    const f = deps.features(text);
    expect(match({ text: f.plain, tokens: f.tokens })).toEqual(ids);
  });
});

const item = (author: string, at: number, text: string) => {
  const f = deps.features(text);
  return { author, at, bigrams: f.bigrams, simhash: f.simhash };
};
const PASTED = '坚决反对停车收费上涨，这是与民争利，请立即撤回征求意见稿！';

describe('coordinated campaigns and repeats', () => {
  it.each([
    {
      name: 'six accounts paste one text within 30 minutes',
      items: [0, 1, 2, 3, 4, 5].map((k) => item(`a${k}`, T0 + k * 5 * 60_000, PASTED)),
      campaigns: [[0, 1, 2, 3, 4, 5]],
      repeats: [],
    },
    {
      name: 'small edits (punctuation, one word) still count',
      items: [
        item('a0', T0, PASTED),
        item('a1', T0 + 60_000, '坚决反对停车收费上涨，这是与民争利，请立即撤回征求意见稿'),
        item('a2', T0 + 120_000, '坚决反对停车收费上涨!这是与民争利,请立即撤回征求意见稿!!'),
        item('a3', T0 + 180_000, PASTED),
        item('a4', T0 + 240_000, PASTED),
      ],
      campaigns: [[0, 1, 2, 3, 4]],
      repeats: [],
    },
    {
      name: 'the same text from six accounts over six days is not a campaign',
      items: [0, 1, 2, 3, 4, 5].map((k) => item(`a${k}`, T0 + k * 24 * H, PASTED)),
      campaigns: [],
      repeats: [],
    },
    {
      name: 'one account repeating itself is a repeat, not a campaign',
      items: [item('a0', T0, PASTED), item('a0', T0 + 60_000, PASTED), item('a0', T0 + 120_000, PASTED), item('b', T0, '夜间按次收费5元太贵了')],
      campaigns: [],
      repeats: [[1, 0], [2, 0]],
    },
    {
      name: 'different opinions are not near-identical',
      items: ['建议夜间免费停车，方便居民', '医院周边应该降低收费', '新能源车半价很好', '第一条适用范围写得清楚', '反对按次收费'].map((t, k) => item(`a${k}`, T0 + k * 60_000, t)),
      campaigns: [],
      repeats: [],
    },
  ])('$name', ({ items, campaigns, repeats }) => {
    const r = detectRepeatsAndCampaigns(items);
    expect(r.campaigns).toEqual(campaigns);
    expect([...r.repeatOf]).toEqual(repeats);
  });
});

describe('themes', () => {
  it('groups comments by what they are about and pools singletons as other', () => {
    const texts = [
      '建议夜间停车免费，居民晚上回家停车也收费太难了',
      '夜间停车应该免费，居民小区没有车位',
      '居民夜间停车包月价格希望便宜点',
      '晚上回家夜间停车收费，居民负担重',
      '医院周边收费太高，看病的人本来就难',
      '医院门口停车贵，病人家属怎么办',
      '希望医院周边看病停车有优惠',
      '新能源汽车半价好',
    ];
    const docs = texts.map((t) => deps.features(t).tokens);
    const themes = clusterThemes(docs, deps.idf, new Set(['建议', '希望', '应该', '收费', '停车']), { minSize: 2 });
    const byMember = themes.map((t) => [...t.members].sort((a, b) => a - b));
    expect(byMember).toContainEqual([0, 1, 2, 3]);
    expect(byMember).toContainEqual([4, 5, 6]);
    expect(themes.at(-1)).toMatchObject({ key: 'other', members: [7] });
    expect(themes[0]!.label).toContain('夜间');
  });
});

describe('linking comments', () => {
  it.each([
    [{ id: 'c1', parent_id: 'P1', root_id: '', text: '好' }, true],
    [{ id: 'c2', parent_id: 'x', root_id: 'P1', text: '回复楼上' }, true],
    [{ id: 'P1', parent_id: '', root_id: '', text: '停车收费征求意见' }, false],
    [{ id: 'c3', parent_id: '', root_id: '', text: '停车收费又要涨了' }, true],
    [{ id: 'c4', parent_id: '', root_id: '', text: '停车场满了' }, false],
    [{ id: 'c5', parent_id: '', root_id: '', text: '收费站排队' }, false],
  ])('%j → %s', (m, linked) => {
    expect(linkedToConsultation(policy, m)).toBe(linked);
  });
});

describe('volume', () => {
  it('counts comments and accounts per China day over the period so far', () => {
    const v = volumeSeries(
      [
        { at: T0 - 7 * H, author: 'a' }, // 2026-10-01 01:00 China: day one
        { at: T0 + 2 * H, author: 'a' },
        { at: T0 + 20 * H, author: 'b' }, // 10-02 04:00 China
      ],
      { start: T0 - 8 * H, end: T0 + 30 * 24 * H },
      T0 + 40 * H,
    );
    expect(v.bucketMs).toBe(24 * H);
    expect(v.points).toEqual([
      { t: T0 - 8 * H, comments: 2, accounts: 1 },
      { t: T0 + 16 * H, comments: 1, accounts: 1 },
      { t: T0 + 40 * H, comments: 0, accounts: 0 },
    ]);
  });
});

describe('analyseConsultation', () => {
  const c = (k: number, author: string, text: string, platform: ConsultationComment['platform'] = 'weibo'): ConsultationComment => ({ id: `${platform}:${k}`, platform, author, at: T0 + k * 60_000, text });
  const comments: ConsultationComment[] = [
    c(1, 'u1', '支持调整，早该规范了'),
    c(2, 'u2', '建议夜间停车免费，居民晚上回家停车也收费太难了'),
    c(3, 'u3', '夜间按次收费5元太贵了，居民夜间停车应该免费', 'wechat'),
    c(4, 'u4', '居民夜间停车包月希望便宜点'),
    c(5, 'u5', '夜间停车收费不合理，居民负担重'),
    ...[0, 1, 2, 3, 4, 5, 6, 7].map((k) => c(10 + k, `bot${k}`, PASTED)),
    c(30, 'u1', '支持调整，早该规范了'),
    c(31, 'u6', '今天天气不错'),
  ];
  const a = analyseConsultation({ id: 'consultation-1', version: 1, policy, feedback: [{ theme_key: 'gone', theme_label: '旧主题', decision: 'adopted', reason: '已采纳' }] }, comments, deps, T0 + 2 * H);

  it('counts every comment, and each campaign and each repeat once in stance shares', () => {
    expect(a.totals).toMatchObject({ comments: 15, accounts: 14, campaign_comments: 8, duplicates: 1, weighted: 7 });
    // u3 (太贵 + 应该) opposes: as many oppose as suggestion cues.
    expect(a.stances).toEqual({ support: 1, oppose: 3, suggestion: 2, other: 1 });
  });
  it('flags the campaign with its members and stance', () => {
    expect(a.campaigns).toHaveLength(1);
    expect(a.campaigns[0]).toMatchObject({ id: 'campaign-1', accounts: 8, stance: 'oppose', text: PASTED });
    expect(a.campaigns[0]!.members.map((m) => m.author)).toEqual(['bot0', 'bot1', 'bot2', 'bot3', 'bot4', 'bot5', 'bot6', 'bot7']);
  });
  it('counts comments per section and general ones', () => {
    const s3 = a.sections.find((s) => s.section_id === 's3')!;
    expect(s3.count).toBeGreaterThanOrEqual(2);
    expect(a.totals.general).toBeGreaterThanOrEqual(2);
  });
  it('finds the night-parking theme with its representatives and stance mix', () => {
    const night = a.themes.find((t) => t.keywords.includes('夜间'));
    expect(night).toBeDefined();
    expect(night!.size).toBeGreaterThanOrEqual(3);
    expect(night!.representatives.length).toBeGreaterThan(0);
    expect(night!.stances.suggestion).toBeGreaterThanOrEqual(2);
  });
  it('lists suggestions and a feedback row for every theme after the saved ones', () => {
    expect(a.suggestions.every((s) => s.stance === 'suggestion')).toBe(true);
    expect(a.feedback[0]).toMatchObject({ theme_key: 'gone', decision: 'adopted' });
    expect(a.feedback.slice(1).map((r) => r.theme_key)).toEqual(a.themes.map((t) => t.key));
  });
  it('feedbackTable keeps saved rows and adds pending ones', () => {
    expect(feedbackTable([{ theme_key: 'a', theme_label: 'A', decision: 'partly', reason: 'x' }], [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }])).toEqual([
      { theme_key: 'a', theme_label: 'A', decision: 'partly', reason: 'x' },
      { theme_key: 'b', theme_label: 'B', decision: 'pending', reason: '' },
    ]);
  });
});

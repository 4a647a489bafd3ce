import { describe, expect, it } from 'vitest';
import { QA_LIBRARY, QA_TEST_NOW, qaEntry } from './fixtures/qa-library';
import type { QaEntry } from './qa-entry';
import { createQaIndex, QA_SUGGEST_FLOOR } from './qa-index';

const index = createQaIndex(QA_LIBRARY, { now: () => QA_TEST_NOW });
const ids = (hits: { entry: QaEntry }[]) => hits.map((h) => h.entry.id);

describe('search ranks the entry that answers a citizen question first', () => {
  it.each([
    ['社保卡丢了怎么补办', 'sb-card-lost'],
    ['社保卡怎么激活', 'sb-card-finance'],
    ['灵活就业怎么交社保', 'sb-flexible'],
    ['退休金要交满多少年', 'sb-pension-years'],
    ['失业了怎么领失业金', 'sb-unemployment'],
    ['外地看病医保怎么备案', 'yb-remote'],
    ['医保门诊能报销吗', 'yb-outpatient'],
    ['宝宝医保怎么办理', 'yb-newborn'],
    ['城乡居民医保什么时候交', 'yb-resident-fee'],
    ['户籍迁入条件', 'hj-move-in'],
    ['刚出生的宝宝怎么上户口', 'hj-birth'],
    ['我身份证丢了咋办', 'id-lost'],
    ['身份证过期了怎么换', 'id-renew'],
    ['居住证怎么办', 'residence-permit'],
    ['租房可以取公积金吗', 'gjj-rent'],
    ['公积金能贷多少钱', 'gjj-loan'],
    ['换工作了公积金怎么转', 'gjj-transfer'],
    ['房产证丢了怎么办', 'bdc-lost'],
    ['二手房过户要准备什么', 'bdc-transfer'],
    ['新房多久能拿到房产证', 'bdc-new-home'],
    ['12345热线能反映什么问题', '12345-scope'],
    ['12345工单怎么查进度', '12345-progress'],
    ['第一次办护照要什么材料', 'crj-passport'],
    ['港澳通行证签注在哪办', 'crj-hk-macau'],
    ['孩子上小学报名要带什么材料', 'edu-primary'],
    ['随迁子女怎么上学', 'edu-migrant'],
    ['闯红灯的罚款在网上怎么交', 'jt-fine-online'],
    ['驾照到期了去哪换', 'jt-license-renew'],
    ['违停罚单怎么处理', 'jt-parking-ticket'],
    ['开个小店要办什么执照', 'scjg-license'],
  ])('%s → %s', (query, expected) => {
    const hits = index.search(query);
    expect(hits[0]?.entry.id).toBe(expected);
    for (const h of hits) {
      expect(h.score).toBeGreaterThan(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
    // Ranked by score.
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('finds an entry worded officially from everyday words, and reports the words as typed', () => {
    const [hit] = index.search('社保卡丢了怎么补办');
    expect(hit?.entry.question).toBe('社会保障卡遗失如何补办？');
    expect(hit?.matched).toEqual(['社保卡', '丢', '补办']);
  });

  it.each([
    ['社保卡丢了怎么补办', '社会保障卡遗失如何补办'],
    ['驾照到期了', '驾驶证到期'],
    ['房产证丢了', '不动产权证书遗失'],
    ['外地看病', '异地就医'],
  ])('%s and %s find the same entry first', (a, b) => {
    expect(index.search(a)[0]?.entry.id).toBe(index.search(b)[0]?.entry.id);
  });

  it('scores the share of the query an entry answers', () => {
    const exact = index.search('社会保障卡遗失如何补办')[0]!;
    expect(exact.score).toBeGreaterThan(0.7);
    // Words no entry has (养狗, 办证) are part of the question left unanswered.
    const diluted = index.search('社会保障卡遗失如何补办，还有养狗要办证吗')[0]!;
    expect(diluted.entry.id).toBe(exact.entry.id);
    expect(diluted.score).toBeLessThan(exact.score);
    // The entry that shares only the generic words ranks far below.
    const other = index.search('社会保障卡遗失如何补办').find((h) => h.entry.id === 'id-lost');
    expect(other?.score ?? 0).toBeLessThan(exact.score / 2);
  });

  it.each(['今天天气真好', '怎么办', '，。！'])('finds nothing for %s', (query) => {
    expect(index.search(query)).toEqual([]);
  });

  it('honours the limit', () => {
    expect(index.search('公积金', { limit: 2 })).toHaveLength(2);
  });
});

describe('search filters', () => {
  it('leaves out answers not in force unless asked for them', () => {
    // At QA_TEST_NOW the 2024 enrolment answer has expired and the 2025 one is not yet in force.
    expect(ids(index.search('幼儿园招生什么时候报名'))).not.toContain('edu-kindergarten-2024');
    expect(ids(index.search('幼儿园招生什么时候报名'))).not.toContain('edu-kindergarten-2025');
    expect(ids(index.search('幼儿园招生什么时候报名', { includeExpired: true })).slice(0, 2).sort()).toEqual(['edu-kindergarten-2024', 'edu-kindergarten-2025']);
  });

  it.each([
    ['2024-06-01T12:00:00+08:00', 'edu-kindergarten-2024'],
    ['2024-09-30T23:59:59+08:00', 'edu-kindergarten-2024'],
    ['2025-04-01T00:00:00+08:00', 'edu-kindergarten-2025'],
  ])('at %s offers %s', (at, expected) => {
    const then = createQaIndex(QA_LIBRARY, { now: () => Date.parse(at) });
    const found = ids(then.search('幼儿园招生')).filter((id) => id.startsWith('edu-kindergarten'));
    expect(found).toEqual([expected]);
  });

  it('keeps to the given units', () => {
    const hits = index.search('丢了怎么补办', { unitIds: new Set(['gaj']) });
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.entry.unit_id))).toEqual(new Set(['gaj']));
    expect(hits[0]?.entry.id).toBe('id-lost');
    expect(index.search('社保卡丢了', { unitIds: new Set() })).toEqual([]);
  });

  it('keeps to a category and to entries carrying every given tag', () => {
    expect(new Set(index.search('补办', { category: '不动产登记' }).map((h) => h.entry.category))).toEqual(new Set(['不动产登记']));
    expect(ids(index.search('身份证', { tags: ['身份证', '换领'] }))).toEqual(['id-renew']);
    expect(ids(index.search('身份证', { tags: [' 身份证 '] })).sort()).toEqual(['id-lost', 'id-renew']);
  });

  it('lists the filtered entries, newest first, for a blank query', () => {
    const hits = index.search('  ', { category: '住房公积金' });
    expect(ids(hits)).toEqual(['gjj-transfer', 'gjj-loan', 'gjj-rent']);
    expect(hits.every((h) => h.score === 0 && h.matched.length === 0)).toBe(true);
  });
});

describe('suggest answers for citizen messages', () => {
  it.each([
    ['@市人社局 我的社保卡上周丢了，到现在都不知道去哪里补办，打电话也没人接！！', 'sb-card-lost'],
    ['社保卡怎么激活啊，银行说要本人去', 'sb-card-finance'],
    ['回复@张三:身份证过期了还能坐高铁吗', 'id-renew'],
    ['公积金到底能不能用来付房租？房东催得紧', 'gjj-rent'],
    ['驾照快到期了，外地能换吗', 'jt-license-renew'],
    ['我家宝宝刚出生，上户口需要带什么', 'hj-birth'],
    ['二手房过户太麻烦了，到底要准备哪些东西', 'bdc-transfer'],
    ['失业了能领多少钱', 'sb-unemployment'],
    ['我想开个小卖部，营业执照去哪办', 'scjg-license'],
    ['港澳通行证签注在哪办 //@李四:同问', 'crj-hk-macau'],
    ['违停罚单怎么处理啊', 'jt-parking-ticket'],
    ['医保门诊能报销吗？每次看病都自己掏钱', 'yb-outpatient'],
    ['孩子明年上小学，报名都要准备什么材料啊，求告诉', 'edu-primary'],
  ])('%s → %s', (text, expected) => {
    const hits = index.suggest(text);
    expect(hits[0]?.entry.id).toBe(expected);
    expect(hits.length).toBeLessThanOrEqual(3);
    for (const h of hits) expect(h.score).toBeGreaterThanOrEqual(QA_SUGGEST_FLOOR);
  });

  it.each([
    '今天天气真好',
    '支持政府，点赞',
    '这个领导太不作为了，必须严查！',
    '房价又涨了，买不起房',
    '医院排队太久了',
    '政府办事效率太低了，办个证跑了好几趟',
    // Shares only 丢 and 补办 with the library's entries: about a bank card, which no entry is.
    '我的银行卡丢了怎么补办',
    // Asks about activating a bank card; the library's 激活 is a 社保卡's.
    '银行卡怎么激活',
    '办理',
    '材料',
  ])('suggests nothing for an unrelated comment: %s', (text) => {
    expect(index.suggest(text)).toEqual([]);
  });

  it('keeps to the given units and to answers in force', () => {
    expect(index.suggest('社保卡丢了怎么补办', { unitIds: new Set(['gaj']) }).map((h) => h.entry.unit_id)).not.toContain('rsj');
    const inJune2024 = createQaIndex(QA_LIBRARY, { now: () => Date.parse('2024-06-01T12:00:00+08:00') });
    expect(ids(inJune2024.suggest('请问今年秋季幼儿园招生什么时候报名？'))[0]).toBe('edu-kindergarten-2024');
    expect(ids(index.suggest('请问今年秋季幼儿园招生什么时候报名？'))).toEqual([]);
  });

  it('leaves out entries a message merely touches', () => {
    // The 社保卡 activation entry shares 社保卡 with this message but not its question.
    const message = '@市人社局 我的社保卡上周丢了，到现在都不知道去哪里补办，打电话也没人接！！';
    expect(ids(index.suggest(message))).toEqual(['sb-card-lost']);
    // …while a search for the same words lists it, below.
    expect(ids(index.search(message)).slice(0, 2)).toEqual(['sb-card-lost', 'sb-card-finance']);
  });

  it('honours the limit and a stricter floor', () => {
    const text = '我身份证和社保卡都丢了，怎么补';
    expect(index.suggest(text).length).toBeGreaterThan(1);
    expect(index.suggest(text, { limit: 1 })).toHaveLength(1);
    const strict = createQaIndex(QA_LIBRARY, { now: () => QA_TEST_NOW, suggestFloor: 0.99 });
    expect(strict.suggest(text)).toEqual([]);
  });
});

describe('small and empty libraries', () => {
  it('searches an empty library', () => {
    const empty = createQaIndex([], { now: () => QA_TEST_NOW });
    expect(empty.search('社保卡')).toEqual([]);
    expect(empty.suggest('社保卡丢了')).toEqual([]);
  });

  it('finds the one entry of a one-entry library', () => {
    const one = createQaIndex([qaEntry('id-lost')], { now: () => QA_TEST_NOW });
    expect(ids(one.search('身份证丢了'))).toEqual(['id-lost']);
    expect(ids(one.suggest('我的身份证丢了怎么办'))).toEqual(['id-lost']);
  });
});

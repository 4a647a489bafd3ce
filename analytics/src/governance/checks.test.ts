import { describe, expect, it } from 'vitest';
import { DEFAULT_GOVERNANCE_THRESHOLDS, officialAccountInputSchema, type CheckStatus, type OfficialAccount, type OfficialAccountInput } from '@fenghuo/shared';
import * as clocks from '../workflow/clocks';
import { cadenceCheck } from './cadence.check';
import { duplicateCheck, nameSimilarity } from './duplicate.check';
import { fakeFollowersCheck } from './fake-followers.check';
import type { AccountHistory, AccountMessage, AccountPost, CheckContext } from './history';
import { interactionCheck } from './interaction.check';
import { remindersDue } from './reminders';
import { reviewComplianceCheck } from './review-compliance.check';
import { zombieCheck } from './zombie.check';

const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;
/** A local wall-clock time in Shanghai. */
const at = (day: string, hh = 10, mi = 0) => clocks.startOfLocalDay(day, TZ, hh, mi);

function account(over: Partial<OfficialAccountInput> & { id?: string } = {}): OfficialAccount {
  const { id, ...rest } = over;
  return { ...officialAccountInputSchema.parse({ platform: 'weibo', account_id: 'a1', name: '江城发布', unit_id: 'u-city', level: 'city_government', ...rest }), id: id ?? 'acct-1', updated_at: 0 };
}
const post = (t: number, interactions?: number, followers?: number): AccountPost => ({ id: `weibo:${t}`, at: t, text: '通知', ...(interactions !== undefined ? { interactions } : {}), ...(followers !== undefined ? { followers } : {}) });
/** One post at 10:00 local on each of these days. */
const postsOn = (...days: string[]) => days.map((d) => post(at(d)));
/** Every working day in [from, to). */
const workingDays = (from: string, to: string) => {
  const out: string[] = [];
  for (let d = from; d < to; d = clocks.nextLocalDay(d)) if (clocks.isChineseWorkingDay(d)) out.push(d);
  return out;
};

function ctx(over: { account?: OfficialAccount; history?: Partial<AccountHistory>; now: number; registry?: OfficialAccount[] }): CheckContext {
  const a = over.account ?? account();
  return {
    account: a,
    history: { posts: [], messages: [], snapshots: [], publications: [], ...over.history },
    registry: over.registry ?? [a],
    now: over.now,
    timezone: TZ,
    thresholds: DEFAULT_GOVERNANCE_THRESHOLDS,
    tokenize: (s) => [...new Set(s.replace(/[，。？！\s]/g, '').match(/.{1,2}/g) ?? [])],
  };
}

describe('the working-day calendar (chinese-days)', () => {
  it.each([
    ['2026-02-14', true, '调休 Saturday before Spring Festival'],
    ['2026-02-16', false, 'Spring Festival holiday (Monday)'],
    ['2026-02-23', false, 'last day of the holiday (Monday)'],
    ['2026-02-24', true, 'first working day after'],
    ['2026-02-28', true, '调休 Saturday after'],
    ['2026-03-01', false, 'ordinary Sunday'],
    ['2025-10-11', true, '调休 Saturday after National Day 2025'],
  ])('%s is a working day: %s (%s)', (day, expected) => {
    expect(clocks.isChineseWorkingDay(day)).toBe(expected);
  });
  it('covers the years the package ships (2004 through 2026 at least)', () => {
    expect(clocks.holidayCalendarYears()).toEqual(expect.arrayContaining([2004, 2019, 2025, 2026]));
  });
});

describe('cadence', () => {
  const city = account({ level: 'city_government' });
  const county = account({ level: 'county_government' });
  const dept = account({ level: 'city_department' });
  const cases: { name: string; account: OfficialAccount; posts: AccountPost[]; now: number; status: CheckStatus; missed?: number; silent?: number }[] = [
    { name: 'department posted 3 days ago', account: dept, posts: postsOn('2026-03-09'), now: at('2026-03-12', 12), status: 'pass', silent: 3 },
    { name: 'department silent 10 days warns', account: dept, posts: postsOn('2026-03-02'), now: at('2026-03-12', 12), status: 'warn', silent: 10 },
    { name: 'department silent 14 days fails (2019 inspection)', account: dept, posts: postsOn('2026-02-26'), now: at('2026-03-12', 12), status: 'fail', silent: 14 },
    { name: 'department silent 13 days 23 h still warns', account: dept, posts: [post(at('2026-02-26', 12, 30))], now: at('2026-03-12', 12), status: 'warn', silent: 13 },
    { name: 'no post at all fails', account: dept, posts: [], now: at('2026-03-12'), status: 'fail' },
    // Spring Festival 2026: holiday Feb 15–23, 调休 Saturdays Feb 14 and Feb 28.
    // The window of 14 days before 2026-02-25 20:00 holds the working days Feb 12, 13, 14 (调休) and 24 only.
    { name: 'city government posting every working day through Spring Festival passes', account: city, posts: postsOn('2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24'), now: at('2026-02-25', 20), status: 'pass', missed: 0 },
    { name: 'city government missing the 调休 Saturday 2026-02-14 warns', account: city, posts: postsOn('2026-02-12', '2026-02-13', '2026-02-24'), now: at('2026-02-25', 20), status: 'warn', missed: 1 },
    { name: 'city government missing two working days fails', account: city, posts: postsOn('2026-02-12', '2026-02-13'), now: at('2026-02-25', 20), status: 'fail', missed: 2 },
    { name: 'today is not owed before it ends', account: city, posts: postsOn(...workingDays('2026-02-25', '2026-03-11')), now: at('2026-03-11', 16), status: 'pass', missed: 0 },
    { name: 'county government twice a week passes', account: county, posts: postsOn('2026-03-02', '2026-03-05', '2026-03-09', '2026-03-11'), now: at('2026-03-16', 9), status: 'pass', missed: 0 },
    { name: 'county government once in a week warns', account: county, posts: postsOn('2026-03-02', '2026-03-05', '2026-03-11'), now: at('2026-03-16', 9), status: 'warn', missed: 1 },
    // The Spring Festival week (Feb 16–22) has no working day: it is not judged.
    { name: 'county government silent in the Spring Festival week passes', account: county, posts: postsOn('2026-02-09', '2026-02-12', '2026-02-24', '2026-02-27'), now: at('2026-03-01', 20), status: 'pass', missed: 0 },
    // Opened on Wednesday 2026-03-11: its first week is not judged, nor the days before.
    { name: 'account opened mid-week is judged from its first full week', account: account({ level: 'county_government', opened_on: '2026-03-11' }), posts: postsOn('2026-03-12'), now: at('2026-03-16', 9), status: 'pass', missed: 0 },
    { name: 'account opened 5 days ago without posts is not yet silent 10 days', account: account({ level: 'city_department', opened_on: '2026-03-07' }), posts: [], now: at('2026-03-12'), status: 'pass', silent: 5 },
  ];
  it.each(cases)('$name', (c) => {
    const r = cadenceCheck(ctx({ account: c.account, history: { posts: c.posts }, now: c.now }));
    expect(r.status, r.message).toBe(c.status);
    if (c.missed !== undefined) expect(r.evidence.missed_periods ?? [], r.message).toHaveLength(c.missed);
    if (c.silent !== undefined) expect(r.evidence.silent_days).toBe(c.silent);
  });
  it('judges local days in Asia/Shanghai: a post at 23:30 local (15:30 UTC) counts for its local day', () => {
    const late = post(at('2026-03-10', 23, 30));
    const r = cadenceCheck(ctx({ account: city, history: { posts: [...postsOn(...workingDays('2026-02-25', '2026-03-10')), late] }, now: at('2026-03-11', 9) }));
    expect(new Date(late.at).getUTCDate()).toBe(10);
    expect(r.evidence.missed_periods).toEqual([]);
  });
  it.each([['closed'], ['closing']] as const)('a %s account is not judged', (status) => {
    expect(cadenceCheck(ctx({ account: account({ status }), now: at('2026-03-12') })).status).toBe('not_applicable');
  });
  it('gives the deadline of the 14-day limit', () => {
    const r = cadenceCheck(ctx({ account: dept, history: { posts: postsOn('2026-03-02') }, now: at('2026-03-12', 12) }));
    expect(r.evidence.deadline_at).toBe(at('2026-03-02') + 14 * DAY);
  });
});

describe('zombie', () => {
  const cases: { name: string; account?: OfficialAccount; posts: AccountPost[]; messages?: AccountMessage[]; now: number; status: CheckStatus }[] = [
    { name: 'silent 60 days fails', posts: [post(at('2026-01-01'))], now: at('2026-03-02', 12), status: 'fail' },
    { name: 'silent 59 days is not yet a zombie', posts: [post(at('2026-01-02'))], now: at('2026-03-02', 9), status: 'pass' },
    { name: 'five posts nobody interacts with warns', posts: [1, 2, 3, 4, 5].map((d) => post(at(`2026-03-0${d}`), 0)), now: at('2026-03-10'), status: 'warn' },
    { name: 'one post with a like passes', posts: [1, 2, 3, 4, 5].map((d) => post(at(`2026-03-0${d}`), d === 3 ? 1 : 0)), now: at('2026-03-10'), status: 'pass' },
    { name: 'unknown interactions are not counted as none', posts: [1, 2, 3, 4, 5].map((d) => post(at(`2026-03-0${d}`))), now: at('2026-03-10'), status: 'pass' },
    { name: 'a message to the account is interaction', posts: [1, 2, 3, 4, 5].map((d) => post(at(`2026-03-0${d}`), 0)), messages: [{ id: 'm', received_at: at('2026-03-04'), text: '请问', due_at: at('2026-03-05'), status: 'open' }], now: at('2026-03-10'), status: 'pass' },
    { name: 'closed accounts are not judged', account: account({ status: 'closed' }), posts: [], now: at('2026-03-10'), status: 'not_applicable' },
  ];
  it.each(cases)('$name', (c) => {
    const r = zombieCheck(ctx({ ...(c.account ? { account: c.account } : {}), history: { posts: c.posts, messages: c.messages ?? [] }, now: c.now }));
    expect(r.status, r.message).toBe(c.status);
  });
});

describe('duplicate', () => {
  const a = account({ id: 'a', name: '江城发布', unit_id: 'u1', account_id: 'x1' });
  const cases: { name: string; other: OfficialAccount; status: CheckStatus }[] = [
    { name: 'same unit, same platform fails', other: account({ id: 'b', name: '江城市政府', unit_id: 'u1', account_id: 'x2' }), status: 'fail' },
    { name: 'same unit, other platform passes (one per platform)', other: account({ id: 'b', name: '江城发布', unit_id: 'u1', account_id: 'x2', platform: 'wechat' }), status: 'pass' },
    { name: 'near-identical name under another unit warns', other: account({ id: 'b', name: '江城发布 ', unit_id: 'u2', account_id: 'x2' }), status: 'warn' },
    { name: 'different name under another unit passes', other: account({ id: 'b', name: '江城交警', unit_id: 'u2', account_id: 'x2' }), status: 'pass' },
    { name: 'a duplicate already being merged does not count', other: account({ id: 'b', name: '江城市政府', unit_id: 'u1', account_id: 'x2', status: 'merging' }), status: 'pass' },
  ];
  it.each(cases)('$name', (c) => {
    expect(duplicateCheck(ctx({ account: a, registry: [a, c.other], now: at('2026-03-10') })).status).toBe(c.status);
  });
  it.each([
    ['江城发布', '江城发布', 1],
    ['江城发布', '江城发布官方', 1],
    ['江城发布', '江城交警', 0.33],
  ])('name similarity %s ~ %s = %s', (x, y, expected) => {
    expect(nameSimilarity(x, y)).toBeCloseTo(expected, 2);
  });
});

describe('interaction', () => {
  const msg = (i: number, over: Partial<AccountMessage> = {}): AccountMessage => ({ id: `weibo:m${i}`, received_at: at('2026-03-02') + i * 3_600_000, text: '小区停水什么时候恢复供水', due_at: at('2026-03-03'), status: 'answered', answered_at: at('2026-03-02', 20), answer: '小区停水预计今晚恢复供水', ...over });
  const cases: { name: string; messages: AccountMessage[]; status: CheckStatus; offTopic?: number; hint?: boolean }[] = [
    { name: 'no messages: not applicable', messages: [], status: 'not_applicable' },
    { name: 'all answered on time passes', messages: [0, 1, 2, 3].map((i) => msg(i)), status: 'pass' },
    { name: 'half unanswered fails', messages: [msg(0), msg(1), msg(2, { status: 'open' }), msg(3, { status: 'open' })].map((m) => (m.status === 'open' ? { ...m, answered_at: undefined, answer: undefined } as AccountMessage : m)), status: 'fail' },
    { name: 'answered late warns', messages: [0, 1, 2, 3].map((i) => msg(i, { answered_at: at('2026-03-05') })), status: 'warn' },
    { name: 'answers sharing nothing with the question: 答非所问 hint', messages: [0, 1, 2].map((i) => msg(i, { answer: '感谢关注' })), status: 'warn', offTopic: 3, hint: true },
    { name: 'spam closed without an answer is left out', messages: [msg(0), msg(1), msg(2), msg(3, { status: 'closed' })], status: 'pass' },
    { name: 'an answer after the judged moment does not count yet', messages: [0, 1, 2].map((i) => msg(i, { answered_at: at('2026-03-20') })), status: 'fail' },
  ];
  it.each(cases)('$name', (c) => {
    const r = interactionCheck(ctx({ history: { messages: c.messages }, now: at('2026-03-10') }));
    expect(r.status, r.message).toBe(c.status);
    if (c.offTopic !== undefined) expect(r.evidence.off_topic).toHaveLength(c.offTopic);
    if (c.hint) expect(r.hint).toBe(true);
  });
  it('lists the unanswered messages with id, time and text', () => {
    const open = { ...msg(9), status: 'open' as const, answered_at: undefined, answer: undefined } as AccountMessage;
    const r = interactionCheck(ctx({ history: { messages: [open] }, now: at('2026-03-10') }));
    expect(r.evidence.unanswered?.[0]).toMatchObject({ id: 'weibo:m9', text: open.text, received_at: open.received_at });
  });
});

describe('fake followers', () => {
  const snap = (day: string, followers: number, engagement?: number, sampled?: number, suspicious?: number) => ({ at: at(day), followers, ...(engagement !== undefined ? { engagement } : {}), ...(sampled !== undefined ? { engagers_sampled: sampled, engagers_new_or_inactive: suspicious ?? 0 } : {}) });
  const cases: { name: string; snapshots: ReturnType<typeof snap>[]; status: CheckStatus }[] = [
    { name: 'no snapshots: not applicable', snapshots: [], status: 'not_applicable' },
    { name: 'steady growth passes', snapshots: [snap('2026-03-01', 10_000, 700), snap('2026-03-08', 10_300, 700)], status: 'pass' },
    { name: '+50% followers with flat engagement is flagged', snapshots: [snap('2026-02-22', 10_000, 700), snap('2026-03-01', 10_100, 700), snap('2026-03-08', 15_000, 700)], status: 'warn' },
    { name: '+50% followers with engagement ×5 (a viral post) passes', snapshots: [snap('2026-02-22', 10_000, 700), snap('2026-03-01', 10_100, 700), snap('2026-03-08', 15_000, 3_500)], status: 'pass' },
    { name: 'engagers mostly new or inactive accounts is flagged', snapshots: [snap('2026-03-01', 10_000, 700), snap('2026-03-08', 10_100, 700, 100, 70)], status: 'warn' },
  ];
  it.each(cases)('$name', (c) => {
    const r = fakeFollowersCheck(ctx({ history: { snapshots: c.snapshots }, now: at('2026-03-10') }));
    expect(r.status, r.message).toBe(c.status);
    if (c.status === 'warn') expect(r.hint).toBe(true);
  });
  it('also reads the follower counts carried by the account’s own posts', () => {
    const r = fakeFollowersCheck(ctx({ history: { posts: [post(at('2026-03-01'), 10, 10_000), post(at('2026-03-08'), 10, 20_000)] }, now: at('2026-03-10') }));
    expect(r.status).toBe('warn');
    expect(r.evidence.follower_jumps?.[0]).toMatchObject({ followers_before: 10_000, followers_after: 20_000, gain: 10_000 });
  });
});

describe('review compliance', () => {
  const via = account({ publishes_via_workflow: true });
  const pub = (t: number, approved = true) => ({ draft_id: `d${t}`, at: t, platform: 'weibo', where: '江城发布', approved });
  const cases: { name: string; account: OfficialAccount; posts: AccountPost[]; pubs: ReturnType<typeof pub>[]; status: CheckStatus; unreviewed?: number }[] = [
    { name: 'an account publishing elsewhere is not judged', account: account(), posts: [post(at('2026-03-02'))], pubs: [], status: 'not_applicable' },
    { name: 'every post matched by an approved publication passes', account: via, posts: [post(at('2026-03-02')), post(at('2026-03-03'))], pubs: [pub(at('2026-03-02', 9, 55)), pub(at('2026-03-03', 10, 5))], status: 'pass' },
    { name: 'a post without a review record fails', account: via, posts: [post(at('2026-03-02')), post(at('2026-03-03'))], pubs: [pub(at('2026-03-02'))], status: 'fail', unreviewed: 1 },
    { name: 'one publication covers one post only', account: via, posts: [post(at('2026-03-02')), post(at('2026-03-02', 10, 30))], pubs: [pub(at('2026-03-02', 10, 10))], status: 'fail', unreviewed: 1 },
    { name: 'a publication hours away does not count', account: via, posts: [post(at('2026-03-02'))], pubs: [pub(at('2026-03-02', 18))], status: 'fail', unreviewed: 1 },
  ];
  it.each(cases)('$name', (c) => {
    const r = reviewComplianceCheck(ctx({ account: c.account, history: { posts: c.posts, publications: c.pubs }, now: at('2026-03-10') }));
    expect(r.status, r.message).toBe(c.status);
    if (c.unreviewed !== undefined) expect(r.evidence.unreviewed_posts).toHaveLength(c.unreviewed);
  });
});

describe('reminders', () => {
  const city = account({ level: 'city_government' });
  const dept = account({ level: 'city_department' });
  const cases: { name: string; account: OfficialAccount; posts: AccountPost[]; now: number; kinds: string[] }[] = [
    { name: '14-day limit falls tomorrow', account: dept, posts: [post(at('2026-03-01', 9))], now: at('2026-03-14', 10), kinds: ['silence_limit'] },
    { name: '14-day limit in three days: not yet', account: dept, posts: [post(at('2026-03-03', 9))], now: at('2026-03-14', 10), kinds: [] },
    { name: 'limit already broken: the check fails, no reminder', account: dept, posts: [post(at('2026-02-20', 9))], now: at('2026-03-14', 10), kinds: [] },
    { name: 'city government without a post by 15:00 on a working day', account: city, posts: [post(at('2026-03-11', 9))], now: at('2026-03-12', 15, 5), kinds: ['working_day'] },
    { name: 'city government before 15:00: not yet', account: city, posts: [post(at('2026-03-11', 9))], now: at('2026-03-12', 14, 55), kinds: [] },
    { name: 'city government posted today', account: city, posts: [post(at('2026-03-12', 9))], now: at('2026-03-12', 15, 5), kinds: [] },
    { name: 'Spring Festival holiday is no working day', account: city, posts: [post(at('2026-02-14', 9))], now: at('2026-02-17', 15, 5), kinds: [] },
    { name: '调休 Saturday is a working day', account: city, posts: [post(at('2026-02-13', 9))], now: at('2026-02-14', 15, 5), kinds: ['working_day'] },
    { name: 'closing accounts get none', account: account({ level: 'city_government', status: 'closing' }), posts: [], now: at('2026-03-12', 15, 5), kinds: [] },
  ];
  it.each(cases)('$name', (c) => {
    expect(remindersDue(ctx({ account: c.account, history: { posts: c.posts }, now: c.now })).map((r) => r.kind)).toEqual(c.kinds);
  });
  it('keys a reminder by account and deadline, so a later pass finds the same one', () => {
    const c = ctx({ account: dept, history: { posts: [post(at('2026-03-01', 9))] }, now: at('2026-03-14', 10) });
    const first = remindersDue(c)[0]!;
    expect(remindersDue({ ...c, now: c.now + 3_600_000 })[0]!.key).toBe(first.key);
    expect(first.deadline_at).toBe(at('2026-03-15', 9));
  });
});

import type { CheckResult, GovernanceAccountDetail, GovernanceAccountRow, GovernanceOverview, GovernanceReport } from '@fenghuo/shared/governance';

/** Fixed governance answers for the page tests: a city with a government account that fails and a department account that passes. */
export const T0 = Date.UTC(2026, 10, 27, 2, 0); // 2026-11-27 10:00 in Shanghai
const DAY = 86_400_000;

const pass = (check: CheckResult['check'], message = '合格'): CheckResult => ({ check, status: 'pass', message, evidence: {} });

const failing: CheckResult[] = [
  { check: 'cadence', status: 'fail', message: '已 15 天未更新', evidence: { rule: '14 天未更新即不合格', last_post_at: T0 - 15 * DAY, silent_days: 15, recent_posts: [{ id: 'weibo:p1', at: T0 - 15 * DAY, text: '秋季防火提示', interactions: 3 }] } },
  pass('zombie'),
  { check: 'duplicate', status: 'warn', message: '名称相近', evidence: { duplicates: [{ id: 'acc-3', name: '荆州市政府发布', platform: 'weibo', account_id: '1003', reason: 'similar_name', similarity: 0.86 }] } },
  {
    check: 'interaction',
    status: 'fail',
    message: '答复率 33%',
    hint: true,
    evidence: {
      received: 3,
      answered: 1,
      answered_rate: 1 / 3,
      unanswered: [{ id: 'weibo:m1', received_at: T0 - 3 * DAY, text: '<img src=x onerror=alert(1)>路灯坏了', due_at: T0 - 2 * DAY }],
      off_topic: [{ id: 'weibo:m2', received_at: T0 - 4 * DAY, text: '公交几点停运', answered_at: T0 - 4 * DAY + 3_600_000, answer: '感谢关注', overlap: 0 }],
    },
  },
  { check: 'fake_followers', status: 'not_applicable', message: '无粉丝快照', evidence: {} },
  pass('review_compliance'),
];

export const failingRow: GovernanceAccountRow = {
  account: { id: 'acc-1', platform: 'weibo', account_id: '1001', name: '荆州发布<b>', unit_id: 'u-city', unit_name: '荆州市人民政府', level: 'city_government', status: 'active' },
  results: failing,
  overall: 'fail',
  trend: [
    { week: '2026-11-09', status: 'pass', failing: [] },
    { week: '2026-11-16', status: 'warn', failing: [] },
    { week: '2026-11-23', status: 'fail', failing: ['cadence', 'interaction'] },
  ],
};

export const passingRow: GovernanceAccountRow = {
  account: { id: 'acc-2', platform: 'wechat', account_id: 'jzjy', name: '荆州教育', unit_id: 'u-edu', unit_name: '荆州市教育局', level: 'city_department', status: 'merging' },
  results: (['cadence', 'zombie', 'duplicate', 'interaction', 'fake_followers', 'review_compliance'] as const).map((c) => pass(c)),
  overall: 'pass',
  trend: [{ week: '2026-11-23', status: 'pass', failing: [] }],
};

export function overview(): GovernanceOverview {
  return {
    generated_at: T0,
    timezone: 'Asia/Shanghai',
    calendar_years: [2004, 2026],
    checks: failing.map((r) => ({ id: r.check, label: r.check })),
    accounts: [failingRow, passingRow],
    units: [
      { unit_id: 'u-edu', unit_name: '荆州市教育局', accounts: 1, pass: 6, warn: 0, fail: 0, score: 100, rank: 1 },
      { unit_id: 'u-city', unit_name: '荆州市人民政府', accounts: 1, pass: 2, warn: 1, fail: 2, score: 50, rank: 2 },
    ],
    totals: { pass: 1, warn: 0, fail: 1, not_applicable: 0 },
  };
}

export function detail(): GovernanceAccountDetail {
  return {
    account: { ...failingRow.account, publishes_via_workflow: false, filing: { number: '鄂网信备 420001', date: '2020-03-01' }, contact: { name: '张三', phone: '0716-1234567' } },
    results: failing,
    overall: 'fail',
    trend: failingRow.trend,
    generated_at: T0,
  };
}

export function report(): GovernanceReport {
  return {
    unit_id: 'u-city',
    unit_name: '荆州市人民政府',
    month: '2026-11',
    from: Date.UTC(2026, 9, 31, 16),
    to: Date.UTC(2026, 10, 30, 16),
    generated_at: T0,
    timezone: 'Asia/Shanghai',
    summary: { accounts: 3, pass: 1, warn: 0, fail: 2, to_fix: 1, to_merge: 0, to_close: 1 },
    by_check: [
      { check: 'cadence', label: '更新频率', fail: 2, warn: 0 },
      { check: 'interaction', label: '互动回应', fail: 1, warn: 0 },
    ],
    units: [
      {
        unit_id: 'u-city',
        unit_name: '荆州市人民政府',
        score: 55,
        accounts: [
          { account: failingRow.account, overall: 'fail', findings: [{ check: 'cadence', status: 'fail', message: '已 15 天未更新' }], fixes: ['每个工作日至少更新一次'], recommendation: 'fix' },
          { account: { ...failingRow.account, id: 'acc-9', name: '荆州城管（停更）' }, overall: 'fail', findings: [{ check: 'zombie', status: 'fail', message: '僵尸账号：已 90 天未更新' }], fixes: [], recommendation: 'close' },
          { account: passingRow.account, overall: 'pass', findings: [], fixes: [], recommendation: 'keep' },
        ],
      },
    ],
  };
}

/** A fetch stub answering JSON by path (query ignored unless the key has one); anything else is a 404. */
export function fetchByPath(answers: Record<string, unknown>) {
  return async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://x');
    const body = answers[url.pathname + url.search] ?? answers[url.pathname];
    return body === undefined ? new Response(JSON.stringify({ error: 'not found' }), { status: 404 }) : new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

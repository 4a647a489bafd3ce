import { seededRandom, type OfficialAccountInput, type UnitInput } from '@fenghuo/shared';
import { clocks, governance as gov, SYSTEM_ACTOR } from '@fenghuo/analytics';
import type { Runtime } from './runtime';

/**
 * The demo registry: the fictional 江城市 (written for the project, no real
 * accounts) with its government, departments, a county, a district and a
 * township across platforms, and eight weeks of their posts and of citizens'
 * messages, shaped so that the governance page has something to show:
 * accounts that keep every rule, one silent for 16 days, one nearing the
 * limit, a zombie duplicate, a sleeping account nobody reads, unanswered
 * messages, a follower jump, a township account being closed.
 */
interface DemoAccount {
  key: string;
  unit: string;
  input: Omit<OfficialAccountInput, 'unit_id'>;
  /** Posts on a local day `daysAgo` before today (0 = today). */
  posts: (daysAgo: number, day: string) => number;
  interactions?: (rand: () => number) => number;
  /** Citizens' messages: how many in the last weeks, and the share answered. */
  messages?: { count: number; answered: number; offTopic?: boolean };
}

const UNITS: { key: string; parent?: string; input: Omit<UnitInput, 'parent_id'> }[] = [
  { key: 'city', input: { name: '江城市人民政府', kind: 'city' } },
  { key: 'police', parent: 'city', input: { name: '江城市公安局', kind: 'department' } },
  { key: 'health', parent: 'city', input: { name: '江城市卫生健康委员会', kind: 'department' } },
  { key: 'env', parent: 'city', input: { name: '江城市生态环境局', kind: 'department' } },
  { key: 'transport', parent: 'city', input: { name: '江城市交通运输局', kind: 'department' } },
  { key: 'edu', parent: 'city', input: { name: '江城市教育局', kind: 'department' } },
  { key: 'tourism', parent: 'city', input: { name: '江城市文化广电和旅游局', kind: 'department' } },
  { key: 'qingshan', parent: 'city', input: { name: '青山县人民政府', kind: 'county' } },
  { key: 'qs-agri', parent: 'qingshan', input: { name: '青山县农业农村局', kind: 'department' } },
  { key: 'linjiang', parent: 'city', input: { name: '临江区人民政府', kind: 'county' } },
  { key: 'baisha', parent: 'qingshan', input: { name: '青山县白沙镇人民政府', kind: 'department' } },
];

const workday = (day: string) => (clocks.isChineseWorkingDay(day) ? 1 : 0);
const likes = (rand: () => number) => Math.floor(rand() * 80);

const ACCOUNTS: DemoAccount[] = [
  { key: 'jc-fabu-wb', unit: 'city', input: { platform: 'weibo', account_id: 'jc-fabu-wb', name: '江城发布', level: 'city_government', opened_on: '2016-03-01', filing: { number: '江网备2016001', date: '2016-03-01' }, contact: { name: '王敏', phone: '0700-1234001' }, publishes_via_workflow: false }, posts: (_, d) => workday(d) * 2, interactions: likes, messages: { count: 12, answered: 12 } },
  { key: 'jc-fabu-wx', unit: 'city', input: { platform: 'wechat', account_id: 'jc-fabu-wx', name: '江城发布', level: 'city_government', opened_on: '2016-05-01' }, posts: (ago, d) => (ago === 3 || ago === 6 ? 0 : workday(d)), interactions: likes },
  { key: 'jc-police-wb', unit: 'police', input: { platform: 'weibo', account_id: 'jc-police-wb', name: '江城公安', level: 'city_department', opened_on: '2017-01-01' }, posts: (ago) => (ago % 2 === 0 ? 1 : 0), interactions: likes, messages: { count: 10, answered: 9 } },
  { key: 'jc-health-wx', unit: 'health', input: { platform: 'wechat', account_id: 'jc-health-wx', name: '健康江城', level: 'city_department' }, posts: (ago) => (ago % 3 === 0 ? 1 : 0), interactions: likes, messages: { count: 8, answered: 3 } },
  { key: 'jc-env-wb', unit: 'env', input: { platform: 'weibo', account_id: 'jc-env-wb', name: '江城生态环境', level: 'city_department' }, posts: (ago) => (ago >= 16 && ago % 4 === 0 ? 1 : 0), interactions: likes },
  { key: 'jc-transport-wx', unit: 'transport', input: { platform: 'wechat', account_id: 'jc-transport-wx', name: '江城交通', level: 'city_department' }, posts: (ago) => (ago >= 11 && ago % 3 === 2 ? 1 : 0), interactions: likes },
  { key: 'jc-edu-wb', unit: 'edu', input: { platform: 'weibo', account_id: 'jc-edu-wb', name: '江城教育', level: 'city_department' }, posts: (ago) => (ago % 4 === 1 ? 1 : 0), interactions: () => 0 },
  { key: 'jc-tour-dy', unit: 'tourism', input: { platform: 'douyin', account_id: 'jc-tour-dy', name: '江城文旅', level: 'city_department' }, posts: (ago) => (ago % 2 === 1 ? 1 : 0), interactions: likes },
  { key: 'qs-fabu-wb', unit: 'qingshan', input: { platform: 'weibo', account_id: 'qs-fabu-wb', name: '青山发布', level: 'county_government', filing: { number: '江网备2018017' } }, posts: (_, d) => (['1', '4'].includes(String(new Date(`${d}T12:00:00+08:00`).getUTCDay())) ? 1 : 0), interactions: likes, messages: { count: 6, answered: 6, offTopic: true } },
  { key: 'qs-gov-wb', unit: 'qingshan', input: { platform: 'weibo', account_id: 'qs-gov-wb', name: '青山县政府', level: 'county_government', opened_on: '2014-06-01' }, posts: (ago) => (ago === 70 ? 1 : 0) },
  { key: 'lj-fabu-wx', unit: 'linjiang', input: { platform: 'wechat', account_id: 'lj-fabu-wx', name: '临江发布', level: 'county_government' }, posts: (_, d) => (new Date(`${d}T12:00:00+08:00`).getUTCDay() === 3 ? 1 : 0), interactions: likes },
  { key: 'qs-agri-wb', unit: 'qs-agri', input: { platform: 'weibo', account_id: 'qs-agri-wb', name: '青山农业农村', level: 'county_department' }, posts: (ago) => (ago % 5 === 0 ? 1 : 0), interactions: likes },
  { key: 'bs-town-wx', unit: 'baisha', input: { platform: 'wechat', account_id: 'bs-town-wx', name: '白沙镇', level: 'township', status: 'closing', note: '人员不足，申请关停' }, posts: (ago) => (ago === 40 ? 1 : 0) },
];

const TOPICS = ['召开专题会议部署安全生产工作', '发布近期天气与出行提示', '开展便民服务进社区活动', '公布重点项目建设进展', '发布政策解读', '提醒市民注意防范电信诈骗'];
const QUESTIONS = ['请问江城大道施工什么时候结束', '小区停水多久能恢复供水', '社保卡补办需要带什么材料', '学校周边交通拥堵能否增加交警', '公交线路调整后末班车几点'];

/** Registers the demo city once (skipped when its accounts exist) and sends its history through ingest. */
export async function seedGovernanceDemo(runtime: Runtime): Promise<{ seeded: boolean; mentions: number }> {
  const { workflow } = runtime;
  const existing = await workflow.directory.accounts();
  if (existing.some((a) => a.account_id === 'jc-fabu-wb')) return { seeded: false, mentions: 0 };
  const top = (await workflow.directory.units()).find((u) => !u.parent_id);
  const unitIds = new Map<string, string>();
  for (const u of UNITS) {
    const parent = u.parent ? unitIds.get(u.parent) : top?.id;
    const created = await workflow.directory.createUnit(SYSTEM_ACTOR, { ...u.input, ...(parent ? { parent_id: parent } : {}) });
    unitIds.set(u.key, created.id);
  }
  for (const a of ACCOUNTS) await workflow.directory.saveAccount(SYSTEM_ACTOR, undefined, { ...a.input, unit_id: unitIds.get(a.unit)! });

  const rand = seededRandom(2026);
  const tz = runtime.config.timezone;
  const now = Date.now();
  const today = clocks.localDay(now, tz);
  const items: Record<string, unknown>[] = [];
  for (const a of ACCOUNTS) {
    const postIds: { id: string; t: number }[] = [];
    for (let ago = 75; ago >= 0; ago--) {
      const day = clocks.nextLocalDay(today, -ago);
      for (let i = 0; i < a.posts(ago, day); i++) {
        const t = Math.min(now - 60_000, clocks.startOfLocalDay(day, tz, 8 + Math.floor(rand() * 4) + i * 4, Math.floor(rand() * 60)));
        const id = `${a.key}-${day}-${i}`;
        postIds.push({ id, t });
        const n = a.interactions?.(rand);
        items.push({ id, platform: a.input.platform, kind: 'post', text: `【${a.input.name}】${TOPICS[Math.floor(rand() * TOPICS.length)]}`, time: t, author: { id: a.key, name: a.input.name, official: true, verified: true, followers: 50_000 + postIds.length * 20 }, ...(n !== undefined ? { metrics: { likes: n, comments: 0, reposts: 0 } } : {}) });
      }
    }
    if (a.messages && postIds.length) {
      const recent = postIds.filter((p) => p.t > now - 20 * 86_400_000);
      for (let i = 0; i < a.messages.count && recent.length; i++) {
        const parent = recent[i % recent.length]!;
        const q = QUESTIONS[i % QUESTIONS.length]!;
        const t = Math.min(now - 3_600_000, parent.t + 3_600_000 * (1 + i));
        const id = `${a.key}-msg-${i}`;
        items.push({ id, platform: a.input.platform, kind: 'comment', text: q, time: t, parent_id: parent.id, root_id: parent.id, author: { id: `citizen-${i}`, name: `网友${i + 1}` } });
        if (i < a.messages.answered) {
          const answer = a.messages.offTopic && i % 2 === 0 ? '感谢您的关注，我们会转交相关部门。' : `您好，关于“${q.replace(/^请问/, '')}”，相关部门正在办理，预计本周内答复处理结果。`;
          items.push({ id: `${id}-re`, platform: a.input.platform, kind: 'comment', text: answer, time: Math.min(now - 60_000, t + 5 * 3_600_000), parent_id: id, root_id: parent.id, author: { id: a.key, name: a.input.name, official: true } });
        }
      }
    }
  }
  for (let i = 0; i < items.length; i += 2000) {
    const batch = items.slice(i, i + 2000).map((value, j) => ({ position: i + j, value, raw: JSON.stringify(value) }));
    await runtime.service.submit(batch, 'demo-governance', Date.now());
  }
  // 江城文旅 gained 30 000 followers in a week with flat engagement.
  const day = 86_400_000;
  await gov.ingestSnapshots(runtime.store, [
    { platform: 'douyin', account_id: 'jc-tour-dy', at: now - 15 * day, followers: 41_000, engagement: 900 },
    { platform: 'douyin', account_id: 'jc-tour-dy', at: now - 8 * day, followers: 42_000, engagement: 950 },
    { platform: 'douyin', account_id: 'jc-tour-dy', at: now - 1 * day, followers: 72_000, engagement: 1_000, engagers_sampled: 200, engagers_new_or_inactive: 130 },
  ], 'demo-governance', now);
  return { seeded: true, mentions: items.length };
}

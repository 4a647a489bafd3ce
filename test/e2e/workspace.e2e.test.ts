import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { postMentions, REPO_ROOT } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const MIN = 60_000;
const PHONE = '13800138000';

/**
 * A story that built up over the last 80 minutes, slowly then fast, on two
 * platforms: enough for an event, an alert on the watch list, and a volume
 * curve in the incident room.
 */
function story(): Record<string, unknown>[] {
  const now = Date.now();
  const variants = ['荆州沙市区化工厂发生爆炸，现场浓烟滚滚，附近居民听到巨响', '荆州沙市区化工厂发生爆炸，现场浓烟滚滚，多条道路已封闭', '荆州沙市区化工厂爆炸，消防车赶往现场'];
  const times: number[] = [];
  for (let m = 80; m > 0; m--) {
    // One or two a minute at first, a dozen a minute in the last quarter hour.
    const n = m > 40 ? 1 + (m % 2) : m > 15 ? 3 : 10;
    for (let k = 0; k < n; k++) times.push(now - m * MIN + k * (MIN / n));
  }
  return times.map((t, i) => ({
    id: `ws-${i}`,
    platform: i % 3 === 0 ? 'douyin' : 'weibo',
    text: `${variants[i % variants.length]} #${i}`,
    time: new Date(t).toISOString(),
    author: { id: `ws-u${i}`, name: `网友${i}`, location: '湖北 荆州' },
  }));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('incident room and press-office workspace in Chromium', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let responder: ApiClient;
  let incidentId: string;
  let trickle: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    let admin: ApiClient;
    ({ runtime, url, admin } = await startDashboard());
    responder = await createUser(url, admin, 'responder1', ['responder', 'analyst']);
    await createUser(url, admin, 'reviewer1', ['reviewer']);
    // One review level for every severity here, so one reviewer can carry the flow (三审 is the default for 重大).
    const policy = await admin.get('/api/v1/settings/review-policy');
    expect((await admin.put('/api/v1/settings/review-policy', { expected_version: policy.body.version, policy: { default_levels: 1, rules: [] } })).status).toBe(200);
    expect((await responder.post('/api/v1/rules', { kind: 'keyword', name: '爆炸监测', phrases: ['爆炸'], min_count: 3, window_minutes: 10, severity: 'high' })).status).toBe(201);
    expect((await responder.post('/api/v1/qa', { question: '化工厂爆炸后自来水还能喝吗', answer: '经检测，城区供水水质符合国家标准，市民可正常饮用。', category: '应急', tags: ['爆炸', '供水'] })).status).toBe(201);

    expect((await postMentions(url, story())).status).toBe(202);
    let k = 0;
    trickle = setInterval(() => {
      void postMentions(url, [{ id: `bg-${k}`, platform: 'news', text: `本地新闻 ${k++}：今日天气晴好，市民出行`, time: new Date().toISOString(), author: { id: `bg-a${k}` } }]);
    }, 500);
    const alert = await waitFor('an alert on the explosion', async () => {
      const alerts = (await responder.get('/api/v1/alerts')).body.alerts as { id: string; title: string }[];
      return alerts.find((a) => /爆炸/.test(a.title));
    });
    const opened = await responder.post(`/api/v1/incidents/from-alert/${alert.id}`, {
      title: '荆州沙市区化工厂爆炸',
      severity: 'major',
      place: '荆州市沙市区某化工厂',
      facts: '一化工厂仓库发生爆炸，无人员被困',
      measures: '现场明火已扑灭，周边道路临时管制',
      contact: '咨询电话0716-8123456',
    });
    expect(opened.status).toBe(201);
    incidentId = opened.body.id;
    expect(opened.body.event_ids.length).toBeGreaterThan(0);
    // Names of one's units' people for the press office: ids and names, nothing an admin-only list holds.
    const people = (await responder.get('/api/v1/people')).body.people as Record<string, unknown>[];
    expect(people.find((p) => p.display_name === 'reviewer1')).toEqual({ id: expect.any(String), display_name: 'reviewer1', unit_id: responder.user.unit_id });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    if (trickle) clearInterval(trickle);
    await browser?.close();
    await runtime?.stop();
  });

  it('draft → check → fix → submit; review with the diff → approve; publish; the room shows it all', async () => {
    const author = await signInPage(browser, url, 'responder1', TEST_USER_PASSWORD);
    const page = author.page;

    // A draft from the situation-report template, filled from the incident.
    await page.goto(`${url}/drafts?incident=${incidentId}`);
    await page.getByLabel('模板').selectOption('situation_report');
    await expect.poll(() => page.getByLabel('所属事件').inputValue()).toBe(incidentId);
    await page.getByRole('button', { name: '创建草稿' }).click();
    await page.waitForURL(/\/drafts\/draft-/);
    const body = page.getByLabel('正文（Markdown）');
    const filled = await body.inputValue();
    expect(filled).toContain('荆州市沙市区某化工厂');
    expect(filled).not.toContain('【待填写');

    // A phone number slips in: the check marks it in the text as personal data.
    const withPhone = filled.replace('如有疑问', `现场联系人电话${PHONE}。如有疑问`);
    expect(withPhone).toContain(PHONE);
    await body.fill(withPhone);
    await page.getByRole('button', { name: '检查', exact: true }).click();
    const mark = page.locator('.checked-text mark[data-group="personal"]');
    await expect.poll(() => mark.first().innerText(), { timeout: 10_000 }).toContain(PHONE);
    expect(await page.locator('.findings-personal li[data-check="mobile"]').count()).toBe(1);
    // The suggestions come from the Q&A library.
    await page.locator('.suggestion').first().waitFor();
    expect(await page.locator('.suggestions').innerText()).toContain('自来水');
    await mark.first().scrollIntoViewIfNeeded();
    await page.evaluate('window.scrollTo(0, 0)');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'drafting.png') });

    // Fixed, checked clean of personal data, submitted (saving first).
    await body.fill(withPhone.replace(`现场联系人电话${PHONE}。`, '周边群众已妥善安置。'));
    await page.getByRole('button', { name: '检查', exact: true }).click();
    await expect.poll(() => page.locator('.checked-text mark[data-group="personal"]').count(), { timeout: 10_000 }).toBe(0);
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect.poll(() => page.getByTestId('draft-status').innerText(), { timeout: 10_000 }).toContain('待审核');
    const draftId = page.url().split('/drafts/')[1]!;

    // The reviewer, in another browser context: the queue, the diff, an approval with a comment.
    const reviewer = await signInPage(browser, url, 'reviewer1', TEST_USER_PASSWORD);
    await reviewer.page.goto(`${url}/review`);
    const panel = reviewer.page.getByTestId('review-panel');
    await panel.waitFor();
    expect(await panel.locator('h2').innerText()).toContain('荆州沙市区化工厂爆炸');
    await expect.poll(() => panel.locator('.room-meta').innerText(), { timeout: 10_000 }).toContain('起草人：responder1');
    await panel.locator('.diff-table').waitFor();
    expect(await panel.locator('.diff-summary').innerText()).toMatch(/新增 \d+ 行/);
    expect(await panel.locator('.diff-table ins').allInnerTexts()).toContain('周边群众已妥善安置。');
    expect(await panel.locator('.diff-table th').allInnerTexts()).toEqual(['第 1 版', '第 2 版（待审）']);
    // Rejecting needs a comment: the button says so rather than sending.
    await panel.getByRole('button', { name: '↩ 退回' }).click();
    expect(await panel.getByRole('alert').innerText()).toContain('退回须填写意见');
    await panel.getByLabel('审核意见').fill('同意发布，注意核实伤亡信息。');
    await panel.getByRole('button', { name: '✓ 通过' }).click();
    await reviewer.page.getByText(/已通过：/).waitFor();
    await expect.poll(() => reviewer.page.locator('.review-queue').innerText(), { timeout: 10_000 }).toContain('没有待您审核的稿件');

    // The author sees it approved, with the comment, and records the publication.
    await page.reload();
    await expect.poll(() => page.getByTestId('draft-status').innerText(), { timeout: 10_000 }).toContain('已通过');
    expect(await page.locator('.review-steps').innerText()).toContain('同意发布，注意核实伤亡信息。');
    await page.getByLabel('链接').fill('https://weibo.com/jingzhou/1');
    await page.getByRole('button', { name: '记录发布' }).click();
    await expect.poll(() => page.getByTestId('draft-status').innerText(), { timeout: 10_000 }).toContain('已发布');
    expect(await page.locator('.publication').innerText()).toContain('https://weibo.com/jingzhou/1');
    const published = (await responder.get(`/api/v1/drafts/${draftId}`)).body;
    expect(published).toMatchObject({ status: 'published', reviews: [{ decision: 'approve', comment: '同意发布，注意核实伤亡信息。' }] });

    // The reviewer's publication log lists it.
    await reviewer.page.reload();
    await expect.poll(() => reviewer.page.locator('.publish-log').innerText(), { timeout: 10_000 }).toContain('荆州沙市区化工厂爆炸');
    await reviewer.context.close();

    // The incident room: the release met its deadline, the statement is on the timeline, the curve has volume.
    await page.goto(`${url}/incidents/${incidentId}`);
    await page.getByTestId('incident-timeline').waitFor();
    await expect.poll(() => page.locator('.tl-layer').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.locator('.tl-marker-action').first().waitFor();
    expect(await page.locator('.tl-marker-first_mention').count()).toBe(1);
    expect(await page.locator('.tl-marker-detection').count()).toBe(1);
    expect(await page.locator('.room-clocks figure[data-tone="done"]').count()).toBeGreaterThan(0);
    expect(await page.locator('.draft-links').innerText()).toContain('已发布');
    expect(await page.locator('.event-links a').count()).toBeGreaterThan(0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-room.png') });

    // The combined timeline downloads as CSV.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出时间线 CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufefftime,local_time,kind,label,detail');
    for (const kind of ['first_mention', 'detection', 'opened', 'action:statement', 'deadline:met', 'volume']) expect(csv).toContain(`,${kind},`);
    await author.context.close();
  });

  it('a responder opens an incident from the list page; the form checks the title first', async () => {
    const { page, context } = await signInPage(browser, url, 'responder1', TEST_USER_PASSWORD);
    await page.goto(`${url}/incidents`);
    await expect.poll(() => page.locator('.incident-table').innerText(), { timeout: 10_000 }).toContain('荆州沙市区化工厂爆炸');
    await page.getByRole('button', { name: '新建事件' }).first().click();
    const form = page.getByRole('form', { name: '新建处置事件' });
    await form.getByRole('button', { name: '新建事件' }).click();
    expect(await form.getByRole('alert').innerText()).toBe('请填写事件名称');
    await form.getByLabel(/事件名称/).fill('城区供水管网爆管');
    await form.getByLabel('级别').selectOption('large');
    await form.getByLabel('地点').fill('荆州市沙市区北京路');
    await form.getByRole('button', { name: '新建事件' }).click();
    await page.waitForURL(/\/incidents\/inc-/);
    await page.getByRole('heading', { name: '城区供水管网爆管' }).waitFor();
    expect(await page.locator('.room-clocks figure').count()).toBeGreaterThan(0);
    // Logging what was done by hand: it lands in the list and on the timeline, and meets the response deadline.
    await page.getByText('记录处置动作').click();
    const action = page.getByRole('form', { name: '记录处置动作' });
    await action.getByLabel('动作').selectOption('statement');
    await action.getByLabel('链接').fill('https://www.jingzhou.gov.cn/notice/1');
    await action.getByLabel('说明').fill('官网发布停水通知');
    await action.getByRole('button', { name: '记录动作' }).click();
    await expect.poll(() => page.locator('.action-list').innerText(), { timeout: 10_000 }).toContain('官网发布停水通知');
    expect(await page.locator('.tl-marker-action').count()).toBe(1);
    await expect.poll(() => page.locator('.room-clocks figure[data-tone="done"]').count(), { timeout: 10_000 }).toBe(1);
    // An action logged elsewhere arrives over the live feed (wall snapshots every 2 s; the poll is a minute while live).
    const id = page.url().split('/incidents/')[1]!;
    expect((await responder.post(`/api/v1/incidents/${id}/actions`, { kind: 'update', at: Date.now(), note: '抢修进展通报' })).status).toBe(201);
    await expect.poll(() => page.locator('.action-list').innerText(), { timeout: 8_000 }).toContain('抢修进展通报');
    expect(await page.locator('.tl-marker-action').count()).toBe(2);
    // Acknowledged, then closed: the status and the actions offered follow.
    await page.getByRole('button', { name: '确认接报' }).click();
    await expect.poll(() => page.locator('.room-meta').innerText(), { timeout: 10_000 }).toContain('已确认接报');
    await page.getByRole('button', { name: '结束事件' }).click();
    await expect.poll(() => page.locator('.room-meta .status-tag').innerText(), { timeout: 10_000 }).toBe('已结束');
    expect(await page.getByRole('button', { name: '重新打开' }).count()).toBe(1);
    expect(await page.getByText('记录处置动作').count()).toBe(0);
    await context.close();
  });
});

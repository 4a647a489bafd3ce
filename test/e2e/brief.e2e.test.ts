import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import type { DailyBrief } from '@fenghuo/shared';
import { postMentions, REPO_ROOT, waitFor } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { addDays, localDate } from '../../dashboard/server/brief/local-day';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const TZ = 'Asia/Shanghai';

/** A story as many authors tell it, just now: near-duplicate texts, places in Hubei. */
function story(prefix: string, variants: string[], n: number, platform = 'weibo'): Record<string, unknown>[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    platform: i % 4 === 0 ? 'douyin' : platform,
    text: `${variants[i % variants.length]} #${i}`,
    time: new Date(now - (n - i) * 300).toISOString(),
    author: { id: `${prefix}-u${i}`, name: `网友${prefix}${i}`, location: '湖北 荆州' },
  }));
}

const EXPLOSION = ['荆州沙市区化工厂发生爆炸，现场浓烟滚滚，消防正在救援', '沙市化工厂爆炸了，附近居民听到巨响，太吓人了', '荆州化工厂爆炸现场视频，浓烟很大，希望没有人员伤亡', '化工厂爆炸，沙市区多条道路封闭，出行注意绕行'];
const RUMOR = ['听说化工厂爆炸后自来水被污染了，有毒不能喝，烧开也没用，赶紧转告家人', '化工厂爆炸后自来水被污染，千万别喝，烧开也没用', '紧急扩散：自来水被污染了有毒不能喝，烧开也没用'];

describe('daily brief in Chromium', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let duty: ApiClient;
  let today: string;
  let posted = 0;
  let incidentTitle = '';
  let rumor: DailyBrief['rumors'][number];

  beforeAll(async () => {
    let admin: ApiClient;
    ({ runtime, url, admin } = await startDashboard());
    duty = await createUser(url, admin, 'brief-duty', ['analyst', 'responder']);
    await createUser(url, admin, 'leader1', ['viewer']);
    const batches = [story('ex', EXPLOSION, 36), story('rm', RUMOR, 18)];
    for (const b of batches) {
      expect((await postMentions(url, b)).status).toBe(202);
      posted += b.length;
    }
    today = localDate(Date.now(), TZ);
    // The analytics have made events of both stories and stored every mention.
    const brief = await waitFor(async () => {
      const b = (await duty.get(`/api/v1/brief?date=${today}`)).body as DailyBrief;
      return b.totals?.mentions === posted && b.top_events.length >= 1 && b.rumors.some((r) => r.title.includes('自来水')) ? b : undefined;
    }, 60_000, 500);
    // The duty officer opens an incident on the top event and publishes a statement at once: the deadline is met.
    incidentTitle = `${brief.top_events[0]!.title.slice(0, 20)}处置`;
    const inc = await duty.post('/api/v1/incidents', { title: incidentTitle, severity: 'general', unit_id: duty.user.unit_id, event_ids: [brief.top_events[0]!.id] });
    expect(inc.status).toBe(201);
    expect((await duty.post(`/api/v1/incidents/${inc.body.id}/actions`, { kind: 'statement', at: Date.now(), link: 'https://example.gov.cn/statement/1' })).status).toBe(201);
    // …and one on the tap-water rumor, rebutted by the water company's notice.
    rumor = [...brief.rumors].filter((r) => r.title.includes('自来水')).sort((a, b) => b.rumor_score - a.rumor_score)[0]!;
    const onRumor = await duty.post('/api/v1/incidents', { title: '自来水污染谣言', severity: 'public_opinion', unit_id: duty.user.unit_id, event_ids: [rumor.event_id] });
    expect(onRumor.status).toBe(201);
    expect((await duty.post(`/api/v1/incidents/${onRumor.body.id}/actions`, { kind: 'rebuttal', at: Date.now(), link: 'https://example.gov.cn/rebuttal/1' })).status).toBe(201);
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('a leader (viewer) opens the day’s brief: figures from the posted mentions, the rebutted rumor, the incident whose deadline was met', async () => {
    const { page, context } = await signInPage(browser, url, 'leader1', TEST_USER_PASSWORD, { width: 1240, height: 1754 });
    await page.goto(`${url}/brief?date=${today}`);
    await page.waitForSelector('[data-brief-state="ready"]');
    expect(await page.getByTestId('brief-mentions').getAttribute('data-value')).toBe(String(posted));
    const api = (await duty.get(`/api/v1/brief?date=${today}`)).body as DailyBrief;
    // The page shows what the API computed: the top event's mentions that day and the negative share.
    const top = page.locator(`[data-event-id="${api.top_events[0]!.id}"]`);
    expect(await top.getByTestId('event-mentions').innerText()).toBe(String(api.top_events[0]!.mentions));
    expect(await page.getByTestId('brief-negative-share').innerText()).toBe(`${Math.round(api.totals.negative_share! * 100)}%`);
    expect(await page.getByTestId('brief-top-events').innerText()).toMatch(/爆炸|自来水/);
    const rumorRow = page.getByTestId('brief-rumor-table').locator('tr', { hasText: rumor.title });
    expect(await rumorRow.getAttribute('data-rebutted')).toBe('true');
    expect(await rumorRow.innerText()).toContain('已发布辟谣');
    const opened = page.getByTestId('brief-opened');
    expect(await opened.innerText()).toContain(incidentTitle);
    expect(await opened.locator('[data-deadline-state="met"]').count()).toBeGreaterThanOrEqual(1);
    const bars = await page.locator('.hourly-bar').evaluateAll((els) => els.reduce((n, e) => n + Number(e.getAttribute('data-mentions')), 0));
    expect(bars).toBe(posted);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'brief.png') });

    // The previous day: nothing was posted then.
    await page.getByRole('link', { name: /前一天/ }).click();
    await page.waitForSelector(`[data-brief-state="ready"][data-date="${addDays(today, -1)}"]`);
    expect(await page.getByTestId('brief-mentions').getAttribute('data-value')).toBe('0');

    // The same page as a PDF, with the leader's own session.
    const cookie = (await context.cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${url}/api/v1/brief.pdf?date=${today}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // One A4 sheet.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length).toBe(1);
    await context.close();
  });

  it('prints as one A4 page without the app’s navigation', async () => {
    const { page, context } = await signInPage(browser, url, 'leader1', TEST_USER_PASSWORD, { width: 794, height: 1123 });
    await page.goto(`${url}/brief?date=${today}`);
    await page.waitForSelector('[data-brief-state="ready"]');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.brief-nav').isVisible()).toBe(false);
    await context.close();
  });
});

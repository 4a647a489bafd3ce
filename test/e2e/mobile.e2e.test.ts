import fs from 'node:fs';
import path from 'node:path';
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { postMentions, REPO_ROOT, waitFor } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { APP_DIST } from '../../dashboard/server/web/app-build';
import { firstLoadFiles, firstLoadSize, MOBILE_FIRST_LOAD_BUDGET, type ViteManifest } from '../../dashboard/server/web/mobile-shell';
import { createUser, launchBrowser, startDashboard, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
/** The smallest phone the view is made for, with a phone's user agent, touch and pixel ratio. */
const PHONE = { ...devices['Pixel 5'], viewport: { width: 360, height: 780 } };

const EXPLOSION = ['荆州沙市区化工厂发生爆炸，现场浓烟滚滚，附近居民听到巨响', '荆州沙市区化工厂发生爆炸，现场浓烟滚滚，多条道路已封闭'];
/** A draft that trips two checks with warnings (a licence plate, a cliché), so it can still be approved: the leader sees both marked. */
const DRAFT_BODY = '关于沙市区化工厂爆炸的情况通报\n11月27日，荆州市沙市区某化工厂仓库发生爆炸，现场明火已扑灭，无人员被困。一辆鄂D·12345货车受损。\n市领导高度重视，本级单位正在调查原因，后续情况将及时发布。\n咨询电话0716-8123456。';

async function phoneSignIn(browser: Browser, url: string, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...PHONE, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  await page.goto(`${url}/m/`);
  await page.getByLabel('用户名').fill(username, { timeout: 30_000 });
  await page.getByLabel('密码').fill(TEST_USER_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('.m-tabs').waitFor({ timeout: 30_000 });
  return { context, page };
}

/** Nothing wider than the 360 px screen: the page never scrolls sideways. */
async function expectNoSideScroll(page: Page, screen: string): Promise<void> {
  const { scroll, width } = (await page.evaluate('({ scroll: document.documentElement.scrollWidth, width: innerWidth })')) as { scroll: number; width: number };
  expect(width, screen).toBe(360);
  expect(scroll, `${screen} is ${scroll} px wide on a ${width} px screen`).toBeLessThanOrEqual(width);
}

/** Every button and link one taps is at least 44 px high (a finger, not a mouse). */
async function expectTouchTargets(page: Page, screen: string): Promise<void> {
  const small = await page.evaluate(`[...document.querySelectorAll('.m-shell button, .m-tabs a, .m-card-link, .m-inline-link')]
    .map((e) => ({ text: e.textContent.trim(), h: e.getBoundingClientRect().height }))
    .filter((e) => e.h > 0 && e.h < 44)`);
  expect(small, screen).toEqual([]);
}

describe('phone view (/m/) in Chromium at 360 × 780', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let duty: ApiClient;
  let author: ApiClient;
  let alertId: string;
  let draftId: string;
  let trickle: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    let admin: ApiClient;
    ({ runtime, url, admin } = await startDashboard());
    duty = await createUser(url, admin, 'duty-m', ['responder']);
    author = await createUser(url, admin, 'author-m', ['responder']);
    await createUser(url, admin, 'leader-m', ['reviewer']);
    const policy = await admin.get('/api/v1/settings/review-policy');
    expect((await admin.put('/api/v1/settings/review-policy', { expected_version: policy.body.version, policy: { default_levels: 1, rules: [] } })).status).toBe(200);
    const analyst = await createUser(url, admin, 'analyst-m', ['analyst']);
    expect((await analyst.post('/api/v1/rules', { kind: 'keyword', name: '爆炸监测', phrases: ['爆炸'], min_count: 3, window_minutes: 10, severity: 'high' })).status).toBe(201);

    const now = Date.now();
    const mention = (i: number, at: number) => ({
      id: `m-${i}`,
      platform: i % 3 === 0 ? 'douyin' : 'weibo',
      text: `${EXPLOSION[i % EXPLOSION.length]} #${i}`,
      time: new Date(at).toISOString(),
      author: { id: `m-u${i}`, name: `网友${i}`, location: '湖北 荆州' },
    });
    expect((await postMentions(url, Array.from({ length: 40 }, (_, i) => mention(i, now - (40 - i) * 400)))).status).toBe(202);
    // Later mentions move the analytics' watermark past the burst, as a live stream does.
    let k = 0;
    trickle = setInterval(() => {
      void postMentions(url, [{ id: `bg-${k}`, platform: 'news', text: `本地新闻 ${k++}：今日天气晴好，市民出行`, time: new Date().toISOString(), author: { id: `bg-a${k}` } }]);
    }, 500);
    // The story goes on (a rule the analytics had not yet loaded when the burst came sees the next mentions).
    let more = 40;
    const alert = await waitFor(async () => {
      const found = ((await duty.get('/api/v1/alerts?status=open')).body.alerts as { id: string; title: string }[]).find((a) => /爆炸/.test(a.title));
      if (!found) await postMentions(url, [mention(more++, Date.now()), mention(more++, Date.now())]);
      return found;
    }, 60_000, 1_000).catch(async (e: Error) => {
      throw new Error(`${e.message}: no alert on the burst; alerts ${JSON.stringify((await duty.get('/api/v1/alerts')).body).slice(0, 500)}; events ${JSON.stringify((await duty.get('/api/v1/events')).body).slice(0, 500)}`);
    });
    alertId = alert.id;

    // An incident by hand (its clock runs) and a draft on it, submitted for review.
    const inc = await duty.post('/api/v1/incidents', { title: '沙市区化工厂爆炸', severity: 'large', unit_id: duty.user.unit_id, place: '荆州市沙市区某化工厂', first_mention_at: now - 10 * 60_000 });
    expect(inc.status).toBe(201);
    const created = await author.post('/api/v1/drafts', { incident_id: inc.body.id, kind: 'situation_report', platform: 'weibo', title: '沙市区化工厂爆炸情况通报', body: DRAFT_BODY });
    expect(created.status).toBe(201);
    expect(created.body.blocking, JSON.stringify(created.body.checks)).toBe(false);
    expect(created.body.checks.map((f: { check: string }) => f.check).sort()).toEqual(['licence_plate', 'sensitive_wording']);
    const submitted = await author.post(`/api/v1/drafts/${created.body.id}/submit`, { expected_version: created.body.version });
    expect(submitted.body.status).toBe('submitted');
    draftId = created.body.id;
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    if (trickle) clearInterval(trickle);
    await browser?.close();
    await runtime?.stop();
  });

  it(`first load of /m/ is at most ${MOBILE_FIRST_LOAD_BUDGET / 1024} KB of JavaScript gzipped, and it is what the browser fetches`, async () => {
    const size = firstLoadSize(APP_DIST);
    process.stderr.write(`mobile first load: ${JSON.stringify(size)}\n`);
    expect(size.gzip_bytes).toBeGreaterThan(0);
    expect(size.gzip_bytes).toBeLessThanOrEqual(MOBILE_FIRST_LOAD_BUDGET);
    // No desk page and no D3 in it (their code names would show in the chunks).
    for (const f of size.files) expect(fs.readFileSync(path.join(APP_DIST, f.file), 'utf8'), f.file).not.toMatch(/scaleLinear|d3-shape|IncidentTimeline|wall-banner/);

    const context = await browser.newContext({ ...PHONE });
    const page = await context.newPage();
    const scripts: string[] = [];
    page.on('response', (r) => {
      const u = new URL(r.url());
      if (u.pathname.endsWith('.js') && u.pathname.startsWith('/assets/')) scripts.push(u.pathname.slice(1));
    });
    await page.goto(`${url}/m/`);
    await page.getByLabel('用户名').waitFor();
    const manifest = JSON.parse(fs.readFileSync(path.join(APP_DIST, '.vite', 'manifest.json'), 'utf8')) as ViteManifest;
    expect(scripts.sort()).toEqual(firstLoadFiles(manifest).sort());
    // Installable: the manifest names 烽火, starts at /m/ and has its icons.
    const webManifest = (await (await fetch(`${url}/m/manifest.webmanifest`)).json()) as { icons: { src: string; type: string }[] };
    expect(webManifest).toMatchObject({ short_name: '烽火', start_url: '/m/', display: 'standalone' });
    for (const icon of webManifest.icons) {
      const res = await fetch(url + icon.src);
      expect(res.status, icon.src).toBe(200);
      expect(res.headers.get('content-type')).toContain(icon.type);
    }
    await context.close();
  });

  it('a duty officer reads the brief, sees the incident clock and acknowledges an alert from the phone', async () => {
    const { context, page } = await phoneSignIn(browser, url, 'duty-m');
    await page.getByRole('heading', { name: '今日简报' }).waitFor();
    await expect.poll(() => page.locator('.m-kpis').innerText(), { timeout: 20_000 }).toContain('声量');
    await expectNoSideScroll(page, 'brief');
    await expectTouchTargets(page, 'brief');
    expect(await page.getByRole('link', { name: 'PDF' }).getAttribute('href')).toMatch(/^\/api\/v1\/brief\.pdf\?date=\d{4}-\d{2}-\d{2}&lang=zh$/);

    await page.getByRole('link', { name: /事件/ }).click();
    const card = page.getByTestId('incident-card').filter({ hasText: '沙市区化工厂爆炸' });
    await card.waitFor();
    // The next deadline counts down (days and hours this far out; the per-second tick is tested in jsdom).
    expect(await card.locator('.m-clock').innerText()).toMatch(/^剩 \d/);
    await expectNoSideScroll(page, 'incidents');
    await card.getByRole('link').click();
    await page.getByRole('heading', { name: '沙市区化工厂爆炸' }).waitFor();
    expect(await page.getByTestId('deadlines').locator('li').count()).toBeGreaterThan(0);
    // The playbook checklist the incident got when it opened, read-only on the phone.
    const checklist = page.getByTestId('checklist');
    await checklist.waitFor();
    expect(await checklist.locator('li').count()).toBeGreaterThan(0);
    expect(await checklist.getByRole('button').count()).toBe(0);
    await expectNoSideScroll(page, 'incident');
    await expectTouchTargets(page, 'incident');

    await page.getByRole('link', { name: /预警/ }).click();
    const alertCard = page.getByTestId('alert-card').filter({ hasText: '爆炸' }).first();
    await alertCard.waitFor();
    await expectNoSideScroll(page, 'alerts');
    await expectTouchTargets(page, 'alerts');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mobile-alerts.png') });
    await alertCard.getByRole('button', { name: '确认预警' }).tap();
    await page.getByRole('status').filter({ hasText: '已确认' }).waitFor();
    const after = (await duty.get(`/api/v1/alerts/${alertId}`)).body.alert;
    expect(after).toMatchObject({ status: 'acknowledged', acknowledged_by: 'duty-m' });
    await context.close();
  });

  it('a leader approves a draft from the phone with its checks shown, then opens the brief offline', async () => {
    const { context, page } = await phoneSignIn(browser, url, 'leader-m');
    // The review tab is offered to reviewers; the alert tab has no acknowledge button for them.
    await page.getByRole('link', { name: /审核/ }).click();
    const card = page.getByTestId('review-card').filter({ hasText: '沙市区化工厂爆炸情况通报' });
    await card.waitFor({ timeout: 20_000 });
    await expectNoSideScroll(page, 'review queue');
    await card.getByRole('link').tap();
    await page.getByRole('heading', { name: '沙市区化工厂爆炸情况通报' }).waitFor({ timeout: 20_000 });
    // The checks: the plate is marked as personal data (masked in the finding), the cliché as wording.
    await page.locator('.checked-text mark[data-group="personal"]').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.checked-text mark[data-group="personal"]').first().innerText()).toContain('鄂D·12345');
    expect(await page.locator('.findings-personal li[data-check="licence_plate"]').count()).toBe(1);
    expect(await page.locator('.findings-wording li[data-check="sensitive_wording"]').count()).toBe(1);
    expect(await page.locator('.checked-text mark[data-group="wording"]').first().innerText()).toContain('高度重视');
    await expectNoSideScroll(page, 'review draft');
    await expectTouchTargets(page, 'review draft');
    // Rejecting needs a comment; approving with one goes through.
    await page.getByRole('button', { name: '↩ 退回' }).tap();
    expect(await page.getByRole('alert').innerText()).toContain('退回须填写意见');
    await page.getByLabel('审核意见').fill('同意发布。');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mobile-review.png') });
    await page.getByRole('button', { name: '✓ 通过' }).tap();
    await page.getByRole('status').filter({ hasText: '已通过：沙市区化工厂爆炸情况通报' }).waitFor({ timeout: 20_000 });
    const draft = (await author.get(`/api/v1/drafts/${draftId}`)).body;
    expect(draft).toMatchObject({ status: 'approved', reviews: [{ decision: 'approve', comment: '同意发布。' }] });

    // The brief, fetched through the service worker once it controls the page, is kept on the phone.
    await page.goto(`${url}/m/`);
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await expect.poll(() => page.evaluate('Boolean(navigator.serviceWorker.controller)'), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('.m-kpis').innerText(), { timeout: 20_000 }).toContain('声量');
    const online = await page.locator('.m-kpis').innerText();
    expect(await page.getByTestId('offline-copy').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'mobile-brief.png') });

    // No network: the shell and the brief come from the service worker's caches, marked as an offline copy.
    await context.setOffline(true);
    await page.reload();
    await page.getByTestId('offline-copy').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('offline-copy').innerText()).toMatch(/^离线副本，获取于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.locator('.m-kpis').innerText()).toBe(online);
    expect(await page.locator('.m-offline-bar').innerText()).toContain('离线');
    await expectNoSideScroll(page, 'offline brief');
    await context.setOffline(false);
    await context.close();
  });
});

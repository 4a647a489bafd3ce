import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { postMentions, REPO_ROOT } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/** A burst about one story, now: many authors, near-duplicate texts, places in Hubei. */
function burst(n: number, prefix: string): Record<string, unknown>[] {
  const now = Date.now();
  const variants = ['荆州沙市区化工厂发生爆炸，现场浓烟滚滚，附近居民听到巨响', '荆州沙市区化工厂发生爆炸，现场浓烟滚滚，多条道路已封闭'];
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    platform: i % 3 === 0 ? 'douyin' : 'weibo',
    text: `${variants[i % variants.length]} #${i}`,
    time: new Date(now - (n - i) * 400).toISOString(),
    author: { id: `${prefix}-u${i}`, name: `网友${i}`, location: '湖北 荆州' },
  }));
}

describe('wall display in Chromium', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let duty: ApiClient;
  let trickle: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    let admin: ApiClient;
    ({ runtime, url, admin } = await startDashboard());
    duty = await createUser(url, admin, 'duty1', ['analyst', 'responder']);
    await createUser(url, admin, 'wall1', ['viewer']);
    // A watch list the unit keeps: an explosion anywhere is a high-severity alert at once.
    expect((await duty.post('/api/v1/rules', { kind: 'keyword', name: '爆炸监测', phrases: ['爆炸'], min_count: 3, window_minutes: 10, severity: 'high' })).status).toBe(201);
    // The analytics worker reads changed rules every 5 s.
    await new Promise((r) => setTimeout(r, 6000));
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  let stopped = false;
  afterAll(async () => {
    if (trickle) clearInterval(trickle);
    await browser?.close();
    if (!stopped) await runtime?.stop();
  });

  it('comes alive: a burst posted to the ingest API shows as a rising event and a high-severity banner within seconds', async () => {
    const { page } = await signInPage(browser, url, 'duty1', TEST_USER_PASSWORD, { width: 1920, height: 1080 });
    await page.goto(`${url}/wall`);
    await page.waitForSelector('[data-testid="wall"] .live-indicator[data-state="live"]', { timeout: 10_000 });
    expect(await page.locator('[data-testid="wall-event"]').count()).toBe(0);

    const posted = await postMentions(url, burst(40, 'b1'));
    expect(posted.status).toBe(202);
    // Background keeps event time moving, as a live stream does.
    let k = 0;
    trickle = setInterval(() => {
      void postMentions(url, [{ id: `bg-${k}`, platform: 'news', text: `本地新闻 ${k++}：今日天气晴好，市民出行`, time: new Date().toISOString(), author: { id: `bg-a${k}` } }]);
    }, 500);

    const t0 = Date.now();
    await page.waitForSelector('[data-testid="wall-event"]', { timeout: 30_000 });
    await page.waitForSelector('[data-testid="alert-banner"]', { timeout: 30_000 });
    const seconds = (Date.now() - t0) / 1000;
    expect(await page.locator('[data-testid="wall-event"]').first().innerText()).toMatch(/爆炸/);
    expect(await page.locator('[data-testid="banner-title"]').innerText()).toMatch(/爆炸/);
    // The map and the pipeline show the same data.
    await expect.poll(async () => page.locator('[data-province="湖北"]').getAttribute('data-value'), { timeout: 15_000 }).not.toBe('');
    expect(await page.locator('[data-testid="pipeline"]').innerText()).toMatch(/入库/);
    process.stderr.write(`wall: event and banner on screen ${seconds.toFixed(1)} s after the burst\n`);
    // The duty officer opens an incident from the alert: its statutory clocks appear on the wall.
    const open = (await duty.get('/api/v1/alerts?status=open')).body.alerts as { id: string; title: string }[];
    const opened = await duty.post(`/api/v1/incidents/from-alert/${open[0]!.id}`, { place: '荆州市沙市区', facts: '化工厂发生爆炸，伤亡情况正在核实' });
    expect(opened.status).toBe(201);
    await page.waitForSelector('[data-testid="wall-incident"] .ring', { timeout: 10_000 });
    expect(await page.locator('[data-testid="wall-incident"]').first().innerText()).toMatch(/下一步/);
    // Full HD and 4K: everything on one screen, nothing to scroll.
    for (const size of [{ width: 3840, height: 2160 }, { width: 1920, height: 1080 }]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300);
      expect(await page.evaluate('document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth')).toBe(true);
      expect(await page.locator('.panel').count()).toBe(5);
    }
    await page.waitForTimeout(1500);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'wall.png') });
  });

  it('an acknowledgment in one browser clears the banner in another', async () => {
    const a = await signInPage(browser, url, 'duty1', TEST_USER_PASSWORD, { width: 1920, height: 1080 });
    const b = await signInPage(browser, url, 'wall1', TEST_USER_PASSWORD, { width: 1920, height: 1080 });
    await Promise.all([a.page.goto(`${url}/wall`), b.page.goto(`${url}/wall`)]);
    // A story of its own, so this test does not lean on the previous one's alert.
    const now = Date.now();
    const story = Array.from({ length: 12 }, (_, i) => ({ id: `b2-${i}`, platform: 'weibo', text: `宜昌港口码头仓库爆炸起火，消防已到场 ${i}`, time: new Date(now - (12 - i) * 300).toISOString(), author: { id: `b2-u${i}` } }));
    expect((await postMentions(url, story)).status).toBe(202);
    await Promise.all([a.page.waitForSelector('[data-testid="alert-banner"]'), b.page.waitForSelector('[data-testid="alert-banner"]')]);
    // The viewer cannot acknowledge; the duty officer can.
    expect(await b.page.locator('.banner-ack').count()).toBe(0);
    // Let the story's alerts open (the rule needs three matching mentions) and settle before acknowledging them all.
    const openHigh = async () => ((await duty.get('/api/v1/alerts?status=open')).body.alerts as { title: string; severity: string }[]).filter((x) => x.severity === 'high').map((x) => x.title).sort();
    await expect.poll(async () => (await openHigh()).some((x) => x.includes('宜昌')), { timeout: 20_000 }).toBe(true);
    for (let last = ''; ; ) {
      const current = JSON.stringify(await openHigh());
      if (current === last) break;
      last = current;
      await new Promise((r) => setTimeout(r, 2000));
    }
    const acknowledged = new Set<string>();
    for (let tries = 0; tries < 60 && (await a.page.locator('.banner-ack').count()) > 0; tries++) {
      // While an acknowledgment lands, the banner can go, or move on to the
      // next alert, between two reads: read and click with short waits and look again.
      const title = await a.page.locator('[data-testid="banner-title"]').innerText({ timeout: 1_000 }).catch(() => undefined);
      if (title === undefined) continue;
      const clicked = await a.page.locator('.banner-ack').click({ timeout: 1_000 }).then(() => true, () => false);
      if (clicked) acknowledged.add(title);
      await a.page.waitForTimeout(300);
    }
    expect(await a.page.locator('.banner-ack').count()).toBe(0);
    await b.page.waitForSelector('[data-testid="alert-banner"]', { state: 'detached', timeout: 5_000 });
    const alerts = (await duty.get('/api/v1/alerts')).body.alerts as { title: string; status: string }[];
    expect(acknowledged.size).toBeGreaterThan(0);
    for (const title of acknowledged) expect(alerts.find((x) => x.title === title)?.status).toBe('acknowledged');
    await a.context.close();
    await b.context.close();
  });

  it('renders mention text as text, never as HTML', async () => {
    const { page, context } = await signInPage(browser, url, 'wall1', TEST_USER_PASSWORD, { width: 1920, height: 1080 });
    await page.goto(`${url}/wall`);
    const now = Date.now();
    // The markup is not read as words: the story itself must say enough to form an event (four words or more).
    const evil = Array.from({ length: 30 }, (_, i) => ({
      id: `x-${i}`,
      platform: 'weibo',
      text: `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>自来水厂投毒爆炸，附近居民都听到了巨响 ${i}`,
      time: new Date(now - (30 - i) * 300).toISOString(),
      author: { id: `x-u${i}` },
    }));
    expect((await postMentions(url, evil)).status).toBe(202);
    await expect.poll(async () => (await page.locator('[data-testid="wall-event"], [data-testid="alert-banner"]').allInnerTexts()).join('\n'), { timeout: 30_000 }).toMatch(/<img src=x|<script>/);
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('[data-testid="wall"] img').count()).toBe(0);
    await context.close();
  });

  it('says so when the server goes away instead of showing old figures as live', async () => {
    const { page } = await signInPage(browser, url, 'wall1', TEST_USER_PASSWORD, { width: 1920, height: 1080 });
    await page.goto(`${url}/wall`);
    await page.waitForSelector('.live-indicator[data-state="live"]');
    if (trickle) clearInterval(trickle);
    stopped = true;
    await runtime.stop();
    await page.waitForSelector('.live-indicator:not([data-state="live"])', { timeout: 30_000 });
    expect(await page.locator('.live-indicator').innerText()).toMatch(/重新连接|数据停滞/);
  });
});

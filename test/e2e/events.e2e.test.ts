import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventDetail, EventsResponse } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { writeEvents } from '../../analytics/src/worker/persist';
import type { ApiClient } from '../support/api-client';
import { postMentions, REPO_ROOT, waitFor } from '../support/runtime';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_USER_PASSWORD } from './support';

/**
 * The analyst's pages in Chromium on the whole system: a burst posted to the
 * ingest API becomes an event; the analyst finds it in the explorer by
 * keyword, opens it, sees its curve and samples (hostile markup in a
 * mention stays text and runs nothing), then adds a rule and a KB entry
 * through their pages.
 */

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';
const DAY = 24 * 3_600_000;

/** A rumor spreading now: many authors, near-duplicate texts, places in Hubei, on three platforms; one reply carries markup. */
function burst(n: number, prefix: string): Record<string, unknown>[] {
  const now = Date.now();
  const variants = ['网传荆州自来水有毒，千万别喝！转发告诉家人', '网传荆州自来水有毒，千万别喝！已经有人中毒了', '听说荆州自来水有毒，千万别喝，赶紧转发'];
  const platforms = ['weibo', 'weibo', 'douyin', 'wechat'];
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i}`,
    platform: platforms[i % platforms.length],
    text: i === 5 ? `网传荆州自来水有毒，千万别喝！${IMG} ${SCRIPT}` : `${variants[i % variants.length]} #${i}`,
    // Over the last four minutes, so the curve has a shape.
    time: new Date(now - (n - i) * 6_000).toISOString(),
    url: `https://weibo.com/${prefix}/${i}`,
    author: { id: `${prefix}-u${i}`, name: `网友${i}`, location: '湖北 荆州' },
    // The hostile one replies to the first post (so it joins its event whatever its words) and is the most shared.
    ...(i === 5 ? { kind: 'comment', parent_id: `${prefix}-0`, root_id: `${prefix}-0`, metrics: { reposts: 900, comments: 300 } } : {}),
  }));
}

describe('analyst pages in Chromium', () => {
  let runtime: Runtime;
  let url: string;
  let analyst: ApiClient;
  let browser: Browser;
  let page: Page;
  let trickle: NodeJS.Timeout | undefined;
  let eventId: string;

  beforeAll(async () => {
    let admin: ApiClient;
    ({ runtime, url, admin } = await startDashboard());
    analyst = await createUser(url, admin, 'analyst1', ['analyst']);
    await createUser(url, admin, 'duty1', ['analyst', 'responder']);
    // The unit watches for this rumor: its burst raises an alert at once.
    expect((await analyst.post('/api/v1/rules', { kind: 'keyword', name: '水质谣言', phrases: ['自来水有毒'], min_count: 3, window_minutes: 10, severity: 'high' })).status).toBe(201);
    // The knowledge base already knows this rumor.
    expect((await analyst.post('/api/v1/kb', { claim: '荆州自来水有毒，不能喝', rebuttal: '经检测，荆州市自来水水质达标，可放心饮用。', source: '荆州市卫生健康委员会', date: '2026-11-20', url: 'https://wjw.jingzhou.gov.cn/notice', keywords: ['自来水', '有毒'] })).status).toBe(201);
    // The analytics worker reads rules and the KB every 5 s; a keyword rule counts the mentions that arrive after it is read.
    await new Promise((r) => setTimeout(r, 6_000));
    // Last spring's story about the same water, for "similar past events".
    const past = Date.now() - 200 * DAY;
    await writeEvents(runtime.store, [{
      id: 'past-water', title: '荆州自来水发黄有异味', representative: 'weibo:past', keywords: ['荆州', '自来水', '有毒', '异味'], first_seen: past, last_seen: past + 3_600_000,
      size: 320, recent: 0, expected: 0, platforms: { weibo: 320 }, provinces: { 湖北省: 300 }, cities: { 荆州市: 280 }, sentiment: { positive: 0, negative: 200, neutral: 120 }, rumor_score: 0.7,
    }], () => []);
    // Other stories of the day, so the explorer has a list to show (stored as the analytics store them).
    const h = (n: number) => Date.now() - n * 3_600_000;
    const story = (id: string, title: string, keywords: string[], first: number, size: number, platforms: Record<string, number>, sentiment: [number, number, number], rumor: number) => ({
      id, title, representative: `news:${id}`, keywords, first_seen: first, last_seen: h(0.2), size, recent: 0, expected: 1, platforms,
      provinces: { 湖北省: Math.round(size * 0.8) }, cities: {}, sentiment: { positive: sentiment[0], negative: sentiment[1], neutral: sentiment[2] }, rumor_score: rumor,
    });
    await writeEvents(runtime.store, [
      story('plant', '沙市区化工厂发生爆炸，消防已赶赴现场', ['化工厂', '爆炸', '沙市'], h(5), 1280, { weibo: 800, news: 300, douyin: 180 }, [20, 700, 560], 0.18),
      story('metro', '地铁2号线早高峰延误半小时', ['地铁', '延误', '早高峰'], h(9), 215, { weibo: 150, gov_board: 40, hotline: 25 }, [5, 140, 70], 0.06),
      story('fair', '荆州美食节今日开幕', ['美食节', '开幕'], h(20), 96, { wechat: 60, toutiao: 36 }, [70, 2, 24], 0.03),
    ], () => []);

    expect((await postMentions(url, burst(40, 'w'))).status).toBe(202);
    // Background keeps event time moving, as a live stream does.
    let k = 0;
    trickle = setInterval(() => {
      void postMentions(url, [{ id: `bg-${k}`, platform: 'news', text: `本地新闻 ${k++}：今日天气晴好，市民出行`, time: new Date().toISOString(), author: { id: `bg-a${k}` } }]);
    }, 500);
    const found = await waitFor(async () => {
      const r = await analyst.get(`/api/v1/events?keyword=${encodeURIComponent('自来水')}`);
      const e = (r.body as EventsResponse).events[0];
      if (!e) return undefined;
      const d = (await analyst.get(`/api/v1/events/${encodeURIComponent(e.id)}`)).body as EventDetail;
      return d.samples.some((s) => s.text.includes(IMG)) && d.series.length > 0 && d.kb_match ? d : undefined;
    }, 60_000, 500);
    eventId = found.id;

    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    ({ page } = await signInPage(browser, url, 'analyst1', TEST_USER_PASSWORD));
  }, 300_000);

  afterAll(async () => {
    if (trickle) clearInterval(trickle);
    await browser?.close();
    await runtime?.stop();
  });

  it('finds the event by keyword from the keyboard; the filters live in the URL', async () => {
    await page.goto(`${url}/events`);
    await page.waitForSelector('.result-status p');
    const keyword = page.getByLabel('关键词');
    await keyword.fill('自来水');
    await keyword.press('Enter');
    await page.waitForURL(/keyword=/);
    expect(new URL(page.url()).searchParams.get('keyword')).toBe('自来水');
    const row = page.locator('.events-table tbody tr', { has: page.locator(`a[href="/events/${encodeURIComponent(eventId)}"]`) });
    await row.waitFor();
    expect(await row.locator('.rumor-badge').innerText()).toMatch(/^\d\.\d\d/);
    expect(await row.locator('.kb-badge').innerText()).toBe('已辟谣');
    expect(await row.innerText()).toMatch(/微博/);
    // A keyword nobody uses empties the list; the link with filters is shareable as is.
    await page.goto(`${url}/events?keyword=${encodeURIComponent('没有这个词')}&range=1h`);
    await page.getByText('没有符合条件的事件').waitFor();
    expect(await page.getByLabel('1小时').isChecked()).toBe(true);
    // Unfiltered: the day's stories, ranked by how fast they rise.
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.waitForURL(/\/events$/);
    await expect.poll(() => page.locator('.events-table tbody tr').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'events.png') });
  });

  it('opens the event: curve by platform, regions, samples as literal text with safe links, similar past events; nothing injected runs', async () => {
    await page.locator(`a[href="/events/${encodeURIComponent(eventId)}"]`).first().click();
    await page.waitForURL(new RegExp(`/events/${eventId}$`));
    await page.waitForSelector('.stacked-area path.stack-layer');
    expect(await page.locator('.stacked-area path.stack-layer').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.stacked-area path.stack-layer').first().getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    expect(await page.locator('.stacked-area .legend').innerText()).toMatch(/微博/);
    expect(await page.locator('.count-table').first().innerText()).toMatch(/湖北/);
    // The matched rebuttal, with who and when, and its link.
    const rebuttal = page.locator('.kb-rebuttal');
    expect(await rebuttal.locator('.kb-line strong').innerText()).toBe('已知谣言，2026-11-20 由荆州市卫生健康委员会辟谣');
    expect(await rebuttal.getByRole('link').getAttribute('href')).toBe('https://wjw.jingzhou.gov.cn/notice');
    // The hostile post is on the page as the characters it was written with.
    const samples = page.locator('.samples');
    await samples.getByText(IMG, { exact: false }).waitFor();
    expect(await samples.innerText()).toContain(SCRIPT);
    expect(await page.locator('.samples img, .samples script').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
    const link = samples.locator('a.sample-link').first();
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('href')).toMatch(/^https:\/\/weibo\.com\/w\//);
    // Last spring's story is offered, and leads to its own page.
    const similar = page.locator('.similar-list a', { hasText: '荆州自来水发黄有异味' });
    await similar.waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'event.png'), fullPage: false });
    await similar.click();
    await page.waitForURL(/\/events\/past-water$/);
    await page.locator('h1', { hasText: '荆州自来水发黄有异味' }).waitFor();
    expect(await page.evaluate(() => (globalThis as { __xss?: unknown }).__xss)).toBeUndefined();
  });

  it('a responder opens an incident from the event’s alert in one click', async () => {
    await waitFor(async () => ((await analyst.get('/api/v1/alerts')).body.alerts as { event_id: string }[]).some((a) => a.event_id === eventId), 30_000, 500);
    const duty = await signInPage(browser, url, 'duty1', TEST_USER_PASSWORD);
    await duty.page.goto(`${url}/events/${encodeURIComponent(eventId)}`);
    const button = duty.page.getByRole('button', { name: '从此预警立案处置' }).first();
    await button.waitFor({ timeout: 30_000 });
    // An analyst without the responder role sees the alert but not the button.
    await page.goto(`${url}/events/${encodeURIComponent(eventId)}`);
    await page.locator('.event-alerts li').first().waitFor();
    expect(await page.getByRole('button', { name: '从此预警立案处置' }).count()).toBe(0);
    await button.click();
    await duty.page.waitForURL(/\/incidents\/[^/]+$/);
    const incidentId = decodeURIComponent(new URL(duty.page.url()).pathname.split('/').pop()!);
    const incident = (await analyst.get(`/api/v1/incidents/${encodeURIComponent(incidentId)}`)).body as { event_ids: string[] };
    expect(incident.event_ids).toContain(eventId);
    await duty.context.close();
  });

  it('creates an alert rule through its page: errors by the field first, then saved and listed', async () => {
    await page.goto(`${url}/rules`);
    const form = page.getByRole('form', { name: '新建规则' });
    await form.getByRole('button', { name: '保存规则' }).click();
    await form.locator('.field-error', { hasText: '请填写规则名称' }).waitFor();
    await form.getByLabel('名称').fill('自来水谣言监测');
    await form.getByLabel('关键词或短语').fill('自来水有毒\n水有毒');
    await form.getByLabel('级别').selectOption('high');
    await form.getByRole('button', { name: '保存规则' }).click();
    await page.locator('.rules-table tr', { hasText: '自来水谣言监测' }).waitFor();
    const rules = (await analyst.get('/api/v1/rules')).body.items as { name: string; kind: string; phrases: string[]; severity: string }[];
    expect(rules).toContainEqual(expect.objectContaining({ name: '自来水谣言监测', kind: 'keyword', phrases: ['自来水有毒', '水有毒'], severity: 'high' }));
  });

  it('edits and deletes a rule', async () => {
    const row = page.locator('.rules-table tr', { hasText: '自来水谣言监测' });
    await row.getByRole('button', { name: '编辑' }).click();
    const form = page.getByRole('form', { name: '编辑规则' });
    expect(await form.getByLabel('关键词或短语').inputValue()).toBe('自来水有毒\n水有毒');
    await form.getByLabel('启用').uncheck();
    await form.getByRole('button', { name: '保存规则' }).click();
    await row.locator('.state-off', { hasText: '停用' }).waitFor();
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: '删除' }).click();
    await row.waitFor({ state: 'detached' });
    expect(((await analyst.get('/api/v1/rules')).body.items as { name: string }[]).map((r) => r.name)).not.toContain('自来水谣言监测');
  });

  it('adds a debunk KB entry through its page and finds it by search', async () => {
    await page.goto(`${url}/kb`);
    const form = page.getByRole('form', { name: '新建辟谣条目' });
    await form.getByLabel('谣言内容').fill('荆州自来水有毒');
    await form.getByLabel('辟谣内容').fill('经检测，荆州市自来水各项指标均符合国家标准，可放心饮用。');
    await form.getByLabel('辟谣来源').fill('荆州市水务局');
    await form.getByLabel('辟谣日期').fill('2026-11-27');
    await form.getByLabel('辟谣链接').fill('not a link');
    await form.getByRole('button', { name: '保存条目' }).click();
    await form.locator('.field-error', { hasText: '请填写完整网址' }).waitFor();
    await form.getByLabel('辟谣链接').fill('https://www.jingzhou.gov.cn/water');
    await form.getByLabel('关键词').fill('自来水，有毒');
    await form.getByRole('button', { name: '保存条目' }).click();
    await page.locator('.kb-table tr', { hasText: '荆州市水务局' }).waitFor();
    await page.getByLabel('搜索').fill('水务局');
    expect(await page.locator('.kb-table tbody tr').count()).toBe(1);
    await page.getByLabel('搜索').fill('没有的词');
    await page.getByText('没有匹配的条目').waitFor();
    const kb = (await analyst.get('/api/v1/kb')).body.items as { claim: string; source: string; url: string; keywords: string[] }[];
    expect(kb).toContainEqual(expect.objectContaining({ claim: '荆州自来水有毒', source: '荆州市水务局', url: 'https://www.jingzhou.gov.cn/water', keywords: ['自来水', '有毒'] }));
  });

  it('imports a CSV file, showing the count imported and each bad row; offers the exports', async () => {
    await page.getByLabel('搜索').fill('');
    const csv = ['claim,rebuttal,source,date,url,keywords', '荆州停水三天,系谣言，供水正常,荆州市水务局,2026-11-20,,停水', '缺日期的条目,辟谣内容,某局,,,'].join('\n');
    await page.getByLabel('导入文件（CSV 或 JSON）').setInputFiles({ name: 'kb.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const result = page.getByTestId('import-result');
    await result.getByText('kb.csv：导入 1 条，1 行有错误').waitFor();
    expect(await result.locator('li').innerText()).toMatch(/^第 3 行：/);
    await page.locator('.kb-table tr', { hasText: '荆州停水三天' }).waitFor();
    expect(await page.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/v1/kb/export?format=csv');
    const exported = await page.evaluate(async () => (await fetch('/api/v1/kb/export?format=json')).json());
    expect((exported as { claims: { claim: string }[] }).claims.map((c) => c.claim).sort()).toEqual(['荆州停水三天', '荆州自来水有毒', '荆州自来水有毒，不能喝']);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import type { GovernanceOverview, GovernanceReport } from '@fenghuo/shared';
import { postMentions, REPO_ROOT, waitFor } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { localDate } from '../../dashboard/server/brief/local-day';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const TZ = 'Asia/Shanghai';
const DAY = 86_400_000;

/**
 * A city's press office with two departments: the education bureau posts
 * every day and draws likes (passes), the city-management bureau opened two
 * accounts on Weibo two months ago and never posted (fails cadence, is a
 * zombie, and the two are duplicates).
 */
describe('account governance in Chromium', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let admin: ApiClient;
  let month: string;
  const ids: Record<'edu' | 'cg' | 'cg2', string> = { edu: '', cg: '', cg2: '' };
  const units: Record<'edu' | 'cg', string> = { edu: '', cg: '' };

  beforeAll(async () => {
    ({ runtime, url, admin } = await startDashboard());
    await createUser(url, admin, 'gov-leader', ['viewer']);
    for (const [k, name] of [['edu', '荆州市教育局'], ['cg', '荆州市城市管理执法局']] as const) {
      const u = await admin.post('/api/v1/units', { name, kind: 'department', parent_id: admin.user.unit_id });
      expect(u.status).toBe(201);
      units[k] = u.body.id;
    }
    const opened = localDate(Date.now() - 60 * DAY, TZ);
    const accounts = [
      ['edu', { platform: 'wechat', account_id: 'e2e-edu', name: '荆州教育发布', unit_id: units.edu, level: 'city_department', opened_on: opened, filing: { number: '鄂网信备42100001' }, contact: { name: '李老师', phone: '0716-8000001' } }],
      ['cg', { platform: 'weibo', account_id: 'e2e-cg', name: '荆州城管', unit_id: units.cg, level: 'city_department', opened_on: opened }],
      ['cg2', { platform: 'weibo', account_id: 'e2e-cg2', name: '荆州城管执法', unit_id: units.cg, level: 'city_department', opened_on: opened }],
    ] as const;
    for (const [k, body] of accounts) {
      const a = await admin.post('/api/v1/accounts', body);
      expect(a.status, JSON.stringify(a.body)).toBe(201);
      ids[k] = a.body.id;
    }
    // The education bureau's own posts: one a day for ten days, each liked.
    const now = Date.now();
    const posts = Array.from({ length: 10 }, (_, i) => ({
      id: `gov-edu-${i}`,
      platform: 'wechat',
      text: `荆州教育：第${i + 1}期 秋季学期安全教育提示`,
      time: new Date(now - i * DAY - 3_600_000).toISOString(),
      author: { id: 'e2e-edu', name: '荆州教育发布', official: true },
      metrics: { likes: 20 + i, comments: 2 },
    }));
    expect((await postMentions(url, posts)).status).toBe(202);
    // Judged once the posts are stored: the education account passes cadence.
    await waitFor(async () => {
      const o = (await admin.get('/api/v1/governance')).body as GovernanceOverview;
      const edu = o.accounts?.find((r) => r.account.id === ids.edu);
      return edu?.results.find((r) => r.check === 'cadence')?.status === 'pass' ? o : undefined;
    }, 60_000, 500);
    month = localDate(now, TZ).slice(0, 7);
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('shows pass and fail per check, and the evidence on drill-down', async () => {
    // A viewer lands on the wall display, which has no navigation.
    const { page, context } = await signInPage(browser, url, 'gov-leader', TEST_USER_PASSWORD);
    await page.goto(`${url}/governance`);
    await page.waitForSelector('[data-governance-state="ready"]');
    const row = (id: string) => page.locator(`tr[data-account="${id}"]`);
    const cell = (id: string, check: string) => row(id).locator(`td[data-check="${check}"]`);
    expect(await cell(ids.edu, 'cadence').getAttribute('data-status')).toBe('pass');
    expect(await cell(ids.edu, 'cadence').innerText()).toBe('✓ 合格');
    expect(await cell(ids.cg, 'cadence').getAttribute('data-status')).toBe('fail');
    expect(await cell(ids.cg, 'cadence').innerText()).toBe('✗ 不合格');
    expect(await cell(ids.cg, 'duplicate').getAttribute('data-status')).toBe('fail');
    expect(await row(ids.cg).getAttribute('data-overall')).toBe('fail');
    expect(await row(ids.edu).locator('.trend-cell').count()).toBeGreaterThan(0);
    // Units ranked: the bureau whose account passes comes first.
    const ranked = await page.getByTestId('unit-ranking').locator('tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-unit')));
    expect(ranked.indexOf(units.edu)).toBeLessThan(ranked.indexOf(units.cg));

    // The failing cell opens its evidence.
    await cell(ids.cg, 'cadence').getByRole('button').click();
    const panel = page.getByTestId('evidence-panel');
    await panel.locator(`[data-account="${ids.cg}"]`).waitFor();
    const cadence = panel.locator('.check-result[data-check="cadence"]');
    expect(await cadence.getAttribute('data-status')).toBe('fail');
    expect(await cadence.innerText()).toMatch(/天未更新|无任何更新/);
    expect(await panel.locator('.check-result[data-check="duplicate"] [data-evidence="duplicates"]').innerText()).toContain('荆州城管执法');
    expect(page.url()).toContain(`account=${ids.cg}`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'governance.png') });

    // The passing account's evidence: its latest posts with their dates.
    await row(ids.edu).getByRole('button', { name: /查看证据/ }).click();
    await panel.locator(`[data-account="${ids.edu}"]`).waitFor();
    const posts = panel.locator('.check-result[data-check="cadence"] [data-evidence="posts"]');
    expect(await posts.innerText()).toContain(localDate(Date.now() - 3_600_000, TZ));
    expect(await posts.innerText()).toContain('秋季学期安全教育提示');
    expect(await panel.innerText()).toContain('鄂网信备42100001');

    // Filters live in the address.
    await page.getByRole('combobox', { name: /^检查结果/ }).selectOption('fail');
    await page.waitForFunction(`[...document.querySelectorAll('tbody tr[data-account]')].every((r) => r.getAttribute('data-overall') === 'fail')`);
    expect(await page.locator(`tr[data-account="${ids.cg}"]`).count()).toBe(1);
    expect(await page.locator(`tr[data-account="${ids.edu}"]`).count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('status')).toBe('fail');
    await context.close();
  });

  it('renders the monthly report, which prints to a PDF', async () => {
    const { page, context } = await signInPage(browser, url, 'gov-leader', TEST_USER_PASSWORD, { width: 1240, height: 1754 });
    await page.goto(`${url}/governance`);
    await page.waitForSelector('[data-governance-state="ready"]');
    await page.getByRole('link', { name: '荆州市城市管理执法局排查报告' }).click();
    await page.waitForSelector(`[data-report-state="ready"][data-unit="${units.cg}"]`);
    expect(await page.locator('[data-report-state]').getAttribute('data-month')).toBe(month);
    const api = (await admin.get(`/api/v1/governance/report?unit=${units.cg}&month=${month}`)).body as GovernanceReport;
    expect(await page.getByTestId('report-accounts').innerText()).toBe(String(api.summary.accounts));
    expect(await page.getByTestId('report-fail').innerText()).toBe(String(api.summary.fail));
    const cg = page.locator(`tr[data-account="${ids.cg}"]`);
    expect(await cg.getAttribute('data-recommendation')).not.toBe('keep');
    expect(await cg.innerText()).toContain('更新频率');
    expect(await page.getByTestId('report-by-check').locator('[data-check="cadence"]').innerText()).toMatch(/更新频率\s+2\s/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'governance-report.png') });

    const pdfHref = await page.getByRole('link', { name: /下载 PDF/ }).getAttribute('href');
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');

    // On paper: no navigation.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.brief-nav').isVisible()).toBe(false);

    // The page's PDF link, with the viewer's own session.
    const cookie = (await context.cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const href = pdfHref;
    const res = await fetch(`${url}${href}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await fetch(`${url}${csvHref}`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('荆州城管');
    await context.close();
  });

  it('imports the registry from CSV: a bad row is shown with its line and nothing is written; the corrected file registers the accounts', async () => {
    const { page, context } = await signInPage(browser, url, 'admin', TEST_ADMIN_PASSWORD);
    await page.getByRole('link', { name: '账号登记' }).click();
    await page.getByTestId('registry').waitFor();
    const header = 'platform,account_id,name,unit_id,level,status,filing_number';
    const bad = [header, `douyin,e2e-jy1,荆州教育抖音,${units.edu},city_department,active,鄂网信备42100002`, `douyin,e2e-jy2,荆州教育快讯,${units.edu},市长,active,`].join('\n');
    await page.getByLabel('导入 CSV').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('未导入任何账号');
    expect(await result.locator('li[data-line="3"]').innerText()).toMatch(/^第 3 行：level/);
    expect(await page.getByTestId('registry').innerText()).not.toContain('荆州教育抖音');

    const good = bad.replace(',市长,', ',city_department,');
    await page.getByLabel('导入 CSV').setInputFiles({ name: 'accounts-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await result.getByText('新登记 2 个', { exact: false }).waitFor();
    await page.getByTestId('registry').getByText('荆州教育抖音').waitFor();
    expect(await page.getByTestId('registry').innerText()).toContain('鄂网信备42100002');
    await context.close();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import type { GovernanceConfigResponse, GovernanceOverview, GovernanceReport, Unit } from '@fenghuo/shared';
import { seedGovernanceDemo } from '../../dashboard/server/governance-demo';
import { localDate } from '../../dashboard/server/brief/local-day';
import { REPO_ROOT, waitFor } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const TZ = 'Asia/Shanghai';

/**
 * The demo registry (the fictional 江城市 of `dashboard/server/governance-demo.ts`,
 * the one `pnpm fenghuo start` seeds) with its eight weeks of posts and
 * messages sent through ingest. What the tests rely on is what the demo was
 * written to show: 江城公安 posts every other day, 健康江城 left five of
 * eight messages unanswered, 青山县政府 last posted 70 days ago and
 * duplicates 青山发布 on Weibo, 江城文旅 gained 30 000 followers with flat
 * engagement.
 */
describe('account governance in Chromium (demo registry)', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let admin: ApiClient;
  let month: string;
  /** Registry id by the platform's account id. */
  const ids = new Map<string, string>();
  const unitId = new Map<string, string>();
  const id = (accountId: string) => ids.get(accountId)!;

  beforeAll(async () => {
    ({ runtime, url, admin } = await startDashboard());
    await createUser(url, admin, 'gov-leader', ['viewer']);
    expect((await seedGovernanceDemo(runtime)).seeded).toBe(true);
    // Judged once ingest stored the posts and the reply queue took in the citizens' messages.
    const overview = await waitFor(async () => {
      const o = (await admin.get('/api/v1/governance')).body as GovernanceOverview;
      const result = (accountId: string, check: string) => o.accounts?.find((r) => r.account.account_id === accountId)?.results.find((r) => r.check === check)?.status;
      return result('jc-police-wb', 'cadence') === 'pass' && result('jc-health-wx', 'interaction') === 'fail' ? o : undefined;
    }, 120_000, 1000);
    for (const r of overview.accounts) ids.set(r.account.account_id, r.account.id);
    for (const u of ((await admin.get('/api/v1/units')).body as { units: Unit[] }).units) unitId.set(u.name, u.id);
    month = localDate(Date.now(), TZ).slice(0, 7);
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
    const row = (accountId: string) => page.locator(`tr[data-account="${id(accountId)}"]`);
    const cell = (accountId: string, check: string) => row(accountId).locator(`td[data-check="${check}"]`);
    expect(await page.locator('tbody tr[data-account]').count()).toBe(13);
    // Only admins are offered the thresholds.
    expect(await page.getByRole('link', { name: '检查阈值' }).count()).toBe(0);
    expect(await cell('jc-police-wb', 'cadence').getAttribute('data-status')).toBe('pass');
    expect(await cell('jc-police-wb', 'cadence').innerText()).toBe('✓ 合格');
    for (const check of ['cadence', 'zombie', 'duplicate']) expect(await cell('qs-gov-wb', check).getAttribute('data-status')).toBe('fail');
    expect(await cell('qs-gov-wb', 'cadence').innerText()).toBe('✗ 不合格');
    expect(await row('qs-gov-wb').getAttribute('data-overall')).toBe('fail');
    expect(await row('qs-gov-wb').locator('.trend-cell[data-status="fail"]').count()).toBeGreaterThan(0);
    // Units ranked: the county whose government account is a zombie comes last.
    const ranked = await page.getByTestId('unit-ranking').locator('tbody tr').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-unit')));
    expect(ranked.at(-1)).toBe(unitId.get('青山县人民政府'));

    // A failing cell opens its evidence: the unanswered messages with when they came and were due.
    await cell('jc-health-wx', 'interaction').getByRole('button').click();
    const panel = page.getByTestId('evidence-panel');
    await panel.locator(`[data-account="${id('jc-health-wx')}"]`).waitFor();
    expect(new URL(page.url()).searchParams.get('check')).toBe('interaction');
    const interaction = panel.locator('.check-result[data-check="interaction"]');
    expect(await interaction.getAttribute('data-status')).toBe('fail');
    const unanswered = interaction.locator('[data-evidence="unanswered"]');
    expect(await unanswered.locator('h4').innerText()).toBe('未答复留言（5）');
    expect(await unanswered.locator('li').first().innerText()).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} .+ · 应答时限 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'governance.png') });

    // The zombie: days of silence from its last post, and the account it duplicates.
    await row('qs-gov-wb').getByRole('button', { name: /查看证据/ }).click();
    await panel.locator(`[data-account="${id('qs-gov-wb')}"]`).waitFor();
    const cadence = panel.locator('.check-result[data-check="cadence"]');
    expect(await cadence.innerText()).toMatch(/最近更新\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await cadence.innerText()).toMatch(/未更新天数\s*(69|70|71) 天/);
    expect(await panel.locator('.check-result[data-check="duplicate"] [data-evidence="duplicates"]').innerText()).toContain('青山发布');

    // The follower jump, a hint to review.
    await cell('jc-tour-dy', 'fake_followers').getByRole('button').click();
    await panel.locator(`[data-account="${id('jc-tour-dy')}"]`).waitFor();
    const fake = panel.locator('.check-result[data-check="fake_followers"]');
    expect(await fake.innerText()).toContain('提示，需人工复核');
    expect(await fake.locator('[data-evidence="jumps"]').innerText()).toMatch(/4\.\d万 → 7\.2万（\+3万）/);

    // Filters live in the address.
    await page.getByRole('combobox', { name: /^检查结果/ }).selectOption('fail');
    await page.waitForFunction(`[...document.querySelectorAll('tbody tr[data-account]')].every((r) => r.getAttribute('data-overall') === 'fail')`);
    expect(new URL(page.url()).searchParams.get('status')).toBe('fail');
    expect(await row('qs-gov-wb').count()).toBe(1);
    expect(await row('jc-police-wb').count()).toBe(0);
    await context.close();
  });

  it('renders the monthly report, which prints to a PDF', async () => {
    const { page, context } = await signInPage(browser, url, 'gov-leader', TEST_USER_PASSWORD, { width: 1240, height: 1754 });
    await page.goto(`${url}/governance`);
    await page.waitForSelector('[data-governance-state="ready"]');
    // The viewer's own unit (the top one): every unit's accounts.
    await page.getByRole('link', { name: '月度排查报告' }).click();
    await page.waitForSelector('[data-report-state="ready"]');
    const shown = page.locator('[data-report-state]');
    expect(await shown.getAttribute('data-month')).toBe(month);
    const unit = await shown.getAttribute('data-unit');
    const api = (await admin.get(`/api/v1/governance/report?unit=${unit}&month=${month}`)).body as GovernanceReport;
    expect(await page.getByTestId('report-accounts').innerText()).toBe(String(api.summary.accounts));
    expect(await page.getByTestId('report-fail').innerText()).toBe(String(api.summary.fail));
    const zombie = page.locator(`tr[data-account="${id('qs-gov-wb')}"]`);
    expect(await zombie.getAttribute('data-recommendation')).toBe('close');
    expect(await zombie.innerText()).toContain('僵尸账号');
    const duplicate = page.locator(`tr[data-account="${id('qs-fabu-wb')}"]`);
    expect(await duplicate.getAttribute('data-recommendation')).toBe('merge');
    expect(await duplicate.innerText()).toContain('并入 青山县政府');
    expect(await page.getByTestId('report-close-merge').innerText()).toContain('关停：青山县政府');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'governance-report.png'), fullPage: true });
    const pdfHref = await page.getByRole('link', { name: /下载 PDF/ }).getAttribute('href');
    const csvHref = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');

    // On paper: no navigation.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.topbar').isVisible()).toBe(false);
    expect(await page.locator('.brief-nav').isVisible()).toBe(false);

    // The page's own PDF and CSV links, with the viewer's session.
    const cookie = (await context.cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${url}${pdfHref}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    const csv = await fetch(`${url}${csvHref}`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('青山县政府');
    await context.close();
  });

  it('imports the registry from CSV: a bad row is shown with its line and nothing is written; the corrected file registers the accounts', async () => {
    const { page, context } = await signInPage(browser, url, 'admin', TEST_ADMIN_PASSWORD);
    await page.getByRole('link', { name: '账号登记' }).click();
    await page.getByTestId('registry').waitFor();
    const edu = unitId.get('江城市教育局')!;
    const header = 'platform,account_id,name,unit_id,level,status,filing_number';
    const bad = [header, `douyin,jc-edu-dy,江城教育抖音,${edu},city_department,active,江网备2026031`, `wechat,jc-edu-wx,江城教育发布,${edu},市长,active,`].join('\n');
    await page.getByLabel('导入 CSV').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toContain('未导入任何账号');
    expect(await result.locator('li[data-line="3"]').innerText()).toMatch(/^第 3 行：level/);
    expect(await page.getByTestId('registry').innerText()).not.toContain('江城教育抖音');

    const good = bad.replace(',市长,', ',city_department,');
    await page.getByLabel('导入 CSV').setInputFiles({ name: 'accounts-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await result.getByText('新登记 2 个', { exact: false }).waitFor();
    await page.getByTestId('registry').getByText('江城教育抖音').waitFor();
    expect(await page.getByTestId('registry').innerText()).toContain('江网备2026031');
    await context.close();
  });

  it('an admin lowers the 14-day limit on the thresholds page, and the governance page judges with it', async () => {
    const { page, context } = await signInPage(browser, url, 'admin', TEST_ADMIN_PASSWORD);
    await page.goto(`${url}/governance`);
    await page.waitForSelector('[data-governance-state="ready"]');
    // 江城交通 last posted 11 days ago: past the 10-day warning, short of the 14-day fail.
    const transport = page.locator(`tr[data-account="${id('jc-transport-wx')}"] td[data-check="cadence"]`);
    expect(await transport.getAttribute('data-status')).toBe('warn');
    expect(await transport.innerText()).toBe('⚠ 预警');

    await page.getByRole('link', { name: '检查阈值' }).click();
    await page.waitForSelector('[data-settings-state="ready"]');
    const limit = page.getByLabel('连续未更新即不合格');
    expect(await limit.inputValue()).toBe('14');
    await limit.fill('10');
    await page.getByRole('button', { name: '保存阈值' }).click();
    const notice = page.getByTestId('thresholds-notice');
    await notice.getByText('已保存', { exact: false }).waitFor();
    // Stored whole: the level rules the form did not touch are still there.
    const config = (await admin.get('/api/v1/governance/config')).body as GovernanceConfigResponse;
    expect(config.thresholds.cadence.fail_silent_days).toBe(10);
    expect(config.thresholds.cadence.by_level).toEqual(config.defaults.cadence.by_level);

    await notice.getByRole('link', { name: /查看检查结果/ }).click();
    await page.waitForSelector('[data-governance-state="ready"]');
    await page.waitForFunction(`document.querySelector('tr[data-account="${id('jc-transport-wx')}"] td[data-check="cadence"]')?.getAttribute('data-status') === 'fail'`);
    expect(await transport.innerText()).toBe('✗ 不合格');
    expect(await transport.getByRole('button').getAttribute('aria-label')).toContain('超过10天');
    await context.close();
    // The other cases judge with the defaults again, whatever order they run in.
    expect((await admin.put('/api/v1/governance/config', { expected_version: config.version, thresholds: config.defaults })).status).toBe(200);
  });
});

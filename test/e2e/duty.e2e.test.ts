import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { seedDutyDemo } from '../../dashboard/server/duty-demo';
import { REPO_ROOT } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/**
 * The duty roster page and the wall's "on duty now" strip in Chromium, on
 * the demo rosters (江城市, as `pnpm fenghuo start` seeds them): the page
 * shows who is on now and the shifts, a CSV with a bad row is refused with
 * its line and the corrected one imported, a responder reads without the
 * edit controls, and the wall names the duty officer of the current shift.
 */
describe('duty roster and the wall panel in Chromium (demo rosters)', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let admin: ApiClient;
  let city: string;

  beforeAll(async () => {
    ({ runtime, url, admin } = await startDashboard());
    const seeded = await seedDutyDemo(runtime);
    city = seeded.units[0]!;
    await createUser(url, admin, 'duty-resp', ['responder']);
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('shows the roster with who is on now; refuses a bad CSV by line and imports the corrected one', async () => {
    const now = (await runtime.duty.onDutyNow(new Set([city])))[0]!;
    const { page, context } = await signInPage(browser, url, 'admin', TEST_ADMIN_PASSWORD);
    await page.goto(`${url}/duty?unit=${city}`);
    await page.getByTestId('roster-now').waitFor();
    expect(await page.getByTestId('roster-now').innerText()).toContain(now.on_duty!.name);
    expect(await page.getByTestId('roster-shift').count()).toBeGreaterThanOrEqual(16);
    // The current shift is marked.
    expect(await page.locator('tr.duty-today').count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'duty-roster.png') });

    const bad = 'date,kind,on_duty,backup\n2030-01-07,白班,王敏,李娜\n2030-01-07,夜班,无此人,\n';
    await page.getByTestId('roster-import').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const result = page.getByTestId('import-result');
    await result.waitFor();
    expect(await result.innerText()).toMatch(/第 3 行：on_duty "无此人" is not a person/);
    const shifts = await page.getByTestId('roster-shift').count();
    const good = 'date,kind,on_duty,backup\n2030-01-07,白班,王敏,李娜\n2030-01-07,夜班,张伟,\n';
    await page.getByTestId('roster-import').setInputFiles({ name: 'roster-fixed.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await expect.poll(() => page.getByTestId('roster-shift').count(), { timeout: 10_000 }).toBe(shifts + 2);
    expect(await page.getByTestId('import-result').innerText()).toContain('班次已导入');

    // An edit through the form: the leader changes, saved with its version.
    await page.getByTestId('roster-leader').selectOption('wangmin');
    await page.getByTestId('roster-save').click();
    await page.getByText('值班表已保存').waitFor();
    expect((await runtime.duty.roster(city))!.leader).toBe('wangmin');
    await context.close();
  });

  it('a responder reads the roster without edit controls', async () => {
    const { page, context } = await signInPage(browser, url, 'duty-resp', TEST_USER_PASSWORD);
    await page.goto(`${url}/duty?unit=${city}`);
    await page.getByTestId('roster-shift').first().waitFor();
    expect(await page.getByTestId('roster-save').count()).toBe(0);
    expect(await page.getByTestId('roster-import').count()).toBe(0);
    await context.close();
  });

  it('the wall shows who is on duty now', async () => {
    const now = (await runtime.duty.onDutyNow(new Set([city])))[0]!;
    const { page, context } = await signInPage(browser, url, 'duty-resp', TEST_USER_PASSWORD);
    await page.goto(`${url}/wall`);
    const unit = page.locator(`[data-testid="duty-now-unit"][data-unit="${city}"]`);
    await unit.waitFor({ timeout: 30_000 });
    expect(await unit.getByTestId('duty-on').innerText()).toContain(now.on_duty!.name);
    expect(await unit.innerText()).toContain('江城市人民政府');
    // The strip fits: the wall still needs no scrolling in Full HD.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.waitForTimeout(300);
    expect(await page.evaluate('document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth')).toBe(true);
    expect(await page.locator('.panel').count()).toBe(5);
    await context.close();
  });
});

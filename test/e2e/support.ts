import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Role } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { CHROMIUM_FLAGS, findChromium } from '../../dashboard/server/web/chromium';
import { signInAdmin, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD, userWithRoles, type ApiClient } from '../support/api-client';
import { startTestRuntime } from '../support/runtime';

export { TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD };

/** A whole Fenghuo (API, ingest, analytics, the built app) on chdb, on a free port. */
export async function startDashboard(env: Record<string, string> = {}): Promise<{ runtime: Runtime; url: string; admin: ApiClient }> {
  const runtime = await startTestRuntime({ FENGHUO_ANALYTICS_POLL_MS: '200', FENGHUO_ANALYTICS_LATENESS_MS: '500', ...env }, { api: true, worker: true, analytics: true });
  const url = runtime.url!;
  return { runtime, url, admin: await signInAdmin(url) };
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium on PATH (the e2e global setup installs Debian’s chromium)');
  return chromium.launch({ executablePath, args: [...CHROMIUM_FLAGS], headless: true });
}

/** A user with these roles (created through the API as admin). */
export async function createUser(url: string, admin: ApiClient, username: string, roles: Role[]): Promise<ApiClient> {
  return userWithRoles(url, admin, username, roles);
}

/** A fresh browser context signed in through the login page. */
export async function signInPage(browser: Browser, url: string, username: string, password: string, viewport = { width: 1440, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  try {
    await page.goto(url + '/');
    await page.getByLabel('用户名').fill(username, { timeout: 30_000 });
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForSelector('.shell, [data-testid="wall"]', { timeout: 30_000 });
  } catch (error) {
    // What the browser showed instead, for the failure message.
    const shown = await page.locator('body').innerText().catch(() => '(no page)');
    throw new Error(`signing in as ${username} failed: ${(error as Error).message}\npage shows: ${shown.slice(0, 500)}`);
  }
  return { context, page };
}

import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import type { ConsultationAnalysis, ConsultationList } from '@fenghuo/shared';
import { seedConsultationDemo } from '../../dashboard/server/consultation-demo';
import { REPO_ROOT, waitFor } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');

/**
 * The demo consultation (江城市's parking-fee draft, seeded as `pnpm fenghuo
 * start` does) in a real Chromium: the consultation page with its themes,
 * stance bars, articles and the campaign; a responder fills the feedback
 * table; the report page with the feedback and its PDF.
 */
describe('public consultations in Chromium (demo consultation)', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let admin: ApiClient;
  let id: string;
  let analysis: ConsultationAnalysis;

  beforeAll(async () => {
    ({ runtime, url, admin } = await startDashboard());
    await createUser(url, admin, 'consult-responder', ['responder']);
    expect((await seedConsultationDemo(runtime)).seeded).toBe(true);
    id = ((await admin.get('/api/v1/consultations')).body as ConsultationList).consultations[0]!.id;
    analysis = await waitFor(async () => {
      const a = (await admin.get(`/api/v1/consultations/${id}/analysis`)).body as ConsultationAnalysis;
      return a.totals?.comments === 312 ? a : undefined;
    }, 60_000, 500);
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('shows themes, stance shares, articles and the campaign, and saves the feedback table', async () => {
    const { page, context } = await signInPage(browser, url, 'consult-responder', TEST_USER_PASSWORD);
    await page.goto(`${url}/consultations`);
    await page.getByRole('link', { name: '关于调整中心城区停车收费标准的征求意见稿' }).click();
    await page.waitForSelector(`[data-consultation="${id}"]`);
    expect(await page.locator('[data-kpi="comments"]').innerText()).toBe('312');
    expect(await page.locator('[data-kpi="campaigns"]').innerText()).toBe('1');
    expect(await page.locator('[data-theme]').count()).toBe(analysis.themes.length);
    const night = analysis.themes.find((t) => t.keywords.includes('夜间'))!;
    const card = page.locator(`[data-theme="${night.key}"]`);
    expect(await card.innerText()).toContain(night.label);
    expect(await card.locator('.theme-quotes li').count()).toBe(night.representatives.length);
    expect(await page.locator('[data-section-row="s3"]').innerText()).toContain(String(analysis.sections.find((s) => s.section_id === 's3')!.count));
    expect(await page.locator('[data-campaign]').innerText()).toContain('坚决反对停车收费上涨');
    // The responder answers the first theme and saves.
    const first = analysis.feedback[0]!;
    const row = page.locator(`[data-theme-row="${first.theme_key}"]`);
    await row.locator('select').selectOption('partly');
    await row.locator('textarea').fill('夜间包月价格下调至100元');
    await page.getByRole('button', { name: '保存反馈' }).click();
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await page.screenshot({ path: path.join(SCREENSHOTS, 'consultation.png'), fullPage: true });
    await context.close();
  });

  it('prints the report with stance shares and the feedback, and serves it as PDF', async () => {
    const { page, context } = await signInPage(browser, url, 'consult-responder', TEST_USER_PASSWORD);
    await page.goto(`${url}/consultations/${id}/report`);
    await page.waitForSelector('[data-report-state="ready"]');
    const feedback = await page.locator('[data-report-feedback]').innerText();
    expect(feedback).toContain('部分采纳');
    expect(feedback).toContain('夜间包月价格下调至100元');
    expect(await page.locator('[data-report-theme]').count()).toBe(analysis.themes.length);
    expect(await page.locator('[data-report-share="support"]').innerText()).toMatch(/^\d+%$/);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.brief-nav').isVisible()).toBe(false);
    const cookie = (await context.cookies(url)).map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await fetch(`${url}/consultations/${id}/report.pdf`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    await context.close();
  });
});

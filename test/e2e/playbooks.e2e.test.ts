import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Checklist } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { postMentions, REPO_ROOT, waitFor } from '../support/runtime';
import type { ApiClient } from '../support/api-client';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_ADMIN_PASSWORD, TEST_USER_PASSWORD } from './support';

const SCREENSHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
const MIN = 60_000;
const H = 60 * MIN;

/** A rumour that spread over the last hour: enough for an event and a keyword alert. */
function story(): Record<string, unknown>[] {
  const now = Date.now();
  const variants = ['网传江城自来水厂被污染，全城停水三天', '江城自来水厂被污染？有人说要停水三天', '听说江城自来水厂污染了，赶紧囤水'];
  return Array.from({ length: 120 }, (_, i) => ({
    id: `pb-${i}`,
    platform: i % 3 === 0 ? 'douyin' : 'weibo',
    text: `${variants[i % variants.length]} #${i}`,
    time: new Date(now - 60 * MIN + i * 30_000).toISOString(),
    author: { id: `pb-u${i}`, name: `网友${i}`, location: '湖北 武汉' },
  }));
}

describe('incident-room playbook checklist in Chromium', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let responder: ApiClient;
  let incidentId: string;
  let startAt: number;
  let trickle: NodeJS.Timeout | undefined;

  beforeAll(async () => {
    browser = await launchBrowser();
    let admin: ApiClient;
    ({ runtime, url, admin } = await startDashboard());
    responder = await createUser(url, admin, 'responder1', ['responder', 'analyst']);
    expect((await responder.post('/api/v1/rules', { kind: 'keyword', name: '停水监测', phrases: ['停水'], min_count: 3, window_minutes: 10, severity: 'high' })).status).toBe(201);
    expect((await postMentions(url, story())).status).toBe(202);
    // Everyday chatter keeps event time moving, so the engine's windows close and the alert opens.
    let k = 0;
    trickle = setInterval(() => {
      void postMentions(url, [{ id: `pb-bg-${k}`, platform: 'news', text: `本地新闻 ${k++}：今日多云`, time: new Date().toISOString(), author: { id: `pb-bg-a${k}` } }]);
    }, 500);
    // Opened directly, first heard an hour ago (opening from an alert goes through the same
    // incident service and playbook hook: test/analytics.int.test.ts opens one from a demo alert and checks its 5 h / 24 h steps).
    const opened = await responder.post('/api/v1/incidents', { title: '网传江城自来水厂被污染', severity: 'public_opinion', unit_id: responder.user.unit_id, first_mention_at: Date.now() - H });
    expect(opened.status).toBe(201);
    incidentId = opened.body.id;
    startAt = opened.body.clock.start_at;
  }, 300_000);

  afterAll(async () => {
    if (trickle) clearInterval(trickle);
    await runtime?.stop();
    await browser?.close();
  });

  it('an incident opened shows its playbook with the 5 h and 24 h steps; steps are done, skipped with a reason, overdue in red, and on the timeline', async () => {
    const checklist = (await responder.get(`/api/v1/incidents/${incidentId}/checklist`)).body as Checklist;
    expect(checklist.playbook_id).toBe('generic');
    expect(checklist.items.find((i) => i.key === 'release')?.due_at).toBe(startAt + 5 * H);
    expect(checklist.items.find((i) => i.key === 'press_conference')?.due_at).toBe(startAt + 24 * H);

    const { page } = await signInPage(browser, url, 'responder1', TEST_USER_PASSWORD);
    await page.goto(`${url}/incidents/${incidentId}`);
    const panel = page.getByTestId('checklist');
    await panel.locator('.checklist-item').first().waitFor({ timeout: 30_000 });
    expect(await panel.locator('h2').innerText()).toContain('通用舆情应对预案');
    const step = (key: string) => panel.locator(`.checklist-item[data-key="${key}"]`);
    expect(await step('release').innerText()).toContain('发布权威信息（5小时内）');
    expect(await step('release').innerText()).toMatch(/还剩 \d+小时/);
    expect(await step('press_conference').innerText()).toContain('举行新闻发布会（24小时内）');
    expect(await step('review').innerText()).toContain('结案后');

    // The first mention was an hour ago: verifying (30 min) is overdue, in red with its icon.
    expect(await step('verify').getAttribute('data-state')).toBe('overdue');
    expect(await step('verify').locator('.checklist-due').innerText()).toMatch(/超时 \d+分/);
    // A string, as this file is type-checked without the DOM library.
    const red = await page.evaluate(`getComputedStyle(document.querySelector('.checklist-item[data-key="verify"] .step-state')).color`);
    expect(red).toBe('rgb(220, 38, 38)');
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-checklist.png') });

    // Done with a note.
    await step('verify').getByRole('button', { name: '完成' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('备注（可选）').fill('已与责任单位核实：水质检测合格');
    await dialog.getByRole('button', { name: '确认完成' }).click();
    await expect.poll(() => step('verify').getAttribute('data-state'), { timeout: 10_000 }).toBe('done');
    expect(await step('verify').innerText()).toContain('已与责任单位核实：水质检测合格');
    expect(await step('verify').innerText()).toContain('逾时完成');

    // Skipping needs a reason: without one the dialog says so and sends nothing.
    await step('talking_points').getByRole('button', { name: '跳过' }).click();
    await dialog.getByRole('button', { name: '确认跳过' }).click();
    expect(await dialog.getByRole('alert').innerText()).toContain('跳过步骤须说明理由');
    await dialog.getByLabel('跳过理由（必填）').fill('口径已在辟谣稿中统一');
    await dialog.getByRole('button', { name: '确认跳过' }).click();
    await expect.poll(() => step('talking_points').getAttribute('data-state'), { timeout: 10_000 }).toBe('skipped');
    expect(await step('talking_points').innerText()).toContain('口径已在辟谣稿中统一');

    // The timeline list carries the checklist's events.
    await page.locator('.timeline-table summary').click();
    const kinds = await page.locator('.timeline-table tr[data-kind^="playbook:"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toEqual(expect.arrayContaining(['playbook:overdue', 'playbook:done', 'playbook:skipped']));

    // Stored: the API agrees with the page.
    const after = (await responder.get(`/api/v1/incidents/${incidentId}/checklist`)).body as Checklist;
    expect(after.counts).toMatchObject({ done: 1, skipped: 1 });
  }, 120_000);

  it('an admin sees the playbooks and the editor names each invalid field', async () => {
    const { page } = await signInPage(browser, url, 'admin', TEST_ADMIN_PASSWORD);
    await page.goto(`${url}/playbooks?id=online-rumor`);
    const detail = page.getByTestId('playbook-detail');
    await detail.waitFor();
    expect(await detail.locator('h2').innerText()).toBe('网络谣言应对预案');
    expect(await detail.locator('tbody').innerText()).toContain('发布权威信息时限（无此时限时：起点后5小时）');
    await detail.locator('.playbook-editor summary').click();
    const editor = detail.getByLabel('预案 JSON');
    const json = JSON.parse(await editor.inputValue());
    json.steps[0].due.minutes = -5;
    await editor.fill(JSON.stringify(json, null, 2));
    expect(await detail.getByTestId('playbook-issues').innerText()).toContain('steps.0.due.minutes');
    expect(await detail.getByRole('button', { name: '保存' }).isDisabled()).toBe(true);
  }, 60_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import type { DailyBrief } from '@fenghuo/shared';
import type { ApiClient } from '../support/api-client';
import { postMentions, waitFor } from '../support/runtime';
import { addDays, localDate } from '../../dashboard/server/brief/local-day';
import { createUser, launchBrowser, signInPage, startDashboard, TEST_USER_PASSWORD } from './support';
import { readPdf } from '../support/pdf';

/**
 * Issue 8 §3, text injection: script, HTML, Markdown links and javascript:
 * URLs in mention text, and in the event titles, incident, action and draft
 * text made from it, are shown as text in the dashboard: no script runs, no
 * element is injected, no javascript: link appears. Each payload, if it ran,
 * would push to window.__xss or open a dialog.
 */

const PAYLOADS = [
  '<script>window.__xss.push("script")</script>',
  '<img src=x onerror="window.__xss.push(\'img\')">',
  '<svg onload="window.__xss.push(\'svg\')"></svg>',
  '<iframe srcdoc="<script>parent.__xss.push(1)</script>"></iframe>',
  '[点我领取](javascript:window.__xss.push("md"))',
  'javascript:window.__xss.push("url")',
  '<a href="javascript:window.__xss.push(\'a\')">链接</a>',
  "=cmd|' /C calc'!A0",
];
const STORY = ['荆州沙市区化工厂发生爆炸，现场浓烟滚滚', '沙市化工厂爆炸了，附近居民听到巨响', '荆州化工厂爆炸现场视频，浓烟很大'];

/** Elements and attributes a payload would have injected, and whether a payload ran. */
async function injected(page: Page): Promise<{ ran: string[]; elements: string[] }> {
  // A string: the test code is type-checked without the DOM library.
  return page.evaluate(`(() => {
    const elements = [];
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) elements.push(el.tagName + ' ' + a.name);
        if ((a.name === 'href' || a.name === 'src' || a.name === 'srcdoc') && /javascript:|__xss/i.test(a.value)) elements.push(el.tagName + ' ' + a.name + '=' + a.value);
      }
      if ((el.tagName === 'SCRIPT' || el.tagName === 'IFRAME') && /__xss/.test(el.outerHTML)) elements.push(el.tagName);
      if (el.tagName === 'IMG' && el.getAttribute('src') === 'x') elements.push('IMG src=x');
    }
    return { ran: [...window.__xss], elements };
  })()`);
}

describe('hostile text is inert in the dashboard (Chromium)', () => {
  let runtime: Runtime;
  let url: string;
  let browser: Browser;
  let user: ApiClient;
  let today: string;
  let incidentId = '';
  let eventId = '';
  let draftId = '';
  const dialogs: string[] = [];

  beforeAll(async () => {
    let admin: ApiClient;
    ({ runtime, url, admin } = await startDashboard());
    user = await createUser(url, admin, 'xss-duty', ['analyst', 'responder', 'reviewer']);
    const now = Date.now();
    const mentions = Array.from({ length: 40 }, (_, i) => ({
      id: `xss-${i}`,
      platform: 'weibo',
      text: `${STORY[i % STORY.length]} ${PAYLOADS[i % PAYLOADS.length]} #${i}`,
      time: new Date(now - (40 - i) * 300).toISOString(),
      author: { id: `xu${i}`, name: PAYLOADS[(i + 1) % PAYLOADS.length]!.slice(0, 60), location: '湖北 荆州' },
    }));
    expect((await postMentions(url, mentions)).status).toBe(202);
    today = localDate(Date.now(), 'Asia/Shanghai');
    // Later mentions move the analytics' watermark past the burst, as a live stream does.
    let k = 0;
    const event = await waitFor(async () => {
      await postMentions(url, [{ id: `xss-bg-${k}`, platform: 'news', text: `本地新闻 ${k++}：今日天气晴好，市民出行`, time: new Date().toISOString(), author: { id: `xss-bg-a${k}` } }]);
      const b = (await user.get(`/api/v1/brief?date=${today}`)).body as DailyBrief;
      return b.totals?.mentions >= mentions.length ? b.top_events.find((e) => /化工厂/.test(e.title)) : undefined;
    }, 90_000, 500);
    eventId = event.id;
    const inc = await user.post('/api/v1/incidents', { title: `${PAYLOADS[0]}${PAYLOADS[1]}处置`, severity: 'general', unit_id: user.user.unit_id, event_ids: [eventId] });
    expect(inc.status, JSON.stringify(inc.body)).toBe(201);
    incidentId = inc.body.id;
    // A javascript: link is refused where it is entered…
    const js = await user.post(`/api/v1/incidents/${incidentId}/actions`, { kind: 'statement', at: Date.now(), link: 'javascript:window.__xss.push(1)' });
    expect(js.status).toBe(400);
    // …and notes keep whatever text was typed.
    expect((await user.post(`/api/v1/incidents/${incidentId}/actions`, { kind: 'statement', at: Date.now(), note: PAYLOADS.join(' '), link: 'https://example.gov.cn/1' })).status).toBe(201);
    const draft = await user.post('/api/v1/drafts', { incident_id: incidentId, kind: 'situation_report', body: `情况通报：${PAYLOADS.join('\n')}` });
    expect(draft.status, JSON.stringify(draft.body)).toBe(201);
    draftId = draft.body.id;
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  it('events, event, incidents, incident room, draft, brief and wall pages: no script ran, nothing injected, the text shown as text', async () => {
    const { page, context } = await signInPage(browser, url, 'xss-duty', TEST_USER_PASSWORD);
    await context.addInitScript('window.__xss = [];');
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const pages = [
      { path: '/events', shows: '化工厂' },
      { path: `/events/${eventId}`, shows: '<img src=x onerror=' },
      { path: '/incidents', shows: '<script>window.__xss.push("script")</script>' },
      { path: `/incidents/${incidentId}`, shows: '<script>window.__xss.push("script")</script>' },
      { path: `/drafts/${draftId}`, shows: '[点我领取](javascript:' },
      { path: `/brief?date=${today}`, shows: '化工厂' },
      { path: `/brief?date=${addDays(today, 0)}&lang=en`, shows: '化工厂' },
    ];
    for (const p of pages) {
      await page.goto(url + p.path);
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(`document.body.innerText.includes(${JSON.stringify(p.shows)})`, undefined, { timeout: 30_000 }).catch(() => undefined);
      const body = await page.locator('body').innerText();
      expect(body, `${p.path} shows ${p.shows}`).toContain(p.shows);
      expect(await injected(page), p.path).toEqual({ ran: [], elements: [] });
    }
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('behind the escaping, the browser enforces the CSP: inline script, inline handlers and framing by another page are refused', async () => {
    const { page, context } = await signInPage(browser, url, 'xss-duty', TEST_USER_PASSWORD);
    await page.goto(`${url}/events`);
    await page.waitForLoadState('networkidle');
    // Markup that got past the rendering would be added like this: the page's policy must stop it running.
    const result = (await page.evaluate(`(async () => {
      window.__csp = [];
      const violations = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const s = document.createElement('script');
      s.textContent = 'window.__csp.push("inline script")';
      document.body.appendChild(s);
      const d = document.createElement('div');
      d.setAttribute('onclick', 'window.__csp.push("inline handler")');
      document.body.appendChild(d);
      d.click();
      const a = document.createElement('a');
      a.href = 'javascript:window.__csp.push("javascript url")';
      document.body.appendChild(a);
      a.click();
      await new Promise((r) => setTimeout(r, 500));
      return { ran: window.__csp, violations };
    })()`)) as { ran: string[]; violations: string[] };
    expect(result.ran).toEqual([]);
    expect(result.violations.some((v) => v.startsWith('script-src'))).toBe(true);
    // frame-ancestors: another page framing the dashboard gets nothing of it.
    const framer = await context.newPage();
    const refused: string[] = [];
    framer.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refused.push(m.text());
    });
    await framer.setContent(`<iframe id="f" src="${url}/events"></iframe>`);
    await waitFor(async () => refused.length > 0, 15_000, 200);
    const framed = framer.frames().find((f) => f !== framer.mainFrame());
    expect(await framed?.evaluate('document.body ? document.body.innerText : ""').catch(() => '')).not.toContain('化工厂');
    await context.close();
  });

  it('the brief PDF shows the hostile text as text, with no script, no javascript: link and nothing that acts', async () => {
    const res = await fetch(`${url}/api/v1/brief.pdf?date=${today}`, { headers: { cookie: user.cookie } });
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    // Read back as a viewer reads it (pdf.js), not just "it rendered".
    const pdf = await readPdf(bytes);
    const text = pdf.text.join('\n');
    expect(text).toContain('化工厂');
    // The event's title is a mention carrying a payload: in the PDF it is characters on the page.
    expect(text).toMatch(/<script>|<img src=x|<svg onload|<iframe srcdoc|\]\(javascript:|javascript:window|<a href=|=cmd\|/);
    expect(pdf.active).toEqual([]);
    expect(pdf.links.filter((l) => !/^https?:\/\//.test(l))).toEqual([]);
    expect(pdf.links.filter((l) => /__xss/.test(l))).toEqual([]);
  });

  it('the CSV exports defuse formulas', async () => {
    const kb = await user.post('/api/v1/kb', { claim: "=cmd|' /C calc'!A0 自来水有毒", rebuttal: '@SUM(1) 水质合格', source: '+自来水公司', date: today, keywords: ['自来水'] });
    expect(kb.status, JSON.stringify(kb.body)).toBe(201);
    const csv = await (await fetch(`${url}/api/v1/kb/export?format=csv`, { headers: { cookie: user.cookie } })).text();
    expect(csv).toContain("'=cmd|' /C calc'!A0 自来水有毒");
    for (const line of csv.split(/\r?\n/).slice(1).filter(Boolean)) expect(line).not.toMatch(/(^|,)"?[=+@\t\r]/);
  });
});

import { describe, expect, it } from 'vitest';
import { dingtalkBody, emailMessage, feishuBody, webhookBody, wecomBody, type AlertNotice } from './formatters';
import { createNotifier } from './notifier';
import { alertFixture, channelFixture } from './test-fixtures';

/** The daily brief as a channel message: not an alert, so no alert or event links. */
const brief: AlertNotice = {
  alert: alertFixture({ id: 'brief-2026-11-26', event_id: '', title: '每日舆情简报 2026-11-26', severity: 'low', reasons: [], first_mentions: [] }),
  action: 'opened',
  message: {
    headline: '每日舆情简报 2026-11-26',
    lines: [{ label: '全天提及', value: '30 条，负面 43%' }, { label: '待办', value: '未辟谣 1 条 *加粗*' }],
    links: [{ label: '查看简报', url: 'https://yq.example.gov.cn/brief?date=2026-11-26' }, { label: '下载 PDF', url: 'https://yq.example.gov.cn/api/v1/briefs/2026-11-26.pdf' }],
  },
};
const BASE = 'https://yq.example.gov.cn';

describe('a plain message (the daily brief) through the alert formatters', () => {
  it.each([
    ['wecom', () => wecomBody(brief, BASE).markdown.content],
    ['dingtalk', () => dingtalkBody(brief, BASE).markdown.text],
    ['feishu', () => JSON.stringify(feishuBody(brief, BASE))],
    ['email text', () => emailMessage(brief, BASE).text],
    ['email html', () => emailMessage(brief, BASE).html],
  ])('%s carries the headline, the lines and the brief’s links, not the alert’s', (_kind, render) => {
    const out = render();
    expect(out).toContain('每日舆情简报 2026-11-26');
    expect(out).toContain('30 条，负面 43%');
    expect(out).toContain('https://yq.example.gov.cn/brief?date=2026-11-26');
    expect(out).toContain('https://yq.example.gov.cn/api/v1/briefs/2026-11-26.pdf');
    expect(out).not.toContain('/alerts/');
    expect(out).not.toContain('/events/');
    expect(out).not.toContain('舆情预警');
  });

  it('escapes markdown in the lines as in alerts', () => {
    expect(wecomBody(brief, BASE).markdown.content).toContain('＊加粗＊');
  });

  it('a generic webhook gets the message as data', () => {
    expect(webhookBody(brief, BASE)).toEqual({ type: 'fenghuo.message', id: 'brief-2026-11-26', message: brief.message });
  });

  it('goes to every enabled channel, whatever its minimum severity', async () => {
    const posted: string[] = [];
    const notifier = createNotifier({
      channels: () => [
        channelFixture({ id: 'c1', kind: 'webhook', url: 'https://hooks.example/1', min_severity: 'critical' }),
        channelFixture({ id: 'c2', kind: 'wecom', url: 'https://hooks.example/2', min_severity: 'high' }),
        channelFixture({ id: 'c3', kind: 'webhook', url: 'https://hooks.example/3', enabled: false }),
      ],
      log: { record: async () => {}, logAction: async () => {} },
      fetch: (async (url: string) => {
        posted.push(url);
        return new Response(url.endsWith('/2') ? '{"errcode":0}' : 'ok', { status: 200 });
      }) as unknown as typeof fetch,
      linkBase: BASE,
      retry: { attempts: 1 },
    });
    await notifier.notify(brief);
    await notifier.drain();
    expect(posted.sort()).toEqual(['https://hooks.example/1', 'https://hooks.example/2']);
    // The same low-severity alert without a message reaches neither.
    posted.length = 0;
    await notifier.notify({ alert: { ...brief.alert, id: 'a-low' }, action: 'opened' });
    await notifier.drain();
    expect(posted).toEqual([]);
    await notifier.close();
  });
});

import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Severity } from '@fenghuo/shared';
import {
  alertLinks,
  dingtalkBody,
  dingtalkSign,
  dingtalkSignedUrl,
  emailMessage,
  escapeMarkdown,
  feishuBody,
  feishuSign,
  truncateChars,
  truncateUtf8,
  webhookBody,
  webhookRequest,
  wecomBody,
  WECOM_MAX_BYTES,
  type AlertAction,
  type AlertNotice,
} from './formatters';
import { alertFixture, KB_MATCH, OPENED_AT } from './test-fixtures';

const BASE = 'http://localhost:8080';
const ALERT_LINK = `${BASE}/alerts/a-1`;
const EVENT_LINK = `${BASE}/events/e-1`;

/** Every human-readable rendering of a notice, by channel kind. */
function renderings(notice: AlertNotice): Record<'wecom' | 'dingtalk' | 'feishu' | 'email', string> {
  const feishu = feishuBody(notice, BASE);
  const mail = emailMessage(notice, BASE);
  return {
    wecom: wecomBody(notice, BASE).markdown.content,
    dingtalk: dingtalkBody(notice, BASE).markdown.text,
    feishu: `${feishu.card.header.title.content}\n${JSON.stringify(feishu.card.elements)}`,
    email: `${mail.subject}\n${mail.text}`,
  };
}

describe('request bodies', () => {
  const notice: AlertNotice = { alert: alertFixture(), action: 'opened' };

  it('generic webhook: the alert as JSON with its links', () => {
    expect(webhookBody(notice, `${BASE}/`)).toEqual({
      type: 'fenghuo.alert',
      action: 'opened',
      alert: notice.alert,
      links: { alert: ALERT_LINK, event: EVENT_LINK },
    });
  });

  it('WeCom: markdown content with the headline and links', () => {
    const body = wecomBody(notice, BASE);
    expect(Object.keys(body)).toEqual(['msgtype', 'markdown']);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.content).toMatch(/^### <font color="warning">【高】舆情预警：荆州沙市区暴雨内涝 多车被淹<\/font>\n/);
    expect(body.markdown.content).toContain(`[查看预警](${ALERT_LINK})`);
    expect(body.markdown.content).toContain(`[查看事件](${EVENT_LINK})`);
  });

  it('DingTalk: markdown with a title and blank lines between blocks', () => {
    const body = dingtalkBody(notice, BASE);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('【高】舆情预警：荆州沙市区暴雨内涝 多车被淹');
    expect(body.markdown.text).toMatch(/^### 【高】舆情预警：/);
    expect(body.markdown.text).toContain('\n\n**级别**：高\n\n');
    expect(body.markdown.text).toContain(`[查看预警](${ALERT_LINK})`);
  });

  it('Feishu: an interactive card, coloured by severity, with link buttons', () => {
    const body = feishuBody(notice, BASE);
    expect(body.msg_type).toBe('interactive');
    expect(body).not.toHaveProperty('sign');
    expect(body.card.header).toEqual({ template: 'orange', title: { tag: 'plain_text', content: '【高】舆情预警：荆州沙市区暴雨内涝 多车被淹' } });
    const [div, action] = body.card.elements as [{ tag: string; text: { tag: string; content: string } }, { tag: string; actions: { url: string }[] }];
    expect(div.tag).toBe('div');
    expect(div.text.tag).toBe('lark_md');
    expect(div.text.content).toContain('**触发原因**：');
    expect(action.tag).toBe('action');
    expect(action.actions.map((a) => a.url)).toEqual([ALERT_LINK, EVENT_LINK]);
  });

  it('email: subject, plain text and escaped HTML', () => {
    const mail = emailMessage({ alert: alertFixture({ title: '<b>荆州</b> & 暴雨' }), action: 'opened' }, BASE);
    expect(mail.subject).toBe('[烽火] 【高】舆情预警：<b>荆州</b> & 暴雨');
    expect(mail.text).toContain(`查看预警：${ALERT_LINK}`);
    expect(mail.html).toContain('&#60;b&#62;荆州&#60;/b&#62; &#38; 暴雨');
    expect(mail.html).not.toContain('<b>荆州');
    expect(mail.html).toContain(`<a href="${ALERT_LINK}">查看预警</a>`);
  });
});

describe('content', () => {
  it.each<[Severity, string, string]>([
    ['low', '低', 'blue'],
    ['medium', '中', 'yellow'],
    ['high', '高', 'orange'],
    ['critical', '紧急', 'red'],
  ])('severity %s reads %s in every channel', (severity, label, template) => {
    const notice: AlertNotice = { alert: alertFixture({ severity }), action: 'opened' };
    for (const text of Object.values(renderings(notice))) {
      expect(text).toContain(`【${label}】舆情预警`);
      expect(text).toMatch(new RegExp(`级别(\\*\\*)?：${label}`));
    }
    expect(feishuBody(notice, BASE).card.header.template).toBe(template);
  });

  it.each<[AlertAction, string]>([
    ['opened', '舆情预警：'],
    ['escalated', '舆情预警升级：'],
    ['updated', '舆情预警更新：'],
    ['resolved', '舆情预警解除：'],
    ['acknowledged', '舆情预警已确认：'],
  ])('the headline of %s says %s', (action, phrase) => {
    const alert = alertFixture({ resolved_at: minutesAfterOpen(30), acknowledged_at: minutesAfterOpen(10), acknowledged_by: '张科长' });
    for (const text of Object.values(renderings({ alert, action }))) expect(text).toContain(`【高】${phrase}荆州沙市区暴雨内涝`);
  });

  it('says what fired: detail, observed vs expected, statistic and threshold', () => {
    const alert = alertFixture({
      reasons: [
        ...alertFixture().reasons,
        { kind: 'rule:r1', detail: '负面情绪: 62% negative of 40', series: 'event:e-1', observed: 0.62, expected: 0.5, statistic: 'negative_share', value: 0.62, threshold: 0.5, severity: 'medium', at: 0 },
      ],
    });
    for (const text of Object.values(renderings({ alert, action: 'opened' }))) {
      expect(text).toContain('热度异常上升：42 mentions in 5 min, 8.4× the 5.0 expected at this hour（实际 42，预期 5；z 值 16.5，阈值 4）');
      expect(text).toContain('规则命中：负面情绪: 62% negative of 40（实际 0.62，预期 0.5；负面占比 0.62，阈值 0.5）');
      expect(text).toContain('谣言风险');
      expect(text).toContain('0.31');
    }
  });

  it('lists the first mentions with platform and Beijing time', () => {
    for (const text of Object.values(renderings({ alert: alertFixture(), action: 'opened' }))) {
      expect(text).toContain('微博 2026-11-26 10:01：沙市区北京路积水到膝盖了，好几辆车熄火');
      expect(text).toContain('抖音 2026-11-26 10:02：实拍荆州暴雨');
    }
  });

  it('names a known rumor: rebutted on <date> by <source>, with the rebuttal', () => {
    const withKb = renderings({ alert: alertFixture({ kb_match: KB_MATCH, rumor_score: 0.9 }), action: 'opened' });
    for (const text of Object.values(withKb)) {
      expect(text).toContain('已于 2026-11-20 由 荆州市应急管理局 辟谣');
      expect(text).toContain('长江荆州段堤防运行正常');
    }
    expect(withKb.wecom).toContain(`[查看辟谣原文](${KB_MATCH.url})`);
    expect(withKb.email).toContain(`辟谣原文：${KB_MATCH.url}`);
    for (const text of Object.values(renderings({ alert: alertFixture(), action: 'opened' }))) expect(text).not.toContain('辟谣');
  });

  it('a resolution is a short notice', () => {
    const text = wecomBody({ alert: alertFixture({ resolved_at: minutesAfterOpen(45) }), action: 'resolved' }, BASE).markdown.content;
    expect(text).toContain('**解除时间**：2026-11-26 10:50');
    expect(text).not.toContain('触发原因');
    expect(text).not.toContain('首发内容');
    expect(text).toContain(`[查看预警](${ALERT_LINK})`);
  });

  it('user text cannot inject markup, mentions or links', () => {
    const alert = alertFixture({
      title: '**[点我](http://evil.example)** <@all> # 标题\n> 引用',
      first_mentions: [{ platform: 'weibo', id: 'x', time: 0, text: '<font color="red">假</font> `code` ~~删~~ @所有人' }],
    });
    const notice: AlertNotice = { alert, action: 'opened' };
    // Feishu's header is plain_text, shown as typed; only the card body is markdown.
    const r = { ...renderings(notice), feishu: JSON.stringify(feishuBody(notice, BASE).card.elements) };
    expect(feishuBody(notice, BASE).card.header.title.content).toBe(`【高】舆情预警：${alert.title.replace(/\s+/g, ' ')}`);
    for (const kind of ['wecom', 'dingtalk'] as const) expect(r[kind]).toContain('＊＊［点我］(http://evil.example)＊＊ ＜＠all＞ ＃ 标题 ＞ 引用');
    for (const kind of ['wecom', 'dingtalk', 'feishu'] as const) {
      expect(r[kind]).not.toContain('[点我](http://evil.example)');
      expect(r[kind]).not.toContain('<@all>');
      expect(r[kind]).not.toContain('<font color="red">');
      expect(r[kind]).not.toContain('`code`');
      expect(r[kind]).toContain('＞假＜/font＞ ｀code｀ ～～删～～ ＠所有人');
    }
  });
});

describe('size limits', () => {
  const huge = alertFixture({
    title: '🚨'.repeat(300),
    reasons: Array.from({ length: 50 }, (_, i) => ({ ...alertFixture().reasons[0]!, detail: `第${i}条：${'长'.repeat(500)}` })),
    first_mentions: Array.from({ length: 20 }, (_, i) => ({ platform: 'weibo', id: String(i), time: 0, text: '字'.repeat(1000) })),
    kb_match: { ...KB_MATCH, rebuttal: '辟'.repeat(3000) },
  });

  it('WeCom content stays within 4096 bytes, keeps the headline and links, and says it was cut', () => {
    const content = wecomBody({ alert: huge, action: 'opened' }, BASE).markdown.content;
    const bytes = Buffer.from(content, 'utf8');
    expect(bytes.length).toBeLessThanOrEqual(WECOM_MAX_BYTES);
    expect(bytes.toString('utf8')).toBe(content);
    expect(content).not.toContain('\uFFFD');
    expect(content.startsWith('### <font color="warning">【高】舆情预警：🚨')).toBe(true);
    expect(content).toContain('…');
    expect(content.endsWith(`[查看预警](${ALERT_LINK})　[查看事件](${EVENT_LINK})`)).toBe(true);
  });

  it('with plenty of room, nothing is omitted', () => {
    expect(wecomBody({ alert: alertFixture(), action: 'opened' }, BASE).markdown.content).not.toContain('已省略');
  });

  it.each([
    ['ascii', 'abcdef', 4, 'a…'],
    ['fits', '荆州', 6, '荆州'],
    ['chinese', '荆州暴雨', 9, '荆州…'],
    ['emoji with skin tone', '👍🏽👍🏽', 11, '👍🏽…'],
    ['emoji that does not fit', '👍🏽👍🏽', 10, '…'],
  ])('truncateUtf8 cuts at a character boundary (%s)', (_name, text, max, expected) => {
    const out = truncateUtf8(text, max);
    expect(out).toBe(expected);
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(max);
  });

  it('truncateChars counts what a reader sees as one character', () => {
    expect(truncateChars('👨‍👩‍👧荆州暴雨', 3)).toBe('👨‍👩‍👧荆…');
    expect(truncateChars('荆州', 3)).toBe('荆州');
  });

  it('escapeMarkdown keeps text on one line', () => {
    expect(escapeMarkdown(' a\n\nb\r\n c\u2028d ')).toBe('a b c d');
  });
});

describe('signatures', () => {
  // Computed independently with OpenSSL:
  //   printf '%s' $'1577262236757\nSEC0123456789abcdef' | openssl dgst -sha256 -hmac SEC0123456789abcdef -binary | base64
  const DING_SECRET = 'SEC0123456789abcdef';
  const DING_TS = 1577262236757;
  const DING_VECTOR = 'Pgr6tpIpjVrMPPJUPkaI9sivFPPTYOy5zIOMF2GPFMA=';
  //   printf '' | openssl dgst -sha256 -hmac $'1599360473\nfeishu-secret-0123' -binary | base64
  const FEISHU_SECRET = 'feishu-secret-0123';
  const FEISHU_TS = 1599360473;
  const FEISHU_VECTOR = 'F0R4q0wBUPFBzv5I0wXEkcJR9CJErLm/2cdEjoo9ZR0=';

  it('DingTalk: HMAC-SHA256 keyed by the secret over "timestamp\\nsecret", base64', () => {
    expect(dingtalkSign(DING_SECRET, DING_TS)).toBe(DING_VECTOR);
    for (const [secret, ts] of [['SECabc', 1], ['SEC密钥', Date.now()]] as const) {
      const independent = createHmac('sha256', Buffer.from(secret, 'utf8')).update(Buffer.from(`${ts}\n${secret}`, 'utf8')).digest().toString('base64');
      expect(dingtalkSign(secret, ts)).toBe(independent);
    }
  });

  it('DingTalk: the signature goes URL-encoded into the query, after the access token', () => {
    const url = dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=tok', DING_SECRET, DING_TS);
    expect(url).toBe(`https://oapi.dingtalk.com/robot/send?access_token=tok&timestamp=${DING_TS}&sign=Pgr6tpIpjVrMPPJUPkaI9sivFPPTYOy5zIOMF2GPFMA%3D`);
    expect(new URL(url).searchParams.get('sign')).toBe(DING_VECTOR);
    expect(dingtalkSignedUrl('http://h/robot', 's', 5)).toMatch(/^http:\/\/h\/robot\?timestamp=5&sign=/);
  });

  it('Feishu: HMAC-SHA256 keyed by "timestamp\\nsecret" over an empty message, base64', () => {
    expect(feishuSign(FEISHU_SECRET, FEISHU_TS)).toBe(FEISHU_VECTOR);
    const independent = createHmac('sha256', `${FEISHU_TS}\n${FEISHU_SECRET}`).digest('base64');
    expect(feishuSign(FEISHU_SECRET, FEISHU_TS)).toBe(independent);
  });

  it('webhookRequest signs DingTalk in the URL and Feishu in the body, only with a secret', () => {
    const notice: AlertNotice = { alert: alertFixture(), action: 'opened' };
    const now = FEISHU_TS * 1000 + 999;
    const feishu = webhookRequest({ kind: 'feishu', url: 'https://f/hook', secret: FEISHU_SECRET }, notice, BASE, now);
    expect(feishu.url).toBe('https://f/hook');
    expect(feishu.body).toMatchObject({ timestamp: String(FEISHU_TS), sign: FEISHU_VECTOR, msg_type: 'interactive' });
    expect(webhookRequest({ kind: 'feishu', url: 'https://f/hook' }, notice, BASE, now).body).not.toHaveProperty('sign');

    const ding = webhookRequest({ kind: 'dingtalk', url: 'https://d/send?access_token=t', secret: DING_SECRET }, notice, BASE, DING_TS);
    expect(ding.url).toContain(`&timestamp=${DING_TS}&sign=`);
    expect(webhookRequest({ kind: 'dingtalk', url: 'https://d/send?access_token=t' }, notice, BASE, DING_TS).url).toBe('https://d/send?access_token=t');
    expect(() => webhookRequest({ kind: 'wecom' }, notice, BASE, 0)).toThrow(/no url/);
  });
});

describe('links', () => {
  it('drop a trailing slash and encode ids', () => {
    expect(alertLinks(alertFixture({ id: 'a/1 2', event_id: 'e#1' }), 'https://yq.example.gov.cn/fenghuo/')).toEqual({
      alert: 'https://yq.example.gov.cn/fenghuo/alerts/a%2F1%202',
      event: 'https://yq.example.gov.cn/fenghuo/events/e%231',
    });
  });
});

function minutesAfterOpen(minutes: number): number {
  return OPENED_AT + minutes * 60_000;
}

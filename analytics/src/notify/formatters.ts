import { createHmac } from 'node:crypto';
import type { Alert, AlertReason, NotificationChannel, Severity } from '@fenghuo/shared';

/**
 * Pure formatting of alert notifications: one neutral digest of the alert,
 * rendered for each kind of channel. Messages are Chinese, for the duty officer.
 */

export const ALERT_ACTIONS = ['opened', 'escalated', 'updated', 'resolved', 'acknowledged'] as const;
export type AlertAction = (typeof ALERT_ACTIONS)[number];

export interface AlertNotice {
  alert: Alert;
  action: AlertAction;
  /**
   * A message that is not an alert (the daily brief): rendered from these
   * lines and links instead of the alert's fields, and sent to every enabled
   * channel whatever its minimum severity. The alert only names the delivery.
   */
  message?: PlainMessage;
}

export interface PlainMessage {
  headline: string;
  lines: { label: string; value: string }[];
  links: { label: string; url: string }[];
}

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: '低', medium: '中', high: '高', critical: '紧急' };

const ACTION_PHRASES: Readonly<Record<AlertAction, string>> = {
  opened: '舆情预警',
  escalated: '舆情预警升级',
  updated: '舆情预警更新',
  resolved: '舆情预警解除',
  acknowledged: '舆情预警已确认',
};

const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  weibo: '微博',
  wechat: '微信',
  douyin: '抖音',
  toutiao: '今日头条',
  news: '新闻网站',
  hotline: '12345热线',
  gov_board: '政府留言板',
  other: '其他',
};

const REASON_LABELS: Readonly<Record<string, string>> = {
  rising: '热度异常上升',
  first_story: '新事件快速扩散',
  keyword_rising: '关键词升温',
};

const STATISTIC_LABELS: Readonly<Record<string, string>> = {
  poisson_z: 'z 值',
  mentions_in_window: '窗口内提及数',
  matching_mentions: '命中提及数',
  ratio: '倍数',
  negative_share: '负面占比',
  rumor_score: '谣言评分',
};

/** WeCom rejects markdown content over 4096 bytes (errcode 40058). */
export const WECOM_MAX_BYTES = 4096;
/** DingTalk and Feishu allow about 20 KB per request; the rest of the body needs room too. */
export const DINGTALK_MAX_BYTES = 16_000;
export const FEISHU_MAX_BYTES = 16_000;

/** Caps on user text, so that one long field cannot crowd out the rest. */
const MAX_TITLE_CHARS = 100;
const MAX_DETAIL_CHARS = 200;
const MAX_MENTION_CHARS = 80;
const MAX_REBUTTAL_CHARS = 150;
const MAX_REASONS = 5;
const MAX_FIRST_MENTIONS = 3;
const OMITTED = '……（内容过长，其余已省略，详见预警页面）';

export interface AlertLinks {
  alert: string;
  event: string;
}

export function alertLinks(alert: Alert, linkBase: string): AlertLinks {
  const base = linkBase.replace(/\/+$/, '');
  return {
    alert: `${base}/alerts/${encodeURIComponent(alert.id)}`,
    event: `${base}/events/${encodeURIComponent(alert.event_id)}`,
  };
}

// ---------------------------------------------------------------- text safety

const GRAPHEMES = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Cuts to at most `maxChars` user-perceived characters, never inside an emoji or a surrogate pair. */
export function truncateChars(text: string, maxChars: number, marker = '…'): string {
  const parts = [...GRAPHEMES.segment(text)];
  if (parts.length <= maxChars) return text;
  return parts.slice(0, Math.max(0, maxChars - 1)).map((p) => p.segment).join('') + marker;
}

/** Cuts to at most `maxBytes` of UTF-8 (marker included), at a character boundary. */
export function truncateUtf8(text: string, maxBytes: number, marker = '…'): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const budget = maxBytes - Buffer.byteLength(marker);
  let used = 0;
  let out = '';
  for (const { segment } of GRAPHEMES.segment(text)) {
    const n = Buffer.byteLength(segment);
    if (used + n > budget) break;
    used += n;
    out += segment;
  }
  return out + marker;
}

/*
 * The three robots each speak a different markdown subset and none of them
 * honours backslash escapes reliably, so characters that could open markup
 * are swapped for their full-width look-alikes: a Chinese reader sees the
 * same text, and a post cannot inject links, mentions or formatting.
 */
const MARKDOWN_LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '＊', _: '＿', '`': '｀', '~': '～', '#': '＃', '[': '［', ']': '］',
  '<': '＜', '>': '＞', '|': '｜', '\\': '＼', '&': '＆', '!': '！', '@': '＠',
};

/** One line of user text, safe inside any of the robots' markdown. */
export function escapeMarkdown(text: string): string {
  return oneLine(text).replace(/[*_`~#[\]<>|\\&!@]/g, (c) => MARKDOWN_LOOKALIKES[c] ?? c);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Newlines and control characters would end a list item or a quote early. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s{2,}/g, ' ').trim();
}

// ---------------------------------------------------------------- the digest

/** What a notification says, before it is rendered for a channel. Values are raw text. */
interface Digest {
  headline: string;
  severity: Severity;
  sections: Section[];
  links: AlertLinks;
  /** The links at the end of the message: the alert and its event, or a plain message's own. */
  actions: { label: string; url: string }[];
  /** An http(s) link to the official rebuttal, when the alert matched a known rumor. */
  rebuttalUrl?: string;
}

interface Section {
  label: string;
  value?: string;
  items?: string[];
}

/** Beijing time: China has one time zone and no daylight saving. */
export function beijingTime(ms: number): string {
  const iso = new Date(ms + 8 * 3_600_000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

function num(x: number): string {
  return Number.isFinite(x) ? String(Math.round(x * 100) / 100) : String(x);
}

export function reasonLine(r: AlertReason): string {
  const kind = REASON_LABELS[r.kind] ?? (r.kind.startsWith('rule:') ? '规则命中' : r.kind);
  const numbers = [`实际 ${num(r.observed)}，预期 ${num(r.expected)}`];
  if (r.statistic) numbers.push(`${STATISTIC_LABELS[r.statistic] ?? r.statistic} ${num(r.value)}，阈值 ${num(r.threshold)}`);
  return `${kind}：${truncateChars(oneLine(r.detail), MAX_DETAIL_CHARS)}（${numbers.join('；')}）`;
}

function httpUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\//i.test(url)) return undefined;
  // Parentheses and spaces would end a markdown link early.
  return url.replace(/[()\s]/g, (c) => encodeURIComponent(c));
}

function digestOf({ alert, action, message }: AlertNotice, linkBase: string): Digest {
  if (message) {
    return {
      headline: truncateChars(oneLine(message.headline), MAX_TITLE_CHARS),
      severity: alert.severity,
      sections: message.lines.map((l) => ({ label: l.label, value: l.value })),
      links: alertLinks(alert, linkBase),
      actions: message.links.flatMap((l) => {
        const url = httpUrl(l.url);
        return url ? [{ label: l.label, url }] : [];
      }),
    };
  }
  const links = alertLinks(alert, linkBase);
  const severity = SEVERITY_LABELS[alert.severity];
  const title = truncateChars(oneLine(alert.title), MAX_TITLE_CHARS);
  const digest: Digest = {
    headline: `【${severity}】${ACTION_PHRASES[action]}：${title}`,
    severity: alert.severity,
    sections: [],
    links,
    actions: [{ label: '查看预警', url: links.alert }, { label: '查看事件', url: links.event }],
  };
  const s = digest.sections;
  s.push({ label: '级别', value: action === 'escalated' ? `${severity}（已升级）` : severity });

  if (action === 'resolved') {
    s.push({ label: '解除时间', value: beijingTime(alert.resolved_at ?? alert.updated_at) });
    s.push({ label: '首次预警', value: beijingTime(alert.opened_at) });
    return digest;
  }
  if (action === 'acknowledged') {
    s.push({ label: '确认时间', value: beijingTime(alert.acknowledged_at ?? alert.updated_at) });
    if (alert.acknowledged_by) s.push({ label: '确认人', value: alert.acknowledged_by });
    return digest;
  }

  s.push({ label: '预警时间', value: beijingTime(action === 'opened' ? alert.opened_at : alert.updated_at) });
  if (alert.reasons.length) {
    const items = alert.reasons.slice(0, MAX_REASONS).map(reasonLine);
    if (alert.reasons.length > MAX_REASONS) items.push(`另有 ${alert.reasons.length - MAX_REASONS} 条`);
    s.push({ label: '触发原因', items });
  }
  s.push({ label: '谣言风险', value: num(alert.rumor_score) });
  if (alert.kb_match) {
    const kb = alert.kb_match;
    s.push({ label: '已知谣言', value: `已于 ${oneLine(kb.date)} 由 ${oneLine(kb.source)} 辟谣` });
    s.push({ label: '辟谣内容', value: truncateChars(oneLine(kb.rebuttal), MAX_REBUTTAL_CHARS) });
    const url = httpUrl(kb.url);
    if (url) digest.rebuttalUrl = url;
  }
  if (alert.first_mentions.length) {
    s.push({
      label: '首发内容',
      items: alert.first_mentions.slice(0, MAX_FIRST_MENTIONS).map((m) =>
        `${PLATFORM_LABELS[m.platform] ?? m.platform} ${beijingTime(m.time)}：${truncateChars(oneLine(m.text), MAX_MENTION_CHARS)}`),
    });
  }
  return digest;
}

// ---------------------------------------------------------------- rendering

interface MarkdownFlavor {
  /** Between blocks. DingTalk needs a blank line (or two trailing spaces) to break a line. */
  join: string;
  heading(text: string, severity: Severity): string;
  item(text: string): string;
  links: boolean;
}

const WECOM_FLAVOR: MarkdownFlavor = {
  join: '\n',
  heading: (t, sev) => `### <font color="${sev === 'high' || sev === 'critical' ? 'warning' : 'comment'}">${t}</font>`,
  item: (t) => `> ${t}`,
  links: true,
};
const DINGTALK_FLAVOR: MarkdownFlavor = { join: '\n\n', heading: (t) => `### ${t}`, item: (t) => `- ${t}`, links: true };
/** The card header carries the headline and buttons carry the links. */
const FEISHU_FLAVOR: MarkdownFlavor = { join: '\n', heading: () => '', item: (t) => `- ${t}`, links: false };

/** Fills the byte budget block by block, keeping the headline and the links whatever happens. */
function fitBlocks(head: string[], body: string[], tail: string[], join: string, maxBytes: number): string {
  const bytes = (xs: string[]) => Buffer.byteLength(xs.join(join));
  const kept: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const next = [...head, ...kept, body[i]!, ...tail];
    if (bytes(next) > maxBytes) {
      kept.push(OMITTED);
      while (kept.length > 0 && bytes([...head, ...kept, ...tail]) > maxBytes) kept.splice(kept.length - 2, 1);
      break;
    }
    kept.push(body[i]!);
  }
  // A last guard: a headline is capped at MAX_TITLE_CHARS, so this only trims pathological input.
  return truncateUtf8([...head, ...kept, ...tail].filter((b) => b !== '').join(join), maxBytes);
}

function renderMarkdown(d: Digest, flavor: MarkdownFlavor, maxBytes: number): string {
  const head = [flavor.heading(escapeMarkdown(d.headline), d.severity)].filter((b) => b !== '');
  const body: string[] = [];
  for (const sec of d.sections) {
    if (sec.value !== undefined) body.push(`**${sec.label}**：${escapeMarkdown(sec.value)}`);
    if (sec.items) {
      body.push(`**${sec.label}**：`);
      for (const it of sec.items) body.push(flavor.item(escapeMarkdown(it)));
    }
  }
  if (d.rebuttalUrl && flavor.links) body.push(`[查看辟谣原文](${d.rebuttalUrl})`);
  const tail = flavor.links && d.actions.length ? [d.actions.map((a) => `[${a.label}](${a.url})`).join('　')] : [];
  return fitBlocks(head, body, tail, flavor.join, maxBytes);
}

function renderText(d: Digest): string {
  const lines = [d.headline, ''];
  for (const sec of d.sections) {
    if (sec.value !== undefined) lines.push(`${sec.label}：${sec.value}`);
    if (sec.items) {
      lines.push(`${sec.label}：`);
      for (const it of sec.items) lines.push(`  - ${it}`);
    }
  }
  if (d.rebuttalUrl) lines.push(`辟谣原文：${d.rebuttalUrl}`);
  lines.push('', ...d.actions.map((a) => `${a.label}：${a.url}`));
  return lines.join('\n');
}

function renderHtml(d: Digest): string {
  const e = escapeHtml;
  const parts = [`<h2>${e(d.headline)}</h2>`];
  for (const sec of d.sections) {
    if (sec.value !== undefined) parts.push(`<p><b>${e(sec.label)}</b>：${e(sec.value)}</p>`);
    if (sec.items) parts.push(`<p><b>${e(sec.label)}</b>：</p><ul>${sec.items.map((it) => `<li>${e(it)}</li>`).join('')}</ul>`);
  }
  if (d.rebuttalUrl) parts.push(`<p><a href="${e(d.rebuttalUrl)}">查看辟谣原文</a></p>`);
  parts.push(`<p>${d.actions.map((a) => `<a href="${e(a.url)}">${e(a.label)}</a>`).join('　')}</p>`);
  return `<!doctype html><html><body>${parts.join('\n')}</body></html>`;
}

// ---------------------------------------------------------------- request bodies

export interface GenericWebhookBody {
  type: 'fenghuo.alert';
  action: AlertAction;
  alert: Alert;
  links: AlertLinks;
}

/** A plain message (the daily brief) to a generic webhook. */
export interface GenericMessageBody {
  type: 'fenghuo.message';
  id: string;
  message: PlainMessage;
}

export interface WecomBody {
  msgtype: 'markdown';
  markdown: { content: string };
}

export interface DingtalkBody {
  msgtype: 'markdown';
  markdown: { title: string; text: string };
}

export interface FeishuCard {
  config: { wide_screen_mode: boolean };
  header: { template: string; title: { tag: 'plain_text'; content: string } };
  elements: unknown[];
}

export interface FeishuBody {
  msg_type: 'interactive';
  card: FeishuCard;
  timestamp?: string;
  sign?: string;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

export function webhookBody(notice: AlertNotice, linkBase: string): GenericWebhookBody | GenericMessageBody {
  if (notice.message) return { type: 'fenghuo.message', id: notice.alert.id, message: notice.message };
  return { type: 'fenghuo.alert', action: notice.action, alert: notice.alert, links: alertLinks(notice.alert, linkBase) };
}

export function wecomBody(notice: AlertNotice, linkBase: string): WecomBody {
  return { msgtype: 'markdown', markdown: { content: renderMarkdown(digestOf(notice, linkBase), WECOM_FLAVOR, WECOM_MAX_BYTES) } };
}

export function dingtalkBody(notice: AlertNotice, linkBase: string): DingtalkBody {
  const d = digestOf(notice, linkBase);
  // The title is what the chat list and the phone notification show.
  return { msgtype: 'markdown', markdown: { title: truncateChars(d.headline, 60), text: renderMarkdown(d, DINGTALK_FLAVOR, DINGTALK_MAX_BYTES) } };
}

const FEISHU_TEMPLATES: Readonly<Record<Severity, string>> = { low: 'blue', medium: 'yellow', high: 'orange', critical: 'red' };

export function feishuBody(notice: AlertNotice, linkBase: string): FeishuBody {
  const d = digestOf(notice, linkBase);
  const button = (text: string, url: string, type: 'primary' | 'default') =>
    ({ tag: 'button', text: { tag: 'plain_text', content: text }, type, url });
  const actions = d.actions.map((a, i) => button(a.label, a.url, i === 0 ? 'primary' : 'default'));
  if (d.rebuttalUrl) actions.push(button('查看辟谣原文', d.rebuttalUrl, 'default'));
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: {
        template: notice.action === 'resolved' ? 'green' : FEISHU_TEMPLATES[d.severity],
        title: { tag: 'plain_text', content: d.headline },
      },
      elements: [
        { tag: 'div', text: { tag: 'lark_md', content: renderMarkdown(d, FEISHU_FLAVOR, FEISHU_MAX_BYTES) } },
        { tag: 'action', actions },
      ],
    },
  };
}

export function emailMessage(notice: AlertNotice, linkBase: string): EmailMessage {
  const d = digestOf(notice, linkBase);
  return { subject: `[烽火] ${d.headline}`, text: renderText(d), html: renderHtml(d) };
}

// ---------------------------------------------------------------- signing

/** DingTalk: base64(HMAC-SHA256(key = secret, message = `${timestampMs}\n${secret}`)), not yet URL-encoded. */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The robot URL with DingTalk's `timestamp` and `sign` query parameters appended. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const sep = url.includes('?') ? '&' : '?';
  return `${url}${sep}timestamp=${timestampMs}&sign=${encodeURIComponent(dingtalkSign(secret, timestampMs))}`;
}

/** Feishu: base64(HMAC-SHA256(key = `${timestampSec}\n${secret}`, message = empty)). */
export function feishuSign(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export interface WebhookRequest {
  url: string;
  body: GenericWebhookBody | GenericMessageBody | WecomBody | DingtalkBody | FeishuBody;
}

/**
 * The HTTP request for a webhook-kind channel at time `nowMs`, signed when
 * the channel has a secret. Signing is part of the request, not the body
 * formatting, because the robots reject signatures older than an hour: a
 * retry must sign again.
 */
export function webhookRequest(channel: Pick<NotificationChannel, 'kind' | 'url' | 'secret'>, notice: AlertNotice, linkBase: string, nowMs: number): WebhookRequest {
  const url = channel.url;
  if (!url) throw new Error(`${channel.kind} channel has no url`);
  switch (channel.kind) {
    case 'webhook':
      return { url, body: webhookBody(notice, linkBase) };
    case 'wecom':
      return { url, body: wecomBody(notice, linkBase) };
    case 'dingtalk':
      return { url: channel.secret ? dingtalkSignedUrl(url, channel.secret, nowMs) : url, body: dingtalkBody(notice, linkBase) };
    case 'feishu': {
      const body = feishuBody(notice, linkBase);
      if (!channel.secret) return { url, body };
      const timestamp = Math.floor(nowMs / 1000);
      // Feishu's own examples send the timestamp as a string.
      return { url, body: { timestamp: String(timestamp), sign: feishuSign(channel.secret, timestamp), ...body } };
    }
    case 'email':
      throw new Error('email channels are not webhooks');
  }
}

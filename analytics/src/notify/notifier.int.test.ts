import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertDelivery, NotificationChannel } from '@fenghuo/shared';
import type { AlertNotice, DingtalkBody, FeishuBody, GenericWebhookBody, WecomBody } from './formatters';
import { createNotifier, SMTP_NOT_CONFIGURED, type AlertLogEntry, type DeliveryLog, type Notifier, type NotifierOptions } from './notifier';
import { alertFixture, channelFixture } from './test-fixtures';

const LINK_BASE = 'http://fenghuo.test';
const FAST_RETRY = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40 };

// ---------------------------------------------------------------- a real HTTP receiver

interface Received {
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

interface Answer {
  status: number;
  body?: string;
  /** Held until the promise settles: lets a test observe the notifier mid-request. */
  wait?: Promise<void>;
}

interface Receiver {
  url: string;
  requests: Received[];
  close(): Promise<void>;
}

const receivers: Receiver[] = [];

async function startReceiver(answer: (n: number, req: Received) => Answer): Promise<Receiver> {
  const requests: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const received: Received = { path: url.pathname, query: url.searchParams, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) };
      requests.push(received);
      const a = answer(requests.length, received);
      void (a.wait ?? Promise.resolve()).then(() => {
        res.writeHead(a.status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(a.body ?? '');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
  receivers.push(receiver);
  return receiver;
}

const OK_BODIES: Record<Exclude<NotificationChannel['kind'], 'email'>, string> = {
  webhook: '',
  wecom: '{"errcode":0,"errmsg":"ok"}',
  dingtalk: '{"errcode":0,"errmsg":"ok"}',
  feishu: '{"code":0,"msg":"success","data":{}}',
};

// ---------------------------------------------------------------- a log that keeps every write

interface MemoryLog extends DeliveryLog {
  history: AlertDelivery[];
  actions: AlertLogEntry[];
  latest(): AlertDelivery[];
}

function memoryLog(): MemoryLog {
  const history: AlertDelivery[] = [];
  const actions: AlertLogEntry[] = [];
  return {
    history,
    actions,
    async record(d) {
      history.push({ ...d });
    },
    async logAction(e) {
      actions.push({ ...e });
    },
    latest() {
      const byId = new Map<string, AlertDelivery>();
      for (const d of history) byId.set(d.id, d);
      return [...byId.values()];
    },
  };
}

const notifiers: Notifier[] = [];

function notifier(channels: NotificationChannel[], log: DeliveryLog, extra: Partial<NotifierOptions> = {}): Notifier {
  const n = createNotifier({ channels: () => channels, log, linkBase: LINK_BASE, retry: FAST_RETRY, timeoutMs: 2000, ...extra });
  notifiers.push(n);
  return n;
}

afterEach(async () => {
  await Promise.all(notifiers.splice(0).map((n) => n.close()));
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const opened = (patch: Parameters<typeof alertFixture>[0] = {}): AlertNotice => ({ alert: alertFixture(patch), action: 'opened' });

// ---------------------------------------------------------------- webhooks

describe('webhook delivery to a real HTTP receiver', () => {
  const DING_SECRET = 'SECtest-dingtalk-secret';
  const FEISHU_SECRET = 'feishu-test-secret';

  /** What each robot checks on arrival, written from its documentation, not from the formatter. */
  const checks: Record<Exclude<NotificationChannel['kind'], 'email'>, (r: Received) => void> = {
    webhook(r) {
      const body = r.body as GenericWebhookBody;
      expect(body.type).toBe('fenghuo.alert');
      expect(body.action).toBe('opened');
      expect(body.alert.id).toBe('a-1');
      expect(body.links).toEqual({ alert: `${LINK_BASE}/alerts/a-1`, event: `${LINK_BASE}/events/e-1` });
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers['x-fenghuo-delivery']).toMatch(/^[0-9a-f]{32}$/);
    },
    wecom(r) {
      const body = r.body as WecomBody;
      expect(body.msgtype).toBe('markdown');
      expect(Buffer.byteLength(body.markdown.content)).toBeLessThanOrEqual(4096);
      expect(body.markdown.content).toContain('【高】舆情预警：荆州沙市区暴雨内涝');
    },
    dingtalk(r) {
      const body = r.body as DingtalkBody;
      expect(body.msgtype).toBe('markdown');
      expect(body.markdown.title).toContain('舆情预警');
      expect(body.markdown.text).toContain(`(${LINK_BASE}/alerts/a-1)`);
      expect(r.query.get('access_token')).toBe('tok');
      const timestamp = Number(r.query.get('timestamp'));
      expect(Math.abs(Date.now() - timestamp)).toBeLessThan(60_000);
      const expected = createHmac('sha256', DING_SECRET).update(`${timestamp}\n${DING_SECRET}`).digest('base64');
      expect(r.query.get('sign')).toBe(expected);
    },
    feishu(r) {
      const body = r.body as FeishuBody;
      expect(body.msg_type).toBe('interactive');
      expect(body.card.header.title.content).toContain('舆情预警');
      expect(body.timestamp).toMatch(/^\d{10}$/);
      expect(Math.abs(Date.now() / 1000 - Number(body.timestamp))).toBeLessThan(60);
      const expected = createHmac('sha256', `${body.timestamp}\n${FEISHU_SECRET}`).update('').digest('base64');
      expect(body.sign).toBe(expected);
    },
  };

  it.each(['webhook', 'wecom', 'dingtalk', 'feishu'] as const)('%s: the robot gets the body it expects and the delivery is sent', async (kind) => {
    const receiver = await startReceiver(() => ({ status: 200, body: OK_BODIES[kind] }));
    const url = kind === 'dingtalk' ? `${receiver.url}?access_token=tok` : receiver.url;
    const secret = kind === 'dingtalk' ? DING_SECRET : kind === 'feishu' ? FEISHU_SECRET : undefined;
    const log = memoryLog();
    const n = notifier([channelFixture({ kind, url, ...(secret ? { secret } : {}) })], log);

    await n.notify(opened());
    await n.drain();

    expect(receiver.requests).toHaveLength(1);
    checks[kind](receiver.requests[0]!);
    expect(log.latest()).toEqual([expect.objectContaining({ alert_id: 'a-1', channel_id: `ch-${kind}`, status: 'sent', attempts: 1, last_error: '' })]);
    expect(log.history.map((d) => d.status)).toEqual(['pending', 'sent']);
    expect(log.actions).toEqual([expect.objectContaining({ alert_id: 'a-1', action: 'delivery:sent', severity: 'high', actor: 'notifier', detail: `值班群-${kind}` })]);
  });

  it('HTTP 500 twice, then 200: sent on the third attempt, each attempt recorded', async () => {
    const receiver = await startReceiver((n) => (n <= 2 ? { status: 500, body: 'upstream exploded' } : { status: 200, body: OK_BODIES.wecom }));
    const log = memoryLog();
    const n = notifier([channelFixture({ kind: 'wecom', url: receiver.url })], log, { retry: { attempts: 5, baseDelayMs: 10, maxDelayMs: 40 } });

    await n.notify(opened());
    await n.drain();

    expect(receiver.requests).toHaveLength(3);
    expect(log.latest()).toEqual([expect.objectContaining({ status: 'sent', attempts: 3, last_error: '' })]);
    expect(log.history.map((d) => [d.status, d.attempts, d.last_error])).toEqual([
      ['pending', 0, ''],
      ['pending', 1, 'HTTP 500: upstream exploded'],
      ['pending', 2, 'HTTP 500: upstream exploded'],
      ['sent', 3, ''],
    ]);
    expect(log.actions.map((a) => a.action)).toEqual(['delivery:retry', 'delivery:retry', 'delivery:sent']);
    expect(log.actions[0]!.detail).toBe('值班群-wecom: attempt 1/5: HTTP 500: upstream exploded');
  });

  it('a robot that answers 200 with an errcode: retried, then failed with its errmsg', async () => {
    const receiver = await startReceiver(() => ({ status: 200, body: '{"errcode":310000,"errmsg":"keywords not in content"}' }));
    const log = memoryLog();
    const n = notifier([channelFixture({ kind: 'dingtalk', url: receiver.url })], log);

    await n.notify(opened());
    await n.drain();

    expect(receiver.requests).toHaveLength(FAST_RETRY.attempts);
    expect(log.latest()).toEqual([expect.objectContaining({ status: 'failed', attempts: 3, last_error: 'DingTalk errcode 310000: keywords not in content' })]);
    expect(log.actions.at(-1)).toEqual(expect.objectContaining({ action: 'delivery:failed', detail: '值班群-dingtalk: DingTalk errcode 310000: keywords not in content' }));
  });

  it('an unreachable URL: failed with the connection error', async () => {
    const closed = await startReceiver(() => ({ status: 200 }));
    await closed.close();
    receivers.splice(receivers.indexOf(closed), 1);
    const log = memoryLog();
    const n = notifier([channelFixture({ kind: 'feishu', url: closed.url })], log);

    await n.notify(opened());
    await n.drain();

    const [d] = log.latest();
    expect(d).toEqual(expect.objectContaining({ status: 'failed', attempts: 3 }));
    expect(d!.last_error).toMatch(/^connection failed: .*ECONNREFUSED/);
  });

  it('a receiver that never answers: each attempt times out', async () => {
    const never = new Promise<void>(() => {});
    const receiver = await startReceiver(() => ({ status: 200, wait: never }));
    const log = memoryLog();
    const n = notifier([channelFixture({ kind: 'webhook', url: receiver.url })], log, { timeoutMs: 150, retry: { attempts: 2, baseDelayMs: 10 } });

    await n.notify(opened());
    await n.drain();

    expect(receiver.requests).toHaveLength(2);
    expect(log.latest()).toEqual([expect.objectContaining({ status: 'failed', attempts: 2, last_error: 'timed out after 150 ms' })]);
  });

  it('only enabled channels at or below the alert severity get it', async () => {
    const byMin = await Promise.all((['low', 'medium', 'high', 'critical'] as const).map(async (min) => ({ min, r: await startReceiver(() => ({ status: 204 })) })));
    const disabled = await startReceiver(() => ({ status: 204 }));
    const channels = [
      ...byMin.map(({ min, r }) => channelFixture({ kind: 'webhook', id: `ch-${min}`, url: r.url, min_severity: min })),
      channelFixture({ kind: 'webhook', id: 'ch-off', url: disabled.url, min_severity: 'low', enabled: false }),
    ];
    const log = memoryLog();
    const n = notifier(channels, log);

    await n.notify(opened({ severity: 'high' }));
    await n.drain();

    expect(Object.fromEntries(byMin.map(({ min, r }) => [min, r.requests.length]))).toEqual({ low: 1, medium: 1, high: 1, critical: 0 });
    expect(disabled.requests).toHaveLength(0);
    expect(log.latest().map((d) => d.channel_id).sort()).toEqual(['ch-high', 'ch-low', 'ch-medium']);
  });

  it('the same change twice is sent once; an escalation and a resolution are new; an update is not sent', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    const log = memoryLog();
    const n = notifier([channelFixture({ kind: 'webhook', url: receiver.url })], log);
    const change = opened();

    await n.notify(change);
    await n.notify(change);
    await n.drain();
    await n.notify(structuredClone(change));
    await n.drain();
    expect(receiver.requests).toHaveLength(1);

    await n.notify({ alert: alertFixture({ severity: 'critical' }), action: 'escalated' });
    await n.notify({ alert: alertFixture({ severity: 'critical' }), action: 'updated' });
    await n.notify({ alert: alertFixture({ severity: 'critical', status: 'resolved' }), action: 'resolved' });
    await n.drain();

    expect(receiver.requests.map((r) => (r.body as GenericWebhookBody).action)).toEqual(['opened', 'escalated', 'resolved']);
    expect(log.latest()).toHaveLength(3);
  });

  it('notify returns before the robot answers, and drain waits for it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const receiver = await startReceiver(() => ({ status: 200, body: OK_BODIES.feishu, wait: gate }));
    const log = memoryLog();
    const n = notifier([channelFixture({ kind: 'feishu', url: receiver.url })], log);

    await n.notify(opened());
    expect(log.latest().filter((d) => d.status === 'sent')).toHaveLength(0);

    const drained = n.drain();
    release();
    await drained;
    expect(log.latest()).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
  });

  it('close cuts a pending retry short and records the delivery as failed', async () => {
    const receiver = await startReceiver(() => ({ status: 503, body: 'maintenance' }));
    const log = memoryLog();
    const n = notifier([channelFixture({ kind: 'webhook', url: receiver.url })], log, { retry: { attempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } });

    await n.notify(opened());
    while (!log.history.some((d) => d.attempts === 1)) await new Promise((r) => setTimeout(r, 5));
    const started = Date.now();
    await n.close();

    expect(Date.now() - started).toBeLessThan(5000);
    expect(receiver.requests).toHaveLength(1);
    expect(log.latest()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1, last_error: 'notifier closed before the next attempt; last error: HTTP 503: maintenance' })]);
    await n.notify(opened({ id: 'a-2' }));
    await n.drain();
    expect(receiver.requests).toHaveLength(1);
  });

  it('a failing channel list is logged, not thrown at the caller', async () => {
    const errors: string[] = [];
    const logger = { info() {}, warn() {}, error: (_: object, msg?: string) => void errors.push(msg ?? '') };
    const n = notifier([], memoryLog(), { channels: () => Promise.reject(new Error('store down')), logger });

    await expect(n.notify(opened())).resolves.toBeUndefined();
    await n.drain();
    expect(errors).toEqual(['notifier: could not read notification channels; alert not sent']);
  });

  it('a failing delivery log does not stop the message', async () => {
    const receiver = await startReceiver(() => ({ status: 200 }));
    const broken: DeliveryLog = { record: () => Promise.reject(new Error('store down')), logAction: () => Promise.reject(new Error('store down')) };
    const warnings: string[] = [];
    const n = notifier([channelFixture({ kind: 'webhook', url: receiver.url })], broken, { logger: { info() {}, error() {}, warn: (_: object, msg?: string) => void warnings.push(msg ?? '') } });

    await n.notify(opened());
    await n.drain();
    expect(receiver.requests).toHaveLength(1);
    expect(warnings).toContain('notifier: could not write delivery');
  });
});

// ---------------------------------------------------------------- email

describe('email delivery to a real SMTP server', () => {
  const mails: ParsedMail[] = [];
  let smtp: SMTPServer;
  let port: number;

  beforeAll(async () => {
    smtp = new SMTPServer({
      // Plain SMTP on loopback: the test has no certificate to offer.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === 'duty' && auth.password === 'pa55') return callback(null, { user: 'duty' });
        return callback(new Error('Invalid username or password'));
      },
      onData(stream, _session, callback) {
        simpleParser(stream).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    port = (smtp.server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const emailChannel = channelFixture({ kind: 'email', to: ['duty@jingzhou.gov.cn', 'office@jingzhou.gov.cn'] });

  it('the mail arrives with the subject, the text and the HTML', async () => {
    const log = memoryLog();
    const n = notifier([emailChannel], log, { smtp: { host: '127.0.0.1', port, secure: false, user: 'duty', password: 'pa55', from: '烽火 <fenghuo@jingzhou.gov.cn>' } });

    await n.notify(opened());
    await n.drain();

    expect(log.latest()).toEqual([expect.objectContaining({ channel_id: 'ch-email', status: 'sent', attempts: 1, last_error: '' })]);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toBe('[烽火] 【高】舆情预警：荆州沙市区暴雨内涝 多车被淹');
    expect(mail.from?.value[0]?.address).toBe('fenghuo@jingzhou.gov.cn');
    const to = Array.isArray(mail.to) ? mail.to.flatMap((a) => a.value) : (mail.to?.value ?? []);
    expect(to.map((a) => a.address)).toEqual(['duty@jingzhou.gov.cn', 'office@jingzhou.gov.cn']);
    expect(mail.text).toContain('触发原因');
    expect(mail.text).toContain(`查看预警：${LINK_BASE}/alerts/a-1`);
    expect(mail.html).toContain(`<a href="${LINK_BASE}/alerts/a-1">查看预警</a>`);
    expect(mail.headers.get('x-fenghuo-alert')).toBe('a-1');
  });

  it('a wrong password fails with the server\'s answer', async () => {
    const log = memoryLog();
    const n = notifier([emailChannel], log, { smtp: { host: '127.0.0.1', port, user: 'duty', password: 'wrong', from: 'fenghuo@jingzhou.gov.cn' }, retry: { attempts: 2, baseDelayMs: 10 } });

    await n.notify(opened({ id: 'a-wrong-password' }));
    await n.drain();

    const [d] = log.latest();
    expect(d).toEqual(expect.objectContaining({ status: 'failed', attempts: 2 }));
    expect(d!.last_error).toMatch(/^SMTP: .*Invalid username or password/);
  });

  it('without SMTP configured, an email channel fails at once with a clear error', async () => {
    const log = memoryLog();
    const n = notifier([emailChannel], log);

    await n.notify(opened());
    await n.drain();

    expect(log.latest()).toEqual([expect.objectContaining({ status: 'failed', attempts: 1, last_error: SMTP_NOT_CONFIGURED })]);
    expect(SMTP_NOT_CONFIGURED).toBe('SMTP is not configured (set FENGHUO_SMTP_URL)');
  });
});

import { createHash } from 'node:crypto';
import { createTransport, type SMTPSentMessageInfo, type Transporter } from 'nodemailer';
import { severityRank, type AlertDelivery, type NotificationChannel, type Severity } from '@fenghuo/shared';
import { emailMessage, webhookRequest, type AlertAction, type AlertNotice } from './formatters';

/** Where delivery attempts become visible: `alert_deliveries` and `alert_log` in production. */
export interface DeliveryLog {
  record(d: AlertDelivery): Promise<void>;
  logAction(entry: AlertLogEntry): Promise<void>;
}

export interface AlertLogEntry {
  alert_id: string;
  at: number;
  action: string;
  severity: Severity;
  actor: string;
  detail: string;
}

export interface SmtpOptions {
  host: string;
  port: number;
  /** Implicit TLS (port 465). Defaults to port === 465; otherwise STARTTLS is used when the server offers it. */
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
}

export interface RetryOptions {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The part of a pino logger the notifier uses. */
export interface NotifierLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface NotifierOptions {
  /** Read on every notify, so channel edits apply to the next alert without a restart. */
  channels: () => NotificationChannel[] | Promise<NotificationChannel[]>;
  log: DeliveryLog;
  fetch?: typeof fetch;
  smtp?: SmtpOptions;
  /** The dashboard's public URL, for links in messages, e.g. http://localhost:8080. */
  linkBase: string;
  retry?: Partial<RetryOptions>;
  /** Per attempt, for the HTTP request or the SMTP conversation. */
  timeoutMs?: number;
  /** Times of delivery records and log entries. Signatures always use the real clock. */
  now?: () => number;
  logger?: NotifierLogger;
  /** Which alert changes are sent. Updates only refresh numbers and would flood the chat. */
  actions?: readonly AlertAction[];
}

export interface Notifier {
  /** Queues deliveries for a change and returns at once; never throws for a delivery problem. */
  notify(change: AlertNotice): Promise<void>;
  /** Resolves when every queued delivery has finished (sent or failed). */
  drain(): Promise<void>;
  /** Stops accepting changes, cuts pending retries short (recorded as failed), waits for requests in flight. */
  close(): Promise<void>;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_ACTIONS: readonly AlertAction[] = ['opened', 'escalated', 'resolved'];
export const SMTP_NOT_CONFIGURED = 'SMTP is not configured (set FENGHUO_SMTP_URL)';

/** Delivery ids already queued in this process; enough for days of alerts, bounded for weeks of uptime. */
const REMEMBERED_IDS = 10_000;
const EXCERPT_CHARS = 300;
const ACTOR = 'notifier';

/** A failure that another attempt cannot fix (missing configuration), so it is not retried. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** One id per (alert, channel, action, severity): a repeated change maps to the same delivery. */
export function deliveryId(alertId: string, channelId: string, action: AlertAction, severity: Severity): string {
  return createHash('sha256').update(JSON.stringify([alertId, channelId, action, severity])).digest('hex').slice(0, 32);
}

/** Exponential backoff with "equal jitter": never less than half the step, so retries stay spread out. */
export function backoffDelay(attempt: number, retry: RetryOptions, random: () => number = Math.random): number {
  const step = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export function channelWants(channel: NotificationChannel, severity: Severity): boolean {
  return channel.enabled && severityRank(severity) >= severityRank(channel.min_severity);
}

/** `smtp://user:pass@host:587` or `smtps://user:pass@host:465` → SMTP options. */
export function parseSmtpUrl(url: string, from: string): SmtpOptions {
  const u = new URL(url);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') throw new Error(`SMTP URL must start with smtp:// or smtps://, got ${u.protocol}//`);
  if (!u.hostname) throw new Error('SMTP URL has no host');
  const secure = u.protocol === 'smtps:';
  const options: SmtpOptions = { host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port ? Number(u.port) : secure ? 465 : 587, secure, from };
  if (u.username) options.user = decodeURIComponent(u.username);
  if (u.password) options.password = decodeURIComponent(u.password);
  return options;
}

const KIND_NAMES: Readonly<Record<NotificationChannel['kind'], string>> = {
  webhook: 'webhook',
  wecom: 'WeCom',
  dingtalk: 'DingTalk',
  feishu: 'Feishu',
  email: 'email',
};

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The robots answer HTTP 200 even when they drop the message; the verdict is in the body. */
export function robotVerdict(kind: NotificationChannel['kind'], body: string): string | undefined {
  if (kind === 'webhook' || kind === 'email') return undefined;
  const name = KIND_NAMES[kind];
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return `${name} answered with a body that is not JSON: ${excerpt(body)}`;
  }
  if (!isRecord(json)) return `${name} answered with an unexpected body: ${excerpt(body)}`;
  if (kind === 'feishu') {
    if (json.code === 0 || json.StatusCode === 0) return undefined;
    const code = json.code ?? json.StatusCode;
    const msg = json.msg ?? json.StatusMessage;
    return `${name} code ${String(code)}: ${typeof msg === 'string' ? msg : excerpt(body)}`;
  }
  if (json.errcode === 0) return undefined;
  return `${name} errcode ${String(json.errcode)}: ${typeof json.errmsg === 'string' ? json.errmsg : excerpt(body)}`;
}

/** fetch hides the reason for a failed connection in `cause`, sometimes in an AggregateError. */
function describeError(err: unknown, timeoutMs: number): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (err.name === 'AbortError' && isRecord(err.cause) && err.cause.name === 'TimeoutError') return `timed out after ${timeoutMs} ms`;
  if (err instanceof TypeError && err.cause instanceof Error) {
    const cause = err.cause instanceof AggregateError && err.cause.errors[0] instanceof Error ? err.cause.errors[0] : err.cause;
    const code = (cause as NodeJS.ErrnoException).code;
    const message = cause.message || code || cause.name;
    return `connection failed: ${message}`;
  }
  return err.message || err.name;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createNotifier(options: NotifierOptions): Notifier {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const merged: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  // With no attempt at all a delivery would stay pending for ever.
  const retry: RetryOptions = { ...merged, attempts: Math.max(1, Math.floor(merged.attempts)) };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const actions = new Set(options.actions ?? DEFAULT_ACTIONS);
  const { log, logger, smtp, linkBase } = options;

  const inflight = new Set<Promise<void>>();
  const queued = new Set<string>();
  const stop = new AbortController();
  let closed = false;
  let transporter: Transporter<SMTPSentMessageInfo> | undefined;

  function track(p: Promise<void>): void {
    const tracked = p.catch((err: unknown) => logger?.error({ err }, 'notifier: unexpected error')).finally(() => inflight.delete(tracked));
    inflight.add(tracked);
  }

  function remember(id: string): boolean {
    if (queued.has(id)) return false;
    queued.add(id);
    if (queued.size > REMEMBERED_IDS) queued.delete(queued.values().next().value!);
    return true;
  }

  // A store outage must not stop a message from reaching the duty officer.
  async function safely(what: string, write: () => Promise<void>): Promise<void> {
    try {
      await write();
    } catch (err) {
      logger?.warn({ err }, `notifier: could not write ${what}`);
    }
  }

  function mailer(config: SmtpOptions): Transporter<SMTPSentMessageInfo> {
    transporter ??= createTransport({
      host: config.host,
      port: config.port,
      secure: config.secure ?? config.port === 465,
      ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
    });
    return transporter;
  }

  /** Sends once. Resolves with a note worth keeping (partial success) or throws with a readable reason. */
  async function send(channel: NotificationChannel, change: AlertNotice, id: string): Promise<string> {
    if (channel.kind === 'email') {
      if (!smtp) throw new PermanentDeliveryError(SMTP_NOT_CONFIGURED);
      if (!channel.to.length) throw new PermanentDeliveryError('email channel has no recipients');
      const message = emailMessage(change, linkBase);
      try {
        const info = await mailer(smtp).sendMail({
          from: smtp.from,
          to: channel.to,
          ...message,
          headers: { 'X-Fenghuo-Delivery': id, 'X-Fenghuo-Alert': change.alert.id },
          signal: AbortSignal.timeout(timeoutMs),
        });
        const rejected = info.rejected ?? [];
        return rejected.length ? `rejected recipients: ${rejected.join(', ')}` : '';
      } catch (err) {
        throw new Error(`SMTP: ${describeError(err, timeoutMs)}`);
      }
    }
    if (!channel.url) throw new PermanentDeliveryError(`${KIND_NAMES[channel.kind]} channel has no url`);
    // Signed per attempt and by the real clock: the robots refuse a signature more than an hour old.
    const request = webhookRequest(channel, change, linkBase, Date.now());
    let status: number;
    let body: string;
    try {
      const res = await fetchImpl(request.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'fenghuo-notifier',
          // Lets a receiver drop a repeat when an earlier attempt did arrive but its answer was lost.
          'x-fenghuo-delivery': id,
        },
        body: JSON.stringify(request.body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      body = await res.text();
    } catch (err) {
      throw new Error(describeError(err, timeoutMs));
    }
    if (status < 200 || status > 299) throw new Error(`HTTP ${status}: ${excerpt(body) || '(empty body)'}`);
    const verdict = robotVerdict(channel.kind, body);
    if (verdict) throw new Error(verdict);
    return '';
  }

  async function deliver(change: AlertNotice, channel: NotificationChannel, id: string): Promise<void> {
    const { alert } = change;
    const base = { id, alert_id: alert.id, channel_id: channel.id };
    const logAction = (action: string, detail: string) =>
      safely('alert log', () => log.logAction({ alert_id: alert.id, at: now(), action, severity: alert.severity, actor: ACTOR, detail }));
    const fail = async (attempts: number, lastError: string) => {
      await safely('delivery', () => log.record({ ...base, status: 'failed', attempts, last_error: lastError, updated_at: now() }));
      await logAction('delivery:failed', `${channel.name}: ${lastError}`);
      logger?.warn({ alert: alert.id, channel: channel.name, attempts, error: lastError }, 'notifier: delivery failed');
    };

    await safely('delivery', () => log.record({ ...base, status: 'pending', attempts: 0, last_error: '', updated_at: now() }));
    for (let attempt = 1; attempt <= retry.attempts; attempt++) {
      let lastError: string;
      try {
        const note = await send(channel, change, id);
        await safely('delivery', () => log.record({ ...base, status: 'sent', attempts: attempt, last_error: note, updated_at: now() }));
        await logAction('delivery:sent', note ? `${channel.name}: ${note}` : channel.name);
        return;
      } catch (err) {
        lastError = err instanceof Error ? err.message : String(err);
        if (err instanceof PermanentDeliveryError || attempt === retry.attempts || stop.signal.aborted) return fail(attempt, lastError);
      }
      await safely('delivery', () => log.record({ ...base, status: 'pending', attempts: attempt, last_error: lastError, updated_at: now() }));
      await logAction('delivery:retry', `${channel.name}: attempt ${attempt}/${retry.attempts}: ${lastError}`);
      await sleep(backoffDelay(attempt, retry), stop.signal);
      if (stop.signal.aborted) return fail(attempt, `notifier closed before the next attempt; last error: ${lastError}`);
    }
  }

  async function fanOut(change: AlertNotice): Promise<void> {
    let channels: NotificationChannel[];
    try {
      channels = await options.channels();
    } catch (err) {
      logger?.error({ err, alert: change.alert.id }, 'notifier: could not read notification channels; alert not sent');
      return;
    }
    for (const channel of channels) {
      // A plain message (the daily brief) goes to every enabled channel; alerts by severity.
      if (change.message ? !channel.enabled : !channelWants(channel, change.alert.severity)) continue;
      const id = deliveryId(change.alert.id, channel.id, change.action, change.alert.severity);
      if (remember(id)) track(deliver(change, channel, id));
    }
  }

  async function drain(): Promise<void> {
    while (inflight.size) await Promise.allSettled([...inflight]);
  }

  return {
    notify(change) {
      if (!actions.has(change.action)) return Promise.resolve();
      if (closed) {
        logger?.warn({ alert: change.alert.id, action: change.action }, 'notifier: closed, change not sent');
        return Promise.resolve();
      }
      // A snapshot: the engine keeps mutating its alert while retries are pending.
      track(fanOut(structuredClone(change)));
      return Promise.resolve();
    },
    drain,
    async close() {
      closed = true;
      stop.abort();
      await drain();
      transporter?.close();
      transporter = undefined;
    },
  };
}

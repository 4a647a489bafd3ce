import { SEVERITIES, ESCALATION_ROLE_LABELS, type Alert, type NotificationChannel } from '@fenghuo/shared';
import { createNotifier, type DeliveryLog, type Notifier, type NotifierLogger, type RetryOptions, type SmtpOptions } from '../notify/notifier';
import { SEVERITY_LABELS, type PlainMessage } from '../notify/formatters';
import type { DutyPage } from './duty';

/** The page as a plain message: who is called and why, how long before it moves on, the one-time acknowledgement link first. */
export function pageMessage(p: DutyPage, unitName: string | undefined): PlainMessage {
  const s = p.escalation.subject;
  return {
    headline: `【值班呼叫】${s.title}`,
    lines: [
      { label: '级别', value: SEVERITY_LABELS[s.severity] },
      { label: '责任单位', value: unitName ?? s.unit_id },
      { label: '呼叫', value: `${ESCALATION_ROLE_LABELS[p.target.role]} ${p.person.name}` },
      { label: '请确认', value: `${p.wait_min} 分钟内未确认将升级至下一级` },
    ],
    links: [
      { label: '确认收到（一次有效）', url: p.ack_url },
      { label: '查看详情', url: p.subject_url },
    ],
  };
}

/** The person's channel as a notification channel of its own, so the notifier's formatting, retries and delivery log apply. */
export function pageChannel(p: DutyPage): NotificationChannel {
  const c = p.person.channel;
  return {
    id: `duty-${p.escalation.id}-${p.step}`,
    kind: c.kind === 'in_app' ? 'webhook' : c.kind,
    name: `值班 ${p.person.name}`,
    ...(c.url ? { url: c.url } : {}),
    ...(c.secret ? { secret: c.secret } : {}),
    to: c.to ? [c.to] : [],
    min_severity: SEVERITIES[0],
    enabled: true,
    updated_at: 0,
  };
}

/** The alert a page is delivered under: the subject's own alert (its deliveries and timeline), else the escalation. */
function pageAlert(p: DutyPage, at: number): Alert {
  const s = p.escalation.subject;
  return { id: s.kind === 'alert' ? s.id : p.escalation.id, event_id: '', title: s.title, severity: s.severity, status: 'open', opened_at: at, updated_at: at, reasons: [], first_mentions: [], samples: [], rumor_score: 0, ...(s.incident_id ? { incident_id: s.incident_id } : {}) };
}

export interface DutyPagerOptions {
  log: DeliveryLog;
  linkBase: string;
  smtp?: SmtpOptions;
  fetch?: typeof fetch;
  retry?: Partial<RetryOptions>;
  logger?: NotifierLogger;
  unitName?: (unitId: string) => Promise<string | undefined>;
  now?: () => number;
}

/**
 * Sends pages through the person's own channel with the alert notifier
 * (retries, delivery records): one notifier per page, since each page goes
 * to one channel only. Returns once the page is queued; `close` waits for
 * deliveries in flight.
 */
export function createDutyPager(options: DutyPagerOptions): { page(p: DutyPage): Promise<void>; drain(): Promise<void>; close(): Promise<void> } {
  const open = new Set<Notifier>();
  return {
    async page(p) {
      const channel = pageChannel(p);
      const notifier = createNotifier({ channels: () => [channel], log: options.log, linkBase: options.linkBase, ...(options.smtp ? { smtp: options.smtp } : {}), ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.retry ? { retry: options.retry } : {}), ...(options.logger ? { logger: options.logger } : {}), ...(options.now ? { now: options.now } : {}) });
      open.add(notifier);
      const message = pageMessage(p, await options.unitName?.(p.target.unit_id));
      await notifier.notify({ alert: pageAlert(p, (options.now ?? Date.now)()), action: 'opened', message });
      void notifier.drain().then(() => open.delete(notifier));
    },
    async drain() {
      await Promise.all([...open].map((n) => n.drain()));
    },
    async close() {
      await Promise.all([...open].map((n) => n.close()));
      open.clear();
    },
  };
}

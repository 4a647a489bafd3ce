import type { Alert, AlertDelivery, NotificationChannel } from '@fenghuo/shared';
import { createNotifier, type NotifierOptions } from '../notify';

/**
 * Sends a made-up alert through one channel, now, to check its set-up
 * (URL, signing secret, robot keyword, SMTP). Nothing is stored.
 */
export async function sendTestNotification(
  channel: NotificationChannel,
  options: Pick<NotifierOptions, 'linkBase' | 'smtp' | 'fetch'>,
  now = Date.now(),
): Promise<{ ok: boolean; error?: string; attempts: number }> {
  const deliveries: AlertDelivery[] = [];
  const notifier = createNotifier({
    ...options,
    channels: () => [{ ...channel, enabled: true, min_severity: 'low' }],
    log: {
      record: async (d) => {
        deliveries.push(d);
      },
      logAction: async () => {},
    },
    retry: { attempts: 1 },
  });
  const alert: Alert = {
    id: `test-${now.toString(36)}`,
    event_id: 'test',
    title: '【测试】烽火舆情预警通道测试消息',
    severity: 'medium',
    status: 'open',
    opened_at: now,
    updated_at: now,
    reasons: [{ kind: 'test', detail: '这是一条测试消息，用于检查预警通道配置', series: 'test', observed: 0, expected: 0, statistic: 'test', value: 0, threshold: 0, severity: 'medium', at: now }],
    first_mentions: [],
    samples: [],
    rumor_score: 0,
  };
  await notifier.notify({ alert, action: 'opened' });
  await notifier.drain();
  await notifier.close();
  const last = deliveries.at(-1);
  if (!last) return { ok: false, error: 'nothing was sent', attempts: 0 };
  return last.status === 'sent' ? { ok: true, attempts: last.attempts } : { ok: false, error: last.last_error, attempts: last.attempts };
}

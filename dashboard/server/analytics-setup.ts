import type { Config } from '@fenghuo/shared';
import { parseSmtpUrl, sendTestNotification, type ChannelRepository } from '@fenghuo/analytics';

/** Sends the test message of POST /api/v1/channels/:id/test with this process's notification settings. */
export function channelTester(config: Config, channels: ChannelRepository) {
  return async (id: string): Promise<{ ok: boolean; error?: string }> => {
    const channel = await channels.get(id);
    if (!channel) return { ok: false, error: `no channel ${id}` };
    return sendTestNotification(channel, {
      linkBase: config.notify.publicUrl,
      ...(config.notify.smtpUrl ? { smtp: parseSmtpUrl(config.notify.smtpUrl, config.notify.smtpFrom) } : {}),
    });
  };
}

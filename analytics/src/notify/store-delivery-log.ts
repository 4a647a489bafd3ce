import { TABLES, type Store } from '@fenghuo/shared';
import type { DeliveryLog } from './notifier';

const DELIVERY_COLUMNS = ['delivery_id', 'alert_id', 'channel_id', 'status', 'attempts', 'last_error', 'updated_at', 'version'] as const;
const LOG_COLUMNS = ['alert_id', 'at', 'action', 'severity', 'actor', 'detail'] as const;

let lastVersion = 0;

/** Two updates of one delivery can land in the same millisecond; the later must still win. */
function nextVersion(): number {
  lastVersion = Math.max(Date.now() * 1000, lastVersion + 1);
  return lastVersion;
}

/**
 * Writes delivery state to `alert_deliveries` (ReplacingMergeTree: the row
 * with the highest version wins) and every attempt to `alert_log`.
 */
export function createStoreDeliveryLog(store: Store): DeliveryLog {
  return {
    async record(d) {
      await store.insert(TABLES.deliveries, DELIVERY_COLUMNS, [
        [d.id, d.alert_id, d.channel_id, d.status, d.attempts, d.last_error, d.updated_at, nextVersion()],
      ]);
    },
    async logAction(e) {
      await store.insert(TABLES.alertLog, LOG_COLUMNS, [[e.alert_id, e.at, e.action, e.severity, e.actor, e.detail]]);
    },
  };
}

import { TOPICS, type Alert, type Bus, type Store } from '@fenghuo/shared';
import { getAlert } from '../queries/alerts.query';
import { writeAlertLog, writeAlerts } from '../worker/persist';

export class AlertStateError extends Error {
  override name = 'AlertStateError';
  readonly status = 409;
}

/**
 * A duty officer takes an alert: it is stored and logged as acknowledged,
 * announced to live views, and sent to the analytics worker so that its own
 * copy (which it keeps escalating) carries the acknowledgement too.
 * Acknowledging twice changes nothing; a resolved alert cannot be taken.
 */
export async function acknowledgeAlert(store: Store, bus: Bus, id: string, by: string, now = Date.now()): Promise<Alert | undefined> {
  const alert = await getAlert(store, id);
  if (!alert) return undefined;
  if (alert.status === 'acknowledged') return alert;
  if (alert.status === 'resolved') throw new AlertStateError(`alert ${id} was resolved at ${new Date(alert.resolved_at ?? alert.updated_at).toISOString()}`);
  const taken: Alert = { ...alert, status: 'acknowledged', acknowledged_at: now, acknowledged_by: by, updated_at: Math.max(alert.updated_at, now) };
  await writeAlerts(store, [taken]);
  await writeAlertLog(store, [{ alert_id: id, at: now, action: 'acknowledged', severity: taken.severity, actor: by }]);
  await bus.publish(TOPICS.alerts, [{ key: id, value: JSON.stringify({ type: 'ack', action: 'acknowledged', alert: taken }) }]);
  await bus.publish(TOPICS.analyticsCommands, [{ key: id, value: JSON.stringify({ type: 'ack', alert_id: id, by, at: now }) }]);
  return taken;
}

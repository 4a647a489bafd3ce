import type { Alert, AlertStreamMessage } from '@fenghuo/shared/analytics';

/**
 * The alerts a screen knows of, from the feed's first list and every change
 * after it: an acknowledgment or resolution anywhere changes them here.
 */
export function applyAlertMessage(alerts: ReadonlyMap<string, Alert>, event: string, msg: AlertStreamMessage): Map<string, Alert> {
  const next = new Map(alerts);
  const a = msg.alert;
  if (!a) return next;
  if (event === 'resolved' || a.status === 'resolved') next.delete(a.id);
  else next.set(a.id, a);
  return next;
}

/** Open (unacknowledged) alerts of high or critical severity, newest first: what the banner shows. */
export function bannerAlerts(alerts: ReadonlyMap<string, Alert>): Alert[] {
  return [...alerts.values()].filter((a) => a.status === 'open' && !a.incident_id && (a.severity === 'high' || a.severity === 'critical')).sort((a, b) => b.updated_at - a.updated_at);
}

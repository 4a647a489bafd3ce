import { TABLES, toNumber, type Alert, type EventSummary, type RumorSignalContribution, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '@fenghuo/infra';
import type { AlertChange, EventMember } from '../engine/types';

/** Writes what the engine produced: events, their members, alerts and the alert log, and the worker's progress. */

let lastVersion = 0;
/** Row versions for ReplacingMergeTree tables: increasing within a process even within one millisecond. */
export function nextVersion(now = Date.now()): number {
  lastVersion = Math.max(lastVersion + 1, now * 1000);
  return lastVersion;
}

const EVENT_COLUMNS = [
  'event_id', 'title', 'representative', 'keywords', 'first_seen', 'last_seen', 'size', 'recent', 'expected',
  'platforms', 'provinces', 'cities', 'positive', 'negative', 'neutral', 'rumor_score', 'rumor_signals', 'kb_match',
  'merged_into', 'version',
] as const;

export async function writeEvents(store: Store, events: readonly EventSummary[], signals: (id: string) => RumorSignalContribution[]): Promise<void> {
  if (!events.length) return;
  await store.insert(
    TABLES.events,
    EVENT_COLUMNS,
    events.map((e) => [
      e.id, e.title, e.representative, e.keywords, toDateTime64(e.first_seen), toDateTime64(e.last_seen), e.size, e.recent, e.expected,
      e.platforms, e.provinces, e.cities, e.sentiment.positive, e.sentiment.negative, e.sentiment.neutral, e.rumor_score,
      JSON.stringify(signals(e.id)), e.kb_match ? JSON.stringify(e.kb_match) : '', e.merged_into ?? '', nextVersion(),
    ]),
  );
}

export async function writeMembers(store: Store, members: readonly EventMember[]): Promise<void> {
  if (!members.length) return;
  await store.insert(
    TABLES.eventMentions,
    ['event_id', 'platform', 'id', 'time'],
    members.map((m) => [m.eventId, m.platform, m.id, toDateTime64(m.time)]),
  );
}

const ALERT_COLUMNS = ['alert_id', 'event_id', 'severity', 'status', 'opened_at', 'updated_at', 'body', 'version'] as const;

export async function writeAlerts(store: Store, alerts: readonly Alert[]): Promise<void> {
  if (!alerts.length) return;
  await store.insert(
    TABLES.alerts,
    ALERT_COLUMNS,
    alerts.map((a) => [a.id, a.event_id, a.severity, a.status, toDateTime64(a.opened_at), toDateTime64(a.updated_at), JSON.stringify(a), nextVersion()]),
  );
}

export interface AlertLogEntry {
  alert_id: string;
  at: number;
  action: string;
  severity: string;
  actor?: string;
  detail?: string;
}

export async function writeAlertLog(store: Store, entries: readonly AlertLogEntry[]): Promise<void> {
  if (!entries.length) return;
  await store.insert(
    TABLES.alertLog,
    ['alert_id', 'at', 'action', 'severity', 'actor', 'detail'],
    entries.map((e) => [e.alert_id, toDateTime64(e.at), e.action, e.severity, e.actor ?? '', e.detail ?? '']),
  );
}

/** Alert changes as log entries: what changed, with the reasons' numbers for the record. */
export function logEntriesFor(changes: readonly AlertChange[], actor = 'analytics'): AlertLogEntry[] {
  return changes.map((c) => ({
    alert_id: c.alert.id,
    at: c.action === 'acknowledged' ? (c.alert.acknowledged_at ?? c.alert.updated_at) : c.alert.updated_at,
    action: c.action,
    severity: c.severity,
    actor: c.action === 'acknowledged' ? (c.alert.acknowledged_by ?? actor) : actor,
    detail: c.alert.reasons.map((r) => `${r.kind}: ${r.detail}`).join('; '),
  }));
}

export interface WorkerState {
  /** Event time the engine had processed up to. */
  watermark: number;
  /** Storage time up to which mentions had been read. */
  cursor: number;
}

const STATE_KEY = 'analytics-worker';

export async function saveState(store: Store, state: WorkerState): Promise<void> {
  await store.insert(TABLES.analyticsState, ['key', 'value', 'version'], [[STATE_KEY, JSON.stringify(state), nextVersion()]]);
}

export async function loadState(store: Store): Promise<WorkerState | undefined> {
  const [row] = await store.query<{ value: string }>(`SELECT value FROM ${TABLES.analyticsState} FINAL WHERE key = {key:String}`, { key: STATE_KEY });
  if (!row) return undefined;
  const v = JSON.parse(row.value) as Partial<WorkerState>;
  return typeof v.watermark === 'number' && typeof v.cursor === 'number' ? { watermark: v.watermark, cursor: v.cursor } : undefined;
}

/** Open and acknowledged alerts, and those resolved since `resolvedSince` (for their cool-down). */
export async function loadAlertsForRestore(store: Store, resolvedSince: number): Promise<{ open: Alert[]; resolved: Alert[] }> {
  const rows = await store.query<{ body: string; status: string }>(
    `SELECT body, status FROM ${TABLES.alerts} FINAL
     WHERE status IN ('open', 'acknowledged') OR updated_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC')`,
    { since: resolvedSince },
  );
  const open: Alert[] = [];
  const resolved: Alert[] = [];
  for (const r of rows) (r.status === 'resolved' ? resolved : open).push(JSON.parse(r.body) as Alert);
  return { open, resolved };
}

/** Stored sizes and first times of events (to carry on counting after a restart). */
export async function storedEventTotals(store: Store, ids: readonly string[]): Promise<Map<string, { size: number; firstSeen: number }>> {
  const out = new Map<string, { size: number; firstSeen: number }>();
  for (let i = 0; i < ids.length; i += 5_000) {
    const rows = await store.query<{ event_id: string; size: string | number; first: string | number }>(
      `SELECT event_id, size, toUnixTimestamp64Milli(first_seen) AS first FROM ${TABLES.events} FINAL WHERE event_id IN {ids:Array(String)}`,
      { ids: ids.slice(i, i + 5_000) },
    );
    for (const r of rows) out.set(r.event_id, { size: toNumber(r.size), firstSeen: toNumber(r.first) });
  }
  return out;
}

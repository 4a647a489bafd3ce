import { TABLES, toNumber, type Alert, type AlertStatus, type Store } from '@fenghuo/shared';

export interface AlertsFilter {
  status?: AlertStatus;
  limit: number;
}

/** Alerts, newest change first; with a status, only those in it. */
export async function listAlerts(store: Store, f: AlertsFilter): Promise<Alert[]> {
  const rows = await store.query<{ body: string; status: AlertStatus }>(
    `SELECT body, status FROM ${TABLES.alerts} FINAL
     WHERE {status:String} = '' OR status = {status:String}
     ORDER BY updated_at DESC, alert_id
     LIMIT {limit:UInt32}`,
    { status: f.status ?? '', limit: f.limit },
  );
  return rows.map((r) => ({ ...(JSON.parse(r.body) as Alert), status: r.status }));
}

export async function getAlert(store: Store, id: string): Promise<Alert | undefined> {
  const [row] = await store.query<{ body: string; status: AlertStatus }>(
    `SELECT body, status FROM ${TABLES.alerts} FINAL WHERE alert_id = {id:String}`,
    { id },
  );
  return row ? { ...(JSON.parse(row.body) as Alert), status: row.status } : undefined;
}

export interface AlertLogRow {
  at: number;
  action: string;
  severity: string;
  actor: string;
  detail: string;
}

/** The alert's history: opened, escalated, acknowledged, resolved, every delivery attempt. */
export async function alertHistory(store: Store, id: string): Promise<AlertLogRow[]> {
  const rows = await store.query<{ at: string | number; action: string; severity: string; actor: string; detail: string }>(
    `SELECT toUnixTimestamp64Milli(at) AS at, action, severity, actor, detail FROM ${TABLES.alertLog}
     WHERE alert_id = {id:String} ORDER BY at, action`,
    { id },
  );
  return rows.map((r) => ({ ...r, at: toNumber(r.at) }));
}

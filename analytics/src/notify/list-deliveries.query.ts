import { TABLES, toNumber, type AlertDelivery, type Store } from '@fenghuo/shared';

export interface ListDeliveriesFilter {
  alertId?: string;
  status?: AlertDelivery['status'];
  limit: number;
}

interface Row {
  delivery_id: string;
  alert_id: string;
  channel_id: string;
  status: string;
  attempts: number | string;
  last_error: string;
  updated_at: number | string;
}

const STATUSES: ReadonlySet<string> = new Set(['pending', 'sent', 'failed']);

/** Latest state of each delivery, newest first. An empty filter value means "any". */
export async function listDeliveries(store: Store, filter: ListDeliveriesFilter): Promise<AlertDelivery[]> {
  const rows = await store.query<Row>(
    `SELECT delivery_id, alert_id, channel_id, status, attempts, last_error,
            toUnixTimestamp64Milli(updated_at) AS updated_at
     FROM ${TABLES.deliveries} FINAL
     WHERE ({alert_id:String} = '' OR alert_id = {alert_id:String})
       AND ({status:String} = '' OR status = {status:String})
     ORDER BY updated_at DESC, delivery_id
     LIMIT {limit:UInt32}`,
    { alert_id: filter.alertId ?? '', status: filter.status ?? '', limit: Math.max(0, Math.floor(filter.limit)) },
  );
  return rows.map((r) => ({
    id: r.delivery_id,
    alert_id: r.alert_id,
    channel_id: r.channel_id,
    status: STATUSES.has(r.status) ? (r.status as AlertDelivery['status']) : 'pending',
    attempts: toNumber(r.attempts),
    last_error: r.last_error,
    updated_at: toNumber(r.updated_at),
  }));
}

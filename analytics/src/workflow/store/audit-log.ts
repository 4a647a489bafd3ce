import { randomUUID } from 'node:crypto';
import { toNumber, type AuditEntry, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '@fenghuo/infra';

/** The audit log (0004_workflow.sql): appended to, never updated or deleted. */
export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
  list(q: { from?: number; to?: number; actor?: string; objectType?: string; objectId?: string; action?: string; limit?: number }): Promise<AuditEntry[]>;
}

const COLUMNS = ['at', 'entry_id', 'actor', 'actor_name', 'action', 'object_type', 'object_id', 'before', 'after', 'ip', 'detail'] as const;

/** Secrets never reach the audit log, whatever object they ride on. */
const SECRET_KEYS = new Set(['password', 'password_hash', 'secret', 'token', 'token_hash', 'csrf_token']);

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? (v === undefined || v === null ? v : '[redacted]') : redactSecrets(v);
    return out;
  }
  return value;
}

export function createAuditLog(store: Store): AuditLog {
  return {
    async append(e) {
      await store.insert('audit_log', COLUMNS, [[
        toDateTime64(e.at), randomUUID(), e.actor, e.actor_name, e.action, e.object_type, e.object_id,
        e.before === undefined ? '' : JSON.stringify(redactSecrets(e.before)),
        e.after === undefined ? '' : JSON.stringify(redactSecrets(e.after)),
        e.ip ?? '', e.detail ?? '',
      ]]);
    },
    async list(q) {
      const where: string[] = [];
      const params: Record<string, unknown> = { limit: Math.min(q.limit ?? 1000, 100_000) };
      if (q.from !== undefined) { where.push('at >= fromUnixTimestamp64Milli({from:Int64})'); params.from = q.from; }
      if (q.to !== undefined) { where.push('at < fromUnixTimestamp64Milli({to:Int64})'); params.to = q.to; }
      if (q.actor) { where.push('actor = {actor:String}'); params.actor = q.actor; }
      if (q.objectType) { where.push('object_type = {objectType:String}'); params.objectType = q.objectType; }
      if (q.objectId) { where.push('object_id = {objectId:String}'); params.objectId = q.objectId; }
      if (q.action) { where.push('action = {action:String}'); params.action = q.action; }
      const rows = await store.query<{ at: string | number; actor: string; actor_name: string; action: string; object_type: string; object_id: string; before: string; after: string; ip: string; detail: string }>(
        `SELECT toUnixTimestamp64Milli(at) AS at, actor, actor_name, action, object_type, object_id, before, after, ip, detail
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, entry_id LIMIT {limit:UInt32}`,
        params,
      );
      return rows.map((r) => ({
        at: toNumber(r.at), actor: r.actor, actor_name: r.actor_name, action: r.action, object_type: r.object_type, object_id: r.object_id,
        ...(r.before ? { before: JSON.parse(r.before) as unknown } : {}),
        ...(r.after ? { after: JSON.parse(r.after) as unknown } : {}),
        ...(r.ip ? { ip: r.ip } : {}),
        ...(r.detail ? { detail: r.detail } : {}),
      }));
    },
  };
}

import { randomUUID } from 'node:crypto';
import { toNumber, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '@fenghuo/infra';

/** Another change landed on the version this one was based on (HTTP 409). */
export class ConflictError extends Error {
  override name = 'ConflictError';
  readonly status = 409;
  constructor(
    message: string,
    readonly current?: number,
  ) {
    super(message);
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly status = 404;
}

export interface Versioned<T> {
  state: T;
  /** Number of changes so far (the version the next change is based on). */
  seq: number;
}

export interface Change<T> {
  kind: string;
  id: string;
  action: string;
  actor: string;
  at: number;
  state: T;
  seq: number;
}

/**
 * Current state and full history of workflow objects (see 0004_workflow.sql):
 * an append-only log, one row per change carrying the whole state after it.
 */
export interface WorkflowLog {
  get<T>(kind: string, id: string): Promise<Versioned<T> | undefined>;
  list<T>(kind: string): Promise<Versioned<T>[]>;
  history<T>(kind: string, id: string): Promise<Change<T>[]>;
  /**
   * Appends a change to version `expected` (0 creates). Throws ConflictError
   * when the object is no longer at that version, whoever changed it.
   */
  append<T>(kind: string, id: string, expected: number, change: { action: string; actor: string; at: number; state: T; deleted?: boolean }): Promise<Versioned<T>>;
  /**
   * Read, change, append; on a conflict, read again and retry (for changes
   * that do not depend on what the user saw, e.g. a login count).
   */
  update<T>(kind: string, id: string, fn: (current: Versioned<T>) => { action: string; actor: string; at: number; state: T } | undefined, retries?: number): Promise<Versioned<T> | undefined>;
}

const TABLE = 'workflow_log';
const COLUMNS = ['kind', 'id', 'seq', 'change_id', 'action', 'actor', 'at', 'state', 'deleted'] as const;

export function createWorkflowLog(store: Store): WorkflowLog {
  const get = async <T>(kind: string, id: string): Promise<Versioned<T> | undefined> => {
    const rows = await store.query<{ seq: number | string; state: string; deleted: boolean | number }>(
      `SELECT seq, state, deleted FROM ${TABLE} WHERE kind = {kind:String} AND id = {id:String} ORDER BY seq DESC, at ASC LIMIT 1`,
      { kind, id },
    );
    const r = rows[0];
    if (!r || r.deleted === true || r.deleted === 1) return undefined;
    return { state: JSON.parse(r.state) as T, seq: toNumber(r.seq) };
  };

  const log: WorkflowLog = {
    get,
    async list<T>(kind: string) {
      const rows = await store.query<{ last: number | string; state: string }>(
        `SELECT max(seq) AS last, argMax(state, seq) AS state FROM ${TABLE} WHERE kind = {kind:String}
         GROUP BY id HAVING NOT argMax(deleted, seq) ORDER BY id`,
        { kind },
      );
      return rows.map((r) => ({ state: JSON.parse(r.state) as T, seq: toNumber(r.last) }));
    },
    async history<T>(kind: string, id: string) {
      const rows = await store.query<{ seq: number | string; action: string; actor: string; at: string; state: string }>(
        `SELECT seq, action, actor, toUnixTimestamp64Milli(at) AS at, state FROM ${TABLE}
         WHERE kind = {kind:String} AND id = {id:String} ORDER BY seq, at LIMIT 1 BY seq`,
        { kind, id },
      );
      return rows.map((r) => ({ kind, id, seq: toNumber(r.seq), action: r.action, actor: r.actor, at: toNumber(r.at), state: JSON.parse(r.state) as T }));
    },
    async append<T>(kind: string, id: string, expected: number, change: { action: string; actor: string; at: number; state: T; deleted?: boolean }) {
      const current = await store.query<{ last: number | string }>(
        `SELECT max(seq) AS last FROM ${TABLE} WHERE kind = {kind:String} AND id = {id:String}`,
        { kind, id },
      );
      const now = toNumber(current[0]?.last);
      if (now !== expected) throw new ConflictError(`${kind} ${id} changed meanwhile: version ${now}, not ${expected}; reload and try again`, now);
      const seq = expected + 1;
      const changeId = randomUUID();
      await store.insert(
        TABLE,
        COLUMNS,
        [[kind, id, seq, changeId, change.action, change.actor, toDateTime64(change.at), JSON.stringify(change.state), change.deleted ?? false]],
        // Two writers that both read `expected`: the second insert carries the
        // same token and is dropped by the table's deduplication window.
        { insert_deduplication_token: `${kind}/${id}/${seq}`, insert_deduplicate: 1 },
      );
      const landed = await store.query<{ change_id: string }>(
        `SELECT change_id FROM ${TABLE} WHERE kind = {kind:String} AND id = {id:String} AND seq = {seq:UInt32} ORDER BY at LIMIT 1`,
        { kind, id, seq },
      );
      if (landed[0]?.change_id !== changeId) throw new ConflictError(`${kind} ${id} was changed by someone else at the same time; reload and try again`, seq);
      return { state: change.state, seq };
    },
    async update<T>(kind: string, id: string, fn: (current: Versioned<T>) => { action: string; actor: string; at: number; state: T } | undefined, retries = 5) {
      for (let attempt = 0; ; attempt++) {
        const current = await get<T>(kind, id);
        if (!current) return undefined;
        const change = fn(current);
        if (!change) return current;
        try {
          return await log.append(kind, id, current.seq, change);
        } catch (error) {
          if (!(error instanceof ConflictError) || attempt >= retries) throw error;
        }
      }
    },
  };
  return log;
}

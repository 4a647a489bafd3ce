import type { ClickHouseClient } from '@clickhouse/client';

export type QueryParams = Record<string, unknown>;
export type QuerySettings = Record<string, string | number | boolean>;

/**
 * ClickHouse, embedded (chdb) or a server, behind one surface. Results use the
 * server's conventions on both: 64-bit integers arrive as strings.
 * Every value reaches SQL as a {name:Type} parameter, never pasted in.
 */
export interface Store {
  readonly kind: 'chdb' | 'server';
  readonly database: string;
  readonly client: ClickHouseClient;
  query<T = Record<string, unknown>>(sql: string, params?: QueryParams, settings?: QuerySettings): Promise<T[]>;
  command(sql: string, params?: QueryParams, settings?: QuerySettings): Promise<void>;
  /** Inserts rows given as arrays in `columns` order (JSONCompactEachRow). */
  insert(table: string, columns: readonly string[], rows: readonly unknown[][], settings?: QuerySettings): Promise<void>;
  /** Inserts rows already serialised as JSONCompactEachRow lines (one JSON array each, no newline). */
  insertJsonRows(table: string, columns: readonly string[], rows: readonly string[], settings?: QuerySettings): Promise<void>;
  /**
   * Runs one statement and returns its raw output (in the FORMAT it names),
   * with an optional data body for INSERT … FORMAT. For the HTTP front of the
   * embedded store.
   */
  execRaw(sql: string, params?: QueryParams, settings?: QuerySettings, body?: NodeJS.ReadableStream): Promise<NodeJS.ReadableStream>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
  /**
   * Embedded store only: runs a multi-statement script on the engine's
   * session and returns the last statement's output in `format`.
   */
  script?(sql: string, format: string): Promise<Buffer>;
}

export class StoreLockedError extends Error {
  override name = 'StoreLockedError';
}

export class StoreUnavailableError extends Error {
  override name = 'StoreUnavailableError';
}

/** ClickHouse returns UInt64/Int64 as strings (quoted JSON); counts fit in a JS number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return Number(value);
  if (typeof value === 'bigint') return Number(value);
  return 0;
}

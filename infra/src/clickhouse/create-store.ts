import fs from 'node:fs';
import path from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import {
  StoreLockedError,
  StoreUnavailableError,
  type QueryParams,
  type QuerySettings,
  type StorageConfig,
  type Store,
} from '@fenghuo/shared';

/**
 * Settings sent with every query on both backends, so chdb behaves like a
 * server: 64-bit integers as JSON strings (chdb's default is numbers), and
 * synchronous inserts (chdb defaults to async_insert=1, which would delay
 * visibility and hide insert errors).
 */
const BASE_SETTINGS: QuerySettings = {
  output_format_json_quote_64bit_integers: 1,
  async_insert: 0,
  date_time_input_format: 'best_effort',
  // mentions are partitioned by month of event time, and an import of an archive can hold more than
  // the default 100 months in one batch: the insert was refused, and as the refusal is not about a
  // row, the writer retried it for ever and ingest stopped (test/clock-skew.int.test.ts).
  max_partitions_per_insert_block: 0,
};

type ClientConnection = NonNullable<Parameters<typeof createClient>[0]>['connection'];

/** A row serialised already (on a worker thread): the client must send it as it is. */
class SerialisedRow {
  constructor(readonly json: string) {}
}

/** A `\uD800`–`\uDFFF` escape not itself escaped (an odd run of backslashes before it). */
const LONE_SURROGATE_ESCAPE = /(?<!\\)((?:\\\\)*)\\u[dD][89a-fA-F][0-9a-fA-F]{2}/g;

/**
 * JSON.stringify writes a lone UTF-16 surrogate (text cut mid-emoji, or
 * hostile input) as a `\uD800` escape, which ClickHouse refuses ("missing
 * second part of surrogate pair"), failing the whole batch. Paired
 * surrogates come out as the character itself, so every such escape in its
 * output is a lone one: it becomes U+FFFD, as any UTF-8 decoder would make it.
 */
export function wellFormedJson(json: string): string {
  return json.includes('\\ud') || json.includes('\\uD') ? json.replace(LONE_SURROGATE_ESCAPE, '$1\\ufffd') : json;
}

/** The client's JSON hooks: serialised rows pass through, everything else is JSON.stringify'd; both made well-formed. */
const JSON_HOOKS = {
  parse: JSON.parse,
  stringify: (value: unknown) => wellFormedJson(value instanceof SerialisedRow ? value.json : JSON.stringify(value)),
};

export interface CreateStoreOptions {
  /** Label written into the lock message, e.g. "fenghuo start". */
  holder?: string;
}

export async function createStore(config: StorageConfig, options: CreateStoreOptions = {}): Promise<Store> {
  return config.url ? createServerStore(config) : createChdbStore(config, options);
}

async function createServerStore(config: StorageConfig): Promise<Store> {
  const base = {
    url: config.url!,
    username: config.user,
    password: config.password,
    clickhouse_settings: BASE_SETTINGS,
    request_timeout: 120_000,
    json: JSON_HOOKS,
    // Very long parameter lists (the key lookups) go in a multipart body rather than the URL.
    use_multipart_params_auto: true,
  };
  const bootstrap = createClient(base);
  try {
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdent(config.database)}` });
  } catch (error) {
    throw new StoreUnavailableError(`cannot reach ClickHouse at ${redactUrl(config.url!)}: ${messageOf(error)}`);
  } finally {
    await bootstrap.close();
  }
  const client = createClient({ ...base, database: config.database });
  return wrapClient(client, 'server', config.database, undefined);
}

async function createChdbStore(config: StorageConfig, options: CreateStoreOptions): Promise<Store> {
  let lock: LockFile;
  try {
    makeWritableDir(config.chdbPath);
    lock = acquireLockFile(`${config.chdbPath}.lock`, options.holder ?? 'fenghuo');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM' && code !== 'ENOSPC') throw error;
    const dir = path.dirname(config.chdbPath);
    throw new StoreUnavailableError(
      `the data directory ${dir} is not writable (${code === 'ENOSPC' ? 'no space left on its disk' : code === 'EROFS' ? 'its filesystem is read-only' : 'permission denied'}: ${messageOf(error)}). ` +
        'The embedded store keeps its data there: free space or make it writable, or set FENGHUO_DATA_DIR to another directory.',
    );
  }
  let connection;
  try {
    connection = createChdbConnection({ path: config.chdbPath });
  } catch (error) {
    lock.release();
    // chdb prints the reason ("Cannot lock file … already running") natively
    // and throws only "Failed to create connection": our pid file tells.
    if (lock.holderDescription || /Cannot lock file|already running/i.test(messageOf(error))) {
      throw new StoreLockedError(lockedMessage(config.chdbPath, lock.holderDescription));
    }
    throw new StoreUnavailableError(
      `cannot open the embedded store at ${config.chdbPath}: ${messageOf(error)}. ` +
        'Another program may hold it (chdb allows one process per directory), or the directory is not writable.',
    );
  }
  // chdb types its Connection against @clickhouse/client-common, which the
  // client now bundles under another path: the shapes are the same.
  const client = createClient({ connection: connection as unknown as ClientConnection, clickhouse_settings: BASE_SETTINGS, json: JSON_HOOKS });
  // chdb ignores the client's `database` option; USE persists on its session.
  await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${quoteIdent(config.database)}` });
  await client.command({ query: `USE ${quoteIdent(config.database)}` });
  const store = wrapClient(client, 'chdb', config.database, lock.release);
  const raw = connection;
  store.script = async (sql, format) => Buffer.from((await raw.chdb.queryAsync(sql, { format })).bytes());
  return store;
}

/** Creates the directory and checks it takes writes; on a read-only filesystem Node's recursive mkdir says ENOENT, so the nearest existing parent is asked. */
function makeWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let parent = path.dirname(dir);
    while (!fs.existsSync(parent) && parent !== path.dirname(parent)) parent = path.dirname(parent);
    fs.accessSync(parent, fs.constants.W_OK);
    throw error;
  }
  fs.accessSync(dir, fs.constants.W_OK);
}

function lockedMessage(chdbPath: string, holder: string | undefined): string {
  return (
    `the embedded store at ${chdbPath} is held by another running Fenghuo process` +
    (holder ? ` (${holder})` : '') +
    '. chdb lets only one process open a data directory: stop that process, ' +
    'send the data through it instead (e.g. `pnpm fenghuo import … --server http://localhost:8080 --token …`), ' +
    'or use a ClickHouse server (CLICKHOUSE_URL) so that several processes can share storage.'
  );
}

interface LockFile {
  release: () => void;
  holderDescription?: string;
}

/**
 * A pid file beside the chdb directory. chdb's own file lock is what protects
 * the data; this file only lets the error name the process that holds it.
 */
function acquireLockFile(file: string, holder: string): LockFile {
  let holderDescription: string | undefined;
  try {
    const existing = JSON.parse(fs.readFileSync(file, 'utf8')) as { pid?: number; holder?: string; since?: string };
    if (existing.pid && existing.pid !== process.pid && isAlive(existing.pid)) {
      holderDescription = `pid ${existing.pid}, ${existing.holder ?? 'fenghuo'}, since ${existing.since ?? '?'}`;
    }
  } catch {
    // no lock file, or unreadable: nobody we can name
  }
  if (holderDescription) return { release: () => {}, holderDescription };
  const mine = JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() });
  fs.writeFileSync(file, mine);
  return {
    release: () => {
      try {
        if (fs.readFileSync(file, 'utf8') === mine) fs.unlinkSync(file);
      } catch {
        // already gone
      }
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function wrapClient(
  client: ClickHouseClient,
  kind: 'chdb' | 'server',
  database: string,
  onClose: (() => void) | undefined,
): Store {
  // On chdb a setting passed with one query stays set on the session for the
  // next ones. Remember every per-query setting and send its default back on
  // later queries that do not set it, so each query sees exactly its own.
  const touched = new Map<string, string | number | boolean>();

  async function effectiveSettings(settings: QuerySettings | undefined): Promise<QuerySettings> {
    if (kind !== 'chdb') return settings ?? {};
    const unknown = Object.keys(settings ?? {}).filter((k) => !touched.has(k) && !(k in BASE_SETTINGS));
    if (unknown.length) {
      const rs = await client.query({
        query: 'SELECT name, default FROM system.settings WHERE name IN {names:Array(String)}',
        query_params: { names: unknown },
        format: 'JSONEachRow',
      });
      for (const row of await rs.json<{ name: string; default: string }>()) touched.set(row.name, row.default);
    }
    const out: QuerySettings = {};
    for (const [k, v] of touched) out[k] = v;
    return { ...out, ...settings };
  }

  let closed = false;
  const inFlight = new Set<Promise<unknown>>();
  return {
    kind,
    database,
    client,
    query<T>(sql: string, params?: QueryParams, settings?: QuerySettings): Promise<T[]> {
      return tracked(sql, async () => {
        const rs = await client.query({
          query: sql,
          query_params: params ?? {},
          format: 'JSONEachRow',
          clickhouse_settings: await effectiveSettings(settings),
        });
        return rs.json<T>();
      });
    },
    command(sql: string, params?: QueryParams, settings?: QuerySettings): Promise<void> {
      return tracked(sql, async () => {
        await client.command({
          query: sql,
          query_params: params ?? {},
          clickhouse_settings: await effectiveSettings(settings),
        });
      });
    },
    insert(table, columns, rows, settings): Promise<void> {
      if (rows.length === 0) return Promise.resolve();
      return tracked(`INSERT INTO ${table}`, async () => {
        await client.insert({
          table,
          values: rows as unknown[][],
          columns: columns as [string, ...string[]],
          format: 'JSONCompactEachRow',
          clickhouse_settings: await effectiveSettings(settings),
        });
      });
    },
    insertJsonRows(table, columns, rows, settings): Promise<void> {
      if (rows.length === 0) return Promise.resolve();
      return tracked(`INSERT INTO ${table}`, async () => {
        await client.insert({
          table,
          values: rows.map((r) => new SerialisedRow(r)) as unknown as unknown[][],
          columns: columns as [string, ...string[]],
          format: 'JSONCompactEachRow',
          clickhouse_settings: await effectiveSettings(settings),
        });
      });
    },
    execRaw(sql, params, settings, body): Promise<NodeJS.ReadableStream> {
      return tracked(sql, async () => {
        const result = await client.exec({
          query: sql,
          query_params: params ?? {},
          clickhouse_settings: await effectiveSettings(settings),
          ...(body ? { values: body as never } : {}),
        });
        return result.stream;
      });
    },
    async ping(): Promise<boolean> {
      if (closed) return false;
      try {
        const result = await client.ping();
        return result.success;
      } catch {
        return false;
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      // Embedded, a query still running when the session closes crashes the
      // process (SIGSEGV): the queries in flight finish first (up to 10 s).
      if (inFlight.size) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled(inFlight), new Promise((r) => (timer = setTimeout(r, CLOSE_WAIT_MS)))]);
        clearTimeout(timer);
      }
      await client.close();
      onClose?.();
    },
  };

  /** Runs one operation unless the store is closed, and keeps it in `inFlight` until it settles. */
  function tracked<T>(what: string, run: () => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new StoreClosedError(what));
    const p = run();
    inFlight.add(p);
    const forget = () => inFlight.delete(p);
    p.then(forget, forget);
    return p;
  }
}

const CLOSE_WAIT_MS = 10_000;

/** An operation asked of a store after it was closed (a part of the process still running at shutdown). */
export class StoreClosedError extends Error {
  override name = 'StoreClosedError';
  constructor(what: string) {
    super(`the store is closed (${what.replace(/\s+/g, ' ').slice(0, 80)})`);
  }
}

export function quoteIdent(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `\`${name}\``;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<invalid url>';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@fenghuo/shared';
import { createStore, StoreClosedError } from './create-store';
import { loadMigrations, migrate, splitStatements } from './migrate';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-store-'));
const config = { user: 'default', password: '', database: 'fenghuo', chdbPath: path.join(dir, 'clickhouse') };
let store: Store;

beforeAll(async () => {
  store = await createStore(config, { holder: 'store test' });
});
afterAll(async () => {
  await store?.close();
});

describe('migrations', () => {
  it('apply in order once, and re-running them is a no-op', async () => {
    const first = await migrate(store);
    expect(first.applied).toEqual(loadMigrations().map((m) => m.name));
    const again = await migrate(store);
    expect(again).toEqual({ applied: [], alreadyApplied: loadMigrations().length });
    const tables = await store.query<{ name: string }>("SELECT name FROM system.tables WHERE database = 'fenghuo' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['mentions', 'mention_keys', 'mention_keys_mv', 'rejected_mentions', 'schema_migrations']));
  });

  it('refuse a migration that changed after it was applied', async () => {
    const changed = loadMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(store, changed)).rejects.toThrow(/changed after it was applied; migrations are forward-only/);
  });

  it('apply a new one and record it', async () => {
    const extra = { version: 9999, name: '9999_test', sql: 'CREATE TABLE IF NOT EXISTS t9999 (x UInt8) ENGINE = Memory;\n', checksum: 'x' };
    const r = await migrate(store, [...loadMigrations(), extra]);
    expect(r.applied).toEqual(['9999_test']);
    const [row] = await store.query<{ n: string }>('SELECT count() AS n FROM schema_migrations FINAL WHERE version = 9999');
    expect(row!.n).toBe('1');
  });

  it('with --record-only, records a migration without running it (a cluster with hand-made tables)', async () => {
    const extra = { version: 9998, name: '9998_record_only', sql: 'CREATE TABLE t9998 (x UInt8) ENGINE = Memory;\n', checksum: 'y' };
    const r = await migrate(store, [...loadMigrations(), { ...extra }], { recordOnly: true });
    expect(r.applied).toEqual(['9998_record_only']);
    const [t] = await store.query<{ n: string }>("SELECT count() AS n FROM system.tables WHERE database = 'fenghuo' AND name = 't9998'");
    expect(t!.n).toBe('0');
  });

  it('split statements at semicolons that end a line, dropping comment lines', () => {
    expect(splitStatements("-- a\nCREATE TABLE a (s String DEFAULT 'x;y');\n\nSELECT 1;\n-- end\n")).toEqual([
      "CREATE TABLE a (s String DEFAULT 'x;y')",
      'SELECT 1',
    ]);
  });
});

describe('chdb behaves like a server', () => {
  it('returns 64-bit integers as strings, as a server does', async () => {
    const [row] = await store.query<Record<string, unknown>>('SELECT toUInt64(18446744073709551615) AS u, toInt64(-5) AS i, toUInt32(7) AS n, count() AS c FROM numbers(3)');
    expect(row).toEqual({ u: '18446744073709551615', i: '-5', n: 7, c: '3' });
  });

  it('a setting passed with one query does not leak into the next', async () => {
    const get = async () => (await store.query<{ v: string }>("SELECT toString(getSetting('max_threads')) AS v"))[0]!.v;
    const before = await get();
    const [during] = await store.query<{ v: string }>("SELECT toString(getSetting('max_threads')) AS v", {}, { max_threads: 1 });
    expect(during!.v).toBe('1');
    expect(await get()).toBe(before);
  });

  it('uses the configured database on chdb, which ignores the client option', async () => {
    const [row] = await store.query<{ db: string }>('SELECT currentDatabase() AS db');
    expect(row!.db).toBe('fenghuo');
  });

  it('binds {name:Type} parameters: a value never becomes SQL', async () => {
    const evil = "x'); DROP TABLE mentions; --";
    const [row] = await store.query<{ s: string; n: string }>('SELECT {s:String} AS s, (SELECT count() FROM mentions WHERE id = {s:String}) AS n', { s: evil });
    expect(row).toEqual({ s: evil, n: '0' });
    const [t] = await store.query<{ n: string }>("SELECT count() AS n FROM system.tables WHERE database = 'fenghuo' AND name = 'mentions'");
    expect(t!.n).toBe('1');
  });

  it('stores text with a lone UTF-16 surrogate (cut mid-emoji) as U+FFFD instead of failing the batch; a backslash before "ud800" stays text', async () => {
    await store.command('CREATE TABLE IF NOT EXISTS surrogates (k UInt32, s String, a Array(String)) ENGINE = MergeTree ORDER BY k');
    await store.insert('surrogates', ['k', 's', 'a'], [[1, '抽奖\ud83d', ['x\udc00y']], [2, '\\ud800 😀', ['ok']]]);
    await store.insertJsonRows('surrogates', ['k', 's', 'a'], [JSON.stringify([3, '\ud800开头', []])]);
    const rows = await store.query<{ k: number; s: string; a: string[] }>('SELECT k, s, a FROM surrogates ORDER BY k');
    expect(rows).toEqual([
      { k: 1, s: '抽奖\ufffd', a: ['x\ufffdy'] },
      { k: 2, s: '\\ud800 😀', a: ['ok'] },
      { k: 3, s: '\ufffd开头', a: [] },
    ]);
  });

  it('chdb holds one data directory per process: opening another one here is refused', async () => {
    await expect(createStore({ ...config, chdbPath: path.join(dir, 'other') })).rejects.toThrow(/cannot open the embedded store|held by another/);
  });
});

describe('closing', () => {
  it('waits for the queries in flight (closing under a running query crashed the process) and refuses any after', async () => {
    const running = store.query<{ n: string }>('SELECT count() AS n FROM (SELECT sleepEachRow(0.1) FROM numbers(8))', {}, { max_block_size: 1 });
    await store.close();
    expect(await running).toEqual([{ n: '8' }]);
    await expect(store.query('SELECT 1')).rejects.toBeInstanceOf(StoreClosedError);
    await expect(store.insert('mentions', ['id'], [['x']])).rejects.toThrow(/the store is closed \(INSERT INTO mentions\)/);
    expect(await store.ping()).toBe(false);
    // The same directory opens again in this process once closed.
    store = await createStore(config, { holder: 'store test' });
    expect(await store.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });
});

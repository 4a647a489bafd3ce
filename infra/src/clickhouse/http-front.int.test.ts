import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '@fenghuo/shared';
import { createStore } from './create-store';
import { startHttpFront, type HttpFront } from './http-front';
import { migrate } from './migrate';

/**
 * The store adapter in server mode (the HTTP client path of @clickhouse/client)
 * against the embedded engine's HTTP front.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fh-front-'));
let embedded: Store;
let front: HttpFront;
let server: Store;

beforeAll(async () => {
  embedded = await createStore({ user: 'default', password: '', database: 'fenghuo', chdbPath: path.join(dir, 'clickhouse') });
  front = await startHttpFront({ store: embedded, host: '127.0.0.1', port: 0, user: 'fenghuo', password: 's3cret' });
  server = await createStore({ url: front.url, user: 'fenghuo', password: 's3cret', database: 'fenghuo', chdbPath: '' });
});
afterAll(async () => {
  await server?.close();
  await front?.close();
  await embedded?.close();
});

describe('server mode through the HTTP front', () => {
  it('runs the migrations and reports itself as a server', async () => {
    expect(server.kind).toBe('server');
    expect(await server.ping()).toBe(true);
    const report = await migrate(server);
    expect(report.applied).toContain('0001_mentions');
    expect((await migrate(server)).applied).toEqual([]);
  });

  it('returns 64-bit integers as strings, like the embedded adapter', async () => {
    const q = 'SELECT toUInt64(18446744073709551615) AS u, toInt64(-5) AS i, toUInt32(7) AS n';
    expect(await server.query(q)).toEqual(await embedded.query(q));
  });

  it('binds parameters with quotes, backslashes, tabs and newlines exactly', async () => {
    const values = ["it's", 'back\\slash', 'tab\there', 'new\nline', '中文 😀', "x'); DROP TABLE mentions; --"];
    const [row] = await server.query<{ a: string[]; s: string }>('SELECT {a:Array(String)} AS a, {s:String} AS s', { a: values, s: values.join('|') });
    expect(row).toEqual({ a: values, s: values.join('|') });
  });

  it('keeps per-request settings to their request', async () => {
    const get = async () => (await server.query<{ v: string }>("SELECT toString(getSetting('max_threads')) AS v"))[0]!.v;
    const before = await get();
    const [during] = await server.query<{ v: string }>("SELECT toString(getSetting('max_threads')) AS v", {}, { max_threads: 1 });
    expect(during!.v).toBe('1');
    expect(await get()).toBe(before);
  });

  it('inserts serialised rows and looks up thousands of keys (a multipart body)', async () => {
    await server.command('CREATE TABLE IF NOT EXISTS front_t (k String, n UInt32) ENGINE = MergeTree ORDER BY k');
    const rows = Array.from({ length: 20_000 }, (_, i) => JSON.stringify([`key-${i}`, i]));
    await server.insertJsonRows('front_t', ['k', 'n'], rows);
    const keys = Array.from({ length: 20_000 }, (_, i) => `key-${i * 2}`);
    const found = await server.query<{ c: string }>('SELECT count() AS c FROM front_t WHERE k IN {keys:Array(String)}', { keys });
    expect(found[0]!.c).toBe('10000');
  });

  it('answers ClickHouse errors as errors the client understands', async () => {
    await expect(server.query('SELECT * FROM no_such_table')).rejects.toThrow(/UNKNOWN_TABLE|Unknown table/);
  });

  it('refuses a wrong password', async () => {
    const res = await fetch(`${front.url}/?query=SELECT%201`, { headers: { authorization: `Basic ${Buffer.from('fenghuo:wrong').toString('base64')}` } });
    expect(res.status).toBe(401);
  });
});

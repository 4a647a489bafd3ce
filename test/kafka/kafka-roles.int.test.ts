import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { StatsResponse } from '@fenghuo/shared';
import { runCli, spawnCli } from '../support/cli';
import { freePort, postMentions, tempDir, TEST_TOKEN } from '../support/runtime';
import { testMention, uniquePrefix, waitUntil } from './support';

const brokers = inject('kafkaBrokers');
const procs: ChildProcess[] = [];

afterAll(() => {
  for (const p of procs) p.kill('SIGKILL');
});

async function spawnRole(args: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const proc = spawnCli(args, env);
  procs.push(proc);
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  proc.stdout!.resume();
  await waitUntil(async () => {
    if (proc.exitCode !== null) throw new Error(`fenghuo ${args.join(' ')} exited ${proc.exitCode}:\n${stderr}`);
    return fetch(readyUrl).then((r) => r.ok, () => false);
  }, 60_000, `fenghuo ${args[0]}`);
  return proc;
}

describe('roles in separate processes', () => {
  const dataDir = tempDir();

  it('api and ingest-worker, joined by Kafka and sharing one store, ingest requests and the demo stream end to end', async () => {
    const [storePort, apiPort, workerPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const store = `http://127.0.0.1:${storePort}`;
    await spawnRole(['store', '--port', String(storePort)], { FENGHUO_DATA_DIR: dataDir }, `${store}/ping`);
    const env = {
      CLICKHOUSE_URL: store,
      KAFKA_BROKERS: brokers,
      KAFKA_TOPIC_PREFIX: uniquePrefix('roles'),
      KAFKA_PARTITIONS: '2',
      FENGHUO_INGEST_TOKEN: TEST_TOKEN,
      FENGHUO_DATA_DIR: tempDir(),
      HOST: '127.0.0.1',
    };
    const api = `http://127.0.0.1:${apiPort}`;
    const worker = `http://127.0.0.1:${workerPort}`;
    await spawnRole(['api', '--demo', '--demo-rate', '30'], { ...env, PORT: String(apiPort) }, `${api}/healthz`);
    await spawnRole(['ingest-worker'], { ...env, PORT: String(workerPort) }, `${worker}/healthz`);

    const res = await postMentions(api, Array.from({ length: 500 }, (_, i) => testMention(`r-${i}`)));
    expect(res.status).toBe(202);
    const stats = async (url: string) => (await (await fetch(`${url}/api/v1/stats`)).json()) as StatsResponse;
    // Our 500 plus the demo stream, seen from both processes.
    await waitUntil(async () => (await stats(api)).mentions > 600, 60_000, 'requests and demo mentions stored');
    const [fromApi, fromWorker] = await Promise.all([stats(api), stats(worker)]);
    expect(Math.abs(fromApi.mentions - fromWorker.mentions)).toBeLessThan(200);
    // The seeded demo data (consultation comments, accounts) can pass 600 before the first stream mention is stored.
    let metrics = '';
    await waitUntil(async () => /fenghuo_ingest_stored_total\{source="demo"\} [1-9]/.test((metrics = await (await fetch(`${worker}/metrics`)).text())), 60_000, 'demo stream mentions stored');
    expect(metrics).toMatch(/fenghuo_ingest_consumer_lag\{topic="mentions.raw",partition="1"\}/);
    expect(metrics).toMatch(/fenghuo_ingest_stored_total\{source="demo"\} [1-9]/);
  });

  it('a role that finds the embedded store held says that separate roles need a ClickHouse server', async () => {
    const r = await runCli(['ingest-worker'], { FENGHUO_DATA_DIR: dataDir, KAFKA_BROKERS: brokers, PORT: String(await freePort()) }, 60_000);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/held by another running Fenghuo process \(pid \d+, fenghuo store/);
    expect(r.stderr).toMatch(/Separate roles in separate processes need a ClickHouse server: set CLICKHOUSE_URL/);
  });
});

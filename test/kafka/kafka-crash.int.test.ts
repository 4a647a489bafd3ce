import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Producer } from 'kafkajs';
import { createStore } from '@fenghuo/infra';
import { loadConfig, type StatsResponse } from '@fenghuo/shared';
import { spawnCli } from '../support/cli';
import { freePort, tempDir } from '../support/runtime';
import { rawProducer, testMention, uniquePrefix, waitUntil } from './support';

const brokers = inject('kafkaBrokers');
const prefix = uniquePrefix('crash');
const dataDir = tempDir();
const N = 100_000;
let producer: Producer;
const procs: ChildProcess[] = [];

async function startWorker(): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const proc = spawnCli(['ingest-worker'], {
    FENGHUO_DATA_DIR: dataDir,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_PARTITIONS: '3',
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  procs.push(proc);
  proc.stdout!.resume();
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(async () => {
    if (proc.exitCode !== null) throw new Error(`ingest-worker exited ${proc.exitCode}: ${stderr}`);
    return fetch(`${url}/healthz`).then((r) => r.ok, () => false);
  }, 60_000, 'the ingest worker');
  return { proc, url };
}

/** What the killed worker left in the store (read once it has exited). */
async function createStoreCount(): Promise<number> {
  for (const p of procs) await exited(p);
  const store = await createStore(loadConfig({ FENGHUO_DATA_DIR: dataDir }).storage);
  const [row] = await store.query<{ n: string }>('SELECT count() AS n FROM mentions');
  await store.close();
  return Number(row!.n);
}

const stored = async (url: string) => ((await (await fetch(`${url}/api/v1/stats`)).json()) as StatsResponse).mentions;
const exited = (p: ChildProcess) => new Promise<void>((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('exit', () => r())));

beforeAll(async () => {
  producer = await rawProducer(brokers);
});
afterAll(async () => {
  for (const p of procs) p.kill('SIGKILL');
  await producer?.disconnect();
});

describe('an ingest worker killed mid-batch', () => {
  it('loses nothing and stores nothing twice after a restart (100,000 records)', async () => {
    const first = await startWorker();
    for (let from = 0; from < N; from += 2000) {
      await producer.send({
        topic: `${prefix}mentions.raw`,
        messages: Array.from({ length: 2000 }, (_, i) => ({ key: `weibo:x-${from + i}`, value: JSON.stringify(testMention(`x-${from + i}`)) })),
      });
    }
    // Kill it hard while it is working through the stream.
    await waitUntil(async () => (await stored(first.url)) >= 15_000, 120_000, 'some progress');
    first.proc.kill('SIGKILL');
    const atKill = await createStoreCount();
    expect(atKill).toBeLessThan(N);
    await exited(first.proc);

    const second = await startWorker();
    await waitUntil(async () => (await stored(second.url)) >= N, 180_000, `all ${N} stored`);
    // Stays exact: nothing arrives twice later.
    await new Promise((r) => setTimeout(r, 1000));
    expect(await stored(second.url)).toBe(N);
    second.proc.kill('SIGTERM');
    await exited(second.proc);
    expect(second.proc.exitCode).toBe(0);

    const store = await createStore(loadConfig({ FENGHUO_DATA_DIR: dataDir }).storage);
    const [row] = await store.query<{ n: string; u: string }>('SELECT count() AS n, uniqExact(platform, id) AS u FROM mentions');
    await store.close();
    expect(row).toEqual({ n: String(N), u: String(N) });
    // Its own waits allow 2 + 3 minutes; the 60 s default cut it short on two busy cores.
  }, 360_000);
});

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TABLES } from '@fenghuo/shared';
import { createEnricher, MENTION_COLUMNS, prepareRecords, type PrepareInput } from '@fenghuo/ingest';
import { readConfig } from '../cli-args';
import { createLogger, startRuntime } from '../runtime';
import { demoRecords } from './demo-records';

export interface IngestBenchOptions {
  n: number;
  connections: number;
  perRequest: number;
  keep: boolean;
  /** Also log memory while it runs. */
  verbose?: boolean;
  dataDir?: string;
  log?: (line: string) => void;
}

export interface IngestBenchResult {
  n: number;
  connections: number;
  records_per_request: number;
  batch_max_rows: number;
  mentions_per_s: number;
  raw_insert_rows_per_s: number;
  ratio: number;
  freshness_p50_ms: number;
  freshness_p95_ms: number;
  request_p95_ms: number;
  peak_rss_mb: number;
  /** CPU used during (a), in cores: the Fenghuo process (all its threads) and the load generator. */
  server_cpu_cores: number;
  load_generator_cpu_cores: number;
  retries_503: number;
  seconds: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** CPU seconds a process used so far (Linux /proc; 0 elsewhere). */
function procCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * `fenghuo bench ingest`: (a) N demo-like mentions POSTed as NDJSON over
 * several connections into the embedded pipeline, timed until all are
 * queryable; (b) the same rows, already enriched, inserted straight into chdb
 * with the client; (c) their ratio, freshness and peak RSS.
 */
export async function runIngestBench(options: IngestBenchOptions): Promise<IngestBenchResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-bench-'));
  const token = crypto.randomBytes(16).toString('hex');
  const config = readConfig({ FENGHUO_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', FENGHUO_INGEST_TOKEN: token, FENGHUO_DEMO: 'false' });
  const lags: number[] = [];
  const runtime = await startRuntime(config, {
    roles: { api: true, worker: true },
    holder: 'fenghuo bench ingest',
    logger: createLogger({ logLevel: 'warn' }),
    onFreshness: (ms) => lags.push(ms),
  });
  try {
    log(`bench ingest: ${options.n} mentions, ${options.connections} connections × ${options.perRequest} per request, batches ≤ ${config.ingest.batchMaxRows} rows`);
    log('(a) generating request bodies in the load process …');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'ingest-load.ts'), runtime.url!, token, String(options.n), String(options.perRequest), String(options.connections)], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const lines = readline.createInterface({ input: child.stdout! });
    const messages: Record<string, unknown>[] = [];
    let wake: (() => void) | undefined;
    lines.on('line', (l) => {
      messages.push(JSON.parse(l));
      wake?.();
    });
    const nextMessage = async () => {
      while (messages.length === 0) {
        if (child.exitCode !== null) throw new Error(`load generator exited with ${child.exitCode}`);
        await new Promise<void>((r) => {
          wake = r;
          setTimeout(r, 500);
        });
      }
      return messages.shift()!;
    };
    const ready = await nextMessage();
    log(`    ${ready.requests} requests, ${((ready.bytes as number) / 1e6).toFixed(0)} MB of NDJSON; sending`);

    let peakRss = process.memoryUsage.rss();
    let atPeak = process.memoryUsage();
    const sampler = setInterval(() => {
      const rss = process.memoryUsage.rss();
      if (rss > peakRss) {
        peakRss = rss;
        if (options.verbose) atPeak = process.memoryUsage();
      }
    }, 100);
    const started = Date.now();
    const cpuBefore = process.cpuUsage();
    const eluBefore = performance.eventLoopUtilization();
    const prepBefore = runtime.prepareBusyMs?.() ?? 0;
    const childCpuBefore = procCpuSeconds(child.pid!);
    child.stdin!.write('go\n');
    let visibleAt = 0;
    let lastLog = started;
    for (;;) {
      const [row] = await runtime.store.query<{ n: string }>(`SELECT count() AS n FROM ${TABLES.mentions}`);
      const stored = Number(row!.n);
      if (Date.now() - lastLog > 5000) {
        lastLog = Date.now();
        log(`    ${stored} stored after ${((lastLog - started) / 1000).toFixed(0)} s`);
      }
      if (options.verbose && Date.now() - lastLog > 2000) {
        const m = await runtime.store.query<{ metric: string; value: string }>(
          "SELECT metric, value FROM system.metrics WHERE metric IN ('MemoryTracking')",
        );
        log(`    chdb memory: ${m.map((x) => `${x.metric}=${Math.round(Number(x.value) / 1e6)}MB`).join(' ')}; rss=${Math.round(process.memoryUsage.rss() / 1e6)}MB heap=${Math.round(process.memoryUsage().heapUsed / 1e6)}MB`);
      }
      if (stored >= options.n) {
        visibleAt = Date.now();
        break;
      }
      if (child.exitCode !== null && child.exitCode !== 0) throw new Error(`load generator failed (${child.exitCode})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpuBefore);
    const serverCores = (cpu.user + cpu.system) / 1e6 / ((visibleAt - started) / 1000);
    const loadCores = (procCpuSeconds(child.pid!) - childCpuBefore) / ((visibleAt - started) / 1000);
    const mainBusyMs = performance.eventLoopUtilization(eluBefore).active;
    const prepBusyMs = (runtime.prepareBusyMs?.() ?? 0) - prepBefore;
    log(`    CPU per mention: all threads ${(((cpu.user + cpu.system) / options.n)).toFixed(1)} µs; main thread busy ${((mainBusyMs * 1000) / options.n).toFixed(1)} µs; prepare threads busy ${((prepBusyMs * 1000) / options.n).toFixed(1)} µs`);
    if (options.verbose) log(`    memory at peak: ${JSON.stringify(Object.fromEntries(Object.entries(atPeak).map(([k, v]) => [k, Math.round(v / 1e6)])))} MB`);
    const done = await nextMessage();
    const e2eSeconds = (visibleAt - started) / 1000;
    const mentionsPerS = options.n / e2eSeconds;
    const requestLatencies = (done.latencies as number[]).sort((a, b) => a - b);
    lags.sort((a, b) => a - b);
    log(`    all ${options.n} queryable after ${e2eSeconds.toFixed(2)} s: ${Math.round(mentionsPerS)} mentions/s`);

    log('(b) the same rows, enriched beforehand, inserted straight into chdb …');
    const rawTable = 'bench_raw_mentions';
    await runtime.store.command(`DROP TABLE IF EXISTS ${rawTable}`);
    await runtime.store.command(`CREATE TABLE ${rawTable} AS ${TABLES.mentions}`);
    const enrich = createEnricher();
    let insertMs = 0;
    let insertCpuUs = 0;
    let input: PrepareInput = { values: [], trusted: false, sources: [], receivedAt: [], partitions: [], offsets: [] };
    const flush = async () => {
      // Prepared the same way the ingest worker prepares them; only the insert is timed.
      const rows = prepareRecords(input, enrich).rows.filter((r) => r !== '');
      const t = performance.now();
      const c = process.cpuUsage();
      await runtime.store.insertJsonRows(rawTable, MENTION_COLUMNS, rows);
      const dc = process.cpuUsage(c);
      insertCpuUs += dc.user + dc.system;
      insertMs += performance.now() - t;
      input = { values: [], trusted: false, sources: [], receivedAt: [], partitions: [], offsets: [] };
    };
    for (const record of demoRecords(options.n)) {
      input.values.push(JSON.stringify(record));
      input.sources.push('bench');
      input.receivedAt.push(Date.now());
      input.partitions.push(-1);
      input.offsets.push('-1');
      if (input.values.length >= config.ingest.batchMaxRows) await flush();
    }
    if (input.values.length) await flush();
    await runtime.store.command(`DROP TABLE IF EXISTS ${rawTable}`);
    const rawPerS = options.n / (insertMs / 1000);
    log(`    ${Math.round(rawPerS)} rows/s (insert time only); ${(insertCpuUs / options.n).toFixed(1)} µs of CPU per row while inserting`);

    return {
      n: options.n,
      connections: options.connections,
      records_per_request: options.perRequest,
      batch_max_rows: config.ingest.batchMaxRows,
      mentions_per_s: Math.round(mentionsPerS),
      raw_insert_rows_per_s: Math.round(rawPerS),
      ratio: Math.round((mentionsPerS / rawPerS) * 1000) / 1000,
      freshness_p50_ms: Math.round(quantile(lags, 0.5)),
      freshness_p95_ms: Math.round(quantile(lags, 0.95)),
      request_p95_ms: quantile(requestLatencies, 0.95),
      peak_rss_mb: Math.round(peakRss / 1e6),
      server_cpu_cores: Math.round(serverCores * 100) / 100,
      load_generator_cpu_cores: Math.round(loadCores * 100) / 100,
      retries_503: done.retries as number,
      seconds: Math.round(e2eSeconds * 100) / 100,
    };
  } finally {
    await runtime.stop();
    if (!options.keep && !options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

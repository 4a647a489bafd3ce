import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TABLES } from '@fenghuo/shared';
import { createEnricher, MENTION_COLUMNS, prepareRecords, type PrepareInput } from '@fenghuo/ingest';
import { readConfig } from '../cli-args';
import { createLogger, startRuntime } from '../runtime';
import { demoRecords } from './demo-records';
import { driveLoad } from './load-driver';

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

/** Inserts the same rows straight into chdb with the client (prepared beforehand, only the inserts timed). */
export async function rawInsertRate(runtime: Awaited<ReturnType<typeof startRuntime>>, n: number, batchRows: number, log: (l: string) => void): Promise<number> {
  const rawTable = 'bench_raw_mentions';
  await runtime.store.command(`DROP TABLE IF EXISTS ${rawTable}`);
  await runtime.store.command(`CREATE TABLE ${rawTable} AS ${TABLES.mentions}`);
  const enrich = createEnricher();
  let insertMs = 0;
  let insertCpuUs = 0;
  const empty = (): PrepareInput => ({ values: [], trusted: false, sources: [], receivedAt: [], partitions: [], offsets: [] });
  let input = empty();
  const flush = async () => {
    const rows = prepareRecords(input, enrich).rows.filter((r) => r !== '');
    const t = performance.now();
    const c = process.cpuUsage();
    await runtime.store.insertJsonRows(rawTable, MENTION_COLUMNS, rows);
    const dc = process.cpuUsage(c);
    insertCpuUs += dc.user + dc.system;
    insertMs += performance.now() - t;
    input = empty();
  };
  for (const record of demoRecords(n)) {
    input.values.push(JSON.stringify(record));
    input.sources.push('bench');
    input.receivedAt.push(Date.now());
    input.partitions.push(-1);
    input.offsets.push('-1');
    if (input.values.length >= batchRows) await flush();
  }
  if (input.values.length) await flush();
  await runtime.store.command(`DROP TABLE IF EXISTS ${rawTable}`);
  const rate = n / (insertMs / 1000);
  log(`    ${Math.round(rate)} rows/s (insert time only); ${(insertCpuUs / n).toFixed(1)} µs of CPU per row while inserting`);
  return rate;
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
  const freshness: number[] = [];
  const runtime = await startRuntime(config, {
    roles: { api: true, worker: true },
    holder: 'fenghuo bench ingest',
    logger: createLogger({ logLevel: 'warn' }),
    onFreshness: (ms) => freshness.push(ms),
  });
  try {
    log(`bench ingest: ${options.n} mentions, ${options.connections} connections × ${options.perRequest} per request, batches ≤ ${config.ingest.batchMaxRows} rows`);
    log('(a) end to end through HTTP');
    const prepBefore = runtime.prepareBusyMs?.() ?? 0;
    const eluBefore = performance.eventLoopUtilization();
    const a = await driveLoad(runtime, { n: options.n, connections: options.connections, perRequest: options.perRequest, token, log, freshness, ...(options.verbose ? { verbose: true } : {}) });
    const mainBusy = performance.eventLoopUtilization(eluBefore).active;
    const prepBusy = (runtime.prepareBusyMs?.() ?? 0) - prepBefore;
    log(`    all ${options.n} queryable after ${a.seconds.toFixed(2)} s: ${Math.round(a.mentionsPerS)} mentions/s`);
    log(`    CPU per mention: all threads ${a.cpuPerMentionUs.toFixed(1)} µs; main thread busy ${((mainBusy * 1000) / options.n).toFixed(1)} µs; prepare threads busy ${((prepBusy * 1000) / options.n).toFixed(1)} µs`);

    log('(b) the same rows, enriched beforehand, inserted straight into chdb …');
    const rawPerS = await rawInsertRate(runtime, options.n, config.ingest.batchMaxRows, log);

    return {
      n: options.n,
      connections: options.connections,
      records_per_request: options.perRequest,
      batch_max_rows: config.ingest.batchMaxRows,
      mentions_per_s: Math.round(a.mentionsPerS),
      raw_insert_rows_per_s: Math.round(rawPerS),
      ratio: Math.round((a.mentionsPerS / rawPerS) * 1000) / 1000,
      freshness_p50_ms: Math.round(a.freshnessP50),
      freshness_p95_ms: Math.round(a.freshnessP95),
      request_p95_ms: a.requestP95,
      peak_rss_mb: Math.round(a.peakRssMb),
      server_cpu_cores: Math.round(a.serverCores * 100) / 100,
      load_generator_cpu_cores: Math.round(a.loadCores * 100) / 100,
      retries_503: a.retries,
      seconds: Math.round(a.seconds * 100) / 100,
    };
  } finally {
    await runtime.stop();
    if (!options.keep && !options.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

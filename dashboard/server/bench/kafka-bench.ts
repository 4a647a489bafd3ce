import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalBroker, type LocalBroker } from '@fenghuo/infra';
import { readConfig } from '../cli-args';
import { createLogger, startRuntime } from '../runtime';
import { driveLoad, type DriveResult } from './load-driver';

export interface KafkaBenchOptions {
  n: number;
  connections: number;
  perRequest: number;
  partitions: number;
  /** An existing broker; without it a local one is started (infra/kafka/run-local.sh). */
  brokers?: string;
  log?: (line: string) => void;
}

/**
 * `fenghuo bench kafka`: the same load through the embedded pipeline, then
 * through a real Kafka broker with one and with two ingest consumers (in one
 * process, on the embedded store), in one run.
 */
export async function runKafkaBench(options: KafkaBenchOptions): Promise<Record<string, number | string>> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let broker: LocalBroker | undefined;
  let brokers = options.brokers;
  if (!brokers) {
    log('starting a local Kafka broker (infra/kafka/run-local.sh) …');
    broker = await startLocalBroker();
    brokers = broker.brokers;
  }
  const runOnce = async (label: string, kafka: boolean, consumers: number): Promise<DriveResult> => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-bench-kafka-'));
    const token = crypto.randomBytes(16).toString('hex');
    const config = readConfig({
      FENGHUO_DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      FENGHUO_INGEST_TOKEN: token,
      FENGHUO_DEMO: 'false',
      KAFKA_BROKERS: kafka ? brokers : '',
      KAFKA_TOPIC_PREFIX: `bench${crypto.randomBytes(3).toString('hex')}.`,
      KAFKA_PARTITIONS: String(options.partitions),
    });
    const freshness: number[] = [];
    const runtime = await startRuntime(config, {
      roles: { api: true, worker: true, consumers },
      holder: 'fenghuo bench kafka',
      logger: createLogger({ logLevel: 'warn' }),
      onFreshness: (ms) => freshness.push(ms),
    });
    try {
      log(`${label}`);
      const r = await driveLoad(runtime, { n: options.n, connections: options.connections, perRequest: options.perRequest, token, log, freshness });
      log(`    ${Math.round(r.mentionsPerS)} mentions/s; consumer lag p95 ${Math.round(r.lagP95)} records; ${r.serverCores.toFixed(2)} cores`);
      return r;
    } finally {
      await runtime.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    log(`bench kafka: ${options.n} mentions over HTTP, ${options.connections} connections × ${options.perRequest}, ${options.partitions} partitions, broker ${brokers}`);
    const embedded = await runOnce('(1) embedded pipeline (in-process bus)', false, 1);
    const one = await runOnce('(2) Kafka, 1 ingest consumer', true, 1);
    const two = await runOnce('(3) Kafka, 2 ingest consumers', true, 2);
    return {
      n: options.n,
      partitions: options.partitions,
      embedded_mentions_per_s: Math.round(embedded.mentionsPerS),
      kafka_1_consumer_mentions_per_s: Math.round(one.mentionsPerS),
      kafka_2_consumers_mentions_per_s: Math.round(two.mentionsPerS),
      kafka_1_consumer_lag_p95: Math.round(one.lagP95),
      kafka_2_consumers_lag_p95: Math.round(two.lagP95),
      ratio_1_consumer_to_embedded: Math.round((one.mentionsPerS / embedded.mentionsPerS) * 1000) / 1000,
      ratio_2_consumers_to_embedded: Math.round((two.mentionsPerS / embedded.mentionsPerS) * 1000) / 1000,
      kafka_1_consumer_freshness_p95_ms: Math.round(one.freshnessP95),
      kafka_2_consumers_freshness_p95_ms: Math.round(two.freshnessP95),
      kafka_1_consumer_cpu_cores: Math.round(one.serverCores * 100) / 100,
      kafka_2_consumers_cpu_cores: Math.round(two.serverCores * 100) / 100,
    };
  } finally {
    await broker?.stop();
  }
}

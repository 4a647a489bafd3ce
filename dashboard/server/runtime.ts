import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { TOPICS, type Bus, type Config, type Store } from '@fenghuo/shared';
import { createInProcessBus, createStore, migrate } from '@fenghuo/infra';
import {
  createIngestMetrics,
  createInlinePreparer,
  createThreadPreparer,
  defaultPrepareThreads,
  createIngestService,
  createIngestWorker,
  createMentionWriter,
  createTokenCheck,
  resolveIngestToken,
  type IngestService,
  type IngestWorker,
  type MentionWriter,
} from '@fenghuo/ingest';
import { createApp } from './app';

export interface Roles {
  /** HTTP ingest and read API. */
  api: boolean;
  /** Consumes mentions.raw and writes to the store. */
  worker: boolean;
}

export interface RuntimeOptions {
  roles: Roles;
  /** Names the process in lock messages ("fenghuo start"). */
  holder: string;
  logger?: Logger;
  /** Extra observers of the writer (benchmarks). */
  onFreshness?: (ms: number) => void;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  bus: Bus;
  writer: MentionWriter;
  service: IngestService;
  registry: Registry;
  worker?: IngestWorker;
  /** Busy time of the prepare threads, ms (benchmarks). */
  prepareBusyMs?: () => number;
  server?: http.Server;
  url?: string;
  ingestToken?: { token: string; generated: boolean; file?: string };
  stop(): Promise<void>;
}

export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { app: 'fenghuo' } });
}

/**
 * The composition root: reads nothing but `config`, builds the adapters and
 * wires the roles this process runs.
 */
export async function startRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config);
  const store = await createStore(config.storage, { holder: options.holder });
  const stoppers: (() => Promise<void>)[] = [async () => store.close()];
  const stop = async () => {
    for (const s of stoppers.reverse().splice(0)) {
      try {
        await s();
      } catch (error) {
        logger.warn({ err: error }, 'error while stopping');
      }
    }
  };
  try {
    const report = await migrate(store);
    if (report.applied.length) logger.info({ applied: report.applied }, 'migrations applied');

    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'fenghuo_' });
    const metrics = createIngestMetrics(registry);

    let stopping = false;
    const writer = createMentionWriter({
      store,
      retryMaxMs: config.ingest.insertRetryMaxMs,
      hooks: {
        ...metrics.writerHooks,
        onFreshness: (seconds) => {
          metrics.writerHooks.onFreshness?.(seconds);
          options.onFreshness?.(seconds * 1000);
        },
        onInsertError: (error, attempt) => {
          metrics.writerHooks.onInsertError?.(error, attempt);
          logger.warn({ err: error, attempt }, 'store write failed; retrying');
        },
      },
      isStopping: () => stopping,
    });

    const bus = createInProcessBus({
      maxQueuedRecords: config.ingest.queueMaxRecords,
      onHandlerError: (error, topic, attempt) => logger.warn({ err: error, topic, attempt }, 'batch failed; redelivering'),
    });
    await bus.ensureTopics([{ name: TOPICS.mentionsRaw }, { name: TOPICS.mentionsDlq }]);
    stoppers.push(() => bus.close());

    let worker: IngestWorker | undefined;
    let prepareBusy: (() => number) | undefined;
    if (options.roles.worker) {
      const threads = config.ingest.prepareThreads === 'auto' ? defaultPrepareThreads() : config.ingest.prepareThreads;
      const preparer = threads > 0 ? createThreadPreparer(threads, (error) => logger.error({ err: error }, 'prepare thread failed; restarted')) : createInlinePreparer();
      stoppers.push(() => preparer.close());
      if ('busyMs' in preparer) prepareBusy = () => (preparer as { busyMs(): number }).busyMs();
      worker = createIngestWorker({
        bus,
        writer,
        preparer,
        maxBatchRecords: config.ingest.batchMaxRows,
        maxBatchWaitMs: config.ingest.batchMaxWaitMs,
        publishDlq: bus.kind === 'kafka',
        onBatchError: (error) => logger.error({ err: error }, 'ingest batch failed'),
      });
      await worker.start();
      stoppers.push(async () => {
        stopping = true;
        await worker?.stop();
      });
      const w = worker;
      new Gauge({
        name: 'fenghuo_ingest_consumer_lag',
        help: 'Records on the bus not yet handled by the ingest worker, per partition',
        labelNames: ['topic', 'partition'],
        registers: [registry],
        async collect() {
          const lags = (await w.subscription()?.lag()) ?? [];
          for (const l of lags) this.set({ topic: l.topic, partition: String(l.partition) }, l.lag);
        },
      });
      new Gauge({
        name: 'fenghuo_ingest_queue_depth',
        help: 'Records accepted but not yet stored (all partitions)',
        registers: [registry],
        async collect() {
          const lags = (await w.subscription()?.lag()) ?? [];
          this.set(lags.reduce((sum, l) => sum + l.lag, 0));
        },
      });
    }

    const service = createIngestService({
      bus,
      writer,
      ackTimeoutMs: config.ingest.ackTimeoutMs,
      onAccepted: (n, source) => metrics.accepted.inc({ source }, n),
    });
    const runtime: Runtime = { config, logger, store, bus, writer, service, registry, stop };
    if (worker) runtime.worker = worker;
    if (prepareBusy) runtime.prepareBusyMs = prepareBusy;

    if (options.roles.api) {
      const token = resolveIngestToken(config.ingest.token, config.dataDir);
      runtime.ingestToken = token;
      const app = createApp({
        store,
        bus,
        registry,
        logger,
        ingest: {
          service,
          writer,
          tokens: createTokenCheck({ http: token.token }),
          maxBodyBytes: config.ingest.maxBodyBytes,
          onResponse: (status) => metrics.requests.inc({ status: String(status) }),
          onError: (error) => logger.error({ err: error }, 'ingest request failed'),
        },
        ...(worker ? { freshnessP95: () => (writer.freshness().count ? writer.freshness().p95 : undefined) } : {}),
      });
      const server = http.createServer(app);
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      runtime.server = server;
      runtime.url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
      // Stop taking requests first; requests in flight finish before the bus closes.
      stoppers.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          }),
      );
    }
    // Stoppers run in reverse: HTTP, worker, bus, store.
    return runtime;
  } catch (error) {
    await stop();
    throw error;
  }
}

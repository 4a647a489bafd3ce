import { createRequire } from 'node:module';
import {
  CompressionTypes,
  Kafka,
  Partitioners,
  logLevel,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  type LogEntry,
  type Producer,
} from 'kafkajs';
import {
  BusUnavailableError,
  type Bus,
  type BusHealth,
  type BusRecord,
  type ConsumedRecord,
  type KafkaConfig,
  type PartitionLag,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from '@fenghuo/shared';

export interface KafkaBusOptions {
  config: KafkaConfig;
  /** Where kafkajs logs go (default: nowhere below ERROR). */
  log?: (level: 'error' | 'warn' | 'info' | 'debug', message: string, extra: Record<string, unknown>) => void;
  /** How long one publish may take before the API gives up on the broker, ms. */
  publishTimeoutMs?: number;
}

// kafkajs ships gzip only; snappy comes from kafkajs-snappy (pure JS, no native build).
const require = createRequire(import.meta.url);
const SnappyCodec = require('kafkajs-snappy') as () => unknown;
const { CompressionCodecs } = require('kafkajs') as { CompressionCodecs: Record<number, unknown> };
CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec;

const COMPRESSION = {
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  none: CompressionTypes.None,
} as const;

const RETRIED = /coordinator is (not available|loading)|group coordinator|rebalanc|not the leader|leader not available|Limiting retries for the idempotent producer|concurrent transactions|not coordinator/i;

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

function headersToStrings(headers: IHeaders | undefined): Record<string, string> | undefined {
  if (!headers) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? v.map(String).join(',') : Buffer.isBuffer(v) ? v.toString('utf8') : String(v);
  }
  return out;
}

/**
 * The Bus on Apache Kafka (kafkajs).
 *
 * publish: an idempotent producer, acks from all in-sync replicas, snappy or gzip; it
 * resolves once the broker acknowledged, and fails within seconds when the
 * broker is unreachable (retries are bounded: duplicates from a retry are
 * dropped by the writer's key check anyway).
 *
 * subscribe: a consumer group; each fetched batch is cut into chunks of at
 * most `maxBatchRecords`, handed to the handler in order, and the offset after
 * a chunk is committed only once the handler resolved (the records are
 * stored). A handler that fails makes the consumer seek back to the first
 * unhandled offset, so nothing is skipped; a consumer that lost its partition
 * in a rebalance sees `isStale()` and abandons the batch.
 */
export function createKafkaBus(options: KafkaBusOptions): Bus {
  const { config } = options;
  const topic = (name: string) => `${config.topicPrefix}${name}`;
  const logCreator = () => (entry: LogEntry) => {
    let level = LEVELS[entry.level] ?? 'info';
    const { message, ...extra } = entry.log;
    // kafkajs logs errors it retries by itself (a coordinator still loading, a
    // rebalance) at ERROR; they are expected, so they are debug here.
    if (RETRIED.test(`${message} ${String(extra.error ?? '')}`)) level = 'debug';
    options.log?.(level, `kafka: ${message}`, { namespace: entry.namespace, ...extra });
  };
  const kafka = new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    ssl: config.ssl,
    ...(config.sasl ? { sasl: config.sasl as never } : {}),
    connectionTimeout: 3000,
    requestTimeout: 10_000,
    retry: { initialRetryTime: 100, maxRetryTime: 2000, retries: 5 },
    logLevel: logLevel.WARN,
    logCreator,
  });

  const publishTimeoutMs = options.publishTimeoutMs ?? 8000;
  let producer: Producer | undefined;
  let producerReady: Promise<Producer> | undefined;
  let admin: Admin | undefined;
  const consumers = new Set<Consumer>();
  let closed = false;
  let lastError: string | undefined;

  function getProducer(): Promise<Producer> {
    if (!producerReady) {
      const p = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
        // Bounded, so that a broker that is down turns into a 503 within seconds.
        retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 4 },
      });
      producerReady = p.connect().then(
        () => {
          producer = p;
          p.on(p.events.DISCONNECT, () => {
            producerReady = undefined;
            producer = undefined;
          });
          return p;
        },
        (error) => {
          producerReady = undefined;
          throw error;
        },
      );
    }
    return producerReady;
  }

  async function getAdmin(): Promise<Admin> {
    if (!admin) {
      const a = kafka.admin();
      await a.connect();
      admin = a;
    }
    return admin;
  }

  function unavailable(error: unknown): BusUnavailableError {
    const message = error instanceof Error ? error.message : String(error);
    lastError = message;
    return new BusUnavailableError(`Kafka is unavailable: ${message}`);
  }

  function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  return {
    kind: 'kafka',

    async ensureTopics(specs: TopicSpec[]): Promise<void> {
      try {
        const a = await getAdmin();
        const existing = new Set(await a.listTopics());
        const missing = specs.filter((s) => !existing.has(topic(s.name)));
        if (missing.length === 0) return;
        await a.createTopics({
          waitForLeaders: true,
          topics: missing.map((s) => ({
            topic: topic(s.name),
            numPartitions: s.partitions ?? config.partitions,
            replicationFactor: config.replicationFactor,
            configEntries: [{ name: 'retention.ms', value: String(s.retentionMs ?? config.retentionMs) }],
          })),
        });
      } catch (error) {
        // Another process may have created them at the same moment.
        if (/already exists/i.test(String((error as Error).message))) return;
        throw unavailable(error);
      }
    },

    async publish(name: string, records: BusRecord[]): Promise<void> {
      if (closed) throw new BusUnavailableError('the bus is closed');
      if (records.length === 0) return;
      try {
        const p = await withTimeout(getProducer(), publishTimeoutMs, 'connecting to Kafka');
        await withTimeout(
          p.send({
            topic: topic(name),
            acks: -1,
            compression: COMPRESSION[config.compression],
            messages: records.map((r) => ({ key: r.key, value: r.value, ...(r.headers ? { headers: r.headers } : {}) })),
          }),
          publishTimeoutMs,
          'publishing to Kafka',
        );
        lastError = undefined;
      } catch (error) {
        throw unavailable(error);
      }
    },

    async subscribe(opts: SubscribeOptions): Promise<Subscription> {
      const max = opts.maxBatchRecords ?? 10_000;
      // Groups carry the topic prefix too: deployments sharing a cluster must not share groups.
      const groupId = `${config.topicPrefix}${opts.groupId}`;
      const consumer = kafka.consumer({
        groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: 30_000,
        heartbeatInterval: 3000,
        // A fetch waits at most this long for data: the time side of a batch.
        maxWaitTimeInMs: Math.max(10, opts.maxBatchWaitMs ?? 100),
        maxBytesPerPartition: 8 * 1024 * 1024,
        retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: Number.MAX_SAFE_INTEGER },
      });
      consumers.add(consumer);
      const t = topic(opts.topic);
      let assigned: number[] = [];
      consumer.on(consumer.events.GROUP_JOIN, (e) => {
        assigned = [...(e.payload.memberAssignment[t] ?? [])].sort((a, b) => a - b);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [t], fromBeginning: opts.fromBeginning ?? true });
      let stopping = false;

      const eachBatch = async (payload: EachBatchPayload) => {
        const { batch } = payload;
        const all = batch.messages;
        for (let from = 0; from < all.length; from += max) {
          if (stopping || !payload.isRunning() || payload.isStale()) return;
          const chunk = all.slice(from, from + max);
          const records: ConsumedRecord[] = chunk.map((m) => {
            const rec: ConsumedRecord = {
              key: m.key ? m.key.toString('utf8') : '',
              value: m.value ? m.value.toString('utf8') : '',
              topic: opts.topic,
              partition: batch.partition,
              offset: m.offset,
              timestamp: Number(m.timestamp),
            };
            const headers = headersToStrings(m.headers);
            if (headers) rec.headers = headers;
            return rec;
          });
          // The handler retries store outages itself, for as long as they
          // last: heartbeat meanwhile so that the group keeps this consumer.
          // If it still fails, kafkajs seeks back to the last commit.
          const beat = setInterval(() => void payload.heartbeat().catch(() => undefined), 3000);
          try {
            await opts.handler(records, {
              topic: opts.topic,
              partition: batch.partition,
              isStale: () => payload.isStale() || !payload.isRunning(),
              heartbeat: () => payload.heartbeat(),
            });
          } finally {
            clearInterval(beat);
          }
          const last = chunk[chunk.length - 1]!.offset;
          payload.resolveOffset(last);
          await consumer.commitOffsets([{ topic: t, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
          await payload.heartbeat();
        }
      };

      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        // Batches of different partitions in flight together: one is prepared while another is written.
        partitionsConsumedConcurrently: Math.max(1, opts.maxInFlightBatches ?? 1),
        eachBatch,
      });

      return {
        assignedPartitions: () => assigned,
        pause: () => consumer.pause([{ topic: t }]),
        resume: () => consumer.resume([{ topic: t }]),
        async stop() {
          stopping = true;
          // Waits for the batch in hand, then leaves the group.
          await consumer.disconnect();
          consumers.delete(consumer);
        },
        async lag(): Promise<PartitionLag[]> {
          const a = await getAdmin();
          const [ends, committed] = await Promise.all([
            a.fetchTopicOffsets(t),
            a.fetchOffsets({ groupId, topics: [t] }),
          ]);
          const done = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
          return ends.map((e) => {
            const end = BigInt(e.high);
            const low = BigInt(e.low);
            const at = done.get(e.partition) ?? -1n;
            // No commit yet: the group starts at the beginning of what is kept.
            const from = at < 0n ? low : at;
            return { topic: opts.topic, partition: e.partition, lag: Number(end > from ? end - from : 0n) };
          });
        },
      };
    },

    async health(): Promise<BusHealth> {
      if (closed) return { ok: false, detail: 'closed' };
      try {
        const a = await getAdmin();
        await withTimeout(a.describeCluster(), 3000, 'asking Kafka for its brokers');
        return { ok: true };
      } catch (error) {
        return { ok: false, detail: `Kafka: ${error instanceof Error ? error.message : String(error)}${lastError ? ` (last publish error: ${lastError})` : ''}` };
      }
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.allSettled([...consumers].map((c) => c.disconnect()));
      await Promise.allSettled([producer?.disconnect(), admin?.disconnect()]);
    },
  };
}

import {
  CONSUMER_GROUPS,
  TOPICS,
  type Bus,
  type ConsumedRecord,
  type Subscription,
} from '@fenghuo/shared';
import type { PrepareInput, Preparer } from '../prepare/prepare-records';
import type { MentionWriter, PreparedMention, RejectedRecord } from '../writer/mention-writer';

export interface IngestWorkerOptions {
  bus: Bus;
  writer: MentionWriter;
  /** Decodes, validates, enriches and serialises (on worker threads by default). */
  preparer: Preparer;
  maxBatchRecords: number;
  maxBatchWaitMs: number;
  groupId?: string;
  /** Also publish failed records to mentions.dlq (Kafka mode). */
  publishDlq?: boolean;
  onBatchError?: (error: unknown) => void;
}

export interface IngestWorker {
  start(): Promise<void>;
  stop(): Promise<void>;
  subscription(): Subscription | undefined;
}

export class StaleBatchError extends Error {
  override name = 'StaleBatchError';
}

/**
 * Consumes mentions.raw: decodes, validates again (the topic may have other
 * producers), enriches and writes each batch. The bus commits the batch only
 * after this resolves, so a crash replays it and the writer's key check keeps
 * the replay from storing anything twice.
 */
export function createIngestWorker(options: IngestWorkerOptions): IngestWorker {
  let sub: Subscription | undefined;

  async function handle(records: ConsumedRecord[], ctx: { isStale(): boolean }): Promise<void> {
    const input: PrepareInput = {
      values: [],
      // Records that never left this process were validated by its ingest service.
      trusted: records.every((r) => r.local !== undefined),
      sources: [],
      receivedAt: [],
      partitions: [],
      offsets: [],
    };
    const kafka = options.bus.kind === 'kafka';
    for (const rec of records) {
      input.values.push(rec.value);
      input.sources.push(rec.headers?.source ?? 'bus');
      input.receivedAt.push(Number(rec.headers?.received_at) || rec.timestamp);
      input.partitions.push(kafka ? rec.partition : -1);
      input.offsets.push(kafka ? rec.offset : '-1');
    }
    const out = await options.preparer.prepare(input);
    const prepared: PreparedMention[] = [];
    const rejects: RejectedRecord[] = [];
    for (let i = 0; i < records.length; i++) {
      const position = kafka ? { kafkaPartition: records[i]!.partition, kafkaOffset: records[i]!.offset } : {};
      if (out.codes[i]) {
        rejects.push({
          source: input.sources[i]!,
          code: out.codes[i]!,
          reason: out.reasons[i]!,
          raw: input.values[i]!,
          ...position,
          ...(out.platforms[i] ? { platform: out.platforms[i]! } : {}),
          ...(out.ids[i] ? { id: out.ids[i]! } : {}),
        });
        continue;
      }
      prepared.push({
        key: out.keys[i]!,
        platform: out.platforms[i]!,
        id: out.ids[i]!,
        row: out.rows[i]!,
        source: input.sources[i]!,
        receivedAt: input.receivedAt[i]!,
        ...position,
      });
    }
    // Lost the partition while working: another consumer will redo this batch.
    if (ctx.isStale()) throw new StaleBatchError('partition reassigned; batch abandoned');
    await options.writer.write(prepared, rejects);
    if (options.publishDlq && rejects.length) {
      await options.bus.publish(
        TOPICS.mentionsDlq,
        rejects.map((r) => ({
          key: r.platform && r.id ? `${r.platform}:${r.id}` : `${r.kafkaPartition ?? ''}:${r.kafkaOffset ?? ''}`,
          value: typeof r.raw === 'string' ? r.raw : r.raw.toString('base64'),
          headers: { error: r.reason.slice(0, 1000), code: r.code, source: r.source },
        })),
      );
    }
  }

  return {
    async start() {
      sub = await options.bus.subscribe({
        topic: TOPICS.mentionsRaw,
        groupId: options.groupId ?? CONSUMER_GROUPS.ingestWorker,
        maxBatchRecords: options.maxBatchRecords,
        maxBatchWaitMs: options.maxBatchWaitMs,
        // Enrich the next batch while the previous one is being written.
        maxInFlightBatches: 2,
        handler: async (records, ctx) => {
          try {
            await handle(records, ctx);
          } catch (error) {
            options.onBatchError?.(error);
            throw error;
          }
        },
      });
    },
    async stop() {
      await sub?.stop();
      sub = undefined;
    },
    subscription: () => sub,
  };
}

import {
  CONSUMER_GROUPS,
  TOPICS,
  createMentionValidator,
  type Bus,
  type ConsumedRecord,
  type Mention,
  type Subscription,
} from '@fenghuo/shared';
import type { Enricher } from '../enrich/enrich-mention';
import type { MentionWriter, RejectedRecord, StoredMention } from '../writer/mention-writer';

export interface IngestWorkerOptions {
  bus: Bus;
  writer: MentionWriter;
  enricher: Enricher;
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

const YIELD_EVERY = 500;

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
  const validate = createMentionValidator();
  let sub: Subscription | undefined;

  /** The validated mention, or why the record is rejected. */
  function decode(rec: ConsumedRecord): { mention: Mention } | { code: string; reason: string; decoded?: unknown } {
    // Produced by this process's ingest service, which validated it.
    if (rec.local !== undefined) return { mention: rec.local as Mention };
    let decoded: unknown;
    try {
      decoded = JSON.parse(rec.value);
    } catch (error) {
      return { code: 'undecodable', reason: `bus record is not JSON: ${(error as Error).message}` };
    }
    const v = validate(decoded);
    return v.ok ? { mention: v.mention } : { code: v.code, reason: v.error, decoded };
  }

  async function handle(records: ConsumedRecord[], ctx: { isStale(): boolean }): Promise<void> {
    const stored: StoredMention[] = [];
    const rejects: RejectedRecord[] = [];
    const kafka = options.bus.kind === 'kafka';
    for (let i = 0; i < records.length; i++) {
      // Enriching is CPU work: give HTTP requests a turn every few hundred records.
      if (i > 0 && i % YIELD_EVERY === 0) await new Promise<void>((r) => setImmediate(r));
      const rec = records[i]!;
      const source = rec.headers?.source ?? 'bus';
      const receivedAt = Number(rec.headers?.received_at) || rec.timestamp;
      const position = kafka ? { kafkaPartition: rec.partition, kafkaOffset: rec.offset } : {};
      const d = decode(rec);
      if (!('mention' in d)) {
        rejects.push({ source, code: d.code, reason: d.reason, raw: rec.value, ...position, ...idOf(d.decoded) });
        continue;
      }
      const e = options.enricher(d.mention);
      if (!e.ok) {
        rejects.push({ source, code: e.code, reason: e.reason, raw: rec.value, ...position, platform: d.mention.platform, id: d.mention.id });
        continue;
      }
      stored.push({ mention: d.mention, enrichment: e.value, meta: { source, receivedAt, ...position } });
    }
    // Lost the partition while working: another consumer will redo this batch.
    if (ctx.isStale()) throw new StaleBatchError('partition reassigned; batch abandoned');
    await options.writer.write(stored, rejects);
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

function idOf(decoded: unknown): { platform?: string; id?: string } {
  if (typeof decoded !== 'object' || decoded === null) return {};
  const o = decoded as Record<string, unknown>;
  const out: { platform?: string; id?: string } = {};
  if (typeof o.platform === 'string') out.platform = o.platform.slice(0, 64);
  if (typeof o.id === 'string' || typeof o.id === 'number') out.id = String(o.id).slice(0, 256);
  return out;
}

/**
 * The message bus between ingest entry points and workers. Two adapters
 * implement it: the in-process bus (embedded default) and Kafka.
 *
 * Delivery is at-least-once: a handler may see a record again after a crash
 * or a failed batch, so handlers must be idempotent (the mention writer
 * deduplicates by platform and id).
 */

export interface BusRecord {
  /** Partitioning key: records with one key stay in order on one partition. */
  key: string;
  value: string;
  headers?: Record<string, string>;
  /**
   * The value already decoded, for a record that never leaves this process:
   * the in-process bus hands it to consumers, which then skip decoding and
   * validating it again. Adapters that cross a process boundary send `value`
   * and drop this.
   */
  local?: unknown;
}

export interface ConsumedRecord extends BusRecord {
  topic: string;
  partition: number;
  /** Offset within the partition, as a decimal string (Kafka offsets are 64-bit). */
  offset: string;
  /** When the bus accepted the record, epoch ms. */
  timestamp: number;
}

export interface BatchContext {
  topic: string;
  partition: number;
  /** True once this consumer lost the partition (rebalance): stop and do not write. */
  isStale(): boolean;
  heartbeat(): Promise<void>;
}

export type BatchHandler = (records: ConsumedRecord[], ctx: BatchContext) => Promise<void>;

export interface SubscribeOptions {
  topic: string;
  groupId: string;
  handler: BatchHandler;
  /** Close a batch at this many records… */
  maxBatchRecords?: number;
  /** …or this long after its first record arrived. */
  maxBatchWaitMs?: number;
  /**
   * Batches handed to the handler before earlier ones finished (default 1).
   * With 2, a worker prepares the next batch while the previous one is being
   * written. Offsets are still committed in order.
   */
  maxInFlightBatches?: number;
  /**
   * Where a group that has never committed starts: the oldest record kept
   * (default) or only records published from now on (live views).
   */
  fromBeginning?: boolean;
  /**
   * A group nobody resumes (a live view of one process, with an id of its
   * own): it leaves the topic when its consumer stops. In process, publishers
   * then stop waiting for it to handle their records; without this a view
   * closed at shutdown held every later publish of the topic until the bus
   * closed, and the analytics worker, announcing an alert, never stopped.
   * Kafka drops such a group by itself once its consumer has left.
   */
  leaveOnStop?: boolean;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

export interface Subscription {
  /** Partitions this consumer holds now (after the last rebalance). */
  assignedPartitions(): number[];
  pause(): void;
  resume(): void;
  /** Finishes (or abandons) the batch in hand, commits what was handled, leaves the group. */
  stop(): Promise<void>;
  lag(): Promise<PartitionLag[]>;
}

export interface TopicSpec {
  name: string;
  partitions?: number;
  retentionMs?: number;
}

export interface BusHealth {
  ok: boolean;
  detail?: string;
}

export interface Bus {
  readonly kind: 'in-process' | 'kafka';
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /**
   * Resolves once the records are durable: acknowledged by every in-sync Kafka
   * replica, or, in process, handled by every subscribed group (stored).
   * Rejects with BackpressureError when the bus cannot take more now, and
   * with BusUnavailableError when it cannot be reached.
   */
  publish(topic: string, records: BusRecord[]): Promise<void>;
  /**
   * The BackpressureError publishing this many records now would fail with,
   * if it would: lets an entry point refuse a request before doing any work
   * for it (under overload, clients retrying every second must not keep the
   * store busy with lookups and rejects for records that cannot be queued).
   * With 0 records: whether any request would be refused now (an entry point
   * asks before reading a body). Buses without a bound of their own (Kafka)
   * leave it out.
   */
  refusal?(topic: string, records: number): BackpressureError | undefined;
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  health(): Promise<BusHealth>;
  close(): Promise<void>;
}

export class BackpressureError extends Error {
  override name = 'BackpressureError';
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class BusUnavailableError extends Error {
  override name = 'BusUnavailableError';
}

export class AckTimeoutError extends Error {
  override name = 'AckTimeoutError';
}

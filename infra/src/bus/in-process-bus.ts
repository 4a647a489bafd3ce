import {
  BackpressureError,
  BusUnavailableError,
  type BatchContext,
  type Bus,
  type BusHealth,
  type BusRecord,
  type ConsumedRecord,
  type PartitionLag,
  type SubscribeOptions,
  type Subscription,
  type TopicSpec,
} from '@fenghuo/shared';

export interface InProcessBusOptions {
  /** Records a topic may hold unhandled before publish answers with back-pressure. */
  maxQueuedRecords: number;
  retryAfterSeconds?: number;
  /** Back-off between redeliveries of a batch whose handler failed. */
  redeliveryDelayMs?: (attempt: number) => number;
  onHandlerError?: (error: unknown, topic: string, attempt: number) => void;
}

interface Waiter {
  endOffset: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

interface Group {
  id: string;
  committed: number;
  subscription?: Subscription;
}

interface Topic {
  name: string;
  /** Records from baseOffset on; those every group has handled are trimmed. */
  log: ConsumedRecord[];
  baseOffset: number;
  groups: Map<string, Group>;
  waiters: Waiter[];
  wake: Set<() => void>;
  /** Set when a publish was refused; cleared once the queue has drained to half its bound. */
  draining?: boolean;
}

/**
 * The embedded bus: one partition per topic, consumer groups with offsets in
 * memory. publish() resolves only when every subscribed group has handled the
 * records (for the ingest worker: stored in ClickHouse), which gives an HTTP
 * 202 the same meaning as with Kafka: the records are safe.
 */
/** A consumed record that leaves the producer's (possibly lazy) value alone until read. */
function consumed(r: BusRecord, topic: string, offset: number, timestamp: number): ConsumedRecord {
  const rec = {
    key: r.key,
    get value() {
      return r.value;
    },
    topic,
    partition: 0,
    offset: String(offset),
    timestamp,
  } as ConsumedRecord;
  if (r.headers) rec.headers = r.headers;
  if (r.local !== undefined) rec.local = r.local;
  return rec;
}

export function createInProcessBus(options: InProcessBusOptions): Bus {
  const topics = new Map<string, Topic>();
  const retryAfter = options.retryAfterSeconds ?? 1;
  const delay = options.redeliveryDelayMs ?? ((attempt: number) => Math.min(5000, 50 * 2 ** attempt));
  let closed = false;

  function topicOf(name: string): Topic {
    let t = topics.get(name);
    if (!t) {
      t = { name, log: [], baseOffset: 0, groups: new Map(), waiters: [], wake: new Set() };
      topics.set(name, t);
    }
    return t;
  }

  function endOffset(t: Topic): number {
    return t.baseOffset + t.log.length;
  }

  function settle(t: Topic): void {
    if (t.groups.size === 0) {
      // The last group left: nobody is left to wait for (the records stay for a later group).
      for (const w of t.waiters.splice(0)) w.resolve();
      return;
    }
    let low = Infinity;
    for (const g of t.groups.values()) low = Math.min(low, g.committed);
    if (low > t.baseOffset) {
      t.log.splice(0, low - t.baseOffset);
      t.baseOffset = low;
    }
    if (t.waiters.length) {
      const pending: Waiter[] = [];
      for (const w of t.waiters) {
        if (w.endOffset <= low) w.resolve();
        else pending.push(w);
      }
      t.waiters = pending;
    }
  }

  class GroupLoop implements Subscription {
    private paused = false;
    private stopped = false;
    private running: Promise<void>;
    private stale = false;
    /** Next offset to hand out; `group.committed` trails it by the batches in flight. */
    private delivered: number;
    private inFlight: { end: number; done: boolean; work: Promise<void> }[] = [];

    constructor(
      private readonly topic: Topic,
      private readonly group: Group,
      private readonly opts: SubscribeOptions,
    ) {
      this.delivered = group.committed;
      this.running = this.loop();
    }

    assignedPartitions(): number[] {
      return [0];
    }

    pause(): void {
      this.paused = true;
    }

    resume(): void {
      this.paused = false;
      this.poke();
    }

    async stop(): Promise<void> {
      this.stopped = true;
      this.poke();
      await this.running;
      if (this.group.subscription === this) this.group.subscription = undefined;
      if (this.opts.leaveOnStop && this.topic.groups.get(this.group.id) === this.group) {
        // A live view nobody resumes: publishers stop waiting for it, and what it left unread is trimmed.
        this.topic.groups.delete(this.group.id);
        settle(this.topic);
      }
    }

    async lag(): Promise<PartitionLag[]> {
      return [{ topic: this.topic.name, partition: 0, lag: endOffset(this.topic) - this.group.committed }];
    }

    private poke(): void {
      for (const wake of [...this.topic.wake]) wake();
    }

    private wait(ms?: number): Promise<void> {
      return new Promise((resolve) => {
        const done = () => {
          this.topic.wake.delete(done);
          if (timer) clearTimeout(timer);
          resolve();
        };
        const timer = ms === undefined ? undefined : setTimeout(done, ms);
        this.topic.wake.add(done);
      });
    }

    private available(): number {
      return endOffset(this.topic) - this.delivered;
    }

    private async loop(): Promise<void> {
      const max = this.opts.maxBatchRecords ?? 10_000;
      const maxWait = this.opts.maxBatchWaitMs ?? 200;
      const maxInFlight = Math.max(1, this.opts.maxInFlightBatches ?? 1);
      while (!this.stopped && !closed) {
        if (this.inFlight.length >= maxInFlight) {
          await Promise.race(this.inFlight.map((b) => b.work));
          continue;
        }
        if (this.paused || this.available() === 0) {
          await this.wait();
          continue;
        }
        // Hold the batch open for more records, up to its size or its time.
        const openedAt = Date.now();
        while (!this.stopped && !closed && this.available() < max) {
          const left = maxWait - (Date.now() - openedAt);
          if (left <= 0) break;
          await this.wait(left);
        }
        if (this.stopped || closed) break;
        const from = this.delivered - this.topic.baseOffset;
        const batch = this.topic.log.slice(from, from + max);
        this.delivered += batch.length;
        const entry = { end: this.delivered, done: false, work: Promise.resolve() };
        entry.work = this.deliver(batch).then((handled) => {
          // A batch abandoned at shutdown stays uncommitted: the next consumer gets it again.
          if (!handled) return;
          entry.done = true;
          this.commitDone();
        });
        this.inFlight.push(entry);
      }
      await Promise.all(this.inFlight.map((b) => b.work));
    }

    /** Commits every leading batch that is done, in order. */
    private commitDone(): void {
      while (this.inFlight.length && this.inFlight[0]!.done) {
        this.group.committed = this.inFlight.shift()!.end;
      }
      settle(this.topic);
      this.poke();
    }

    private async deliver(batch: ConsumedRecord[]): Promise<boolean> {
      const ctx: BatchContext = {
        topic: this.topic.name,
        partition: 0,
        isStale: () => this.stale || closed,
        heartbeat: async () => {},
      };
      for (let attempt = 0; ; attempt++) {
        try {
          await this.opts.handler(batch, ctx);
          return true;
        } catch (error) {
          options.onHandlerError?.(error, this.topic.name, attempt);
          if (this.stopped || closed) return false;
          await this.wait(delay(attempt));
          if (this.stopped || closed) return false;
        }
      }
    }
  }

  /**
   * Over the bound: refused, and every publish after it until the queue has
   * drained to half the bound. Without that low-water mark an overloaded queue
   * hovers at the bound and clients retrying each second keep getting a few
   * records in and most refused, and the refused requests' bodies (read and
   * parsed before the refusal) starve the writer of the main thread. A
   * request larger than the whole bound still goes through an empty queue.
   */
  const refusal = (t: Topic, records: number): BackpressureError | undefined => {
    const queued = endOffset(t) - minCommitted(t);
    if (t.draining && queued > options.maxQueuedRecords / 2) {
      return new BackpressureError(`ingest queue is full (${queued} records waiting to be stored, taking more below ${Math.floor(options.maxQueuedRecords / 2)}); retry shortly`, retryAfter);
    }
    t.draining = false;
    if (queued > 0 && queued + records > options.maxQueuedRecords) {
      t.draining = true;
      return new BackpressureError(`ingest queue is full (${queued} records waiting to be stored); retry shortly`, retryAfter);
    }
    return undefined;
  };

  return {
    kind: 'in-process',

    refusal(topicName: string, records: number): BackpressureError | undefined {
      return closed ? undefined : refusal(topicOf(topicName), records);
    },

    async ensureTopics(specs: TopicSpec[]): Promise<void> {
      for (const s of specs) topicOf(s.name);
    },

    publish(topicName: string, records: BusRecord[]): Promise<void> {
      if (closed) return Promise.reject(new BusUnavailableError('the bus is closed'));
      if (records.length === 0) return Promise.resolve();
      const t = topicOf(topicName);
      const refused = refusal(t, records.length);
      if (refused) return Promise.reject(refused);
      const now = Date.now();
      let offset = endOffset(t);
      for (const r of records) t.log.push(consumed(r, topicName, offset++, now));
      for (const wake of [...t.wake]) wake();
      if (t.groups.size === 0) {
        // Nobody consumes this topic yet: keep the records for a later group.
        return Promise.resolve();
      }
      return new Promise<void>((resolve, reject) => {
        t.waiters.push({ endOffset: offset, resolve, reject });
      });
    },

    async subscribe(opts: SubscribeOptions): Promise<Subscription> {
      if (closed) throw new BusUnavailableError('the bus is closed');
      const t = topicOf(opts.topic);
      let group = t.groups.get(opts.groupId);
      if (!group) {
        // A new group starts at the oldest record still held, or at the end.
        group = { id: opts.groupId, committed: opts.fromBeginning === false ? endOffset(t) : t.baseOffset };
        t.groups.set(opts.groupId, group);
      }
      if (group.subscription) throw new Error(`group ${opts.groupId} already has a consumer on ${opts.topic}`);
      const loop = new GroupLoop(t, group, opts);
      group.subscription = loop;
      return loop;
    },

    async health(): Promise<BusHealth> {
      return closed ? { ok: false, detail: 'closed' } : { ok: true };
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      const stops: Promise<void>[] = [];
      for (const t of topics.values()) {
        for (const wake of [...t.wake]) wake();
        for (const g of t.groups.values()) if (g.subscription) stops.push(g.subscription.stop());
        for (const w of t.waiters) w.reject(new BusUnavailableError('the bus closed before the records were handled'));
        t.waiters = [];
      }
      await Promise.all(stops);
    },
  };

  function minCommitted(t: Topic): number {
    if (t.groups.size === 0) return t.baseOffset;
    let low = Infinity;
    for (const g of t.groups.values()) low = Math.min(low, g.committed);
    return low;
  }
}

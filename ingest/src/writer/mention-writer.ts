import crypto from 'node:crypto';
import { TABLES, type Store } from '@fenghuo/shared';
import { toDateTime64 } from '@fenghuo/infra';
import { MENTION_COLUMNS } from '../prepare/prepare-records';
import { SlidingQuantiles } from './sliding-quantiles';

/** A mention ready for the store: its key and its serialised row (see prepare-records). */
export interface PreparedMention {
  key: string;
  platform: string;
  id: string;
  /** JSONCompactEachRow row of MENTION_COLUMNS. */
  row: string;
  /** Where it came from: "http", "import:<file>", "demo", "replay"… */
  source: string;
  /** When Fenghuo first received it (epoch ms): the start of freshness. */
  receivedAt: number;
  kafkaPartition?: number;
  kafkaOffset?: string;
}

export interface RejectedRecord {
  source: string;
  code: string;
  reason: string;
  /** As received: text, or bytes that are not UTF-8 (kept as base64). */
  raw: string | Buffer;
  /** Index in the request, or line in the file; -1 when not applicable. */
  position?: number;
  platform?: string;
  id?: string;
  kafkaPartition?: number;
  kafkaOffset?: string;
}

export interface WriteResult {
  inserted: number;
  duplicates: number;
  rejected: number;
}

export interface WriterStats extends WriteResult {
  batches: number;
  insertFailures: number;
}

export interface WriterHooks {
  onBatch?: (rows: number, seconds: number) => void;
  onDuplicates?: (n: number) => void;
  onInserted?: (n: number, source: string) => void;
  onRejected?: (code: string, n: number) => void;
  onInsertError?: (error: unknown, attempt: number) => void;
  onFreshness?: (seconds: number) => void;
}

export interface MentionWriterOptions {
  store: Store;
  /** Longest wait between retries of an insert that failed for a reason other than its data. */
  retryMaxMs: number;
  hooks?: WriterHooks;
  now?: () => number;
  /** Stops retrying (for shutdown). */
  isStopping?: () => boolean;
}

export interface MentionWriter {
  write(mentions: PreparedMention[], rejects: RejectedRecord[]): Promise<WriteResult>;
  writeRejects(rejects: RejectedRecord[]): Promise<number>;
  /** Keys (platform:id) among these that are stored already. */
  storedKeys(keys: string[]): Promise<Set<string>>;
  stats(): WriterStats;
  /** received → stored over the last minute, ms. */
  freshness(): { p50: number; p95: number; count: number };
}

/** What the writer sends: times as epoch ms and lists joined by U+001F, into the table's EPHEMERAL input columns. */
const REJECT_COLUMNS = [
  'reject_id', 'rejected_at', 'source', 'code', 'reason', 'raw', 'raw_encoding', 'position', 'platform', 'id',
  'kafka_partition', 'kafka_offset',
] as const;

const LOOKUP_CHUNK = 5000;

/** ClickHouse error codes that mean "this data", not "the store": retrying the same rows cannot help. */
const DATA_ERROR = /CANNOT_PARSE|CANNOT_READ|TYPE_MISMATCH|INCORRECT_DATA|TOO_LARGE_STRING_SIZE|ILLEGAL_TYPE|VALUE_IS_OUT_OF_RANGE|CANNOT_CONVERT|INCORRECT_NUMBER_OF_COLUMNS|SIZES_OF_COLUMNS|UNKNOWN_IDENTIFIER|Cannot parse/;

export function rejectId(r: RejectedRecord): string {
  return crypto
    .createHash('sha256')
    .update(`${r.source}\u0000${r.position ?? -1}\u0000${r.code}\u0000`)
    .update(r.raw)
    .digest('hex')
    .slice(0, 32);
}

function rawText(raw: string | Buffer): { text: string; encoding: 'utf8' | 'base64' } {
  if (typeof raw === 'string') return { text: raw, encoding: 'utf8' };
  const text = raw.toString('utf8');
  // Bytes that are not UTF-8 would be mangled by the round trip: keep them exactly.
  return Buffer.byteLength(text) === raw.length && !text.includes('\ufffd')
    ? { text, encoding: 'utf8' }
    : { text: raw.toString('base64'), encoding: 'base64' };
}

export function createMentionWriter(options: MentionWriterOptions): MentionWriter {
  const { store, hooks = {} } = options;
  const now = options.now ?? Date.now;
  const totals: WriterStats = { inserted: 0, duplicates: 0, rejected: 0, batches: 0, insertFailures: 0 };
  const fresh = new SlidingQuantiles(60, now);
  let chain: Promise<unknown> = Promise.resolve();

  /** One write at a time: the duplicate check and the insert must not interleave. */
  function serialized<T>(work: () => Promise<T>): Promise<T> {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  }

  async function withRetry<T>(what: string, work: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (isDataError(error)) throw error;
        totals.insertFailures++;
        hooks.onInsertError?.(error, attempt);
        if (options.isStopping?.()) throw error;
        const wait = Math.min(options.retryMaxMs, 100 * 2 ** Math.min(attempt, 10));
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  async function lookupKeys(keys: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += LOOKUP_CHUNK) {
      const chunk = keys.slice(i, i + LOOKUP_CHUNK);
      const rows = await store.query<{ key: string }>(
        `SELECT key FROM ${TABLES.mentionKeys} WHERE key IN {keys:Array(String)}`,
        { keys: chunk },
      );
      for (const r of rows) found.add(r.key);
    }
    return found;
  }

  /** Inserts rows; a batch the store refuses for its data is bisected so only the bad rows are rejected. */
  async function insertMentions(batch: PreparedMention[], rejects: RejectedRecord[]): Promise<PreparedMention[]> {
    if (batch.length === 0) return [];
    try {
      await withRetry('insert mentions', () => store.insertJsonRows(TABLES.mentions, MENTION_COLUMNS, batch.map((m) => m.row)));
      return batch;
    } catch (error) {
      if (!isDataError(error)) throw error;
      if (batch.length === 1) {
        const m = batch[0]!;
        rejects.push({
          source: m.source,
          code: 'store_refused',
          reason: `the store refused this record: ${messageOf(error).slice(0, 500)}`,
          raw: m.row,
          platform: m.platform,
          id: m.id,
          ...(m.kafkaPartition !== undefined ? { kafkaPartition: m.kafkaPartition } : {}),
          ...(m.kafkaOffset !== undefined ? { kafkaOffset: m.kafkaOffset } : {}),
        });
        return [];
      }
      const mid = Math.ceil(batch.length / 2);
      const left = await insertMentions(batch.slice(0, mid), rejects);
      const right = await insertMentions(batch.slice(mid), rejects);
      return [...left, ...right];
    }
  }

  async function storeRejects(rejects: RejectedRecord[]): Promise<number> {
    if (rejects.length === 0) return 0;
    const withIds = new Map<string, RejectedRecord>();
    for (const r of rejects) withIds.set(rejectId(r), r);
    const ids = [...withIds.keys()];
    const existing = await withRetry('lookup rejects', async () => {
      const found = new Set<string>();
      for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
        const rows = await store.query<{ reject_id: string }>(
          `SELECT reject_id FROM ${TABLES.rejected} WHERE reject_id IN {ids:Array(String)}`,
          { ids: ids.slice(i, i + LOOKUP_CHUNK) },
        );
        for (const r of rows) found.add(r.reject_id);
      }
      return found;
    });
    const at = toDateTime64(now());
    const rows: unknown[][] = [];
    for (const [id, r] of withIds) {
      if (existing.has(id)) continue;
      const raw = rawText(r.raw);
      rows.push([
        id, at, r.source, r.code, r.reason, raw.text, raw.encoding, r.position ?? -1, r.platform ?? '', r.id ?? '',
        r.kafkaPartition ?? -1, r.kafkaOffset ?? '-1',
      ]);
    }
    await withRetry('insert rejects', () => store.insert(TABLES.rejected, REJECT_COLUMNS, rows));
    for (const r of rejects) hooks.onRejected?.(r.code, 1);
    totals.rejected += rejects.length;
    return rejects.length;
  }

  return {
    write(mentions, rejects) {
      return serialized(async () => {
        const started = now();
        // First copy of each key in the batch wins; the rest are duplicates.
        const byKey = new Map<string, PreparedMention>();
        for (const m of mentions) if (!byKey.has(m.key)) byKey.set(m.key, m);
        const stored = await withRetry('lookup keys', () => lookupKeys([...byKey.keys()]));
        const fresh_: PreparedMention[] = [];
        for (const [key, m] of byKey) if (!stored.has(key)) fresh_.push(m);
        const allRejects = [...rejects];
        const inserted = await insertMentions(fresh_, allRejects);
        const rejected = await storeRejects(allRejects);
        const done = now();
        const duplicates = mentions.length - fresh_.length;
        totals.inserted += inserted.length;
        totals.duplicates += duplicates;
        totals.batches++;
        const bySource = new Map<string, number>();
        for (const m of inserted) {
          const lag = Math.max(0, done - m.receivedAt);
          fresh.add(lag);
          hooks.onFreshness?.(lag / 1000);
          bySource.set(m.source, (bySource.get(m.source) ?? 0) + 1);
        }
        for (const [source, n] of bySource) hooks.onInserted?.(n, source);
        if (duplicates) hooks.onDuplicates?.(duplicates);
        hooks.onBatch?.(mentions.length, (done - started) / 1000);
        return { inserted: inserted.length, duplicates, rejected };
      });
    },
    writeRejects(rejects) {
      return serialized(() => storeRejects(rejects));
    },
    storedKeys(keys) {
      return lookupKeys(keys);
    },
    stats: () => ({ ...totals }),
    freshness: () => fresh.snapshot(),
  };
}

function isDataError(error: unknown): boolean {
  return DATA_ERROR.test(messageOf(error));
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.message} ${(error as { type?: string }).type ?? ''}`;
  return String(error);
}

import {
  AckTimeoutError,
  type BackpressureError,
  TOPICS,
  createMentionValidator,
  mentionKey,
  type Bus,
  type BusRecord,
  type IngestRejection,
} from '@fenghuo/shared';
import { encodeMentionRecord } from '../worker/mention-record';
import { rejectId, type MentionWriter, type RejectedRecord } from '../writer/mention-writer';
import { SourceShares, type SourceShareOptions } from './source-share';

/** One record offered for ingest, from any entry point. */
export interface SubmitItem {
  /** Index in the request, or line/record number in a file. */
  position: number;
  /** The decoded candidate; absent when decoding already failed (see error). */
  value?: unknown;
  /** As received, for rejected_mentions. */
  raw: string | Buffer;
  /** Set when the entry point could not decode the record. */
  error?: string;
  code?: string;
}

export interface SubmitResult {
  accepted: number;
  rejected: IngestRejection[];
  /** Accepted records whose platform:id was stored already, or repeated within this submission. */
  duplicates: number;
  /** Of those, the ones repeated within this submission (never published). */
  repeated: number;
}

export interface IngestService {
  /**
   * Validates, keeps the rejects, publishes the rest and resolves once the bus
   * holds them durably. Throws BackpressureError / AckTimeoutError /
   * BusUnavailableError when the records could not be taken (rejects are kept
   * even then, except when a full queue refused the request before any work).
   */
  submit(items: SubmitItem[], source: string, receivedAt: number): Promise<SubmitResult>;
  /**
   * The BackpressureError a request would get now (the queue is full or
   * draining, or the source holds its share of it), so an entry point can
   * answer before reading its body.
   */
  refusal(source?: string): BackpressureError | undefined;
}

export interface IngestServiceOptions {
  bus: Bus;
  writer: Pick<MentionWriter, 'writeRejects' | 'storedKeys'>;
  ackTimeoutMs: number;
  now?: () => number;
  /** Count duplicates against the store before publishing (one key lookup per submission). */
  countStoredDuplicates?: boolean;
  /** Why the store is failing writes right now (disk full, a table gone), if it is: named in the 503. */
  storeProblem?: () => string | undefined;
  onAccepted?: (n: number, source: string) => void;
  /** The share of a bounded queue one source may hold (see SourceShares); off when absent. */
  sourceShare?: SourceShareOptions;
  /** A request refused for its source's share. */
  onShareRefused?: (source: string) => void;
}

export function createIngestService(options: IngestServiceOptions): IngestService {
  const validate = createMentionValidator(options.now ?? Date.now);
  const countStored = options.countStoredDuplicates ?? true;
  const shares = options.sourceShare ? new SourceShares(options.sourceShare) : undefined;
  const shareRefusal = (source: string, records: number) => {
    const refused = shares?.refusal(source, records);
    if (refused) options.onShareRefused?.(source);
    return refused;
  };

  return {
    refusal: (source) => options.bus.refusal?.(TOPICS.mentionsRaw, 0) ?? (source === undefined ? undefined : shareRefusal(source, 0)),
    async submit(items, source, receivedAt) {
      // A full queue refuses before any work (validation, the duplicate lookup, keeping rejects):
      // under overload every client retries each second, and that work for records that cannot be
      // queued kept the store too busy to drain the queue (bench soak: 0 stored for minutes).
      // The rejects of a refused request are kept when it is resent.
      const offered = items.reduce((n, item) => n + (item.error === undefined ? 1 : 0), 0);
      const refused = options.bus.refusal?.(TOPICS.mentionsRaw, offered) ?? shareRefusal(source, offered);
      if (refused) throw refused;
      // Held against the source from here (before any await) until stored or failed.
      const hold: SourceHold = { release: shares?.hold(source, offered) ?? (() => undefined), handedToBus: false };
      try {
        return await take(items, source, receivedAt, hold);
      } finally {
        if (!hold.handedToBus) hold.release();
      }
    },
  };

  /** Validates, keeps the rejects and publishes the rest of one request the queue has room for. */
  async function take(items: SubmitItem[], source: string, receivedAt: number, hold: SourceHold): Promise<SubmitResult> {
    const rejected: IngestRejection[] = [];
    const rejects: RejectedRecord[] = [];
    const records: BusRecord[] = [];
    const keys = new Set<string>();
    let repeated = 0;
    for (const item of items) {
      if (item.error !== undefined) {
        const reject: RejectedRecord = { source, code: item.code ?? 'undecodable', reason: item.error, raw: item.raw, position: item.position };
        rejected.push({ index: item.position, error: item.error, reject_id: rejectId(reject) });
        rejects.push(reject);
        continue;
      }
      const v = validate(item.value);
      if (!v.ok) {
        const ident = identityOf(item.value);
        const reject: RejectedRecord = { source, code: v.code, reason: v.error, raw: item.raw, position: item.position, ...ident };
        const reject_id = rejectId(reject);
        rejected.push(ident.id === undefined ? { index: item.position, error: v.error, reject_id } : { index: item.position, id: ident.id, error: v.error, reject_id });
        rejects.push(reject);
        continue;
      }
      const key = mentionKey(v.mention);
      if (keys.has(key)) {
        repeated++;
        continue;
      }
      keys.add(key);
      records.push(encodeMentionRecord(v.mention, source, receivedAt));
    }

    // While the store fails, keeping the rejects waits behind the write being
    // retried: the answer waits for them no longer than for the records (a
    // 503 then; they are still kept once the store is back, and a resent
    // reject is kept once).
    const deadline = Date.now() + options.ackTimeoutMs;
    const kept = rejects.length ? options.writer.writeRejects(rejects) : undefined;
    const notConfirmed = (what: string) => {
      const problem = options.storeProblem?.();
      return new AckTimeoutError(
        `${what} within ${options.ackTimeoutMs} ms${problem ? `: the store is failing (${problem})` : ''}; resending is safe (duplicates are dropped)`,
      );
    };
    let result: SubmitResult;
    try {
      let alreadyStored = 0;
      if (records.length) {
        if (countStored) alreadyStored = (await options.writer.storedKeys([...keys])).size;
        const published = options.bus.publish(TOPICS.mentionsRaw, records);
        // Held against the source until stored, also past a timed-out answer.
        hold.handedToBus = true;
        published.then(hold.release, hold.release);
        await withTimeout(published, options.ackTimeoutMs, () => notConfirmed('records were queued but not confirmed stored'));
      }
      result = { accepted: records.length + repeated, rejected, duplicates: alreadyStored + repeated, repeated };
    } catch (error) {
      kept?.catch(() => undefined);
      throw error;
    }
    if (kept) await withTimeout(kept, deadline - Date.now(), () => notConfirmed('rejected records were not confirmed kept'));
    options.onAccepted?.(result.accepted, source);
    return result;
  }
}

/** A source's hold on the queue for one request: released when the bus settles its records, or when the request ends before publishing. */
interface SourceHold {
  release: () => void;
  handedToBus: boolean;
}

function withTimeout<T>(work: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), Math.max(0, ms));
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function identityOf(value: unknown): { platform?: string; id?: string } {
  if (typeof value !== 'object' || value === null) return {};
  const o = value as { platform?: unknown; id?: unknown };
  const out: { platform?: string; id?: string } = {};
  if (typeof o.platform === 'string') out.platform = o.platform.slice(0, 64);
  if (typeof o.id === 'string' || typeof o.id === 'number') out.id = String(o.id).slice(0, 256);
  return out;
}

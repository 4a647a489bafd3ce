import {
  AckTimeoutError,
  TOPICS,
  createMentionValidator,
  mentionKey,
  type Bus,
  type BusRecord,
  type IngestRejection,
} from '@fenghuo/shared';
import { encodeMentionRecord } from '../worker/mention-record';
import type { MentionWriter, RejectedRecord } from '../writer/mention-writer';

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
   * even then).
   */
  submit(items: SubmitItem[], source: string, receivedAt: number): Promise<SubmitResult>;
}

export interface IngestServiceOptions {
  bus: Bus;
  writer: Pick<MentionWriter, 'writeRejects' | 'storedKeys'>;
  ackTimeoutMs: number;
  now?: () => number;
  /** Count duplicates against the store before publishing (one key lookup per submission). */
  countStoredDuplicates?: boolean;
  onAccepted?: (n: number, source: string) => void;
}

export function createIngestService(options: IngestServiceOptions): IngestService {
  const validate = createMentionValidator(options.now ?? Date.now);
  const countStored = options.countStoredDuplicates ?? true;

  return {
    async submit(items, source, receivedAt) {
      const rejected: IngestRejection[] = [];
      const rejects: RejectedRecord[] = [];
      const records: BusRecord[] = [];
      const keys = new Set<string>();
      let repeated = 0;
      for (const item of items) {
        if (item.error !== undefined) {
          rejected.push({ index: item.position, error: item.error });
          rejects.push({ source, code: item.code ?? 'undecodable', reason: item.error, raw: item.raw, position: item.position });
          continue;
        }
        const v = validate(item.value);
        if (!v.ok) {
          const ident = identityOf(item.value);
          rejected.push(ident.id === undefined ? { index: item.position, error: v.error } : { index: item.position, id: ident.id, error: v.error });
          rejects.push({ source, code: v.code, reason: v.error, raw: item.raw, position: item.position, ...ident });
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

      const kept = options.writer.writeRejects(rejects);
      try {
        let alreadyStored = 0;
        if (records.length) {
          if (countStored) alreadyStored = (await options.writer.storedKeys([...keys])).size;
          await withTimeout(options.bus.publish(TOPICS.mentionsRaw, records), options.ackTimeoutMs);
        }
        options.onAccepted?.(records.length + repeated, source);
        return { accepted: records.length + repeated, rejected, duplicates: alreadyStored + repeated, repeated };
      } finally {
        await kept;
      }
    },
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AckTimeoutError(`records were queued but not confirmed stored within ${ms} ms; resending is safe (duplicates are dropped)`)),
      ms,
    );
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

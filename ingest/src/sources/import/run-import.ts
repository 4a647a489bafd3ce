import type { SubmitItem } from '../../service/ingest-service';
import type { Submitter } from './submitters';

export interface ImportSummary {
  read: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  seconds: number;
}

export interface ImportProgress {
  read: number;
  accepted: number;
  rejected: number;
  elapsedMs: number;
}

export interface RunImportOptions {
  chunkSize?: number;
  /** Chunks in flight at once. */
  concurrency?: number;
  onProgress?: (p: ImportProgress) => void;
  /** Called with each local rejection (index is the record's position). */
  onRejected?: (r: { index: number; id?: string; error: string }) => void;
  /**
   * Duplicates the store itself dropped since the import began (embedded mode:
   * exact even with chunks in flight together). Without it, the submitters'
   * own counts are used.
   */
  storeDuplicates?: () => number;
}

/** Streams records to a submitter in chunks and counts what happened to them. */
export async function runImport(records: AsyncIterable<SubmitItem>, submitter: Submitter, options: RunImportOptions = {}): Promise<ImportSummary> {
  const chunkSize = options.chunkSize ?? 5000;
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const started = Date.now();
  const totals = { read: 0, accepted: 0, rejected: 0, duplicates: 0, repeated: 0 };
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;

  const send = (chunk: SubmitItem[]) => {
    const p = submitter
      .submit(chunk)
      .then((r) => {
        totals.accepted += r.accepted;
        totals.rejected += r.rejected.length;
        totals.duplicates += r.duplicates;
        totals.repeated += r.repeated;
        for (const x of r.rejected) options.onRejected?.(x);
        options.onProgress?.({ read: totals.read, accepted: totals.accepted, rejected: totals.rejected, elapsedMs: Date.now() - started });
      })
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
    return p;
  };

  let chunk: SubmitItem[] = [];
  for await (const item of records) {
    if (failure) break;
    totals.read++;
    chunk.push(item);
    if (chunk.length >= chunkSize) {
      send(chunk);
      chunk = [];
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
  }
  if (chunk.length && !failure) send(chunk);
  await Promise.all(inFlight);
  if (failure) throw failure;
  const duplicates = options.storeDuplicates ? options.storeDuplicates() + totals.repeated : totals.duplicates;
  return { read: totals.read, accepted: totals.accepted, rejected: totals.rejected, duplicates, seconds: (Date.now() - started) / 1000 };
}

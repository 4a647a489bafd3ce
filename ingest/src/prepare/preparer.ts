import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { createEnricher, type EnricherOptions } from '../enrich/enrich-mention';
import { prepareRecords, type PrepareInput, type PrepareOutput, type Preparer } from './prepare-records';

/** Threads that prepare rows by default: all cores but one (the main thread and chdb need theirs), at most 8. */
export function defaultPrepareThreads(): number {
  return Math.max(1, Math.min(8, os.availableParallelism() - 1));
}

/** Prepares on the calling thread (tests, or FENGHUO_PREPARE_THREADS=0). */
export function createInlinePreparer(options: EnricherOptions = {}): Preparer {
  const enrich = createEnricher(options);
  return {
    prepare: async (input) => prepareRecords(input, enrich),
    close: async () => {},
  };
}

interface Pending {
  resolve: (o: PrepareOutput) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  pending: Map<number, Pending>;
}

const CHUNK = 1000;

function slice(input: PrepareInput, from: number, to: number): PrepareInput {
  return {
    values: input.values.slice(from, to),
    trusted: input.trusted,
    sources: input.sources.slice(from, to),
    receivedAt: input.receivedAt.slice(from, to),
    partitions: input.partitions.slice(from, to),
    offsets: input.offsets.slice(from, to),
  };
}

/**
 * A pool of worker threads that decode, validate, enrich and serialise
 * records, so that segmentation (the largest cost of ingest) runs beside the
 * main thread instead of on it. A batch is cut into chunks spread over the
 * threads; the results come back in order. A thread that dies is replaced and
 * its chunks fail, which makes the bus redeliver the batch.
 */
export function createThreadPreparer(threads: number, onError?: (error: Error) => void, options: EnricherOptions = {}): Preparer & { busyMs(): number } {
  const url = new URL('./prepare-thread-entry.mjs', import.meta.url);
  let nextId = 0;
  let turn = 0;
  let closed = false;

  const spawn = (): Slot => {
    // A bounded heap: the thread's live data is small, its garbage is not.
    const worker = new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: 192 }, workerData: options });
    const pending = new Map<number, Pending>();
    const slot: Slot = { worker, pending, ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (msg: { id?: number; output?: PrepareOutput; error?: string }) => {
      if (msg.id === undefined) return;
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.output) p.resolve(msg.output);
      else p.reject(new Error(msg.error ?? 'prepare failed'));
    });
    const fail = (error: Error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
      if (!closed) {
        onError?.(error);
        const i = slots.indexOf(slot);
        if (i >= 0) slots[i] = spawn();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!closed) fail(new Error(`prepare thread exited with code ${code}`));
    });
    worker.unref();
    return slot;
  };

  const slots: Slot[] = Array.from({ length: Math.max(1, threads) }, spawn);

  const run = async (input: PrepareInput): Promise<PrepareOutput> => {
    const slot = slots[turn++ % slots.length]!;
    await slot.ready;
    const id = nextId++;
    return new Promise<PrepareOutput>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, input });
    });
  };

  return {
    async prepare(input) {
      if (closed) throw new Error('preparer is closed');
      const n = input.values.length;
      if (n <= CHUNK) return run(input);
      const parts: Promise<PrepareOutput>[] = [];
      for (let i = 0; i < n; i += CHUNK) parts.push(run(slice(input, i, i + CHUNK)));
      const outs = await Promise.all(parts);
      const merged: PrepareOutput = { keys: [], rows: [], codes: [], reasons: [], platforms: [], ids: [] };
      for (const o of outs) {
        for (const k of Object.keys(merged) as (keyof PrepareOutput)[]) merged[k].push(...o[k]);
      }
      return merged;
    },
    /** Time the threads spent working (event-loop active time), summed. */
    busyMs() {
      return slots.reduce((sum, s) => sum + s.worker.performance.eventLoopUtilization().active, 0);
    },
    async close() {
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

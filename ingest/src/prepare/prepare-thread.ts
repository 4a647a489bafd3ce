import { parentPort, workerData } from 'node:worker_threads';
import { createMentionValidator } from '@fenghuo/shared';
import { createEnricher, type EnricherOptions } from '../enrich/enrich-mention';
import { prepareRecords, type PrepareInput } from './prepare-records';

/** A preparation thread: loads the segmenter and lexicons once, then prepares batches on request. */
const enrich = createEnricher((workerData ?? {}) as EnricherOptions);
const validate = createMentionValidator();

parentPort!.on('message', (msg: { id: number; input: PrepareInput }) => {
  try {
    parentPort!.postMessage({ id: msg.id, output: prepareRecords(msg.input, enrich, validate) });
  } catch (error) {
    parentPort!.postMessage({ id: msg.id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort!.postMessage({ ready: true });

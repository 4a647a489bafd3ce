import { Counter, Histogram, type Registry } from 'prom-client';
import type { WriterHooks } from './writer/mention-writer';

export interface IngestMetrics {
  accepted: Counter<'source'>;
  rejected: Counter<'code'>;
  duplicates: Counter;
  batchRows: Histogram;
  insertSeconds: Histogram;
  insertErrors: Counter;
  freshnessSeconds: Histogram;
  requests: Counter<'status'>;
  shareRefused: Counter<'source'>;
  writerHooks: WriterHooks;
}

/** Prometheus instruments for the ingest path, registered on `registry`. */
export function createIngestMetrics(registry: Registry): IngestMetrics {
  const registers = [registry];
  const accepted = new Counter({ name: 'fenghuo_ingest_accepted_total', help: 'Records that passed validation, by source', labelNames: ['source'], registers });
  const stored = new Counter({ name: 'fenghuo_ingest_stored_total', help: 'Mentions stored, by source', labelNames: ['source'], registers });
  const rejected = new Counter({ name: 'fenghuo_ingest_rejected_total', help: 'Records rejected, by reason code', labelNames: ['code'], registers });
  const duplicates = new Counter({ name: 'fenghuo_ingest_duplicates_total', help: 'Records not stored because their platform:id was stored already', registers });
  const batchRows = new Histogram({
    name: 'fenghuo_ingest_batch_rows',
    help: 'Records per batch written to the store',
    buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000, 20000, 50000],
    registers,
  });
  const insertSeconds = new Histogram({
    name: 'fenghuo_store_write_seconds',
    help: 'Time to write one batch (key check, insert, rejects)',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const insertErrors = new Counter({ name: 'fenghuo_store_write_errors_total', help: 'Failed store writes (retried)', registers });
  const freshnessSeconds = new Histogram({
    name: 'fenghuo_ingest_lag_seconds',
    help: 'End-to-end lag: received by Fenghuo → stored and queryable',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
    registers,
  });
  const requests = new Counter({ name: 'fenghuo_ingest_requests_total', help: 'Ingest HTTP requests by status', labelNames: ['status'], registers });
  const shareRefused = new Counter({
    name: 'fenghuo_ingest_share_refused_total',
    help: 'Requests refused (503) because their source held its share of the ingest queue, by source',
    labelNames: ['source'],
    registers,
  });
  return {
    accepted,
    rejected,
    duplicates,
    batchRows,
    insertSeconds,
    insertErrors,
    freshnessSeconds,
    requests,
    shareRefused,
    writerHooks: {
      onBatch: (rows, seconds) => {
        batchRows.observe(rows);
        insertSeconds.observe(seconds);
      },
      onDuplicates: (n) => duplicates.inc(n),
      onInserted: (n, source) => stored.inc({ source }, n),
      onRejected: (code, n) => rejected.inc({ code }, n),
      onInsertError: () => insertErrors.inc(),
      onFreshness: (s) => freshnessSeconds.observe(s),
    },
  };
}

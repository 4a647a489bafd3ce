import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@fenghuo/shared';
import { createLogger, startRuntime } from '../runtime';
import { randomHttpCases, structuredHttpCases } from './hostile-corpus';
import { importerCases } from './hostile-files';
import { checkHttpStore, duplicateProblems, emptyTally, importCase, judgeAnswer, sendCase, storedTwice } from './hostile-run';

export interface FuzzBenchOptions {
  seed: number;
  /** Random HTTP requests. */
  requests: number;
  /** Lines of the tiny-lines NDJSON import. */
  tinyLines: number;
  /** 16 MB members of each gzip bomb file. */
  bombMembers: number;
  /** Random records in the fuzzed NDJSON import. */
  randomRecords: number;
  log?: (line: string) => void;
}

export interface FuzzBenchResult {
  seed: number;
  http_requests: number;
  http_records: number;
  import_files: number;
  import_records: number;
  inputs_tried: number;
  stored: number;
  rejected_kept: number;
  refused_whole: number;
  /** Bad records sent again: each rejection answered, the record kept once. */
  repeated_rejections: number;
  records_lost: number;
  duplicates_stored: number;
  server_errors: number;
  problems: number;
  peak_rss_mb: number;
  seconds: number;
}

/**
 * `pnpm fenghuo bench fuzz`: the hostile corpus at a larger size on a fresh
 * embedded store, judged as the test judges it. Exit code 1 on any problem.
 */
export async function runFuzzBench(options: FuzzBenchOptions): Promise<FuzzBenchResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const started = Date.now();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-fuzz-'));
  const files = path.join(dataDir, 'corpus');
  fs.mkdirSync(files);
  const token = 'fuzz-bench-token-0123456789';
  const maxBody = 12 * 1024 * 1024;
  const config = loadConfig({ FENGHUO_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', FENGHUO_INGEST_TOKEN: token, FENGHUO_MAX_BODY_BYTES: String(maxBody), FENGHUO_BATCH_MAX_WAIT_MS: '50', LOG_LEVEL: 'silent' });
  const rt = await startRuntime(config, { roles: { api: true, worker: true }, holder: 'fenghuo bench fuzz', logger: createLogger({ logLevel: 'silent' }) });
  let peakRss = process.memoryUsage().rss;
  const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  const problems: string[] = [];
  const tally = emptyTally();
  let serverErrors = 0;
  try {
    const cases = [...structuredHttpCases('fs-', maxBody), ...randomHttpCases('fr-', options.seed, options.requests)];
    for (const [i, c] of cases.entries()) {
      const r = await sendCase(rt.url!, token, c);
      if (r.status >= 500) serverErrors++;
      problems.push(...judgeAnswer(c, r, tally));
      if ((i + 1) % 500 === 0) log(`http: ${i + 1}/${cases.length} requests, ${tally.records} records`);
    }
    const http = await checkHttpStore(rt.store, tally);
    problems.push(...http.problems);
    log(`http: ${tally.requests} requests, ${tally.records} records: ${http.stored} stored, ${tally.duplicates} duplicates of stored ones, ${http.rejected} rejected (${http.repeatedRejections} more rejections of bad records sent again, kept once), ${tally.keptBodies} unreadable bodies and ${tally.refused} requests refused whole (413/415), kept as ${http.bodies} rows`);

    const imports = { files: 0, read: 0, accepted: 0, rejected: 0, duplicates: 0 };
    for (const c of importerCases(files, options.seed, { tinyLines: options.tinyLines, bombMembers: options.bombMembers, randomRecords: options.randomRecords })) {
      const t = Date.now();
      const r = await importCase(rt.service, rt.store, c);
      problems.push(...r.problems);
      imports.files++;
      imports.read += r.read;
      imports.accepted += r.accepted;
      imports.rejected += r.rejected;
      imports.duplicates += r.duplicates;
      log(`import: ${c.name}: read ${r.read}, accepted ${r.accepted}, rejected ${r.rejected}${r.failed ? `, refused: ${r.failed}` : ''} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    }
    problems.push(...(await duplicateProblems(rt.store)));
    for (const p of problems.slice(0, 20)) log(`PROBLEM ${p}`);
    const stored = http.stored + imports.accepted - imports.duplicates;
    const kept = http.rejected + imports.rejected;
    const sent = tally.records + imports.read;
    // Every record answered is stored, a duplicate of a stored one, or kept as a reject (a bad record sent again under the id it was kept under).
    const lost = sent - stored - kept - tally.duplicates - imports.duplicates - http.repeatedRejections;
    if (lost !== http.lost) problems.push(`records unaccounted for: ${lost} by the totals, ${http.lost} by the store`);
    return {
      seed: options.seed,
      http_requests: tally.requests,
      http_records: tally.records,
      import_files: imports.files,
      import_records: imports.read,
      inputs_tried: tally.requests + imports.files + tally.records + imports.read,
      stored,
      rejected_kept: kept,
      refused_whole: tally.refused,
      repeated_rejections: http.repeatedRejections,
      records_lost: lost,
      duplicates_stored: (await storedTwice(rt.store)).mentions,
      server_errors: serverErrors,
      problems: problems.length,
      peak_rss_mb: Math.round(peakRss / 1024 / 1024),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    };
  } finally {
    clearInterval(rssTimer);
    await rt.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { randomHttpCases, structuredHttpCases } from '../dashboard/server/bench/hostile-corpus';
import { importerCases } from '../dashboard/server/bench/hostile-files';
import { checkHttpStore, emptyTally, importCase, judgeAnswer, sendCase } from '../dashboard/server/bench/hostile-run';
import { runCli, summaryOf } from './support/cli';
import { startTestRuntime, TEST_TOKEN, tempDir } from './support/runtime';

/**
 * Issue 8 §3: a seeded corpus of hostile input (dashboard/server/bench/hostile-corpus.ts,
 * hostile-files.ts) through the ingest API and every importer. Never a crash,
 * never a 5xx for bad input, and every record sent is stored or kept in
 * rejected_mentions with its reason, exactly once. `pnpm fenghuo bench fuzz`
 * runs a larger corpus through the same judge (hostile-run.ts).
 */

const MAX_BODY = 12 * 1024 * 1024;
const RANDOM_REQUESTS = 400;
const SEED = 20261128;

let rt: Runtime;
let url: string;
const dir = tempDir('fenghuo-hostile-');

beforeAll(async () => {
  rt = await startTestRuntime({ FENGHUO_MAX_BODY_BYTES: String(MAX_BODY), FENGHUO_MAX_BODY_RECORDS: '100000' });
  url = rt.url!;
});
afterAll(async () => {
  await rt?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const tally = emptyTally();

describe('hostile input through POST /api/v1/mentions', () => {
  it('structured cases: wrong types, huge fields, deep nesting, bad UTF-8, NUL, bidi, emoji, 10 MB string, gzip bombs, tiny lines', async () => {
    const problems: string[] = [];
    for (const c of structuredHttpCases('hs-', MAX_BODY)) problems.push(...judgeAnswer(c, await sendCase(url, TEST_TOKEN, c), tally));
    expect(problems).toEqual([]);
  }, 120_000);

  it(`${RANDOM_REQUESTS} random requests (seed ${SEED}): hostile records, mutated bytes, gzip`, async () => {
    const problems: string[] = [];
    for (const c of randomHttpCases('hr-', SEED, RANDOM_REQUESTS)) problems.push(...judgeAnswer(c, await sendCase(url, TEST_TOKEN, c), tally));
    expect(problems).toEqual([]);
  }, 120_000);

  it('every record is stored or kept with its reason, exactly once; the server still answers', async () => {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const s = await checkHttpStore(rt.store, tally);
    console.log(
      `hostile input (HTTP): ${tally.requests} requests, ${tally.records} records: ${s.stored} stored, ${s.rejected} rejected with a reason, ` +
        `${tally.duplicates} answered as duplicates, ${s.repeatedRejections} rejections of bad records sent again (kept once), ${tally.keptBodies} unreadable bodies and ${tally.refused} requests refused whole (413/415), kept as ${s.bodies} rows`,
    );
    expect(s.problems).toEqual([]);
    expect(s.lost).toBe(0);
    expect(tally.records).toBe(s.stored + tally.duplicates + s.rejected + s.repeatedRejections);
  });
});

describe('hostile input through the importers', () => {
  const cases = importerCases(dir, SEED, { tinyLines: 200_000, bombMembers: 64 });
  const totals = { files: 0, read: 0 };

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const r = await importCase(rt.service, rt.store, c);
    expect(r.problems).toEqual([]);
    totals.files++;
    totals.read += r.read;
  }, 120_000);

  it('the import command survives a gzip bomb file in its own process and reports it', async () => {
    const file = path.join(dir, 'bomb-cli.ndjson.gz');
    const ok = zlib.gzipSync(`${JSON.stringify({ id: 'cli-ok', platform: 'weibo', text: '炸弹之前', time: '2026-11-26T10:00:00+08:00' })}\n`);
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x61));
    fs.writeFileSync(file, Buffer.concat([ok, ...Array.from({ length: 16 }, () => bomb)]));
    const r = await runCli(['import', file, '--format', 'ndjson'], { FENGHUO_DATA_DIR: tempDir() });
    expect(r.code, r.stderr).toBe(0);
    expect(summaryOf(r)).toMatchObject({ read: 2, accepted: 1, rejected: 1 });
    expect(r.stderr).toMatch(/longer than 16 MB/);
    totals.files++;
    totals.read += 2;
    console.log(`hostile input (import): ${totals.files} files, ${totals.read} records read, each stored or kept as rejected`);
  }, 180_000);
});

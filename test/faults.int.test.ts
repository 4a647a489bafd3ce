import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createStore } from '@fenghuo/infra';
import { loadConfig, type HealthResponse, type IngestResponse, type StatsResponse } from '@fenghuo/shared';
import { runCli } from './support/cli';
import { exited, killStarted, startFenghuo } from './support/process';
import { getJson, mention, postMentions, tempDir, TEST_TOKEN, waitFor } from './support/runtime';

// Faults on real `fenghuo start` processes (embedded chdb, in-process bus):
// SIGKILL while batches are in flight, and a data disk that fills up or turns
// read-only under a running process. Each test prints one `[faults]` line of figures.

afterEach(killStarted);

const batch = (prefix: string, from: number, n: number) => Array.from({ length: n }, (_, i) => mention(`${prefix}-${from + i}`));
const stats = async (url: string) => (await getJson(`${url}/api/v1/stats`)) as StatsResponse;
const health = async (url: string) => {
  const res = await fetch(`${url}/healthz`);
  return { status: res.status, body: (await res.json()) as HealthResponse };
};
const figures = (name: string, f: Record<string, unknown>) => process.stderr.write(`[faults] ${name} ${JSON.stringify(f)}\n`);

/** What a stopped process left in its data directory (opened directly, after it exited). */
async function storedIn(dataDir: string, prefix: string): Promise<{ rows: number; distinct: number; rejected: number; check: string }> {
  const store = await createStore(loadConfig({ FENGHUO_DATA_DIR: dataDir }).storage);
  try {
    const [m] = await store.query<{ n: string; u: string }>('SELECT count() AS n, uniqExact(platform, id) AS u FROM mentions WHERE startsWith(id, {p:String})', { p: prefix });
    const [r] = await store.query<{ n: string }>('SELECT count() AS n FROM rejected_mentions');
    // CHECK TABLE reads every part back against its checksums.
    const checks = await store.query<{ part_path: string }>('CHECK TABLE mentions');
    // In part order: CHECK TABLE lists the parts in no fixed order.
    checks.sort((a, b) => a.part_path.localeCompare(b.part_path));
    return { rows: Number(m!.n), distinct: Number(m!.u), rejected: Number(r!.n), check: JSON.stringify(checks) };
  } finally {
    await store.close();
  }
}

/** POST that fails the test instead of hanging when no answer comes. */
async function postWithin(url: string, body: unknown, ms: number): Promise<{ status: number; body: { error?: string } & Partial<IngestResponse>; ms: number }> {
  const t0 = Date.now();
  const res = await fetch(`${url}/api/v1/mentions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_TOKEN}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(ms),
  });
  return { status: res.status, body: (await res.json()) as { error?: string } & Partial<IngestResponse>, ms: Date.now() - t0 };
}

describe('SIGKILL mid-batch (embedded)', () => {
  it('keeps every acknowledged record; a resend of everything completes the set and stores nothing twice', async () => {
    const dataDir = tempDir();
    const a = await startFenghuo(dataDir);
    const BATCHES = 60;
    const SIZE = 500;
    const acked = new Set<number>();
    const unanswered = new Set<number>();
    let next = 0;
    let inFlight = 0;
    let killed = false;
    const client = async () => {
      while (next < BATCHES) {
        const b = next++;
        inFlight++;
        try {
          const res = await postMentions(a.url, batch('kill', b * SIZE, SIZE));
          if (res.status === 202) acked.add(b);
          else unanswered.add(b);
        } catch {
          unanswered.add(b);
        } finally {
          inFlight--;
        }
        if (killed) await new Promise((r) => setTimeout(r, 5));
      }
    };
    const clients = [client(), client(), client()];
    // Kill it hard while three clients are each waiting on a batch.
    await waitFor(async () => acked.size >= 10 && inFlight > 0, 60_000, 5);
    const inFlightAtKill = inFlight;
    const ackedAtKill = acked.size;
    a.proc.kill('SIGKILL');
    killed = true;
    expect((await exited(a.proc)).signal).toBe('SIGKILL');
    await Promise.all(clients);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(unanswered.size).toBeGreaterThan(0);
    expect(acked.size + unanswered.size).toBe(BATCHES);

    const b = await startFenghuo(dataDir);
    const atRestart = (await stats(b.url)).mentions;
    expect(atRestart).toBeGreaterThanOrEqual(acked.size * SIZE);
    // The client resends what it is unsure of (here: everything). An acknowledged batch is all duplicates.
    let resentDuplicates = 0;
    for (let i = 0; i < BATCHES; i++) {
      const res = await postMentions(b.url, batch('kill', i * SIZE, SIZE));
      expect(res.status).toBe(202);
      const body = res.body as IngestResponse;
      expect(body.accepted).toBe(SIZE);
      if (acked.has(i)) expect(body.duplicates, `acknowledged batch ${i}`).toBe(SIZE);
      resentDuplicates += body.duplicates ?? 0;
    }
    expect(resentDuplicates).toBe(atRestart);
    expect((await stats(b.url)).mentions).toBe(BATCHES * SIZE);
    b.proc.kill('SIGTERM');
    expect(await exited(b.proc)).toEqual({ code: 0, signal: null });

    const left = await storedIn(dataDir, 'kill-');
    expect(left).toMatchObject({ rows: BATCHES * SIZE, distinct: BATCHES * SIZE, rejected: 0 });
    figures('sigkill-embedded', {
      sent: BATCHES * SIZE,
      acknowledgedBeforeKill: ackedAtKill * SIZE,
      requestsInFlightAtKill: inFlightAtKill,
      storedAtRestart: atRestart,
      storedBeyondAcknowledged: atRestart - acked.size * SIZE,
      finalRows: left.rows,
      lost: BATCHES * SIZE - left.distinct,
      duplicates: left.rows - left.distinct,
      restartMs: b.startMs,
    });
  }, 240_000);
});

// A data disk of its own: a small tmpfs mounted for this test (root only), filled to the last byte, then remounted read-only.
const mountPoint = tempDir('fenghuo-disk-');
let mounted = false;
afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint], { stdio: 'pipe' });
});

function mountSmallDisk(): string | undefined {
  if (process.getuid?.() !== 0) return 'not running as root: cannot mount a small filesystem to fill';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
    return undefined;
  } catch (error) {
    return `mount -t tmpfs failed here: ${(error as Error).message}`;
  }
}

/** Writes a file until the filesystem has no byte left. */
function fillDisk(dir: string): number {
  const fd = fs.openSync(path.join(dir, 'filler'), 'w');
  let bytes = 0;
  try {
    for (const size of [1 << 20, 4096, 1]) {
      const chunk = Buffer.alloc(size, 0x5a);
      try {
        for (;;) bytes += fs.writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

describe('a full or read-only data disk', () => {
  it('answers 503 naming the cause, /healthz is red, and once space returns everything is stored once and reads back intact', async (ctx) => {
    const why = mountSmallDisk();
    if (why) return ctx.skip(why);
    const dataDir = path.join(mountPoint, 'data');
    const env = { FENGHUO_ACK_TIMEOUT_MS: '3000', FENGHUO_INSERT_RETRY_MAX_MS: '500' };
    const a = await startFenghuo(dataDir, ['start', '--no-demo'], env);
    for (let i = 0; i < 5; i++) expect((await postMentions(a.url, batch('disk', i * 200, 200))).status).toBe(202);
    expect((await stats(a.url)).mentions).toBe(1000);

    // Disk full.
    const filled = fillDisk(mountPoint);
    const full = await postWithin(a.url, batch('disk', 1000, 200), 30_000);
    expect(full.status).toBe(503);
    expect(full.body.error).toMatch(/not confirmed stored.*the store is failing \(.+\); resending is safe/);
    const red = await health(a.url);
    expect(red.status).toBe(503);
    expect(red.body.checks.writes).toMatchObject({ ok: false });
    expect(red.body.checks.writes!.detail).toMatch(/store writes failing: /);
    // A request with a bad record is answered too (its reject waits behind the failing write): 503, not a hang.
    const withReject = await postWithin(a.url, [...batch('disk', 1200, 50), { id: 'disk-bad', platform: 'weibo', text: '没有时间' }], 30_000);
    expect(withReject.status).toBe(503);

    // Space returns: the queued batch is stored, health is green again, the client's resends complete the set.
    const freedAt = Date.now();
    fs.rmSync(path.join(mountPoint, 'filler'));
    await waitFor(async () => (await health(a.url)).status === 200, 60_000, 100);
    const diskRecoveryMs = Date.now() - freedAt;
    // What was queued while the disk was full is stored by itself; the resends are all duplicates.
    await waitFor(async () => (await stats(a.url)).mentions === 1250, 30_000);
    expect((await postMentions(a.url, batch('disk', 1000, 200))).body).toMatchObject({ accepted: 200, duplicates: 200 });
    const resent = await postMentions(a.url, [...batch('disk', 1200, 50), { id: 'disk-bad', platform: 'weibo', text: '没有时间' }]);
    expect(resent.status).toBe(202);
    expect(resent.body as IngestResponse).toMatchObject({ accepted: 50, duplicates: 50, rejected: [{ index: 50, id: 'disk-bad' }] });
    expect(await stats(a.url)).toMatchObject({ mentions: 1250, rejected: 1 });

    expect((await postMentions(a.url, batch('disk', 1250, 100))).status).toBe(202);

    a.proc.kill('SIGTERM');
    expect((await exited(a.proc)).code).toBe(0);
    // A restart on the same disk sees the same, and takes more.
    const b = await startFenghuo(dataDir, ['start', '--no-demo'], env);
    expect(await stats(b.url)).toMatchObject({ mentions: 1350, rejected: 1 });
    expect((await postMentions(b.url, batch('disk', 1350, 150))).status).toBe(202);
    b.proc.kill('SIGTERM');
    expect((await exited(b.proc)).code).toBe(0);
    const left = await storedIn(dataDir, 'disk-');
    expect(left).toMatchObject({ rows: 1500, distinct: 1500, rejected: 1 });
    expect(left.check).not.toMatch(/"0"|:0[,}]|false/);

    // Unwritable when a process starts (a filesystem cannot be remounted read-only while a process writes to it):
    // it refuses to start, saying why, and the data is intact once the disk is writable again.
    const cli = { FENGHUO_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', FENGHUO_INGEST_TOKEN: TEST_TOKEN };
    execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'pipe' });
    const ro = await runCli(['start', '--no-demo'], cli, 60_000);
    execFileSync('mount', ['-o', 'remount,rw', mountPoint], { stdio: 'pipe' });
    expect(ro.code).toBeGreaterThan(0);
    expect(ro.stderr).toMatch(/the data directory \S+ is not writable \(its filesystem is read-only/);
    fillDisk(mountPoint);
    const noSpace = await runCli(['start', '--no-demo'], cli, 60_000);
    fs.rmSync(path.join(mountPoint, 'filler'));
    expect(noSpace.code).toBeGreaterThan(0);
    expect(noSpace.stderr).toMatch(/the data directory \S+ is not writable \(no space left on its disk/);
    expect(await storedIn(dataDir, 'disk-')).toEqual(left);
    figures('disk-full', {
      filledBytes: filled,
      errorWhileFull: full.body.error,
      healthWhileFull: red.body.checks.writes,
      diskRecoveryMs,
      refusedToStart: [ro.stderr.trim(), noSpace.stderr.trim()],
      sent: 1500,
      finalRows: left.rows,
      lost: 1500 - left.distinct,
      duplicates: left.rows - left.distinct,
      check: left.check,
    });
  }, 300_000);
});

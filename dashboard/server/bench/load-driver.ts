import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { TABLES } from '@fenghuo/shared';
import type { Runtime } from '../runtime';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface DriveOptions {
  n: number;
  connections: number;
  perRequest: number;
  token: string;
  log: (line: string) => void;
  verbose?: boolean;
  /** Received → stored per mention, filled by the runtime's onFreshness hook. */
  freshness: number[];
}

export interface DriveResult {
  mentionsPerS: number;
  seconds: number;
  freshnessP50: number;
  freshnessP95: number;
  requestP95: number;
  peakRssMb: number;
  serverCores: number;
  loadCores: number;
  retries: number;
  /** p95 of the consumer lag (records not yet stored), sampled every 250 ms. */
  lagP95: number;
  cpuPerMentionUs: number;
}

/** CPU seconds a process used so far (Linux /proc; 0 elsewhere). */
export function procCpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/**
 * Sends N demo-like mentions to a running runtime's HTTP ingest from a
 * separate load process (bodies built before the clock starts), and times
 * until all of them are queryable.
 */
export async function driveLoad(runtime: Runtime, options: DriveOptions): Promise<DriveResult> {
  const { log } = options;
  const [before] = await runtime.store.query<{ n: string }>(`SELECT count() AS n FROM ${TABLES.mentions}`);
  const target = Number(before!.n) + options.n;
  log('    generating request bodies in the load process …');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(here, 'ingest-load.ts'), runtime.url!, options.token, String(options.n), String(options.perRequest), String(options.connections)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = readline.createInterface({ input: child.stdout! });
  const messages: Record<string, unknown>[] = [];
  let wake: (() => void) | undefined;
  lines.on('line', (l) => {
    messages.push(JSON.parse(l));
    wake?.();
  });
  const nextMessage = async () => {
    while (messages.length === 0) {
      if (child.exitCode !== null) throw new Error(`load generator exited with ${child.exitCode}`);
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 500);
      });
    }
    return messages.shift()!;
  };
  const ready = await nextMessage();
  log(`    ${ready.requests} requests, ${((ready.bytes as number) / 1e6).toFixed(0)} MB of NDJSON; sending`);

  let peakRss = process.memoryUsage.rss();
  const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 100);
  const lagSamples: number[] = [];
  const sub = runtime.workers[0]?.subscription();
  const lagSampler = setInterval(() => {
    void sub
      ?.lag()
      .then((l) => lagSamples.push(l.reduce((s, x) => s + x.lag, 0)))
      .catch(() => undefined);
  }, 250);
  const started = Date.now();
  const cpuBefore = process.cpuUsage();
  const childCpuBefore = procCpuSeconds(child.pid!);
  child.stdin!.write('go\n');
  let visibleAt = 0;
  let lastLog = started;
  for (;;) {
    const [row] = await runtime.store.query<{ n: string }>(`SELECT count() AS n FROM ${TABLES.mentions}`);
    const stored = Number(row!.n);
    if (Date.now() - lastLog > 5000) {
      lastLog = Date.now();
      const extra = options.verbose ? `; rss=${Math.round(process.memoryUsage.rss() / 1e6)} MB heap=${Math.round(process.memoryUsage().heapUsed / 1e6)} MB` : '';
      log(`    ${stored - (target - options.n)} stored after ${((lastLog - started) / 1000).toFixed(0)} s${extra}`);
    }
    if (stored >= target) {
      visibleAt = Date.now();
      break;
    }
    if (child.exitCode !== null && child.exitCode !== 0) throw new Error(`load generator failed (${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  clearInterval(rssSampler);
  clearInterval(lagSampler);
  const wall = (visibleAt - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const done = await nextMessage();
  const requestLatencies = (done.latencies as number[]).sort((a, b) => a - b);
  const fresh = [...options.freshness].sort((a, b) => a - b);
  lagSamples.sort((a, b) => a - b);
  return {
    mentionsPerS: options.n / wall,
    seconds: wall,
    freshnessP50: quantile(fresh, 0.5),
    freshnessP95: quantile(fresh, 0.95),
    requestP95: quantile(requestLatencies, 0.95),
    peakRssMb: peakRss / 1e6,
    serverCores: (cpu.user + cpu.system) / 1e6 / wall,
    loadCores: (procCpuSeconds(child.pid!) - childCpuBefore) / wall,
    retries: done.retries as number,
    lagP95: quantile(lagSamples, 0.95),
    cpuPerMentionUs: (cpu.user + cpu.system) / options.n,
  };
}

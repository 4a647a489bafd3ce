import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadConfig, TABLES } from '@fenghuo/shared';
import { createLogger, startRuntime, type Runtime } from '../runtime';
import { quantile } from './load-driver';
import type { ApiTotals, ChildMessage, LaneName, LaneTotals, ParentMessage, SoakLoadConfig, SseTotals } from './soak-load';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The end-to-end ingest rate `bench ingest` measured on this machine (docs/benchmarks.md, 500,000 mentions). */
export const MEASURED_MAX_PER_S = 21_143;

export interface SoakOptions {
  minutes: number;
  /** The maximum the steady rate and the bursts are fractions of (default MEASURED_MAX_PER_S). */
  maxPerS?: number;
  /** Steady share of the maximum (0.5) and the bursts' (1.0). */
  steadyShare?: number;
  burstShare?: number;
  burstEverySeconds?: number;
  burstSeconds?: number;
  /** The hot event: when (default: a third into the run), how long, how many times the steady rate. */
  hotAtSeconds?: number;
  hotSeconds?: number;
  hotFactor?: number;
  badEvery?: number;
  sseClients?: number;
  apiEveryMs?: number;
  /** Minutes of the run left out of the RSS trend (default: a fifth of the run, at least one). */
  warmupMinutes?: number;
  /**
   * Also run the analytics worker in the process, as `start` does (default
   * off: the maximum the rates are shares of was measured with the ingest
   * and API roles alone, as `bench ingest` runs them).
   */
  analytics?: boolean;
  /** Overrides FENGHUO_QUEUE_MAX_RECORDS (the test makes the overload reach the bound sooner). */
  queueMaxRecords?: number;
  drainSeconds?: number;
  log?: (line: string) => void;
}

export interface SoakMinute {
  minute: number;
  sent: number;
  hot_sent: number;
  hot_backlog: number;
  taken: number;
  rejected: number;
  retries_503: number;
  reasons_503: Record<string, number>;
  backlog: number;
  /** Mentions in the store at the end of the minute. */
  stored_total: number;
  /** Probe mention: first POST → queryable in the store (ms). */
  visible_p95_ms: number;
  /** Received by the server → stored, per mention (the writer's own clock). */
  stored_p95_ms: number;
  api_p95_ms: number;
  api_requests: number;
  rss_mb: number;
  event_loop_p99_ms: number;
  sse_wall_updates: number;
}

export interface SoakResult {
  minutes: number;
  process: string;
  analytics: boolean;
  steady_per_s: number;
  burst_per_s: number;
  hot_per_s: number;
  hot_seconds: number;
  sent: number;
  hot_sent: number;
  hot_accepted: number;
  /** Records in requests the server answered 202 (stored or kept as rejected). */
  accepted: number;
  stored: number;
  rejected: number;
  /** Stored rows beyond one per (platform, id), and rejected rows beyond one per reject_id. */
  duplicates: number;
  rejected_duplicate_rows: number;
  /** Invalid records sent on purpose (one in badEvery): each must be in rejected_mentions. */
  bad_sent: number;
  lost: number;
  unsent: number;
  accounting_ok: boolean;
  /** Ingest answers other than 202/503, API answers ≥ 500 (any), live feeds not 200. */
  http_500s: number;
  ingest_other_status: Record<string, number>;
  retries_503: number;
  reasons_503: Record<string, number>;
  hot_retries_503: number;
  /** 503s the everyday lane got while the hot event's records were arriving (its own source: the share keeps room for it). */
  steady_retries_503_during_hot: number;
  steady_reasons_503_during_hot: Record<string, number>;
  retry_after_missing: number;
  network_errors: number;
  visible_p95_ms: number;
  visible_max_ms: number;
  probes: number;
  probes_never_visible: number;
  api_p95_ms: number;
  api_p95_during_hot_ms: number;
  api_requests: number;
  api_status: Record<string, number>;
  api_p95_by_path: Record<string, number>;
  sse_clients: number;
  sse_clients_with_wall_updates: number;
  sse_min_wall_updates: number;
  sse_events: Record<string, number>;
  sse_reconnects: number;
  rss_start_mb: number;
  rss_peak_mb: number;
  rss_end_mb: number;
  /** Fitted over the samples after warm-up outside the hot event (from its start to a minute after its last record was sent). */
  rss_growth_mb_per_h: number;
  rss_trend_samples: number;
  /**
   * The same fit over the steady load before the hot event and after it (from
   * the minute its records were all in): a plateau that is higher after the
   * overload shows in the whole-run fit as growth, here as a step.
   */
  rss_growth_before_hot_mb_per_h: number | null;
  rss_growth_after_hot_mb_per_h: number | null;
  event_loop_p99_ms: number;
  event_loop_max_ms: number;
  per_minute: SoakMinute[];
  seconds: number;
}

/** Least-squares slope of y over x (x in minutes), per hour. */
export function slopePerHour(points: readonly { x: number; y: number }[]): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den ? (num / den) * 60 : 0;
}

/** The fitted growth over at least 5 minutes of samples, or null when there are not that many. */
export function trendOver(points: readonly { x: number; y: number }[]): number | null {
  if (points.length < 2 || points.at(-1)!.x - points[0]!.x < 5) return null;
  return Math.round(slopePerHour(points));
}

function mergeCounts(...all: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of all) for (const [k, v] of Object.entries(c)) out[k] = (out[k] ?? 0) + v;
  return out;
}

const p95 = (xs: readonly number[]) => Math.round(quantile([...xs].sort((a, b) => a - b), 0.95));

/**
 * `fenghuo bench soak`: the embedded default (embedded store and bus; the
 * ingest, writer and API roles, optionally analytics, in this process) under mixed load from a separate client process: steady ingest at
 * half the measured maximum with bursts at the maximum, one hot event at 20×
 * the steady rate, 20 signed-in live feeds and the pages' queries. Counts
 * every record sent and reads the store at the end.
 */
export async function runSoakBench(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const seconds = Math.round(options.minutes * 60);
  const maxPerS = options.maxPerS ?? MEASURED_MAX_PER_S;
  const steadyPerS = Math.round(maxPerS * (options.steadyShare ?? 0.5));
  const burstPerS = Math.round(maxPerS * (options.burstShare ?? 1));
  const hotFactor = options.hotFactor ?? 20;
  const hotSeconds = options.hotSeconds ?? 15;
  const hotAtSeconds = options.hotAtSeconds ?? Math.round(seconds / 3);
  const analytics = options.analytics ?? false;
  const warmupMinutes = options.warmupMinutes ?? Math.max(1, options.minutes / 5);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-soak-'));
  const token = randomBytes(16).toString('hex');
  const password = `Soak-${randomBytes(9).toString('base64url')}-7q`;
  const config = loadConfig({
    FENGHUO_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    FENGHUO_INGEST_TOKEN: token,
    FENGHUO_DEMO: 'false',
    FENGHUO_ADMIN_PASSWORD: password,
    FENGHUO_DASHBOARD: 'off',
    ...(options.queueMaxRecords ? { FENGHUO_QUEUE_MAX_RECORDS: String(options.queueMaxRecords) } : {}),
  });

  // Received → stored per mention, bucketed per minute of the run.
  let storedMs: number[] = [];
  let runtime: Runtime | undefined;
  let child: ChildProcess | undefined;
  const timers: NodeJS.Timeout[] = [];
  const eld = monitorEventLoopDelay({ resolution: 10 });
  const eldAll = monitorEventLoopDelay({ resolution: 10 });
  try {
    runtime = await startRuntime(config, {
      roles: { api: true, worker: true, analytics },
      holder: 'fenghuo bench soak',
      logger: createLogger({ logLevel: 'warn' }),
      web: 'off',
      onFreshness: (ms) => storedMs.push(ms),
    });
    const rt = runtime;
    log(
      `bench soak: ${options.minutes} min on the embedded store (ingest, writer${analytics ? ', analytics' : ''}, API in this process; clients in a separate one), ` +
        `${steadyPerS}/s steady, ${burstPerS}/s bursts, hot event ${hotFactor}× = ${steadyPerS * hotFactor}/s for ${hotSeconds} s at ${hotAtSeconds} s`,
    );

    // The hot event arrives on its own feed, as a flood on one platform would: its own ingest token.
    const bench = { id: 'bench-soak', name: 'bench soak', roles: ['admin'] as const, unit_id: '', unitIds: new Set<string>() };
    const hotToken = (await rt.workflow.directory.createToken(bench, 'hot-feed', 'bench soak: the hot event')).token;
    const loadConfigForChild: SoakLoadConfig = {
      url: rt.url!,
      token,
      hotToken,
      password,
      seconds,
      steadyPerS,
      burstPerS,
      burstEverySeconds: options.burstEverySeconds ?? 60,
      burstSeconds: options.burstSeconds ?? 10,
      hotAtSeconds,
      hotSeconds,
      hotFactor,
      badEvery: options.badEvery ?? 200,
      sseClients: options.sseClients ?? 20,
      apiEveryMs: options.apiEveryMs ?? 1000,
      drainSeconds: options.drainSeconds ?? 600,
      runId: randomBytes(3).toString('hex'),
    };
    const c = fork(path.join(here, 'soak-load.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = c;
    const messages: ChildMessage[] = [];
    let wake: (() => void) | undefined;
    c.on('message', (m: ChildMessage) => {
      messages.push(m);
      wake?.();
    });
    let exited = false;
    c.on('exit', () => {
      exited = true;
      wake?.();
    });

    // Probes: first sent → queryable.
    const probes = new Map<string, number>();
    const probeResults: { at: number; ms: number }[] = [];
    let polling = false;
    timers.push(
      setInterval(() => {
        if (polling || probes.size === 0) return;
        polling = true;
        const ids = [...probes.keys()];
        rt.store
          .query<{ id: string }>(`SELECT id FROM ${TABLES.mentions} WHERE platform = 'weibo' AND id IN {ids:Array(String)}`, { ids })
          .then((rows) => {
            const now = Date.now();
            for (const r of rows) {
              const sentAt = probes.get(r.id);
              if (sentAt === undefined) continue;
              probes.delete(r.id);
              probeResults.push({ at: now, ms: now - sentAt });
            }
          })
          .catch((error: unknown) => log(`bench soak: probe poll failed: ${(error as Error).message}`))
          .finally(() => (polling = false));
      }, 200),
    );

    const rss: { x: number; y: number }[] = [];
    let started = 0;
    const minuteOf = () => (Date.now() - started) / 60_000;
    timers.push(setInterval(() => started && rss.push({ x: minuteOf(), y: process.memoryUsage.rss() / 1e6 }), 5000));

    const storedNow = async () => Number((await rt.store.query<{ n: string | number }>(`SELECT count() AS n FROM ${TABLES.mentions}`))[0]!.n);
    const next = async (): Promise<ChildMessage> => {
      while (messages.length === 0) {
        if (exited) throw new Error(`the load process exited (${c.exitCode}) before it was done`);
        await new Promise<void>((r) => {
          wake = r;
        });
      }
      return messages.shift()!;
    };

    c.send({ type: 'start', config: loadConfigForChild } satisfies ParentMessage);
    const perMinute: SoakMinute[] = [];
    let done: Extract<ChildMessage, { type: 'done' }> | undefined;
    let visibleFrom = 0;
    let hotApiMs: number[] = [];
    let steadyHot503 = 0;
    let steadyHotReasons: Record<string, number> = {};
    for (;;) {
      const m = await next();
      if (m.type === 'ready') {
        started = Date.now();
        rss.push({ x: 0, y: process.memoryUsage.rss() / 1e6 });
        eld.enable();
        eldAll.enable();
        log('bench soak: clients signed in and connected; load started');
      } else if (m.type === 'probe') {
        probes.set(m.id, m.sentAt);
      } else if (m.type === 'minute') {
        const visible = probeResults.slice(visibleFrom).map((p) => p.ms);
        visibleFrom = probeResults.length;
        const row: SoakMinute = {
          minute: m.minute,
          sent: m.lanes.steady.sent + m.lanes.hot.sent,
          hot_sent: m.lanes.hot.sent,
          hot_backlog: m.lanes.hot.backlog,
          taken: m.lanes.steady.taken + m.lanes.hot.taken,
          rejected: m.lanes.steady.rejected + m.lanes.hot.rejected,
          retries_503: m.lanes.steady.retries_503 + m.lanes.hot.retries_503,
          reasons_503: mergeCounts(m.lanes.steady.reasons_503, m.lanes.hot.reasons_503),
          stored_total: await storedNow(),
          backlog: m.lanes.steady.backlog + m.lanes.hot.backlog,
          visible_p95_ms: p95(visible),
          stored_p95_ms: p95(storedMs),
          api_p95_ms: p95(m.api.ms),
          api_requests: m.api.requests,
          rss_mb: Math.round(process.memoryUsage.rss() / 1e6),
          event_loop_p99_ms: Math.round(eld.percentile(99) / 1e6),
          sse_wall_updates: m.sse.events.wall ?? 0,
        };
        // The minutes the hot event's records were still arriving: the dashboard's answer times while overloaded.
        if (m.lanes.hot.sent > 0 || m.lanes.hot.retries_503 > 0 || m.lanes.hot.backlog > 0) {
          hotApiMs = hotApiMs.concat(m.api.ms);
          steadyHot503 += m.lanes.steady.retries_503;
          steadyHotReasons = mergeCounts(steadyHotReasons, m.lanes.steady.reasons_503);
        }
        storedMs = [];
        eld.reset();
        perMinute.push(row);
        log(
          `  min ${row.minute}: sent ${row.sent} (hot ${row.hot_sent}), taken ${row.taken}, stored so far ${row.stored_total}, 503s ${row.retries_503} ${JSON.stringify(row.reasons_503)}, backlog ${row.backlog}; ` +
            `visible p95 ${row.visible_p95_ms} ms, stored p95 ${row.stored_p95_ms} ms; API p95 ${row.api_p95_ms} ms (${row.api_requests}); ` +
            `RSS ${row.rss_mb} MB; loop p99 ${row.event_loop_p99_ms} ms; wall updates ${row.sse_wall_updates} (sum of the clients' total)`,
        );
      } else if (m.type === 'error') {
        throw new Error(`the load process failed: ${m.message}`);
      } else if (m.type === 'done') {
        done = m;
        break;
      }
    }
    const wallSeconds = (Date.now() - started) / 1000;
    for (const t of timers.splice(0)) clearInterval(t);
    eld.disable();
    eldAll.disable();

    // Every 202 was sent after its records were stored; read the store as it is now.
    const [m] = await rt.store.query<{ rows: string | number; distinct: string | number }>(
      `SELECT count() AS rows, uniqExact(platform, id) AS distinct FROM ${TABLES.mentions}`,
    );
    const [r] = await rt.store.query<{ rows: string | number; distinct: string | number }>(
      `SELECT count() AS rows, uniqExact(reject_id) AS distinct FROM ${TABLES.rejected}`,
    );
    // A last look for the probes (a 202 means stored; the poll may simply not have run since).
    const lateProbes = probes.size
      ? await rt.store.query<{ id: string }>(`SELECT id FROM ${TABLES.mentions} WHERE platform = 'weibo' AND id IN {ids:Array(String)}`, { ids: [...probes.keys()] })
      : [];
    const lanes = done.lanes;
    const sum = (f: (t: LaneTotals) => number) => f(lanes.steady) + f(lanes.hot);
    const stored = Number(m!.distinct);
    const rejected = Number(r!.distinct);
    const sent = sum((t) => t.sent);
    const accepted = sum((t) => t.taken);
    const otherStatus: Record<string, number> = {};
    for (const lane of ['steady', 'hot'] as LaneName[]) for (const [k, v] of Object.entries(lanes[lane].other_status)) otherStatus[k] = (otherStatus[k] ?? 0) + v;
    const api: ApiTotals = done.api;
    const sse: SseTotals = done.sse;
    const api500 = Object.entries(api.status).filter(([k]) => Number(k) >= 500 || Number(k) === 0).reduce((s, [, v]) => s + v, 0);
    const ingest500 = Object.entries(otherStatus).filter(([k]) => Number(k) >= 500).reduce((s, [, v]) => s + v, 0);
    const lost = sent - stored - rejected;
    const duplicates = Number(m!.rows) - stored;
    const rejectedDuplicateRows = Number(r!.rows) - rejected;
    const badSent = sum((t) => t.bad_sent);
    const visibleAll = probeResults.map((p) => p.ms);
    // The trend is fitted over the steady load after warm-up, without the hot event and the minutes its
    // records were still arriving (the queue full of them is expected memory, not a leak).
    const hotFrom = hotAtSeconds / 60;
    const hotUntil = (perMinute.find((row) => row.minute > hotFrom + hotSeconds / 60 && row.hot_sent === 0 && row.hot_backlog === 0)?.minute ?? Infinity) + 1;
    const rssAfterWarmup = rss.filter((p) => p.x >= warmupMinutes && (p.x < hotFrom || p.x >= hotUntil));
    const apiByPath: Record<string, number> = {};
    for (const [k, v] of Object.entries(api.by_path)) apiByPath[k] = p95(v);
    const result: SoakResult = {
      minutes: options.minutes,
      process: 'server roles in the bench process, clients (ingest, live feeds, queries) in a forked load process',
      analytics,
      steady_per_s: steadyPerS,
      burst_per_s: burstPerS,
      hot_per_s: steadyPerS * hotFactor,
      hot_seconds: hotSeconds,
      sent,
      hot_sent: lanes.hot.sent,
      hot_accepted: lanes.hot.taken,
      accepted,
      stored,
      rejected,
      duplicates,
      rejected_duplicate_rows: rejectedDuplicateRows,
      bad_sent: badSent,
      lost,
      unsent: done.unsent,
      accounting_ok: lost === 0 && duplicates === 0 && accepted === sent && rejected === badSent && sum((t) => t.rejected) === badSent && sum((t) => t.failed_records) === 0,
      http_500s: api500 + ingest500 + sse.non_200,
      ingest_other_status: otherStatus,
      retries_503: sum((t) => t.retries_503),
      reasons_503: mergeCounts(lanes.steady.reasons_503, lanes.hot.reasons_503),
      hot_retries_503: lanes.hot.retries_503,
      steady_retries_503_during_hot: steadyHot503,
      steady_reasons_503_during_hot: steadyHotReasons,
      retry_after_missing: sum((t) => t.retry_after_missing),
      network_errors: sum((t) => t.network_errors),
      visible_p95_ms: p95(visibleAll),
      visible_max_ms: visibleAll.length ? Math.max(...visibleAll) : 0,
      probes: probeResults.length + probes.size,
      probes_never_visible: probes.size - lateProbes.length,
      api_p95_ms: p95(api.ms),
      api_p95_during_hot_ms: p95(hotApiMs),
      api_requests: api.requests,
      api_status: api.status,
      api_p95_by_path: apiByPath,
      sse_clients: sse.clients,
      sse_clients_with_wall_updates: sse.clients_with_wall_updates,
      sse_min_wall_updates: sse.min_wall_updates,
      sse_events: sse.events,
      sse_reconnects: sse.reconnects,
      rss_start_mb: Math.round(rss[0]?.y ?? 0),
      rss_peak_mb: Math.round(Math.max(...rss.map((p) => p.y))),
      rss_end_mb: Math.round(rss.at(-1)?.y ?? 0),
      rss_growth_mb_per_h: Math.round(slopePerHour(rssAfterWarmup)),
      rss_trend_samples: rssAfterWarmup.length,
      rss_growth_before_hot_mb_per_h: trendOver(rssAfterWarmup.filter((p) => p.x < hotFrom)),
      rss_growth_after_hot_mb_per_h: trendOver(rssAfterWarmup.filter((p) => p.x >= hotUntil)),
      event_loop_p99_ms: Math.round(eldAll.percentile(99) / 1e6),
      event_loop_max_ms: Math.round(eldAll.max / 1e6),
      per_minute: perMinute,
      seconds: Math.round(wallSeconds),
    };
    log(
      `bench soak: sent ${sent}, accepted ${accepted}, stored ${stored}, rejected ${rejected} (bad sent ${badSent}), lost ${lost}, duplicates ${duplicates}; ` +
        `503s ${result.retries_503} (hot ${result.hot_retries_503}; everyday lane while hot ${result.steady_retries_503_during_hot}); 500s ${result.http_500s}; visible p95 ${result.visible_p95_ms} ms; API p95 ${result.api_p95_ms} ms ` +
        `(${result.api_p95_during_hot_ms} ms while the hot event arrived); RSS ${result.rss_start_mb} → ${result.rss_end_mb} MB, trend ${result.rss_growth_mb_per_h} MB/h after ${warmupMinutes} min outside the hot event (${rssAfterWarmup.length} samples; ${result.rss_growth_before_hot_mb_per_h ?? '-'} MB/h before it, ${result.rss_growth_after_hot_mb_per_h ?? '-'} MB/h after it); loop p99 ${result.event_loop_p99_ms} ms`,
    );
    return result;
  } finally {
    for (const t of timers) clearInterval(t);
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await runtime?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

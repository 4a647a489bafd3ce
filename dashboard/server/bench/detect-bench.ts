import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seededRandom, type Alert } from '@fenghuo/shared';
import { DAILY_RHYTHM, createDemoStream, toMentionInput, type SubmitItem } from '@fenghuo/ingest';
import { readConfig } from '../cli-args';
import { createLogger, startRuntime } from '../runtime';
import { quantile } from './load-driver';
import { followAlertStream } from '../alert-stream-client';
import { BurstFeed, planBursts, type Burst } from './burst-stories';

export interface DetectBenchOptions {
  /** Background mentions per second at the current hour. */
  rate: number;
  bursts: number;
  minutes: number;
  /** Background only, before the first burst may start. */
  warmupMinutes: number;
  /** Mentions per minute a burst rises to. */
  peakPerMinute: number;
  seed: number;
  timezone?: string;
  log?: (line: string) => void;
}

export interface DetectBenchResult {
  rate: number;
  achieved_rate: number;
  minutes: number;
  bursts: number;
  detected: number;
  recall: number;
  latency_p50_s: number | null;
  latency_p95_s: number | null;
  latency_max_s: number | null;
  latencies_s: (number | null)[];
  false_alerts: number;
  background_hours: number;
  false_alerts_per_hour: number;
  analytics_lag_p95_s: number;
  late_mentions: number;
  too_late_mentions: number;
  peak_rss_mb: number;
}

interface DetectBurst extends Burst {
  tenthAt?: number;
  alertAt?: number;
  /** The alert's opening in event time: the detector's pace is opened_at − tenthTime, the pipeline's the rest. */
  openedAt?: number;
  /** The analytics' lag (wall clock − watermark) when the 10th mention was accepted, and the largest until the alert. */
  lagAtTenth?: number;
  maxLagUntilAlert?: number;
}

const TICK_MS = 100;

/**
 * `fenghuo bench detect`: in real time on the embedded store, a background
 * stream at `rate` mentions/s (the demo's everyday chatter, with its daily
 * rhythm) and `bursts` new stories that rise from nothing at random times.
 * For each burst: seconds from its 10th mention being accepted to its alert
 * arriving on the SSE stream; and alerts on background-only traffic.
 */
export async function runDetectBench(o: DetectBenchOptions): Promise<DetectBenchResult> {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fenghuo-bench-detect-'));
  const adminPassword = `Bench-${randomBytes(9).toString('base64url')}-9a`;
  const config = readConfig({ FENGHUO_DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', FENGHUO_DEMO: 'false', FENGHUO_INGEST_TOKEN: 'bench', FENGHUO_ADMIN_PASSWORD: adminPassword });
  const runtime = await startRuntime(config, { roles: { api: true, worker: true, analytics: true }, holder: 'fenghuo bench detect', logger: createLogger({ logLevel: 'warn' }) });
  const rand = seededRandom(o.seed);
  const t0 = Date.now();
  const end = t0 + o.minutes * 60_000;
  const hourFormat = new Intl.DateTimeFormat('en-GB', { timeZone: o.timezone ?? config.timezone, hour: '2-digit', hour12: false });
  // The demo stream's rate is its evening peak; scale it so this hour gives `rate`.
  const peakRate = o.rate / DAILY_RHYTHM[Number(hourFormat.format(new Date(t0))) % 24]!;
  const background = createDemoStream({ seed: o.seed, start: t0, rate: peakRate, firstIncidentAfterMin: 1e9, timezone: o.timezone ?? config.timezone });

  const bursts: DetectBurst[] = planBursts(rand, { count: o.bursts, t0, minutes: o.minutes, warmupMinutes: o.warmupMinutes });
  const feed = new BurstFeed(bursts, o.peakPerMinute, rand);

  // Follow the alert stream like a wall display would.
  const abort = new AbortController();
  const falseAlerts: Alert[] = [];
  const burstOf = (a: Alert) => feed.burstOf(a) as DetectBurst | undefined;
  // The wall display is a signed-in user: the stream needs its session cookie.
  const login = await fetch(`${runtime.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: adminPassword }) });
  if (!login.ok) throw new Error(`bench: could not sign in (${login.status})`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const stream = followAlertStream(`${runtime.url}/api/v1/alerts/stream`, abort.signal, (event, data) => {
    if (event !== 'alert') return;
    const msg = JSON.parse(data) as { action?: string; alert?: Alert };
    if (!msg.alert || (msg.action !== 'opened' && msg.action !== 'updated' && msg.action !== 'escalated')) return;
    const b = burstOf(msg.alert);
    if (b) {
      if (b.alertAt === undefined) {
        b.alertAt = Date.now();
        b.openedAt = msg.alert.opened_at;
      }
    } else if (msg.action === 'opened') {
      falseAlerts.push(msg.alert);
      log(`  alert on background: ${msg.alert.title.slice(0, 60)} (${msg.alert.reasons.map((r) => r.kind).join(', ')})`);
    }
  }, { cookie });

  log(`bench detect: ${o.rate} mentions/s background for ${o.minutes} min, ${o.bursts} bursts rising to ${o.peakPerMinute}/min after a ${o.warmupMinutes}-min warm-up`);
  let sent = 0;
  let position = 0;
  let peakRss = 0;
  const lags: number[] = [];
  let lastReport = t0;
  const submit = async (items: SubmitItem[]) => {
    if (!items.length) return;
    for (;;) {
      try {
        await runtime.service.submit(items, 'bench', Date.now());
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  // Ends on the wall clock: a store that falls behind gets bigger batches, not a longer run.
  for (let tick = t0; Date.now() < end; tick = Math.max(tick + TICK_MS, Date.now() - TICK_MS)) {
    const wait = tick - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const now = Date.now();
    const items: SubmitItem[] = [];
    for (const m of background.until(now)) {
      const value = toMentionInput(m);
      items.push({ position: position++, value, raw: JSON.stringify(value) });
    }
    const { mentions, tenth } = feed.tick(now, TICK_MS);
    for (const value of mentions) items.push({ position: position++, value, raw: JSON.stringify(value) });
    await submit(items);
    const accepted = Date.now();
    for (const b of tenth as DetectBurst[]) b.tenthAt = accepted;
    sent += items.length;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const w = runtime.analytics?.engine.watermarkTime();
    if (w !== undefined && Number.isFinite(w)) {
      const lag = (accepted - w) / 1000;
      lags.push(lag);
      for (const b of tenth as DetectBurst[]) b.lagAtTenth = lag;
      for (const b of bursts) if (b.tenthAt !== undefined && b.alertAt === undefined) b.maxLagUntilAlert = Math.max(b.maxLagUntilAlert ?? 0, lag);
    }
    if (accepted - lastReport >= 60_000) {
      lastReport = accepted;
      const done = bursts.filter((b) => b.alertAt).length;
      log(`  ${Math.round((accepted - t0) / 60_000)} min: ${sent} mentions (${Math.round(sent / ((accepted - t0) / 1000))}/s), bursts started ${bursts.filter((b) => b.startAt <= accepted).length}, alerted ${done}, analytics lag ${lags.at(-1)?.toFixed(1)} s, rss ${Math.round(peakRss / 2 ** 20)} MB`);
    }
  }
  const sendingSeconds = (Date.now() - t0) / 1000;
  // Give the last burst's alert time to arrive.
  await new Promise((r) => setTimeout(r, 15_000));
  // Mentions that reached the engine behind its watermark: whether the lateness allowance is enough for this pipeline.
  const counts = runtime.analytics?.engine.counts() ?? {};
  abort.abort();
  await stream.catch(() => {});
  await runtime.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });

  const latencies = bursts.map((b) => (b.tenthAt !== undefined && b.alertAt !== undefined ? Math.round(((b.alertAt - b.tenthAt) / 1000) * 10) / 10 : null));
  const found = latencies.filter((l): l is number => l !== null).sort((a, b) => a - b);
  for (const a of falseAlerts) log(`  false alert at +${((a.opened_at - t0) / 1000).toFixed(0)} s: ${a.title.slice(0, 60)} (${a.reasons.map((r) => `${r.series} ${r.kind}: ${r.detail}`).join('; ')})`);
  const secs = (ms: number) => (ms / 1000).toFixed(1);
  for (const b of bursts) {
    const split = b.openedAt !== undefined && b.tenthTime !== undefined && b.alertAt !== undefined ? ` (opened ${secs(b.openedAt - b.tenthTime)} s after the 10th mention in event time, on the stream ${secs(b.alertAt - b.openedAt)} s after that; analytics lag ${b.lagAtTenth?.toFixed(1) ?? '-'} s at the 10th mention, at most ${b.maxLagUntilAlert?.toFixed(1) ?? '-'} s until the alert)` : '';
    log(`  burst ${b.index} (${b.place}): 10th mention at +${b.tenthAt ? ((b.tenthAt - t0) / 1000).toFixed(0) : '-'} s, alert ${b.alertAt && b.tenthAt ? `${secs(b.alertAt - b.tenthAt)} s later${split}` : 'none'}`);
  }
  // The background runs the whole time; every alert not about a burst is a false one (warm-up included).
  const backgroundHours = o.minutes / 60;
  const sortedLags = [...lags].sort((a, b) => a - b);
  return {
    rate: o.rate,
    achieved_rate: Math.round(sent / sendingSeconds),
    minutes: o.minutes,
    bursts: o.bursts,
    detected: found.length,
    recall: Math.round((found.length / Math.max(1, o.bursts)) * 1000) / 1000,
    latency_p50_s: found.length ? quantile(found, 0.5) : null,
    latency_p95_s: found.length ? quantile(found, 0.95) : null,
    latency_max_s: found.length ? found.at(-1)! : null,
    latencies_s: latencies,
    false_alerts: falseAlerts.length,
    background_hours: Math.round(backgroundHours * 100) / 100,
    false_alerts_per_hour: backgroundHours > 0 ? Math.round((falseAlerts.length / backgroundHours) * 100) / 100 : 0,
    analytics_lag_p95_s: Math.round(quantile(sortedLags, 0.95) * 10) / 10,
    late_mentions: counts.late ?? 0,
    too_late_mentions: counts.too_late ?? 0,
    peak_rss_mb: Math.round(peakRss / 2 ** 20),
  };
}

import { seededRandom } from '@fenghuo/shared';
import { AnalyticsEngine, DEFAULT_ENGINE_CONFIG, analyzedMention, engineDeps } from '@fenghuo/analytics';
import { createDemoStream } from '@fenghuo/ingest';
import { quantile } from './load-driver';
import { BurstFeed, planBursts, type Burst } from './burst-stories';

export interface EngineBenchOptions {
  /** Background mentions per second at the demo's evening peak. */
  rate: number;
  /** Minutes of event time. */
  minutes: number;
  seed: number;
  /** New stories injected (as in `bench detect`, the same plan for the same seed); 0: background only. */
  bursts?: number;
  /** Minutes of background only before a burst may start. */
  warmupMinutes?: number;
  /** Mentions per minute a burst rises to. */
  peakPerMinute?: number;
  log?: (line: string) => void;
}

/** What became of one burst, in event time: the detectors' own pace, without the pipeline. */
export interface EngineBenchBurst {
  place: string;
  start_s: number;
  /** Seconds of event time from the burst's 10th mention to its alert opening; null: no alert. */
  latency_s: number | null;
}

export interface EngineBenchMinute {
  minute: number;
  mentions: number;
  engine_s: number;
  per_s: number;
  events_written: number;
  live_events: number;
  heap_mb: number;
}

export interface EngineBenchResult {
  rate: number;
  minutes: number;
  mentions: number;
  engine_s: number;
  last_minute_engine_s: number;
  last_minute_per_s: number;
  events_written_per_min: number;
  live_events: number;
  peak_heap_mb: number;
  per_minute: EngineBenchMinute[];
  /** With --bursts: each burst's detection latency in event time, recall and alerts on the background. */
  bursts?: EngineBenchBurst[];
  recall?: number;
  latency_p50_s?: number | null;
  latency_p95_s?: number | null;
  false_alerts?: number;
}

/**
 * `fenghuo bench engine`: the analytics engine alone, as fast as it goes, on
 * the demo's background stream in event time (no store, no threads). Prints,
 * per minute of event time, the seconds the engine spent (segmentation is
 * done beforehand and not counted), the summaries it handed out and the live
 * events, so that a cost that grows with the engine's state shows. With
 * `bursts`, the stories of `bench detect` rise in the stream too, and each
 * burst's latency from its 10th mention to its alert is measured in event
 * time: the detectors' own pace, which `bench detect` adds the pipeline to.
 */
export function runEngineBench(o: EngineBenchOptions): EngineBenchResult {
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const t0 = Date.UTC(2026, 10, 20, 12, 0, 0);
  const stream = createDemoStream({ seed: o.seed, start: t0, rate: o.rate, firstIncidentAfterMin: 1e9 });
  const engine = new AnalyticsEngine(DEFAULT_ENGINE_CONFIG, engineDeps(), 'Asia/Shanghai');
  const perMinute: EngineBenchMinute[] = [];
  let spent = 0;
  let n = 0;
  let written = 0;
  let peakHeap = 0;
  const STEP = 500;
  const feed = new BurstFeed(
    o.bursts ? planBursts(seededRandom(o.seed), { count: o.bursts, t0, minutes: o.minutes, warmupMinutes: o.warmupMinutes ?? 5 }) : [],
    o.peakPerMinute ?? 300,
    seededRandom(o.seed + 1),
  );
  const opened = new Map<Burst, number>();
  const falseAlerts: string[] = [];
  for (let t = t0 + STEP; t <= t0 + o.minutes * 60_000; t += STEP) {
    const batch = stream.until(t).map((m) => analyzedMention({ id: m.id, time: m.time, text: m.text, platform: m.platform, kind: m.kind, author: m.author.id, ...(m.parent_id ? { parent: m.parent_id } : {}) }));
    for (const m of feed.tick(t, STEP).mentions) batch.push(analyzedMention({ id: m.id, time: Date.parse(m.time), text: m.text, platform: m.platform, author: m.author.id }));
    n += batch.length;
    const started = performance.now();
    engine.ingest(batch);
    const out = engine.advance(t - 2_000);
    written += out.events.length;
    spent += performance.now() - started;
    for (const change of out.alerts) {
      const b = feed.burstOf(change.alert);
      if (b) {
        if (!opened.has(b)) opened.set(b, change.alert.opened_at);
      } else if (change.action === 'opened') {
        falseAlerts.push(change.alert.title);
        log(`  alert on background at +${((change.alert.opened_at - t0) / 1000).toFixed(0)} s: ${change.alert.title.slice(0, 60)}`);
      }
    }
    if ((t - t0) % 60_000 === 0) {
      const heap = process.memoryUsage().heapUsed / 2 ** 20;
      peakHeap = Math.max(peakHeap, heap);
      const row = { minute: (t - t0) / 60_000, mentions: n, engine_s: Math.round(spent) / 1000, per_s: Math.round(n / (spent / 1000)), events_written: written, live_events: engine.counts().live_events ?? 0, heap_mb: Math.round(heap) };
      perMinute.push(row);
      log(`  ${row.minute} min: ${row.mentions} mentions, engine ${row.engine_s} s (${row.per_s}/s), ${row.events_written} event summaries written, ${row.live_events} live events, heap ${row.heap_mb} MB`);
      spent = 0;
      n = 0;
      written = 0;
    }
  }
  const last = perMinute.at(-1);
  const bursts = feed.bursts.map((b): EngineBenchBurst => {
    const at = opened.get(b);
    const latency = at !== undefined && b.tenthTime !== undefined ? Math.round((at - b.tenthTime) / 100) / 10 : null;
    log(`  burst ${b.index} (${b.place}) from +${((b.startAt - t0) / 1000).toFixed(0)} s: ${latency === null ? 'no alert' : `alert ${latency} s after its 10th mention (event time)`}`);
    return { place: b.place, start_s: Math.round((b.startAt - t0) / 1000), latency_s: latency };
  });
  const found = bursts.map((b) => b.latency_s).filter((l): l is number => l !== null).sort((a, b) => a - b);
  return {
    rate: o.rate,
    minutes: o.minutes,
    mentions: perMinute.reduce((s, r) => s + r.mentions, 0),
    engine_s: Math.round(perMinute.reduce((s, r) => s + r.engine_s, 0) * 1000) / 1000,
    last_minute_engine_s: last?.engine_s ?? 0,
    last_minute_per_s: last?.per_s ?? 0,
    events_written_per_min: Math.round(perMinute.reduce((s, r) => s + r.events_written, 0) / Math.max(1, perMinute.length)),
    live_events: last?.live_events ?? 0,
    peak_heap_mb: Math.round(peakHeap),
    per_minute: perMinute,
    ...(bursts.length
      ? {
          bursts,
          recall: Math.round((found.length / bursts.length) * 1000) / 1000,
          latency_p50_s: found.length ? quantile(found, 0.5) : null,
          latency_p95_s: found.length ? quantile(found, 0.95) : null,
          false_alerts: falseAlerts.length,
        }
      : {}),
  };
}

import { AnalyticsEngine, DEFAULT_ENGINE_CONFIG, analyzedMention, engineDeps } from '@fenghuo/analytics';
import { createDemoStream } from '@fenghuo/ingest';

export interface EngineBenchOptions {
  /** Background mentions per second at the demo's evening peak. */
  rate: number;
  /** Minutes of event time. */
  minutes: number;
  seed: number;
  log?: (line: string) => void;
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
}

/**
 * `fenghuo bench engine`: the analytics engine alone, as fast as it goes, on
 * the demo's background stream in event time (no store, no threads). Prints,
 * per minute of event time, the seconds the engine spent (segmentation is
 * done beforehand and not counted), the summaries it handed out and the live
 * events, so that a cost that grows with the engine's state shows.
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
  for (let t = t0 + STEP; t <= t0 + o.minutes * 60_000; t += STEP) {
    const batch = stream.until(t).map((m) => analyzedMention({ id: m.id, time: m.time, text: m.text, platform: m.platform, kind: m.kind, author: m.author.id, ...(m.parent_id ? { parent: m.parent_id } : {}) }));
    n += batch.length;
    const started = performance.now();
    engine.ingest(batch);
    written += engine.advance(t - 2_000).events.length;
    spent += performance.now() - started;
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
  };
}

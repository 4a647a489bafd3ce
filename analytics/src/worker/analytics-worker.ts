import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import {
  CONSUMER_GROUPS,
  TOPICS,
  type Alert,
  type AlertStreamMessage,
  type AnalyticsConfig,
  type Bus,
  type DebunkClaim,
  type Store,
  type Subscription,
} from '@fenghuo/shared';
import { gazetteer, segmenter } from '@fenghuo/shared/text';
import { AnalyticsEngine, type EngineOutput } from '../engine/engine';
import { DEFAULT_ENGINE_CONFIG, type AlertChange, type AnalyzedMention, type EngineConfig, type KbMatcher, type RumorScorer } from '../engine/types';
import { mentionsForRestore } from '../queries/stored-mentions.query';
import type { ClaimRepository, RuleRepository } from '../store/repositories';
import { createMentionPoller, type MentionPoller } from './mention-poller';
import { liveWatermark } from './watermark';
import {
  loadAlertsForRestore,
  loadState,
  logEntriesFor,
  saveState,
  storedEventTotals,
  writeAlertLog,
  writeAlerts,
  writeEvents,
  writeMembers,
} from './persist';

/**
 * The analytics worker: reads newly stored mentions, runs them through the
 * engine on event time, and stores what comes out (events, members, alerts
 * and their log), announces alert changes on the `alerts` topic and hands
 * them to the notifier. One per deployment: it holds the engine's state,
 * rebuilt at start-up by replaying the last minutes of stored mentions.
 */

export interface AlertSink {
  notify(change: { alert: Alert; action: AlertChange['action'] }): Promise<void>;
}

export interface AnalyticsWorkerOptions {
  store: Store;
  bus: Bus;
  config: AnalyticsConfig;
  timezone: string;
  engineConfig?: Partial<EngineConfig>;
  rumorScorer?: RumorScorer;
  rules?: RuleRepository;
  claims?: ClaimRepository;
  /** Builds the knowledge-base matcher from the claims (reloaded when they change). */
  createKbMatcher?: (claims: readonly DebunkClaim[]) => KbMatcher | undefined;
  notifier?: AlertSink;
  registry?: Registry;
  log?: (level: 'info' | 'warn' | 'error', message: string, extra?: Record<string, unknown>) => void;
  /** Wall clock (tests). */
  now?: () => number;
}

export interface AnalyticsWorker {
  readonly engine: AnalyticsEngine;
  start(): Promise<void>;
  /** One cycle: read, analyse, store, announce. Returns the mentions read. */
  cycle(): Promise<number>;
  /** Reads everything stored so far and processes it up to event time `t` (default: its newest mention) — the end of a replay. */
  flush(t?: number): Promise<void>;
  stop(): Promise<void>;
}

/** How far ahead of its storage time a mention's own time may be trusted (clocks, time zones). */
const FUTURE_TOLERANCE_MS = 60_000;
const RELOAD_EVERY_MS = 5_000;
const STATE_EVERY_MS = 1_000;

/** Engine output on its way to the store; `announced` once its alerts are stored and announced (never twice). */
type Unsaved = EngineOutput & { announced?: boolean };

interface Command {
  type: 'ack';
  alert_id: string;
  by: string;
  at: number;
}

export function createAnalyticsWorker(options: AnalyticsWorkerOptions): AnalyticsWorker {
  const { store, bus, config } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const engineConfig: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, ...options.engineConfig };
  const seg = segmenter();
  const places = gazetteer();
  const deps: ConstructorParameters<typeof AnalyticsEngine>[1] = {
    idf: seg.idf,
    isPlace: (t) => places.byName.has(t),
    partOfSpeech: seg.partOfSpeech,
    ...(options.rumorScorer ? { rumorScorer: options.rumorScorer } : {}),
  };
  const engine = new AnalyticsEngine(engineConfig, deps, options.timezone);
  const metrics = options.registry ? createMetrics(options.registry, engine, now) : undefined;

  let poller: MentionPoller | undefined;
  let maxEventTime = -Infinity;
  let lastArrival = now();
  let lastReload = -Infinity;
  let lastState = -Infinity;
  let rulesVersion = '';
  let claimsVersion = '';
  const commands: Command[] = [];
  let commandSub: Subscription | undefined;
  /** Output not yet stored (the store failed): written before anything new. */
  let unsaved: Unsaved[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  async function reload(force = false): Promise<void> {
    if (!force && now() - lastReload < RELOAD_EVERY_MS) return;
    lastReload = now();
    if (options.rules) {
      const v = await options.rules.version();
      if (v !== rulesVersion) {
        rulesVersion = v;
        engine.setRules(await options.rules.list());
      }
    }
    if (options.claims && options.createKbMatcher) {
      const v = await options.claims.version();
      if (v !== claimsVersion) {
        claimsVersion = v;
        engine.setKbMatcher(options.createKbMatcher(await options.claims.list()));
      }
    }
  }

  /** A mention cannot be from the future: beyond a little slack, it counts from when it was stored. */
  function admit(ms: AnalyzedMention[]): void {
    for (const m of ms) {
      if (m.time > m.ingestedAt + FUTURE_TOLERANCE_MS) m.time = m.ingestedAt;
      if (m.time > maxEventTime) maxEventTime = m.time;
    }
    engine.ingest(ms);
  }

  function watermark(arrived: boolean): number {
    return liveWatermark({ maxEventTime, wall: now(), lastArrival, arrived, latenessMs: config.latenessMs });
  }

  /**
   * The alerts first (small rows), announced as soon as they are stored, then
   * the members and events (the bulk): a duty officer hears of an alert
   * without waiting for the busy events' rows; its event page fills in
   * within the same cycle.
   */
  async function persist(out: Unsaved): Promise<void> {
    if (!out.announced) {
      if (out.alerts.length) {
        await writeAlerts(store, latestPerAlert(out.alerts));
        await writeAlertLog(store, logEntriesFor(out.alerts));
      }
      await announce(out.alerts);
      out.announced = true;
    }
    await writeMembers(store, out.members);
    await writeEvents(store, out.events, (id) => engine.rumorSignals(id));
  }

  async function announce(changes: readonly AlertChange[]): Promise<void> {
    if (!changes.length) return;
    const messages = changes.map((c) => {
      const msg: AlertStreamMessage = { type: c.action === 'resolved' ? 'resolved' : c.action === 'acknowledged' ? 'ack' : 'alert', alert: c.alert };
      return { key: c.alert.id, value: JSON.stringify({ ...msg, action: c.action }) };
    });
    try {
      await bus.publish(TOPICS.alerts, messages);
    } catch (error) {
      log('warn', 'could not announce alert changes on the bus', { err: error });
    }
    for (const c of changes) {
      metrics?.alerts.inc({ action: c.action, severity: c.severity });
      void options.notifier?.notify({ alert: c.alert, action: c.action });
    }
  }

  async function handle(out: EngineOutput): Promise<void> {
    unsaved.push(out);
    await drainUnsaved();
  }

  async function drainUnsaved(): Promise<void> {
    while (unsaved.length) {
      await persist(unsaved[0]!);
      unsaved.shift();
    }
  }

  /**
   * Acknowledgements taken through the API (already stored, logged and
   * announced there): the engine's copy of the alert takes them, and the
   * stored row is written again in case an escalation overwrote it meanwhile.
   */
  async function applyCommands(): Promise<void> {
    const taken: Alert[] = [];
    for (const c of commands.splice(0)) {
      if (c.type === 'ack') {
        const change = engine.acknowledge(c.alert_id, c.by, c.at);
        if (change) taken.push(change.alert);
      }
    }
    if (taken.length) await writeAlerts(store, taken);
  }

  async function restore(): Promise<number> {
    const state = await loadState(store);
    if (!state) return 0;
    const from = state.watermark - config.restoreMinutes * 60_000;
    // Rebuild the engine from the recent stored stream, minute by minute, without detecting.
    for (let t = from; t <= state.watermark; t += 60_000) {
      const to = Math.min(t + 60_000, state.watermark + 1);
      const ms = await mentionsForRestore(store, t, to, state.cursor);
      engine.ingest(ms);
      engine.advance(to - 1, { silent: true });
    }
    engine.setStartedAt(from);
    engine.adoptStoredTotals(await storedEventTotals(store, engine.liveEventIds()));
    const alerts = await loadAlertsForRestore(store, state.watermark - engineConfig.cooldownMs);
    engine.restoreAlerts(alerts.open, alerts.resolved);
    maxEventTime = state.watermark + config.latenessMs;
    log('info', 'analytics state restored', { watermark: new Date(state.watermark).toISOString(), replayedMinutes: config.restoreMinutes, openAlerts: alerts.open.length });
    return state.cursor;
  }

  const worker: AnalyticsWorker = {
    engine,
    async start() {
      await reload(true);
      const cursor = await restore();
      poller = createMentionPoller({ store, from: cursor });
      commandSub = await bus.subscribe({
        topic: TOPICS.analyticsCommands,
        groupId: CONSUMER_GROUPS.analyticsWorker,
        handler: async (records) => {
          for (const r of records) {
            try {
              const c = JSON.parse(r.value) as Partial<Command>;
              if (c.type === 'ack' && typeof c.alert_id === 'string') commands.push({ type: 'ack', alert_id: c.alert_id, by: String(c.by ?? ''), at: Number(c.at ?? now()) });
            } catch {
              log('warn', 'unreadable analytics command ignored', { value: r.value.slice(0, 200) });
            }
          }
        },
      });
      const loop = () => {
        if (stopped) return;
        worker
          .cycle()
          .catch((error: unknown) => log('error', 'analytics cycle failed; retrying', { err: error }))
          .finally(() => {
            if (!stopped) timer = setTimeout(loop, config.pollMs);
          });
      };
      loop();
    },

    cycle: () => exclusive(cycle),

    flush: (t) =>
      exclusive(async () => {
        // Everything stored so far, then the event time up to t.
        while ((await cycle()) > 0);
        const until = t ?? maxEventTime;
        if (Number.isFinite(until)) await handle(engine.advance(until, { flush: true }));
        await saveState(store, { watermark: engine.watermarkTime(), cursor: poller?.cursor() ?? 0 });
      }),

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await exclusive(async () => {
        await commandSub?.stop();
        if (poller && Number.isFinite(engine.watermarkTime())) {
          try {
            // The last changes of busy events (written at most every few seconds) go out before the state.
            unsaved.push(engine.advance(engine.watermarkTime(), { flush: true }));
            await drainUnsaved();
            await saveState(store, { watermark: engine.watermarkTime(), cursor: poller.cursor() });
          } catch (error) {
            log('warn', 'could not save the analytics state at shutdown', { err: error });
          }
        }
      });
    },
  };

  /** One piece of work at a time: the loop, a flush and a stop never interleave. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = running.then(fn, fn);
    running = run.catch(() => undefined);
    return run;
  }

  async function cycle(): Promise<number> {
    if (!poller) poller = createMentionPoller({ store, from: 0 });
    const started = performance.now();
    await drainUnsaved();
    await reload();
    await applyCommands();
    const ms = await poller.poll();
    if (ms.length) lastArrival = now();
    admit(ms);
    metrics?.mentions.inc(ms.length);
    if (Number.isFinite(maxEventTime)) await handle(engine.advance(watermark(ms.length > 0)));
    if (now() - lastState >= STATE_EVERY_MS && Number.isFinite(engine.watermarkTime())) {
      await saveState(store, { watermark: engine.watermarkTime(), cursor: poller.cursor() });
      lastState = now();
    }
    metrics?.cycle.observe((performance.now() - started) / 1000);
    return ms.length;
  }

  return worker;
}

/** Several changes of one alert in one round: the store needs only the last. */
function latestPerAlert(changes: readonly AlertChange[]): Alert[] {
  const byId = new Map<string, Alert>();
  for (const c of changes) byId.set(c.alert.id, c.alert);
  return [...byId.values()];
}

function createMetrics(registry: Registry, engine: AnalyticsEngine, now: () => number) {
  new Gauge({
    name: 'fenghuo_analytics_watermark_lag_seconds',
    help: 'Wall clock minus the event time the analytics have processed up to',
    registers: [registry],
    collect() {
      const w = engine.watermarkTime();
      if (Number.isFinite(w)) this.set((now() - w) / 1000);
    },
  });
  new Gauge({
    name: 'fenghuo_analytics_engine',
    help: 'Engine counters: live events, tracked keys, late and too-late mentions, how mentions joined events',
    labelNames: ['counter'],
    registers: [registry],
    collect() {
      for (const [k, v] of Object.entries(engine.counts())) this.set({ counter: k }, v);
    },
  });
  return {
    mentions: new Counter({ name: 'fenghuo_analytics_mentions_total', help: 'Mentions read by the analytics worker', registers: [registry] }),
    alerts: new Counter({ name: 'fenghuo_analytics_alert_changes_total', help: 'Alert changes by action and severity', labelNames: ['action', 'severity'], registers: [registry] }),
    cycle: new Histogram({ name: 'fenghuo_analytics_cycle_seconds', help: 'Duration of one read-analyse-store cycle', buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5], registers: [registry] }),
  };
}

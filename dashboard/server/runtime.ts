import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { StoreLockedError, TOPICS, type Bus, type Config, type PartitionLag, type Store } from '@fenghuo/shared';
import { createInProcessBus, createKafkaBus, createStore, migrate } from '@fenghuo/infra';
import {
  createIngestMetrics,
  createIngestService,
  createIngestWorker,
  createEnricher,
  createInlinePreparer,
  createMentionWriter,
  createThreadPreparer,
  createTokenCheck,
  defaultPrepareThreads,
  resolveIngestToken,
  type IngestService,
  type IngestWorker,
  type MentionWriter,
} from '@fenghuo/ingest';
import {
  createAnalyticsWorker,
  createKbMatcher,
  createRumorScorer,
  createChannelRepository,
  createClaimRepository,
  createNotifier,
  createRuleRepository,
  createStoreDeliveryLog,
  createWorkflow,
  governance as governanceModule,
  duty as dutyModule,
  consultation as consultationModule,
  acknowledgeAlert,
  tokenHash,
  type Workflow,
  listAlerts,
  parseSmtpUrl,
  type AnalyticsWorker,
  type DeliveryLog,
  type Notifier,
} from '@fenghuo/analytics';
import type { playbooks as playbookModule } from '@fenghuo/analytics';
import { createAlertStreamHub } from './alert-stream';
import { createLiveHub } from './live/live-hub';
import { prepareWebApp } from './web/serve-app';
import { createApp } from './app';
import { channelTester } from './analytics-setup';
import { createBriefService, type BriefService } from './brief/brief-service';
import { startBriefScheduler, type BriefScheduler } from './brief/brief-scheduler';
import { createBriefRenderer } from './brief/pdf-renderer';
import { startGovernanceReminders } from './governance-reminders';
import { clockSubject, playbookStepSubject, resolveDutyLinkSecret, startDutyEscalations, withEscalation } from './duty-escalations';

export interface Roles {
  /** HTTP ingest: validates and publishes to mentions.raw. */
  api: boolean;
  /** Consumes mentions.raw and writes to the store. */
  worker: boolean;
  /** Consumer instances of the ingest worker in this process (default 1). */
  consumers?: number;
  /** Runs the analytics worker (events, detectors, alerts, notifications); one per deployment. */
  analytics?: boolean;
}

export interface RuntimeOptions {
  roles: Roles;
  /** Names the process in lock messages ("fenghuo start"). */
  holder: string;
  logger?: Logger;
  /** Extra observers of the writer (benchmarks). */
  onFreshness?: (ms: number) => void;
  /** Serve HTTP (health, metrics, read API) even without the api role (default: yes). */
  http?: boolean;
  /** Overrides FENGHUO_DASHBOARD (tests that need no browser app). */
  web?: 'static' | 'dev' | 'off';
  /** The clock of the duty escalation chains (tests drive it; default Date.now). */
  dutyNow?: () => number;
}

export interface Runtime {
  config: Config;
  logger: Logger;
  store: Store;
  bus: Bus;
  writer: MentionWriter;
  service: IngestService;
  registry: Registry;
  workers: IngestWorker[];
  /** Busy time of the prepare threads, ms (benchmarks). */
  prepareBusyMs?: () => number;
  server?: http.Server;
  url?: string;
  analytics?: AnalyticsWorker;
  notifier?: Notifier;
  ingestToken?: { token: string; generated: boolean; file?: string };
  workflow: Workflow;
  /** Set when this start created the `admin` user with a generated password (print it once). */
  adminPassword?: { password: string; file: string };
  /** The daily brief (API processes). */
  brief?: BriefService;
  /** Set when FENGHUO_BRIEF_AT schedules the brief in this process. */
  briefScheduler?: BriefScheduler;
  /** Account governance: checks, report, reminders. */
  governance: governanceModule.Governance;
  /** Duty rosters and escalation; `duty.escalator` is what other parts call to page a unit. */
  duty: dutyModule.Duty;
  /** Public consultations on draft policies (analysis, feedback, report). */
  consultations: consultationModule.Consultations;
  stop(): Promise<void>;
}

/** The process's logger; `destination` is where the JSON lines go (default stdout; tests capture them). */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  const options = { level: config.logLevel, base: { app: 'fenghuo' } };
  return destination ? pino(options, destination) : pino(options);
}

/** Raised when a role cannot open the embedded store because another process holds it. */
export class RoleNeedsServerError extends Error {
  override name = 'RoleNeedsServerError';
}

function roleName(roles: Roles): string {
  if (roles.api && roles.worker) return 'start';
  if (roles.api) return 'api';
  return roles.worker ? 'ingest-worker' : 'analytics-worker';
}

/**
 * The composition root: reads nothing but `config`, builds the adapters and
 * wires the roles this process runs.
 */
export async function startRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  const logger = options.logger ?? createLogger(config);
  let store: Store;
  try {
    store = await createStore(config.storage, { holder: options.holder });
  } catch (error) {
    if (error instanceof StoreLockedError && !(options.roles.api && options.roles.worker)) {
      throw new RoleNeedsServerError(
        `${error.message}\nSeparate roles in separate processes need a ClickHouse server: set CLICKHOUSE_URL for every role ` +
          `(\`pnpm fenghuo ${roleName(options.roles)}\` cannot share the embedded store with another process). ` +
          'On one machine without a ClickHouse server, run `pnpm fenghuo store` and point CLICKHOUSE_URL at it, ' +
          'or run every role in one process with `pnpm fenghuo start` (`--consumers N` for several consumers).',
      );
    }
    throw error;
  }
  const stoppers: (() => Promise<void>)[] = [async () => store.close()];
  const stop = async () => {
    for (const s of stoppers.reverse().splice(0)) {
      try {
        await s();
      } catch (error) {
        logger.warn({ err: error }, 'error while stopping');
      }
    }
  };
  try {
    const report = await migrate(store);
    if (report.applied.length) logger.info({ applied: report.applied }, 'migrations applied');

    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: 'fenghuo_' });
    const metrics = createIngestMetrics(registry);

    let stopping = false;
    // Back-pressure from the store: while writes fail, the consumers stop
    // fetching (the batch in hand is retried); the first write that succeeds
    // lets them go on. In process, the bus then fills and ingest answers 503.
    const workers: IngestWorker[] = [];
    let pausedForStore = false;
    const pausedGauge = new Gauge({ name: 'fenghuo_ingest_paused', help: '1 while the consumers are paused because the store is failing', registers: [registry] });
    // The last write error while writes fail (named by /healthz and in ingest's 503), cleared by the next stored batch.
    let writeProblem: string | undefined;
    const setPaused = (paused: boolean) => {
      if (!paused) writeProblem = undefined;
      if (paused === pausedForStore) return;
      pausedForStore = paused;
      pausedGauge.set(paused ? 1 : 0);
      for (const w of workers) (paused ? w.subscription()?.pause() : w.subscription()?.resume());
      logger[paused ? 'warn' : 'info'](paused ? 'store unavailable: consumers paused' : 'store is back: consumers resumed');
    };
    const writer = createMentionWriter({
      store,
      retryMaxMs: config.ingest.insertRetryMaxMs,
      hooks: {
        ...metrics.writerHooks,
        onBatch: (rows, seconds) => {
          metrics.writerHooks.onBatch?.(rows, seconds);
          setPaused(false);
        },
        onInsertError: (error, attempt) => {
          metrics.writerHooks.onInsertError?.(error, attempt);
          writeProblem = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 300);
          setPaused(true);
          logger.warn({ err: error, attempt }, 'store write failed; retrying');
        },
        onFreshness: (seconds) => {
          metrics.writerHooks.onFreshness?.(seconds);
          options.onFreshness?.(seconds * 1000);
        },
      },
      isStopping: () => stopping,
    });

    const bus: Bus = config.kafka
      ? createKafkaBus({
          config: config.kafka,
          log: (level, message, extra) => logger[level === 'debug' ? 'debug' : level](extra, message),
        })
      : createInProcessBus({
          maxQueuedRecords: config.ingest.queueMaxRecords,
          onHandlerError: (error, topic, attempt) => logger.warn({ err: error, topic, attempt }, 'batch failed; redelivering'),
        });
    stoppers.push(() => bus.close());
    await bus.ensureTopics([
      { name: TOPICS.mentionsRaw },
      ...(config.kafka ? [{ name: TOPICS.mentionsDlq, retentionMs: config.kafka.dlqRetentionMs }] : [{ name: TOPICS.mentionsDlq }]),
      { name: TOPICS.alerts },
      // One partition: acknowledgements reach the single analytics worker in order.
      { name: TOPICS.analyticsCommands, partitions: 1 },
    ]);
    const rules = createRuleRepository(store);
    const channels = createChannelRepository(store);
    const claims = createClaimRepository(store);

    let prepareBusy: (() => number) | undefined;
    if (options.roles.worker) {
      const threads = config.ingest.prepareThreads === 'auto' ? defaultPrepareThreads() : config.ingest.prepareThreads;
      const enrichment = config.analytics.sentimentModel ? { sentimentModel: config.analytics.sentimentModel } : {};
      // A bad model file fails here, clearly, not in every prepare thread over and over.
      if (enrichment.sentimentModel) createEnricher(enrichment);
      const preparer = threads > 0 ? createThreadPreparer(threads, (error) => logger.error({ err: error }, 'prepare thread failed; restarted'), enrichment) : createInlinePreparer(enrichment);
      stoppers.push(() => preparer.close());
      if ('busyMs' in preparer) prepareBusy = () => (preparer as { busyMs(): number }).busyMs();
      const consumers = Math.max(1, options.roles.consumers ?? 1);
      for (let i = 0; i < consumers; i++) {
        const worker = createIngestWorker({
          bus,
          writer,
          preparer,
          maxBatchRecords: config.ingest.batchMaxRows,
          maxBatchWaitMs: config.ingest.batchMaxWaitMs,
          publishDlq: bus.kind === 'kafka',
          onBatchError: (error) => logger.error({ err: error }, 'ingest batch failed'),
        });
        await worker.start();
        workers.push(worker);
      }
      stoppers.push(async () => {
        stopping = true;
        await Promise.all(workers.map((w) => w.stop()));
      });
      const lags = async (): Promise<PartitionLag[]> => {
        try {
          return (await workers[0]?.subscription()?.lag()) ?? [];
        } catch {
          return [];
        }
      };
      new Gauge({
        name: 'fenghuo_ingest_consumer_lag',
        help: 'Records on the bus not yet handled by the ingest workers, per partition',
        labelNames: ['topic', 'partition'],
        registers: [registry],
        async collect() {
          for (const l of await lags()) this.set({ topic: l.topic, partition: String(l.partition) }, l.lag);
        },
      });
      new Gauge({
        name: 'fenghuo_ingest_queue_depth',
        help: 'Records accepted but not yet stored (all partitions)',
        registers: [registry],
        async collect() {
          this.set((await lags()).reduce((sum, l) => sum + l.lag, 0));
        },
      });
    }

    const service = createIngestService({
      bus,
      writer,
      ackTimeoutMs: config.ingest.ackTimeoutMs,
      storeProblem: () => writeProblem,
      onAccepted: (n, source) => metrics.accepted.inc({ source }, n),
      // With Kafka the broker holds the queue; in process, one source may hold only its share of it.
      ...(config.kafka ? {} : { sourceShare: { maxQueuedRecords: config.ingest.queueMaxRecords, share: config.ingest.sourceQueueShare, retryAfterSeconds: 1 } }),
      onShareRefused: (source) => metrics.shareRefused.inc({ source }),
    });
    // Clock warnings and breaches go where alerts go: the live stream and the channels.
    let notifyClock: ((alert: import('@fenghuo/shared').Alert) => Promise<void>) | undefined;
    const notifyAlert = async (alert: import('@fenghuo/shared').Alert) => {
      await bus.publish(TOPICS.alerts, [{ key: alert.id, value: JSON.stringify({ type: 'alert', action: 'opened', alert }) }]);
      await notifyClock?.(alert);
      await escalateClock?.(alert);
    };
    let escalateClock: ((alert: import('@fenghuo/shared').Alert) => Promise<void>) | undefined;
    let escalatePlaybookStep: ((step: playbookModule.OverdueStep) => Promise<void>) | undefined;
    const workflow = createWorkflow(store, {
      timezone: config.timezone,
      sessionTtlMs: config.auth.sessionHours * 3_600_000,
      notify: notifyAlert,
      escalatePlaybookStep: async (step) => escalatePlaybookStep?.(step),
    });
    // Cadence reminders go where clock notices go: the live stream and the channels.
    const governance = governanceModule.createGovernance({ workflow, store, notify: notifyAlert });
    // Duty chains page through each person's own channel, with signed one-time acknowledgement links.
    const pager = dutyModule.createDutyPager({
      log: createStoreDeliveryLog(store),
      linkBase: config.notify.publicUrl,
      ...(config.notify.smtpUrl ? { smtp: parseSmtpUrl(config.notify.smtpUrl, config.notify.smtpFrom) } : {}),
      logger,
      unitName: async (id) => (await workflow.directory.unitNames()).get(id),
    });
    stoppers.push(() => pager.close());
    const duty = dutyModule.createDuty({
      workflow,
      store,
      linkSecret: resolveDutyLinkSecret(config.dataDir),
      linkBase: config.notify.publicUrl,
      ...(options.dutyNow ? { now: options.dutyNow } : {}),
      page: pager.page,
      acknowledgeAlert: async (id, by) => {
        await acknowledgeAlert(store, bus, id, by);
      },
    });
    const consultations = consultationModule.createConsultations({ workflow, store });
    const runtime: Runtime = { config, logger, store, bus, writer, service, registry, workers, stop, workflow, governance, duty, consultations };
    if (prepareBusy) runtime.prepareBusyMs = prepareBusy;

    if (options.roles.analytics) {
      const notifier = createNotifier({
        channels: async () => (await channels.list()).filter((c) => c.enabled),
        log: countedDeliveryLog(createStoreDeliveryLog(store), registry),
        linkBase: config.notify.publicUrl,
        ...(config.notify.smtpUrl ? { smtp: parseSmtpUrl(config.notify.smtpUrl, config.notify.smtpFrom) } : {}),
        logger,
      });
      stoppers.push(() => notifier.close());
      runtime.notifier = notifier;
      notifyClock = (alert) => notifier.notify({ alert, action: 'opened' });
      workflow.startJobs(15_000, (error) => logger.warn({ err: error }, 'workflow job failed'));
      stoppers.push(() => workflow.stopJobs());
      const reminders = startGovernanceReminders(governance, (error) => logger.warn({ err: error }, 'governance reminders failed'));
      stoppers.push(async () => reminders.stop());
      const onDutyError = (error: unknown) => logger.warn({ err: error }, 'duty escalation failed');
      escalateClock = async (alert) => {
        try {
          const subject = await clockSubject(alert, workflow);
          if (subject) await duty.startEscalation(subject);
        } catch (error) {
          onDutyError(error);
        }
      };
      // An overdue playbook step climbs the same chain, as its own kind of subject.
      escalatePlaybookStep = async (step) => {
        try {
          await duty.startEscalation(playbookStepSubject(step));
        } catch (error) {
          onDutyError(error);
        }
      };
      const escalations = startDutyEscalations(duty, onDutyError);
      stoppers.push(async () => escalations.stop());
      const analytics = createAnalyticsWorker({
        store,
        bus,
        config: config.analytics,
        timezone: config.timezone,
        rumorScorer: createRumorScorer(config.analytics.rumorModel),
        rules,
        claims,
        createKbMatcher: (list) => (list.length ? createKbMatcher(list).match : undefined),
        // An opened alert also pages the duty officer of the alert unit.
        notifier: withEscalation(notifier, duty, onDutyError),
        registry,
        log: (level, message, extra) => logger[level](extra ?? {}, message),
      });
      await analytics.start();
      stoppers.push(() => analytics.stop());
      runtime.analytics = analytics;
    }

    if (options.roles.api || options.http !== false) {
      const token = options.roles.api ? resolveIngestToken(config.ingest.token, config.dataDir) : undefined;
      if (token) runtime.ingestToken = token;
      const boot = await workflow.bootstrap(config.auth.adminPassword);
      if (boot.created && boot.generated && boot.password) {
        const file = path.join(config.dataDir, 'admin-password');
        fs.mkdirSync(config.dataDir, { recursive: true });
        fs.writeFileSync(file, `${boot.password}\n`, { mode: 0o600 });
        runtime.adminPassword = { password: boot.password, file };
      }
      // Tokens an admin creates per source, beside the configured one; refreshed every 2 s, so a revocation takes effect within that.
      const staticCheck = createTokenCheck({ http: token?.token ?? '' });
      let issued = new Map<string, string>();
      const refreshTokens = async () => {
        try {
          issued = await workflow.directory.tokenHashes();
        } catch (error) {
          logger.warn({ err: error }, 'could not read ingest tokens');
        }
      };
      await refreshTokens();
      // Created or revoked here: at once; by another API process: within the 2 s refresh.
      workflow.directory.onTokensChanged(refreshTokens);
      const tokenTimer = setInterval(() => void refreshTokens(), 2000);
      tokenTimer.unref();
      stoppers.push(async () => clearInterval(tokenTimer));
      const alertStream = await createAlertStreamHub({ bus, openAlerts: async () => [...(await listAlerts(store, { status: 'open', limit: 200 })), ...(await listAlerts(store, { status: 'acknowledged', limit: 200 }))] });
      stoppers.push(() => alertStream.close());
      const openAlerts = async () => [...(await listAlerts(store, { status: 'open', limit: 200 })), ...(await listAlerts(store, { status: 'acknowledged', limit: 200 }))];
      const freshnessP95 = workers.length ? () => (writer.freshness().count ? writer.freshness().p95 : undefined) : undefined;
      const live = await createLiveHub({ bus, store, workflow, openAlerts, logger, ...(freshnessP95 ? { freshnessP95 } : {}) });
      stoppers.push(() => live.close());
      const webMode = options.roles.api ? (options.web ?? config.dashboard.mode) : 'off';
      const web = await prepareWebApp(webMode, config.timezone);
      stoppers.push(() => web.close());
      // The daily brief: one headless Chromium per process, launched on the first PDF, closed on stop.
      const renderer = createBriefRenderer(config.dashboard.chromium ? { chromium: config.dashboard.chromium } : {});
      stoppers.push(() => renderer.close());
      // Stored briefs are announced through the channels: the analytics notifier, or one of this process's own.
      let briefNotifier: Notifier | undefined;
      const notifierForBriefs = () => {
        if (runtime.notifier) return runtime.notifier;
        if (!briefNotifier) {
          briefNotifier = createNotifier({
            channels: async () => (await channels.list()).filter((c) => c.enabled),
            log: createStoreDeliveryLog(store),
            linkBase: config.notify.publicUrl,
            ...(config.notify.smtpUrl ? { smtp: parseSmtpUrl(config.notify.smtpUrl, config.notify.smtpFrom) } : {}),
            logger,
          });
          const n = briefNotifier;
          stoppers.push(() => n.close());
        }
        return briefNotifier;
      };
      const brief = createBriefService({
        store,
        workflow,
        timezone: config.timezone,
        dataDir: config.dataDir,
        publicUrl: config.notify.publicUrl,
        renderer,
        selfUrl: () => runtime.url,
        notifier: notifierForBriefs,
      });
      runtime.brief = brief;
      const app = createApp({
        live,
        web,
        store,
        bus,
        registry,
        logger,
        workflow,
        workflowOptions: { secureCookies: config.auth.secureCookies },
        trustProxy: config.auth.trustProxy,
        brief,
        duty: { duty },
        consultations: {
          consultations,
          renderPage: (pagePath, stateAttribute, cookie) =>
            renderer.render({ baseUrl: runtime.url ?? '', date: '', timezone: config.timezone, source: { kind: 'session', cookieName: cookie.name, cookieValue: cookie.value }, page: { path: pagePath, stateAttribute } }),
        },
        governance: {
          governance,
          renderPage: (pagePath, stateAttribute, cookie) =>
            renderer.render({ baseUrl: runtime.url ?? '', date: '', timezone: config.timezone, source: { kind: 'session', cookieName: cookie.name, cookieValue: cookie.value }, page: { path: pagePath, stateAttribute } }),
          verifyIngestToken: (candidate: string) => (token?.token ? staticCheck.verify(candidate) : undefined) ?? issued.get(tokenHash(candidate)),
        },
        analytics: {
          store,
          bus,
          rules,
          channels,
          claims,
          alertStream,
          testChannel: channelTester(config, channels),
          actorName: (res) => (res.locals as { actor?: { name: string } }).actor?.name,
          audit: async (res, e) => {
            const actor = (res.locals as { actor?: { id: string; name: string; ip?: string } }).actor;
            await workflow.audit.append({ at: Date.now(), actor: actor?.id ?? 'anonymous', actor_name: actor?.name ?? '', ...e, ...(actor?.ip ? { ip: actor.ip } : {}) });
          },
        },
        ...(token
          ? {
              ingest: {
                service,
                writer,
                tokens: { verify: (candidate: string) => (token.token ? staticCheck.verify(candidate) : undefined) ?? issued.get(tokenHash(candidate)) },
                maxBodyBytes: config.ingest.maxBodyBytes,
                maxBodyRecords: config.ingest.maxBodyRecords,
                onResponse: (status: number) => metrics.requests.inc({ status: String(status) }),
                onError: (error: unknown) => logger.error({ err: error }, 'ingest request failed'),
              },
            }
          : {}),
        ...(workers.length ? { freshnessP95: () => (writer.freshness().count ? writer.freshness().p95 : undefined) } : {}),
        ...(workers.length ? { writes: () => (writeProblem === undefined ? { ok: true } : { ok: false, detail: `store writes failing: ${writeProblem}` }) } : {}),
      });
      const server = http.createServer(app);
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      runtime.server = server;
      runtime.url = `http://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
      // Stop taking requests first; requests in flight finish before the workers and the bus stop.
      // Live feeds (SSE) never finish by themselves: end them first, or closing the server waits for every open screen.
      stoppers.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => {
              clearTimeout(grace);
              resolve();
            });
            server.closeIdleConnections();
            void Promise.allSettled([live.close(), alertStream.close()]);
            // Requests in flight get a few seconds; a client that keeps its connection busy beyond that is cut off.
            const grace = setTimeout(() => server.closeAllConnections(), 5000);
            grace.unref();
          }),
      );
    }
    // The scheduled brief renders the served page, so it runs where the app is served.
    if (config.dashboard.briefAt && runtime.brief && runtime.url && options.roles.api) {
      const brief = runtime.brief;
      const scheduler = startBriefScheduler({
        at: config.dashboard.briefAt,
        timezone: config.timezone,
        exists: (date) => brief.archive.file(date) !== undefined,
        generate: async (date) => {
          const stored = await brief.generateStored(date);
          logger.info({ date, bytes: stored.bytes }, 'daily brief stored and sent');
        },
        onError: (error, date, attempt) => logger.error({ err: error, date, attempt }, 'daily brief failed'),
      });
      runtime.briefScheduler = scheduler;
      stoppers.push(() => scheduler.stop());
    }
    // Stoppers run in reverse: HTTP, workers, prepare threads, bus, store.
    return runtime;
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every delivery record also counts in /metrics: `fenghuo_alert_deliveries_total{status}` (queued and retrying are `pending`). */
function countedDeliveryLog(log: DeliveryLog, registry: Registry): DeliveryLog {
  const counter = new Counter({
    name: 'fenghuo_alert_deliveries_total',
    help: 'Alert delivery records by status: pending (queued, or an attempt failed and will be retried), sent, failed',
    labelNames: ['status'],
    registers: [registry],
  });
  return {
    async record(d) {
      counter.inc({ status: d.status });
      await log.record(d);
    },
    logAction: (entry) => log.logAction(entry),
  };
}

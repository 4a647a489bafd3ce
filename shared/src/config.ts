import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Fenghuo reads from the environment, parsed once at boot by the
 * composition root. Nothing else reads process.env.
 */

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);
const optionalNonEmpty = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() ? v.trim() : undefined));
const bool = (def: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return def;
      if (/^(1|true|yes|on)$/i.test(v)) return true;
      if (/^(0|false|no|off)$/i.test(v)) return false;
      ctx.addIssue({ code: 'custom', message: `expected true/false, got "${v}"` });
      return z.NEVER;
    });

const envSchema = z.object({
  PORT: int(8080, 0).refine((p) => p <= 65535, 'must be a port number'),
  HOST: z.string().default('127.0.0.1'),
  FENGHUO_DATA_DIR: z.string().default('.fenghuo'),
  FENGHUO_TIMEZONE: z.string().default('Asia/Shanghai'),
  /** The browser app: "static" serves dashboard/dist (built when stale), "dev" runs Vite's dev server inside, "off" serves none. */
  FENGHUO_DASHBOARD: z.enum(['static', 'dev', 'off']).default('static'),
  /** Headless Chromium for PDFs; found on PATH (chromium, chromium-browser, google-chrome) when unset. */
  FENGHUO_CHROMIUM: optionalNonEmpty,
  /** Daily brief: generated, stored and sent at this local time (HH:MM), for the day before; empty: not scheduled. */
  FENGHUO_BRIEF_AT: optionalNonEmpty.pipe(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  CLICKHOUSE_URL: optionalNonEmpty.pipe(z.url().optional()),
  CLICKHOUSE_USER: z.string().default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a plain identifier')
    .default('fenghuo'),

  FENGHUO_INGEST_TOKEN: optionalNonEmpty,
  FENGHUO_ADMIN_PASSWORD: optionalNonEmpty,
  FENGHUO_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Express trust proxy: "false", "true", a hop count, or addresses/subnets. */
  FENGHUO_TRUST_PROXY: z.string().default('false'),
  FENGHUO_SESSION_HOURS: int(12, 1),
  FENGHUO_MAX_BODY_BYTES: int(10 * 1024 * 1024, 1024),
  FENGHUO_MAX_BODY_RECORDS: int(100_000, 1),
  FENGHUO_BATCH_MAX_ROWS: int(10_000, 1),
  FENGHUO_BATCH_MAX_WAIT_MS: int(100, 0),
  FENGHUO_QUEUE_MAX_RECORDS: int(200_000, 1),
  /** The share of that queue one source (ingest token) may hold; 1 turns the limit off. */
  FENGHUO_SOURCE_QUEUE_SHARE: z.coerce.number().gt(0).max(1).default(0.75),
  FENGHUO_ACK_TIMEOUT_MS: int(30_000, 100),
  FENGHUO_INSERT_RETRY_MAX_MS: int(10_000, 10),
  FENGHUO_PREPARE_THREADS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '' || v === 'auto') return 'auto' as const;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 64) {
        ctx.addIssue({ code: 'custom', message: 'expected "auto" or a number of threads from 0 to 64' });
        return z.NEVER;
      }
      return n;
    }),
  KAFKA_BROKERS: optionalNonEmpty,
  KAFKA_CLIENT_ID: z.string().default('fenghuo'),
  KAFKA_SSL: bool(false),
  KAFKA_SASL_MECHANISM: z
    .enum(['plain', 'scram-sha-256', 'scram-sha-512'])
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-" only')
    .default(''),
  KAFKA_PARTITIONS: int(6, 1),
  KAFKA_COMPRESSION: z.enum(['gzip', 'snappy', 'none']).default('snappy'),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().min(-1).default(-1),
  KAFKA_RETENTION_MS: int(7 * 24 * 3600 * 1000, 60_000),
  KAFKA_DLQ_RETENTION_MS: int(30 * 24 * 3600 * 1000, 60_000),
  FENGHUO_ANALYTICS: bool(true),
  // Both are seconds of alert latency: every mention waits for the next poll,
  // every decision for the watermark (the newest mention's time minus the
  // lateness). Mentions behind the watermark are still analysed (counted in
  // fenghuo_analytics_engine{counter="late"}). 1 s was too short for the
  // embedded store at 2,000/s (1.5 % of mentions late in bench detect).
  FENGHUO_ANALYTICS_POLL_MS: int(250, 50),
  FENGHUO_ANALYTICS_LATENESS_MS: int(2_000, 0),
  FENGHUO_ANALYTICS_RESTORE_MINUTES: int(30, 0),
  FENGHUO_RUMOR_MODEL: optionalNonEmpty,
  FENGHUO_SENTIMENT_MODEL: optionalNonEmpty,
  FENGHUO_PUBLIC_URL: optionalNonEmpty.pipe(z.url().optional()),
  FENGHUO_SMTP_URL: optionalNonEmpty.pipe(z.url().optional()),
  FENGHUO_SMTP_FROM: z.string().default('Fenghuo <fenghuo@localhost>'),
  FENGHUO_DEMO: bool(true),
  FENGHUO_DEMO_RATE: z.coerce.number().positive().default(20),
});

export interface StorageConfig {
  /** Set: a ClickHouse server. Unset: embedded chdb under dataDir/clickhouse. */
  url?: string;
  user: string;
  password: string;
  database: string;
  chdbPath: string;
}

export interface IngestConfig {
  token?: string;
  maxBodyBytes: number;
  /** Records one ingest request may carry (a body of a million tiny lines is refused, not parsed into a million objects). */
  maxBodyRecords: number;
  batchMaxRows: number;
  batchMaxWaitMs: number;
  queueMaxRecords: number;
  /** The share of the queue one source may hold (in process), so a flood from one feed leaves room for the others. */
  sourceQueueShare: number;
  ackTimeoutMs: number;
  insertRetryMaxMs: number;
  /** Worker threads that prepare rows; 0 prepares on the main thread. */
  prepareThreads: number | 'auto';
}

export interface KafkaConfig {
  brokers: string[];
  clientId: string;
  ssl: boolean;
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  /** Put before every topic name, to share a cluster between deployments. */
  topicPrefix: string;
  /** Producer batch compression: snappy costs a fraction of gzip's CPU (docs/benchmarks.md). */
  compression: 'gzip' | 'snappy' | 'none';
  partitions: number;
  /** -1: the broker's default. */
  replicationFactor: number;
  retentionMs: number;
  dlqRetentionMs: number;
}

export interface AnalyticsConfig {
  /** Run the analytics worker inside `start` (default yes). */
  enabled: boolean;
  pollMs: number;
  /** How far behind the newest mention's time the engine waits for stragglers. */
  latenessMs: number;
  /** Minutes of stored mentions replayed at start-up to rebuild the engine's state. */
  restoreMinutes: number;
  /** Trained models (JSON files from `pnpm fenghuo train …`). */
  rumorModel?: string;
  sentimentModel?: string;
}

export interface NotifyConfig {
  /** Base URL of the dashboard, for links in notifications. */
  publicUrl: string;
  /** smtp(s)://user:password@host:port */
  smtpUrl?: string;
  smtpFrom: string;
}

export interface AuthConfig {
  /** First start only: the password of the `admin` user (otherwise generated and printed once). */
  adminPassword?: string;
  secureCookies: 'auto' | boolean;
  trustProxy: boolean | number | string;
  sessionHours: number;
}

export interface Config {
  auth: AuthConfig;
  port: number;
  host: string;
  dataDir: string;
  timezone: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  storage: StorageConfig;
  ingest: IngestConfig;
  demo: { enabled: boolean; rate: number };
  analytics: AnalyticsConfig;
  notify: NotifyConfig;
  /** Set: the bus is Kafka. Unset: the in-process bus. */
  kafka?: KafkaConfig;
  dashboard: DashboardConfig;
}

export interface DashboardConfig {
  mode: 'static' | 'dev' | 'off';
  chromium?: string;
  briefAt?: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.FENGHUO_DATA_DIR);
  const storage: StorageConfig = {
    user: e.CLICKHOUSE_USER,
    password: e.CLICKHOUSE_PASSWORD,
    database: e.CLICKHOUSE_DATABASE,
    chdbPath: path.join(dataDir, 'clickhouse'),
  };
  if (e.CLICKHOUSE_URL) storage.url = e.CLICKHOUSE_URL;
  const ingest: IngestConfig = {
    maxBodyBytes: e.FENGHUO_MAX_BODY_BYTES,
    maxBodyRecords: e.FENGHUO_MAX_BODY_RECORDS,
    batchMaxRows: e.FENGHUO_BATCH_MAX_ROWS,
    batchMaxWaitMs: e.FENGHUO_BATCH_MAX_WAIT_MS,
    queueMaxRecords: e.FENGHUO_QUEUE_MAX_RECORDS,
    sourceQueueShare: e.FENGHUO_SOURCE_QUEUE_SHARE,
    ackTimeoutMs: e.FENGHUO_ACK_TIMEOUT_MS,
    insertRetryMaxMs: e.FENGHUO_INSERT_RETRY_MAX_MS,
    prepareThreads: e.FENGHUO_PREPARE_THREADS,
  };
  if (e.FENGHUO_INGEST_TOKEN) ingest.token = e.FENGHUO_INGEST_TOKEN;
  let kafka: KafkaConfig | undefined;
  if (e.KAFKA_BROKERS) {
    kafka = {
      brokers: e.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean),
      clientId: e.KAFKA_CLIENT_ID,
      ssl: e.KAFKA_SSL,
      topicPrefix: e.KAFKA_TOPIC_PREFIX,
      compression: e.KAFKA_COMPRESSION,
      partitions: e.KAFKA_PARTITIONS,
      replicationFactor: e.KAFKA_REPLICATION_FACTOR,
      retentionMs: e.KAFKA_RETENTION_MS,
      dlqRetentionMs: e.KAFKA_DLQ_RETENTION_MS,
    };
    if (e.KAFKA_SASL_MECHANISM) {
      if (!e.KAFKA_SASL_USERNAME || !e.KAFKA_SASL_PASSWORD) {
        throw new ConfigError('invalid configuration:\n  KAFKA_SASL_MECHANISM needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD');
      }
      kafka.sasl = { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD };
    }
  }
  const analytics: AnalyticsConfig = {
    enabled: e.FENGHUO_ANALYTICS,
    pollMs: e.FENGHUO_ANALYTICS_POLL_MS,
    latenessMs: e.FENGHUO_ANALYTICS_LATENESS_MS,
    restoreMinutes: e.FENGHUO_ANALYTICS_RESTORE_MINUTES,
  };
  if (e.FENGHUO_RUMOR_MODEL) analytics.rumorModel = path.resolve(cwd, e.FENGHUO_RUMOR_MODEL);
  if (e.FENGHUO_SENTIMENT_MODEL) analytics.sentimentModel = path.resolve(cwd, e.FENGHUO_SENTIMENT_MODEL);
  const notify: NotifyConfig = {
    publicUrl: (e.FENGHUO_PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' || e.HOST === '::' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    smtpFrom: e.FENGHUO_SMTP_FROM,
  };
  if (e.FENGHUO_SMTP_URL) notify.smtpUrl = e.FENGHUO_SMTP_URL;
  const trust = e.FENGHUO_TRUST_PROXY;
  const auth: AuthConfig = {
    secureCookies: e.FENGHUO_COOKIE_SECURE === 'auto' ? 'auto' : e.FENGHUO_COOKIE_SECURE === 'true',
    trustProxy: trust === 'true' ? true : trust === 'false' ? false : /^\d+$/.test(trust) ? Number(trust) : trust,
    sessionHours: e.FENGHUO_SESSION_HOURS,
  };
  if (e.FENGHUO_ADMIN_PASSWORD) auth.adminPassword = e.FENGHUO_ADMIN_PASSWORD;
  const dashboard: DashboardConfig = { mode: e.FENGHUO_DASHBOARD };
  if (e.FENGHUO_CHROMIUM) dashboard.chromium = e.FENGHUO_CHROMIUM;
  if (e.FENGHUO_BRIEF_AT) dashboard.briefAt = e.FENGHUO_BRIEF_AT;
  return {
    dashboard,
    ...(kafka ? { kafka } : {}),
    auth,
    analytics,
    notify,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    timezone: e.FENGHUO_TIMEZONE,
    logLevel: e.LOG_LEVEL,
    storage,
    ingest,
    demo: { enabled: e.FENGHUO_DEMO, rate: e.FENGHUO_DEMO_RATE },
  };
}

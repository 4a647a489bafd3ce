import { readConfig } from '../cli-args';
import { startDemo } from '../demo';
import { startRuntime, type Roles } from '../runtime';
import { ensureAppBuilt } from '../web/app-build';

/** How long a stop may take before the process exits anyway (exit code 1). */
const STOP_DEADLINE_MS = 30_000;

export interface RoleFlags {
  port?: number;
  demo?: boolean;
  seed: number;
  demoRate?: number;
  consumers?: number;
}

/**
 * A long-running role (`start`, `api`, `ingest-worker`) until SIGINT/SIGTERM:
 * on the first signal it stops taking requests, lets the batch in hand be
 * stored and committed, leaves the consumer group and exits 0.
 */
export async function runRole(name: 'start' | 'api' | 'ingest-worker' | 'analytics-worker', roles: Roles, flags: RoleFlags): Promise<void> {
  const config = readConfig(flags.port !== undefined ? { PORT: String(flags.port) } : {});
  // Processes that serve the API serve the dashboard too: build it first when its sources changed.
  if (roles.api && config.dashboard.mode === 'static') await ensureAppBuilt((m) => process.stderr.write(`${m}\n`));
  const runtime = await startRuntime(config, {
    roles: { ...roles, consumers: flags.consumers ?? 1, analytics: Boolean(roles.analytics) && config.analytics.enabled },
    holder: `fenghuo ${name}`,
  });
  const { logger } = runtime;
  const demo = roles.api && flags.demo && config.demo.enabled ? await startDemo(runtime, { seed: flags.seed, rate: flags.demoRate ?? config.demo.rate }) : undefined;

  // What a person types: localhost for the loopback or all-interfaces address.
  const shown = runtime.url?.replace('//127.0.0.1:', '//localhost:');
  const lines = [`烽火 Fenghuo ${name} is running${shown ? ` at ${shown}` : ''}`];
  if (shown && config.dashboard.mode !== 'off') lines.push(`  dashboard: ${shown}/   wall display: ${shown}/wall   daily brief: ${shown}/brief`);
  if (shown) lines.push(`  stats:   ${shown}/api/v1/stats`, `  health:  ${shown}/healthz   metrics: ${shown}/metrics`);
  if (roles.api && shown) lines.push(`  ingest:  POST ${shown}/api/v1/mentions`);
  if (roles.api && shown) lines.push(`  events:  ${shown}/api/v1/events   alerts: ${shown}/api/v1/alerts   live: ${shown}/api/v1/alerts/stream`);
  if (runtime.ingestToken?.generated) {
    lines.push(`  ingest token (created now, stored in ${runtime.ingestToken.file}): ${runtime.ingestToken.token}`);
  } else if (runtime.ingestToken?.file) {
    lines.push(`  ingest token: in ${runtime.ingestToken.file} (pnpm fenghuo token)`);
  }
  if (runtime.adminPassword) {
    lines.push(`  sign in as admin with password ${runtime.adminPassword.password}  (created now and shown once; also in ${runtime.adminPassword.file}; change it after signing in)`);
  }
  if (shown) lines.push(`  API:     ${shown}/api/v1/openapi.json   (sign in: POST ${shown}/api/v1/session)`);
  lines.push(`  store: ${runtime.store.kind === 'chdb' ? `embedded (${config.storage.chdbPath})` : 'ClickHouse server'} · bus: ${runtime.bus.kind}${roles.worker ? ` · consumers: ${flags.consumers ?? 1}` : ''}${runtime.analytics ? ' · analytics: on' : ''}`);
  if (roles.api) lines.push(demo ? `  demo stream: on (seed ${flags.seed})` : '  demo stream: off');
  process.stderr.write(`${lines.join('\n')}\n`);
  logger.info({ role: name, url: runtime.url, demo: Boolean(demo), store: runtime.store.kind, bus: runtime.bus.kind }, 'fenghuo started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    // A part that never finishes stopping must not keep the process (and its data directory's lock) forever.
    setTimeout(() => {
      logger.error({ seconds: STOP_DEADLINE_MS / 1000 }, 'stopping took too long: exiting without a clean stop');
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    await demo?.stop();
    await runtime.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

import { Command, Option } from 'commander';
import { ConfigError, StoreLockedError, StoreUnavailableError } from '@fenghuo/shared';
import { createStore, migrate, startHttpFront } from '@fenghuo/infra';
import { resolveIngestToken } from '@fenghuo/ingest';
import { registerDataCommands } from './commands/data-commands';
import { registerBenchCommands } from './commands/bench-commands';
import { registerAnalyticsCommands } from './commands/analytics-commands';
import { runRole, type RoleFlags } from './commands/role-command';
import { RoleNeedsServerError } from './runtime';
import { parseIntArg, readConfig } from './cli-args';

/**
 * `pnpm fenghuo <command>`: the one entry point. Configuration comes from the
 * environment (see README); flags override a few settings per run.
 */

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('fenghuo')
    .description('烽火 Fenghuo: public-opinion monitoring and response')
    .showHelpAfterError()
    .configureHelp({ sortSubcommands: false });

  const port = () => new Option('--port <port>', 'HTTP port (default: PORT or 8080)').argParser(parseIntArg);
  const consumers = () => new Option('--consumers <n>', 'ingest consumer instances in this process (they share the partitions)').argParser(parseIntArg).default(1);
  const seed = () => new Option('--seed <n>', 'demo stream seed').argParser(parseIntArg).default(1);
  const demoRate = () => new Option('--demo-rate <n>', 'demo background mentions per second at the daily peak').argParser(Number);

  program
    .command('start')
    .description('every role in one process: embedded store and in-process bus, or CLICKHOUSE_URL / KAFKA_BROKERS when set; with the demo stream')
    .addOption(port())
    .option('--no-demo', 'do not run the built-in demo stream')
    .addOption(seed())
    .addOption(demoRate())
    .addOption(consumers())
    .option('--no-analytics', 'do not run the analytics worker in this process')
    .action((flags: RoleFlags & { analytics: boolean }) => runRole('start', { api: true, worker: true, analytics: flags.analytics }, flags));

  program
    .command('build-dashboard')
    .description('build the browser app (dashboard/dist) with Vite; start does it when the sources changed')
    .option('--force', 'build even when the build is up to date')
    .action(async (flags: { force?: boolean }) => {
      const { APP_DIST, ensureAppBuilt } = await import('./web/app-build');
      if (flags.force) (await import('node:fs')).rmSync(`${APP_DIST}/index.html`, { force: true });
      const built = await ensureAppBuilt((m) => process.stderr.write(`${m}\n`));
      process.stderr.write(built ? `built ${APP_DIST}\n` : `up to date: ${APP_DIST}\n`);
    });

  program
    .command('api')
    .description('HTTP ingest and read API, publishing to the bus (KAFKA_BROKERS); stateless, run as many as needed')
    .addOption(port())
    .option('--demo', 'also run the demo stream into the bus')
    .addOption(seed())
    .addOption(demoRate())
    .action((flags: RoleFlags) => runRole('api', { api: true, worker: false }, flags));

  program
    .command('ingest-worker')
    .description('consume mentions.raw, enrich, write to the store; serves /healthz, /metrics and /api/v1/stats on PORT')
    .addOption(port())
    .addOption(consumers())
    .action((flags: RoleFlags) => runRole('ingest-worker', { api: false, worker: true }, { ...flags, demo: false }));

  program
    .command('analytics-worker')
    .description('read stored mentions, find events, rising topics and rumors, raise and deliver alerts; one per deployment (it holds the engine state)')
    .addOption(port())
    .action((flags: RoleFlags) => runRole('analytics-worker', { api: false, worker: false, analytics: true }, { ...flags, demo: false }));

  program
    .command('store')
    .description("serve the embedded store over ClickHouse's HTTP interface, so separate roles on this machine can share it (CLICKHOUSE_URL=http://127.0.0.1:8123)")
    .addOption(new Option('--port <port>', 'port to listen on').argParser(parseIntArg).default(8123))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (flags: { port: number; host: string }) => {
      const config = readConfig();
      const store = await createStore(config.storage, { holder: 'fenghuo store' });
      await migrate(store);
      const front = await startHttpFront({
        store,
        host: flags.host,
        port: flags.port,
        ...(config.storage.password ? { user: config.storage.user, password: config.storage.password } : {}),
      });
      process.stderr.write(
        `烽火 Fenghuo store: the embedded store at ${config.storage.chdbPath} is served at ${front.url}\n` +
          `  run the other roles with CLICKHOUSE_URL=${front.url}\n`,
      );
      const stop = async () => {
        await front.close();
        await store.close();
        process.exit(0);
      };
      process.on('SIGINT', () => void stop());
      process.on('SIGTERM', () => void stop());
    });

  program
    .command('migrate')
    .description('apply pending schema migrations and exit')
    .option('--record-only', 'record pending migrations as applied without running them (a cluster whose tables were created by hand)')
    .action(async (flags: { recordOnly?: boolean }) => {
      const config = readConfig();
      const store = await createStore(config.storage, { holder: 'fenghuo migrate' });
      try {
        const report = await migrate(store, undefined, { recordOnly: Boolean(flags.recordOnly) });
        console.log(
          report.applied.length
            ? `applied: ${report.applied.join(', ')}`
            : `schema is up to date (${report.alreadyApplied} migrations)`,
        );
      } finally {
        await store.close();
      }
    });

  program
    .command('token')
    .description('print the ingest bearer token (creating it on first use)')
    .action(() => {
      const config = readConfig();
      console.log(resolveIngestToken(config.ingest.token, config.dataDir).token);
    });

  registerDataCommands(program);
  registerAnalyticsCommands(program);
  registerBenchCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreLockedError || error instanceof StoreUnavailableError || error instanceof RoleNeedsServerError) {
      console.error(`fenghuo: ${error.message}`);
      process.exit(2);
    }
    // A command that failed (a missing file, a bad option value): the message, not a stack trace.
    if (error instanceof Error) {
      console.error(`fenghuo: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] && /cli\.(ts|js|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

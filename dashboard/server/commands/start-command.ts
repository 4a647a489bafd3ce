import { readConfig } from '../cli-args';
import { startRuntime } from '../runtime';
import { startDemo } from '../demo';

export interface StartFlags {
  port?: number;
  demo: boolean;
  seed: number;
  demoRate?: number;
}

/** `fenghuo start`: every role in one process, until SIGINT/SIGTERM. */
export async function startCommand(flags: StartFlags): Promise<void> {
  const config = readConfig(flags.port !== undefined ? { PORT: String(flags.port) } : {});
  const runtime = await startRuntime(config, { roles: { api: true, worker: true }, holder: 'fenghuo start' });
  const { logger } = runtime;
  const demoEnabled = flags.demo && config.demo.enabled;
  const demo = demoEnabled
    ? startDemo(runtime, { seed: flags.seed, rate: flags.demoRate ?? config.demo.rate })
    : undefined;

  // What a person types: localhost for the loopback or all-interfaces address.
  const shown = runtime.url!.replace('//127.0.0.1:', '//localhost:');
  const lines = [`烽火 Fenghuo is running at ${shown}`, `  stats:   ${shown}/api/v1/stats`, `  ingest:  POST ${shown}/api/v1/mentions`];
  if (runtime.ingestToken?.generated) {
    lines.push(`  ingest token (created now, stored in ${runtime.ingestToken.file}): ${runtime.ingestToken.token}`);
  } else if (runtime.ingestToken?.file) {
    lines.push(`  ingest token: in ${runtime.ingestToken.file} (pnpm fenghuo token)`);
  }
  lines.push(demo ? `  demo stream: on (seed ${flags.seed})` : '  demo stream: off');
  process.stderr.write(`${lines.join('\n')}\n`);
  logger.info({ url: runtime.url, demo: Boolean(demo), store: runtime.store.kind, bus: runtime.bus.kind }, 'fenghuo started');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      logger.warn('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'stopping');
    await demo?.stop();
    await runtime.stop();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

import { Command, Option } from 'commander';
import { ConfigError, StoreLockedError, StoreUnavailableError } from '@fenghuo/shared';
import { createStore, migrate } from '@fenghuo/infra';
import { resolveIngestToken } from '@fenghuo/ingest';
import { registerDataCommands } from './commands/data-commands';
import { registerBenchCommands } from './commands/bench-commands';
import { startCommand } from './commands/start-command';
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

  program
    .command('start')
    .description('run every role in one process on the embedded store, with the demo stream')
    .addOption(new Option('--port <port>', 'HTTP port (default: PORT or 8080)').argParser(parseIntArg))
    .option('--no-demo', 'do not run the built-in demo stream')
    .addOption(new Option('--seed <n>', 'demo stream seed').argParser(parseIntArg).default(1))
    .addOption(new Option('--demo-rate <n>', 'demo background mentions per second at the daily peak').argParser(Number))
    .action(startCommand);

  program
    .command('migrate')
    .description('apply pending schema migrations and exit')
    .action(async () => {
      const config = readConfig();
      const store = await createStore(config.storage, { holder: 'fenghuo migrate' });
      try {
        const report = await migrate(store);
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
  registerBenchCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof StoreLockedError || error instanceof StoreUnavailableError) {
      console.error(`fenghuo: ${error.message}`);
      process.exit(2);
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

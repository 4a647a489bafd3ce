import { Option, type Command } from 'commander';
import { parseIntArg } from '../cli-args';
import { runIngestBench } from '../bench/ingest-bench';

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmarks that print their figures (the last line is one JSON object)');
  bench
    .command('ingest')
    .description('end-to-end ingest rate, raw chdb insert rate, freshness and memory on the embedded store')
    .addOption(new Option('--n <n>', 'mentions to send').argParser(parseIntArg).default(500_000))
    .addOption(new Option('--connections <n>', 'concurrent HTTP connections').argParser(parseIntArg).default(4))
    .addOption(new Option('--per-request <n>', 'mentions per request (NDJSON)').argParser(parseIntArg).default(5000))
    .option('--keep', 'keep the temporary data directory')
    .option('--verbose', 'log memory (process, heap, chdb) while it runs')
    .action(async (flags: { n: number; connections: number; perRequest: number; keep?: boolean; verbose?: boolean }) => {
      const result = await runIngestBench({ n: flags.n, connections: flags.connections, perRequest: flags.perRequest, keep: Boolean(flags.keep), verbose: Boolean(flags.verbose) });
      console.log(JSON.stringify(result));
    });
}

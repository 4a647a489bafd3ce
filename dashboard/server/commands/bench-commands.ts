import { runDetectBench } from '../bench/detect-bench';
import { runEngineBench } from '../bench/engine-bench';
import { runWallBench } from '../bench/wall-bench';
import { Option, type Command } from 'commander';
import { parseIntArg } from '../cli-args';
import { runIngestBench } from '../bench/ingest-bench';
import { runKafkaBench } from '../bench/kafka-bench';
import { runFuzzBench } from '../bench/fuzz-bench';
import { MEASURED_MAX_PER_S, runSoakBench } from '../bench/soak-bench';
import { APP_DIST, ensureAppBuilt } from '../web/app-build';
import { firstLoadSize } from '../web/mobile-shell';

export function registerBenchCommands(program: Command): void {
  const bench = program.command('bench').description('benchmarks that print their figures (the last line is one JSON object)');
  bench
    .command('fuzz')
    .description('the hostile-input corpus (seeded) through the ingest API and every importer on a fresh store: no 5xx, every record stored or kept as rejected, none twice; inputs tried')
    .addOption(new Option('--seed <n>', 'seed').argParser(parseIntArg).default(20261128))
    .addOption(new Option('--requests <n>', 'random HTTP requests').argParser(parseIntArg).default(5000))
    .addOption(new Option('--tiny-lines <n>', 'lines of the tiny-lines NDJSON import').argParser(parseIntArg).default(2_000_000))
    .addOption(new Option('--bomb-members <n>', '16 MB gzip members per bomb file (256 = 4 GB)').argParser(parseIntArg).default(256))
    .addOption(new Option('--records <n>', 'random records in the fuzzed NDJSON import').argParser(parseIntArg).default(50_000))
    .action(async (flags: { seed: number; requests: number; tinyLines: number; bombMembers: number; records: number }) => {
      const result = await runFuzzBench({ seed: flags.seed, requests: flags.requests, tinyLines: flags.tinyLines, bombMembers: flags.bombMembers, randomRecords: flags.records });
      console.log(JSON.stringify(result));
      if (result.problems || result.records_lost || result.duplicates_stored || result.server_errors) process.exitCode = 1;
    });

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

  bench
    .command('detect')
    .description('detection latency in real time: background at --rate/s with the daily rhythm, --bursts new stories; seconds from a burst’s 10th mention to its alert on the SSE stream, recall, false alerts per hour')
    .addOption(new Option('--rate <n>', 'background mentions per second').argParser(Number).default(2000))
    .addOption(new Option('--bursts <n>', 'new stories injected at random times').argParser(parseIntArg).default(6))
    .addOption(new Option('--minutes <n>', 'length of the run (real time)').argParser(parseIntArg).default(40))
    .addOption(new Option('--warmup-minutes <n>', 'background only at first').argParser(parseIntArg).default(5))
    .addOption(new Option('--peak <n>', 'mentions per minute a burst rises to').argParser(parseIntArg).default(300))
    .addOption(new Option('--seed <n>', 'seed').argParser(parseIntArg).default(1))
    .action(async (flags: { rate: number; bursts: number; minutes: number; warmupMinutes: number; peak: number; seed: number }) => {
      const result = await runDetectBench({ rate: flags.rate, bursts: flags.bursts, minutes: flags.minutes, warmupMinutes: flags.warmupMinutes, peakPerMinute: flags.peak, seed: flags.seed });
      console.log(JSON.stringify(result));
    });

  bench
    .command('engine')
    .description('the analytics engine alone on the demo background in event time: engine seconds per minute of stream, summaries written, live events, heap')
    .addOption(new Option('--rate <n>', 'background mentions per second at the evening peak').argParser(Number).default(2000))
    .addOption(new Option('--minutes <n>', 'minutes of event time').argParser(parseIntArg).default(15))
    .addOption(new Option('--seed <n>', 'seed').argParser(parseIntArg).default(1))
    .addOption(new Option('--bursts <n>', 'new stories of `bench detect` (same plan for the same seed): each one’s latency in event time, without the pipeline').argParser(parseIntArg).default(0))
    .addOption(new Option('--warmup-minutes <n>', 'background only at first').argParser(parseIntArg).default(5))
    .addOption(new Option('--peak <n>', 'mentions per minute a burst rises to').argParser(parseIntArg).default(300))
    .action((flags: { rate: number; minutes: number; seed: number; bursts: number; warmupMinutes: number; peak: number }) => {
      console.log(JSON.stringify(runEngineBench({ rate: flags.rate, minutes: flags.minutes, seed: flags.seed, bursts: flags.bursts, warmupMinutes: flags.warmupMinutes, peakPerMinute: flags.peak })));
    });

  bench
    .command('wall')
    .description('the wall display in headless Chromium on the live demo stream: first render, snapshot-to-screen delay, slow frames, and the page heap, DOM nodes and listeners over the run')
    .addOption(new Option('--minutes <n>', 'minutes the wall stays open').argParser(Number).default(10))
    .addOption(new Option('--rate <n>', 'demo background mentions per second at the evening peak (the demo’s default)').argParser(Number).default(20))
    .addOption(new Option('--seed <n>', 'seed').argParser(parseIntArg).default(1))
    .action(async (flags: { minutes: number; rate: number; seed: number }) => {
      const result = await runWallBench({ minutes: flags.minutes, rate: flags.rate, seed: flags.seed });
      console.log(JSON.stringify(result));
    });

  bench
    .command('mobile')
    .description('the phone view’s first load (/m/): the JavaScript its entry loads before any screen, raw and gzipped, against the 200 KB budget (builds the app when stale)')
    .action(async () => {
      await ensureAppBuilt((m) => console.error(m));
      const size = firstLoadSize(APP_DIST);
      for (const f of size.files) console.error(`${f.file}: ${f.bytes} bytes, ${f.gzip_bytes} gzipped`);
      console.log(JSON.stringify({ ...size, within_budget: size.gzip_bytes <= size.budget_bytes }));
      if (size.gzip_bytes > size.budget_bytes) process.exitCode = 1;
    });

  bench
    .command('soak')
    .description('mixed load on the embedded default for --minutes: ingest at half the measured maximum with bursts at the maximum, one hot event at 20x, 20 live feeds, the pages\u2019 queries; counts every record (sent = stored + rejected, no duplicates), ingest-to-visible and API p95, RSS trend, event-loop lag')
    .addOption(new Option('--minutes <n>', 'length of the run').argParser(Number).default(30))
    .addOption(new Option('--max-rate <n>', 'the measured maximum ingest rate the steady rate and bursts are shares of (bench ingest)').argParser(parseIntArg).default(MEASURED_MAX_PER_S))
    .addOption(new Option('--steady-share <x>', 'steady rate as a share of the maximum').argParser(Number).default(0.5))
    .addOption(new Option('--burst-share <x>', 'burst rate as a share of the maximum (10 s every minute)').argParser(Number).default(1))
    .addOption(new Option('--hot-factor <n>', 'the hot event\u2019s rate as a multiple of the steady rate').argParser(Number).default(20))
    .addOption(new Option('--hot-seconds <n>', 'how long the hot event runs at that rate').argParser(parseIntArg).default(15))
    .addOption(new Option('--hot-at <s>', 'seconds into the run the hot event starts (default: a third in)').argParser(parseIntArg))
    .addOption(new Option('--sse-clients <n>', 'signed-in live feeds').argParser(parseIntArg).default(20))
    .addOption(new Option('--warmup-minutes <n>', 'minutes left out of the RSS trend (default: a fifth of the run)').argParser(Number))
    .option('--analytics', 'also run the analytics worker in the process, as `start` does (it halves what the process can ingest on two cores: give --max-rate that maximum)')
    .action(async (flags: { minutes: number; maxRate: number; steadyShare: number; burstShare: number; hotFactor: number; hotSeconds: number; hotAt?: number; sseClients: number; warmupMinutes?: number; analytics?: boolean }) => {
      const result = await runSoakBench({
        minutes: flags.minutes,
        maxPerS: flags.maxRate,
        steadyShare: flags.steadyShare,
        burstShare: flags.burstShare,
        hotFactor: flags.hotFactor,
        hotSeconds: flags.hotSeconds,
        ...(flags.hotAt !== undefined ? { hotAtSeconds: flags.hotAt } : {}),
        sseClients: flags.sseClients,
        ...(flags.warmupMinutes !== undefined ? { warmupMinutes: flags.warmupMinutes } : {}),
        analytics: Boolean(flags.analytics),
      });
      console.log(JSON.stringify(result));
      if (!result.accounting_ok || result.http_500s > 0) process.exitCode = 1;
    });

  bench
    .command('kafka')
    .description('the HTTP → Kafka → ingest worker → store rate with 1 and 2 consumers, against the embedded pipeline')
    .addOption(new Option('--n <n>', 'mentions to send per run').argParser(parseIntArg).default(200_000))
    .addOption(new Option('--connections <n>', 'concurrent HTTP connections').argParser(parseIntArg).default(4))
    .addOption(new Option('--per-request <n>', 'mentions per request (NDJSON)').argParser(parseIntArg).default(5000))
    .addOption(new Option('--partitions <n>', 'partitions of mentions.raw').argParser(parseIntArg).default(4))
    .option('--brokers <list>', 'use this Kafka instead of starting a local broker')
    .action(async (flags: { n: number; connections: number; perRequest: number; partitions: number; brokers?: string }) => {
      const result = await runKafkaBench({ n: flags.n, connections: flags.connections, perRequest: flags.perRequest, partitions: flags.partitions, ...(flags.brokers ? { brokers: flags.brokers } : {}) });
      console.log(JSON.stringify(result));
    });
}

import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import {
  IMPORT_FORMATS,
  createDemoStream,
  createHttpSubmitter,
  toMentionInput,
  createLocalSubmitter,
  readRecords,
  runImport,
  runReplay,
  type ImportFormat,
  type ImportSummary,
  type Submitter,
} from '@fenghuo/ingest';
import { PLATFORMS, TABLES } from '@fenghuo/shared';
import { createLogger, startRuntime, type Runtime } from '../runtime';
import { parseIntArg, readConfig } from '../cli-args';
import { createProgressLine, fmt } from './progress';

interface SourceFlags {
  format: ImportFormat;
  platform?: string;
  server?: string;
  token?: string;
  limit?: number;
}

function addSourceOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'input format').choices([...IMPORT_FORMATS]).makeOptionMandatory())
    .addOption(new Option('--platform <platform>', 'platform for records that do not name one').choices([...PLATFORMS]))
    .option('--server <url>', 'send to a running Fenghuo (HTTP ingest) instead of the embedded store')
    .option('--token <token>', 'ingest token for --server (default: FENGHUO_INGEST_TOKEN)')
    .addOption(new Option('--limit <n>', 'cascade: only the first N cascades').argParser(parseIntArg));
}

/** The submitter and, for the embedded store, the runtime behind it. */
async function openTarget(flags: SourceFlags, source: string, holder: string, analytics = false): Promise<{ submitter: Submitter; runtime?: Runtime }> {
  if (flags.server) {
    const token = flags.token ?? readConfig().ingest.token;
    if (!token) throw new Error('--server needs --token (or FENGHUO_INGEST_TOKEN); `pnpm fenghuo token` prints the local one');
    return { submitter: createHttpSubmitter(flags.server, token) };
  }
  const config = readConfig();
  const runtime = await startRuntime(config, {
    roles: { api: false, worker: true, analytics: analytics && config.analytics.enabled },
    holder,
    logger: createLogger({ logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel }),
  });
  return { submitter: createLocalSubmitter(runtime.service, source), runtime };
}

export function printSummary(s: ImportSummary): void {
  console.log(
    `read ${fmt(s.read)} · accepted ${fmt(s.accepted)} · rejected ${fmt(s.rejected)} · duplicates ${fmt(s.duplicates)} · ${s.seconds.toFixed(1)} s`,
  );
  console.log(JSON.stringify(s));
}

export function registerDataCommands(program: Command): void {
  program
    .command('demo')
    .description('write the demo stream to an NDJSON file (deterministic for a seed and start)')
    .requiredOption('--out <file>', 'output file (.ndjson)')
    .option('--start <time>', 'event time of the start (ISO-8601)', '2026-11-26T08:00:00+08:00')
    .option('--duration <duration>', 'how much event time to write: 90m, 2h, 1d', '2h')
    .addOption(new Option('--seed <n>', 'seed').argParser(parseIntArg).default(1))
    .addOption(new Option('--rate <n>', 'background mentions per second at the daily peak').argParser(Number).default(20))
    .action(async (flags: { out: string; start: string; duration: string; seed: number; rate: number }) => {
      const start = Date.parse(flags.start);
      if (Number.isNaN(start)) throw new Error(`--start: not a time: ${flags.start}`);
      const ms = parseDuration(flags.duration);
      const stream = createDemoStream({ seed: flags.seed, start, rate: flags.rate });
      const out = fs.createWriteStream(flags.out);
      let n = 0;
      const end = start + ms;
      for (let t = start; t < end; ) {
        t = Math.min(end, t + 60_000);
        for (const m of stream.until(t)) {
          if (!out.write(`${JSON.stringify(toMentionInput(m))}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
          n++;
        }
      }
      await new Promise<void>((r) => out.end(r));
      console.log(`wrote ${fmt(n)} mentions to ${flags.out}`);
    });


  addSourceOptions(
    program
      .command('import')
      .description('import a file or directory of mentions (ndjson, csv, weibo-api, cascade; gzip is read transparently)')
      .argument('<path>', 'file, or directory for weibo-api'),
  ).action(async (target: string, flags: SourceFlags) => {
    const source = `import:${path.basename(target)}`;
    const { submitter, runtime } = await openTarget(flags, source, 'fenghuo import');
    const progress = createProgressLine();
    const shown = { n: 0 };
    const dupBase = runtime?.writer.stats().duplicates ?? 0;
    try {
      const summary = await runImport(readRecords(target, flags), submitter, {
        onProgress: (p) =>
          progress.update(`${fmt(p.read)} read · ${fmt(p.accepted)} accepted · ${fmt(p.rejected)} rejected · ${fmt((p.accepted + p.rejected) / Math.max(0.001, p.elapsedMs / 1000))}/s`),
        onRejected: (r) => {
          if (shown.n++ < 10) console.error(`rejected #${r.index}${r.id ? ` (${r.id})` : ''}: ${r.error}`);
        },
        ...(runtime ? { storeDuplicates: () => runtime.writer.stats().duplicates - dupBase } : {}),
      });
      progress.done();
      if (shown.n > 10) console.error(`… and ${shown.n - 10} more rejected (see rejected_mentions)`);
      printSummary(summary);
    } finally {
      progress.done();
      await runtime?.stop();
    }
  });

  addSourceOptions(
    program
      .command('replay')
      .description('send a recorded stream in event-time order, compressed in time by --speed')
      .argument('<path>', 'file, or directory for weibo-api')
      .requiredOption('--speed <factor>', 'event-time seconds per second, or "max"', '60'),
  ).action(async (target: string, flags: SourceFlags & { speed: string }) => {
    const speed = flags.speed === 'max' ? 'max' : Number(flags.speed);
    if (speed !== 'max' && !(Number.isFinite(speed) && speed > 0)) throw new Error('--speed takes a positive number or "max"');
    // Into the embedded store, the analytics run along: the replay leaves its events and alerts behind.
    const { submitter, runtime } = await openTarget(flags, 'replay', 'fenghuo replay', true);
    const progress = createProgressLine();
    try {
      const summary = await runReplay(readRecords(target, flags), submitter, {
        speed,
        onProgress: (p) =>
          progress.update(`${fmt(p.sent)}/${fmt(p.total)} sent · event time ${Number.isFinite(p.eventTime) ? new Date(p.eventTime).toISOString() : '-'} · behind ${fmt(p.behindMs)} ms`),
      });
      progress.done();
      if (runtime?.analytics) {
        await runtime.analytics.flush();
        const [row] = await runtime.store.query<{ events: string; alerts: string }>(`SELECT (SELECT count() FROM ${TABLES.events} FINAL WHERE merged_into = '') AS events, (SELECT count() FROM ${TABLES.alerts} FINAL) AS alerts`);
        console.log(`analytics: ${fmt(Number(row?.events ?? 0))} events, ${fmt(Number(row?.alerts ?? 0))} alerts (pnpm fenghuo start, then /api/v1/events and /api/v1/alerts)`);
      }
      printSummary(summary);
    } finally {
      progress.done();
      await runtime?.stop();
    }
  });
}

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text} (use 90s, 30m, 2h or 1d)`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

import type { ChildProcess } from 'node:child_process';
import { spawnCli } from './cli';
import { freePort, TEST_TOKEN, waitFor } from './runtime';

/** A `fenghuo` process started by a test, with its URL and what it wrote to stderr. */
export interface FenghuoProcess {
  proc: ChildProcess;
  url: string;
  stderr: () => string;
  /** Spawn → first healthy /healthz, ms. */
  startMs: number;
}

const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every process startFenghuo started that is still running: for afterEach/afterAll. */
export function killStarted(): void {
  for (const p of running) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  running.clear();
}

/** `fenghuo start --no-demo` (or other args) on a data directory, resolved once /healthz answers 200. */
export async function startFenghuo(dataDir: string, args: string[] = ['start', '--no-demo'], env: Record<string, string> = {}): Promise<FenghuoProcess> {
  const port = await freePort();
  const t0 = Date.now();
  const proc = spawnCli(args, { FENGHUO_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', FENGHUO_INGEST_TOKEN: TEST_TOKEN, ...env });
  running.add(proc);
  let stderr = '';
  proc.stderr!.on('data', (d) => (stderr += d));
  proc.stdout!.resume();
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => {
    if (proc.exitCode !== null) throw new Error(`fenghuo ${args.join(' ')} exited with ${proc.exitCode}:\n${stderr}`);
    try {
      return (await fetch(`${url}/healthz`)).ok;
    } catch {
      return false;
    }
  }, 60_000, 200);
  return { proc, url, stderr: () => stderr, startMs: Date.now() - t0 };
}

export function exited(proc: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve({ code: proc.exitCode, signal: proc.signalCode });
    proc.once('exit', (code, signal) => resolve({ code, signal }));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RUN = path.join(REPO, 'infra', 'kafka', 'run-local.sh');

export interface LocalBroker {
  port: number;
  brokers: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real Kafka broker with infra/kafka/run-local.sh and waits for its
 * ready line. Fails loudly (never skips) when the broker cannot be had.
 */
export async function startLocalBroker(options: { port?: number; dataDir?: string; timeoutMs?: number } = {}): Promise<LocalBroker> {
  const port = options.port ?? (await freePort());
  const env: Record<string, string> = { ...(process.env as Record<string, string>), KAFKA_PORT: String(port) };
  if (options.dataDir) env.KAFKA_DATA_DIR = options.dataDir;
  const child = spawn('bash', [RUN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const timeoutMs = options.timeoutMs ?? 300_000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`Kafka broker not ready within ${timeoutMs} ms:\n${stderr.slice(-3000)}`));
    }, timeoutMs);
    const check = () => {
      if (stdout.includes(`kafka ready on 127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Kafka broker could not be started (run-local.sh exited ${code}); the Kafka tests need it:\n${stderr.slice(-3000)}`));
    });
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    brokers: `127.0.0.1:${port}`,
    process: child,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

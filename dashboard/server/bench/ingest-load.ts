/**
 * The load generator of `bench ingest`, run as its own process: builds the
 * NDJSON bodies first, waits for "go" on stdin, then POSTs them over several
 * connections and reports when each request was sent and answered.
 */
import http from 'node:http';
import { demoRecords } from './demo-records';

const [url, token, nText, perRequestText, connectionsText] = process.argv.slice(2);
const n = Number(nText);
const perRequest = Number(perRequestText);
const connections = Number(connectionsText);

const bodies: Buffer[] = [];
let lines: string[] = [];
for (const m of demoRecords(n)) {
  lines.push(JSON.stringify(m));
  if (lines.length === perRequest) {
    bodies.push(Buffer.from(lines.join('\n')));
    lines = [];
  }
}
if (lines.length) bodies.push(Buffer.from(lines.join('\n')));
process.stdout.write(`${JSON.stringify({ ready: true, requests: bodies.length, bytes: bodies.reduce((s, b) => s + b.length, 0) })}\n`);

const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
function post(body: Buffer): Promise<{ status: number; retryAfter: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/api/v1/mentions`, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', 'content-length': body.length },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: Number(res.headers['retry-after'] ?? 1) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

process.stdin.once('data', async () => {
  const started = Date.now();
  let next = 0;
  let retries = 0;
  const latencies: number[] = [];
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= bodies.length) return;
      for (;;) {
        const t = Date.now();
        const r = await post(bodies[i]!);
        if (r.status === 202) {
          latencies.push(Date.now() - t);
          break;
        }
        if (r.status !== 503) throw new Error(`ingest answered ${r.status}`);
        retries++;
        await new Promise((res) => setTimeout(res, r.retryAfter * 1000));
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ done: true, started, finished: Date.now(), retries, latencies })}\n`);
  process.exit(0);
});

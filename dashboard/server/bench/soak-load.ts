/**
 * The client side of `fenghuo bench soak`, run as its own process (forked
 * with an IPC channel) so that building request bodies, reading 20 event
 * streams and timing API calls take nothing from the server's event loop,
 * whose lag the bench measures.
 *
 * - two ingest lanes: the everyday stream (steady rate with bursts) and one
 *   hot event that suddenly runs at N× the steady rate; every request is
 *   retried on 503 after its Retry-After, as a real client would; nothing is
 *   given up;
 * - one probe mention a second, reported to the parent when first sent, so it
 *   can time when the mention becomes queryable;
 * - signed-in dashboard sessions on the wall's live feed (`/api/v1/live`);
 * - the wall's and the events/alerts pages' queries, timed.
 */
import http from 'node:http';
import { burstTexts, madeUpPlace } from './burst-stories';
import { demoRecords } from './demo-records';
import { SESSION_COOKIE } from '../auth/auth-middleware';

export interface SoakLoadConfig {
  url: string;
  token: string;
  /** The hot event's own source (ingest token), as a second feed would have; the steady lane's token when absent. */
  hotToken?: string;
  password: string;
  seconds: number;
  steadyPerS: number;
  burstPerS: number;
  /** A burst every this many seconds, lasting burstSeconds (first one after the first period). */
  burstEverySeconds: number;
  burstSeconds: number;
  hotAtSeconds: number;
  hotSeconds: number;
  hotFactor: number;
  /** One mention in this many is invalid (kept in rejected_mentions); 0 for none. */
  badEvery: number;
  sseClients: number;
  apiEveryMs: number;
  /** Give up draining what is still due this long after the end. */
  drainSeconds: number;
  runId: string;
}

export type LaneName = 'steady' | 'hot';

export interface LaneTotals {
  sent: number;
  /** Records in requests answered 202 (the server took them in: stored or rejected). */
  taken: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  bad_sent: number;
  requests: number;
  retries_503: number;
  /** The 503s by the first words of their error (queue full, not confirmed in time, …). */
  reasons_503: Record<string, number>;
  retry_after_missing: number;
  /** Answers other than 202 and 503 (the records of such a request are counted as failed). */
  other_status: Record<string, number>;
  failed_records: number;
  network_errors: number;
  /** Records due by the schedule but not sent yet (all connections busy or waiting). */
  backlog: number;
  /** Client-side request time of the 202s, ms. */
  request_ms: number[];
}

export interface SseTotals {
  clients: number;
  events: Record<string, number>;
  /** Clients that received at least one wall update after connecting. */
  clients_with_wall_updates: number;
  /** Fewest wall updates any client received. */
  min_wall_updates: number;
  reconnects: number;
  errors: number;
  non_200: number;
}

export interface ApiTotals {
  requests: number;
  ms: number[];
  status: Record<string, number>;
  by_path: Record<string, number[]>;
}

export type ChildMessage =
  | { type: 'ready' }
  | { type: 'probe'; id: string; sentAt: number }
  | { type: 'minute'; minute: number; lanes: Record<LaneName, LaneTotals>; api: ApiTotals; sse: SseTotals }
  | { type: 'done'; lanes: Record<LaneName, LaneTotals>; api: ApiTotals; sse: SseTotals; unsent: number }
  | { type: 'error'; message: string };

export type ParentMessage = { type: 'start'; config: SoakLoadConfig };

/** The queries the wall, the events page and the alerts views make. */
export const API_QUERIES: readonly string[] = [
  '/api/v1/events?hours=24&limit=100',
  '/api/v1/alerts?limit=500',
  '/api/v1/alerts?status=open&limit=50',
  '/api/v1/stats',
  '/api/v1/incidents',
  '/api/v1/series?dimension=platform',
  '/api/v1/keywords/trending',
  '/api/v1/response/stats',
];

function emptyLane(): LaneTotals {
  return { sent: 0, taken: 0, accepted: 0, rejected: 0, duplicates: 0, bad_sent: 0, requests: 0, retries_503: 0, reasons_503: {}, retry_after_missing: 0, other_status: {}, failed_records: 0, network_errors: 0, backlog: 0, request_ms: [] };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(url: string, init: { method: string; headers: Record<string, string | number>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, agent, headers: init.headers });
    req.setTimeout(120_000, () => req.destroy(new Error('request timed out after 120 s')));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Mentions as NDJSON lines: demo-like templates with fresh ids and times, and a hot event's wordings. */
function createRecordFactory(config: SoakLoadConfig) {
  // Templates without id and time; each line is the template plus its own id and time.
  const templates: string[] = [];
  for (const r of demoRecords(20_000, 7)) {
    const { id: _id, time: _time, parent_id: _p, root_id: _r, url: _u, ...rest } = r;
    templates.push(JSON.stringify(rest).slice(0, -1));
  }
  let seed = 0x5eed;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const place = madeUpPlace(rand);
  const hotTexts = burstTexts(1, place);
  let seq = 0;
  let badSeq = 0;
  const id = (prefix: string) => `${prefix}${config.runId}-${(seq++).toString(36)}`;
  return {
    place,
    /** One line and whether it is meant to be rejected. */
    line(lane: LaneName): { text: string; bad: boolean } {
      const now = Date.now();
      if (config.badEvery > 0 && ++badSeq % config.badEvery === 0) {
        // No text: rejected as invalid_text, and unique so each is kept once.
        return { text: JSON.stringify({ platform: 'weibo', kind: 'post', id: id('b'), time: now, author: { id: `u${badSeq}`, name: 'soak' } }), bad: true };
      }
      if (lane === 'hot') {
        const author = Math.floor(rand() * 5_000_000);
        const text = `${hotTexts[Math.floor(rand() * hotTexts.length)]!} #${author % 97}`;
        return { text: JSON.stringify({ platform: 'weibo', kind: 'post', id: id('h'), time: now, text, author: { id: `hu${author}`, name: `网友${author}`, followers: author % 500 } }), bad: false };
      }
      return { text: `${templates[seq % templates.length]!},"id":"${id('s')}","time":${now}}`, bad: false };
    },
    probeId: () => id('p'),
    /** Always on weibo, so the parent finds it by its primary key. */
    probeLine(pid: string): string {
      return JSON.stringify({ platform: 'weibo', kind: 'post', id: pid, time: Date.now(), text: '地铁三号线今天早高峰又晚点了二十分钟，希望尽快改进', author: { id: 'u-soak-probe', name: '通勤族' } });
    },
  };
}

async function main(config: SoakLoadConfig): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  const factory = createRecordFactory(config);
  const lanes: Record<LaneName, LaneTotals> = { steady: emptyLane(), hot: emptyLane() };
  const minuteLanes: Record<LaneName, LaneTotals> = { steady: emptyLane(), hot: emptyLane() };
  const bump = (lane: LaneName, f: (t: LaneTotals) => void) => {
    f(lanes[lane]);
    f(minuteLanes[lane]);
  };
  const ingestUrl = `${config.url}/api/v1/mentions`;

  /** POSTs one body until it is answered 202 (retrying 503 and broken connections) or with another status. */
  const post = async (lane: LaneName, body: string, n: number, bad: number) => {
    bump(lane, (t) => {
      t.sent += n;
      t.bad_sent += bad;
    });
    for (;;) {
      const started = Date.now();
      let a: Answer;
      try {
        bump(lane, (t) => t.requests++);
        a = await request(ingestUrl, { method: 'POST', headers: { authorization: `Bearer ${lane === 'hot' && config.hotToken ? config.hotToken : config.token}`, 'content-type': 'application/x-ndjson', 'content-length': Buffer.byteLength(body) }, body });
      } catch {
        bump(lane, (t) => t.network_errors++);
        await sleep(1000);
        continue;
      }
      if (a.status === 202) {
        const r = JSON.parse(a.body) as { accepted: number; rejected: unknown[]; duplicates?: number };
        const ms = Date.now() - started;
        bump(lane, (t) => {
          t.taken += n;
          t.accepted += r.accepted;
          t.rejected += r.rejected.length;
          t.duplicates += r.duplicates ?? 0;
          t.request_ms.push(ms);
        });
        return;
      }
      if (a.status === 503) {
        const header = a.headers['retry-after'];
        const seconds = Number(header);
        let reason = 'unknown';
        try {
          reason = String((JSON.parse(a.body) as { error?: unknown }).error ?? '').split(/[(:;]/)[0]!.trim().slice(0, 60);
        } catch {
          // not JSON
        }
        bump(lane, (t) => {
          t.retries_503++;
          t.reasons_503[reason] = (t.reasons_503[reason] ?? 0) + 1;
          if (header === undefined || !Number.isFinite(seconds)) t.retry_after_missing++;
        });
        await sleep(Number.isFinite(seconds) && header !== undefined ? seconds * 1000 : 1000);
        continue;
      }
      bump(lane, (t) => {
        t.other_status[a.status] = (t.other_status[a.status] ?? 0) + 1;
        t.failed_records += n;
      });
      process.stderr.write(`soak load: ingest answered ${a.status}: ${a.body.slice(0, 300)}\n`);
      return;
    }
  };

  // Sign in: one session per live-feed client, one for the queries.
  const signIn = async (): Promise<string> => {
    for (let attempt = 0; ; attempt++) {
      const a = await request(`${config.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: config.password }) });
      if (a.status === 200) {
        const cookie = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(String(a.headers['set-cookie'] ?? ''))?.[1];
        if (!cookie) throw new Error('sign-in answered 200 without a session cookie');
        return `${SESSION_COOKIE}=${cookie}`;
      }
      if (a.status === 429 && attempt < 20) {
        await sleep(Number(a.headers['retry-after'] ?? 1) * 1000);
        continue;
      }
      throw new Error(`sign-in failed: ${a.status} ${a.body.slice(0, 200)}`);
    }
  };

  // The live feed, as the wall reads it.
  interface SseClient {
    events: Record<string, number>;
    wallUpdates: number;
    req?: http.ClientRequest;
  }
  const sse = { reconnects: 0, errors: 0, non_200: 0 };
  let stopping = false;
  const sseClients: SseClient[] = [];
  const connect = (client: SseClient, cookie: string) => {
    const req = http.get(`${config.url}/api/v1/live`, { headers: { cookie, accept: 'text/event-stream' } });
    client.req = req;
    const again = () => {
      if (stopping) return;
      sse.reconnects++;
      setTimeout(() => connect(client, cookie), 1000);
    };
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        sse.non_200++;
        res.resume();
        res.on('end', again);
        return;
      }
      let buffered = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let i: number;
        while ((i = buffered.indexOf('\n')) >= 0) {
          const line = buffered.slice(0, i);
          buffered = buffered.slice(i + 1);
          if (line.startsWith('event: ')) {
            const name = line.slice(7).trim();
            client.events[name] = (client.events[name] ?? 0) + 1;
            if (name === 'wall') client.wallUpdates++;
          }
        }
      });
      res.on('end', again);
      res.on('error', () => undefined);
    });
    req.on('error', () => {
      if (stopping) return;
      sse.errors++;
      again();
    });
  };
  const sseTotals = (): SseTotals => {
    const events: Record<string, number> = {};
    for (const c of sseClients) for (const [k, v] of Object.entries(c.events)) events[k] = (events[k] ?? 0) + v;
    return {
      clients: sseClients.length,
      events,
      clients_with_wall_updates: sseClients.filter((c) => c.wallUpdates > 0).length,
      min_wall_updates: sseClients.length ? Math.min(...sseClients.map((c) => c.wallUpdates)) : 0,
      ...sse,
    };
  };
  for (let i = 0; i < config.sseClients; i++) {
    const client: SseClient = { events: {}, wallUpdates: 0 };
    sseClients.push(client);
    connect(client, await signIn());
  }

  // The pages' queries, one at a time on a fixed cadence (two users clicking about).
  const apiTotals: ApiTotals = { requests: 0, ms: [], status: {}, by_path: {} };
  let minuteApi: ApiTotals = { requests: 0, ms: [], status: {}, by_path: {} };
  const apiCookie = await signIn();
  const apiLoop = async (offset: number) => {
    let i = offset;
    while (!stopping) {
      const path = API_QUERIES[i++ % API_QUERIES.length]!;
      const t = Date.now();
      let status = 0;
      try {
        status = (await request(`${config.url}${path}`, { method: 'GET', headers: { cookie: apiCookie } })).status;
      } catch {
        status = 0;
      }
      const ms = Date.now() - t;
      for (const a of [apiTotals, minuteApi]) {
        a.requests++;
        a.ms.push(ms);
        a.status[status] = (a.status[status] ?? 0) + 1;
        (a.by_path[path] ??= []).push(ms);
      }
      await sleep(Math.max(0, config.apiEveryMs - ms));
    }
  };
  const apiLoops = [apiLoop(0), apiLoop(Math.floor(API_QUERIES.length / 2))];

  // The schedule: records due per lane (exact integrals of piecewise-constant rates), sent in requests as connections free up.
  const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
  /** Records due in the first s seconds of a lane. */
  const dueBy = (lane: LaneName, s: number): number => {
    const end = Math.min(s, config.seconds);
    if (lane === 'hot') return config.steadyPerS * config.hotFactor * overlap(0, end, config.hotAtSeconds, config.hotAtSeconds + config.hotSeconds);
    // Bursts fill the last burstSeconds of every period after the first.
    let extra = 0;
    for (let j = 2; j * config.burstEverySeconds - config.burstSeconds < end; j++) {
      extra += overlap(0, end, j * config.burstEverySeconds - config.burstSeconds, j * config.burstEverySeconds);
    }
    return config.steadyPerS * end + (config.burstPerS - config.steadyPerS) * extra;
  };
  const laneShape: Record<LaneName, { perRequest: number; connections: number }> = {
    steady: { perRequest: 1000, connections: 32 },
    // Enough outstanding to pass the ingest queue's bound: the overload must reach the server.
    hot: { perRequest: 5000, connections: 64 },
  };
  const due: Record<LaneName, number> = { steady: 0, hot: 0 };
  // (due − made is the backlog: records the schedule says are out but no free connection has taken yet.)
  const made: Record<LaneName, number> = { steady: 0, hot: 0 };
  const inflight: Record<LaneName, number> = { steady: 0, hot: 0 };
  const pending = new Set<Promise<void>>();
  const track = (p: Promise<void>) => {
    pending.add(p);
    void p.finally(() => pending.delete(p));
  };

  send({ type: 'ready' });
  const started = Date.now();
  let nextMinute = started + 60_000;
  let nextProbe = started;
  let minute = 0;
  const deadline = started + (config.seconds + config.drainSeconds) * 1000;
  for (;;) {
    const now = Date.now();
    const s1 = (now - started) / 1000;
    for (const lane of ['steady', 'hot'] as const) {
      due[lane] = Math.floor(dueBy(lane, s1) + 1e-6);
      const shape = laneShape[lane];
      while (inflight[lane] < shape.connections && due[lane] - made[lane] >= 1) {
        const n = Math.min(shape.perRequest, Math.floor(due[lane] - made[lane]));
        made[lane] += n;
        const lines: string[] = [];
        let bad = 0;
        for (let k = 0; k < n; k++) {
          const l = factory.line(lane);
          lines.push(l.text);
          if (l.bad) bad++;
        }
        inflight[lane]++;
        track(post(lane, lines.join('\n'), n, bad).finally(() => inflight[lane]--));
      }
      lanes[lane].backlog = Math.floor(due[lane] - made[lane]);
      minuteLanes[lane].backlog = lanes[lane].backlog;
    }
    if (now >= nextProbe && s1 < config.seconds) {
      nextProbe += 1000;
      const pid = factory.probeId();
      send({ type: 'probe', id: pid, sentAt: Date.now() });
      track(post('steady', factory.probeLine(pid), 1, 0));
    }
    if (now >= nextMinute) {
      nextMinute += 60_000;
      send({ type: 'minute', minute: ++minute, lanes: { steady: minuteLanes.steady, hot: minuteLanes.hot }, api: minuteApi, sse: sseTotals() });
      minuteLanes.steady = { ...emptyLane(), backlog: lanes.steady.backlog };
      minuteLanes.hot = { ...emptyLane(), backlog: lanes.hot.backlog };
      minuteApi = { requests: 0, ms: [], status: {}, by_path: {} };
    }
    const scheduleOver = s1 >= config.seconds;
    const caughtUp = due.steady - made.steady < 1 && due.hot - made.hot < 1 && pending.size === 0;
    if ((scheduleOver && caughtUp) || now > deadline) break;
    await sleep(50);
  }
  // Requests still in flight at the drain deadline finish (their records were sent).
  await Promise.all([...pending]);
  stopping = true;
  for (const c of sseClients) c.req?.destroy();
  await Promise.all(apiLoops);
  const unsent = Math.floor(due.steady - made.steady) + Math.floor(due.hot - made.hot);
  send({ type: 'done', lanes, api: apiTotals, sse: sseTotals(), unsent });
  agent.destroy();
}

// The bench process went away (killed, or failed): nothing left to report to.
process.on('disconnect', () => process.exit(1));

process.once('message', (m: ParentMessage) => {
  if (m.type !== 'start') return;
  main(m.config).then(
    () => process.disconnect?.(),
    (error: unknown) => {
      process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ChildMessage);
      process.exitCode = 1;
      process.disconnect?.();
    },
  );
});

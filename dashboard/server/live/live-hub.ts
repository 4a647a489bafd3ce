import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { alertEventName, openEventStream, refuseWhileClosing } from '../sse';
import type { Logger } from 'pino';
import { TOPICS, type Alert, type Bus, type Subscription } from '@fenghuo/shared';
import type { Actor } from '@fenghuo/analytics';
import { sharedWall, viewerWall, type SharedWall, type WallSources } from './wall-snapshot';

/**
 * The dashboard's live feed (`GET /api/v1/live`, Server-Sent Events).
 *
 * - `hello`: the open alerts and a first wall snapshot, on connect;
 * - `alert` / `ack` / `resolved`: every alert change as the analytics
 *   publish it (an acknowledgment anywhere reaches every screen);
 * - `wall`: the wall snapshot (rising events, rumors, incidents and their
 *   clocks, response record, map, pipeline), whenever it changed, at most
 *   every `intervalMs`;
 * - `ping`: the server time every `heartbeatMs`, so a screen can tell a
 *   quiet feed from a dead one.
 *
 * The shared part of the snapshot is computed once per tick for all
 * screens, and only while some screen is connected.
 */
export interface LiveHub {
  handle(req: Request, res: Response, actor: Actor): Promise<void>;
  clients(): number;
  close(): Promise<void>;
}

export interface LiveHubOptions extends WallSources {
  bus: Bus;
  openAlerts: () => Promise<Alert[]>;
  logger?: Logger;
  intervalMs?: number;
  heartbeatMs?: number;
}

interface Client {
  res: Response;
  actor: Actor;
  lastWall: string;
}

export async function createLiveHub(options: LiveHubOptions): Promise<LiveHub> {
  const clients = new Set<Client>();
  let sequence = 0;
  const send = (res: Response, event: string, data: string) => {
    res.write(`id: ${++sequence}\nevent: ${event}\ndata: ${data}\n\n`);
  };
  const subscription: Subscription = await options.bus.subscribe({
    topic: TOPICS.alerts,
    groupId: `fenghuo-live-${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    fromBeginning: false,
    leaveOnStop: true,
    maxBatchWaitMs: 0,
    handler: async (records) => {
      for (const r of records) {
        const event = alertEventName(r.value);
        if (!event) continue;
        for (const c of clients) send(c.res, event, r.value);
      }
      // An alert often comes with a new or escalated event: refresh the wall now rather than at the next tick.
      if (records.length) schedule(0);
    },
  });

  const snapshotFor = async (c: Client, shared: SharedWall) => JSON.stringify({ ...shared, ...(await viewerWall(options, c.actor)) });

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let closing: Promise<void> | undefined;
  const tick = async () => {
    timer = undefined;
    if (running || closed) return;
    running = true;
    try {
      if (clients.size) {
        const shared = await sharedWall(options);
        for (const c of clients) {
          const body = await snapshotFor(c, shared);
          // Unchanged but for the computation time: nothing to send.
          const key = body.replace(/^\{"at":\d+,/, '{');
          if (key !== c.lastWall) {
            c.lastWall = key;
            send(c.res, 'wall', body);
          }
        }
      }
    } catch (error) {
      options.logger?.warn({ err: error }, 'live wall snapshot failed');
    } finally {
      running = false;
      if (!closed) schedule(options.intervalMs ?? 2000);
    }
  };
  const schedule = (ms: number) => {
    if (closed) return;
    if (timer && ms > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  };
  schedule(options.intervalMs ?? 2000);

  const heartbeat = setInterval(() => {
    const data = JSON.stringify({ at: (options.now ?? Date.now)() });
    for (const c of clients) send(c.res, 'ping', data);
  }, options.heartbeatMs ?? 5000);
  heartbeat.unref();

  return {
    async handle(req, res, actor) {
      if (closed) {
        refuseWhileClosing(res);
        return;
      }
      openEventStream(res, 2000);
      const client: Client = { res, actor, lastWall: '' };
      clients.add(client);
      req.on('close', () => clients.delete(client));
      const alerts = await options.openAlerts();
      let wall = 'null';
      try {
        wall = await snapshotFor(client, await sharedWall(options));
        client.lastWall = wall.replace(/^\{"at":\d+,/, '{');
      } catch (error) {
        // The alerts still go out; the next tick tries the wall again.
        options.logger?.warn({ err: error }, 'live wall snapshot failed');
      }
      send(res, 'hello', `{"alerts":${JSON.stringify(alerts)},"wall":${wall}}`);
    },
    clients: () => clients.size,
    close() {
      // Called when the HTTP server closes and again when the bus does: once is enough.
      closing ??= (async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        clearInterval(heartbeat);
        for (const c of clients) c.res.end();
        clients.clear();
        await subscription.stop();
      })();
      return closing;
    },
  };
}

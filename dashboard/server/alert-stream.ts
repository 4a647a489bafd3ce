import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { alertEventName, openEventStream, refuseWhileClosing } from './sse';
import { TOPICS, type Alert, type Bus, type Subscription } from '@fenghuo/shared';

/**
 * Live alerts for browsers (`GET /api/v1/alerts/stream`, Server-Sent
 * Events): one subscription to the `alerts` topic per API process, fanned
 * out to every open connection. Each connection starts with the alerts open
 * now, then gets every change as it happens.
 */
export interface AlertStreamHub {
  handle(req: Request, res: Response): Promise<void>;
  /** Connections open now. */
  clients(): number;
  close(): Promise<void>;
}

export interface AlertStreamOptions {
  bus: Bus;
  openAlerts: () => Promise<Alert[]>;
  heartbeatMs?: number;
}

export async function createAlertStreamHub(options: AlertStreamOptions): Promise<AlertStreamHub> {
  const clients = new Set<Response>();
  let sequence = 0;
  let closing: Promise<void> | undefined;
  const send = (res: Response, event: string, data: string) => {
    res.write(`id: ${++sequence}\nevent: ${event}\ndata: ${data}\n\n`);
  };
  // A group of its own per process: every API process sees every change, from now on.
  const subscription: Subscription = await options.bus.subscribe({
    topic: TOPICS.alerts,
    groupId: `fenghuo-alert-stream-${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    fromBeginning: false,
    leaveOnStop: true,
    maxBatchWaitMs: 0,
    handler: async (records) => {
      for (const r of records) {
        const event = alertEventName(r.value);
        if (!event) continue;
        for (const res of clients) send(res, event, r.value);
      }
    },
  });
  const heartbeat = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  return {
    async handle(req, res) {
      if (closing) {
        refuseWhileClosing(res);
        return;
      }
      openEventStream(res, 3000);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      send(res, 'hello', JSON.stringify({ type: 'hello', alerts: await options.openAlerts() }));
    },
    clients: () => clients.size,
    close() {
      // Called when the HTTP server closes and again when the bus does: once is enough.
      closing ??= (async () => {
        clearInterval(heartbeat);
        for (const res of clients) res.end();
        clients.clear();
        await subscription.stop();
      })();
      return closing;
    },
  };
}

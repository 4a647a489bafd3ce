import type { Response } from 'express';

/** Starts a Server-Sent Events answer: headers that keep proxies from buffering it, and the browser's retry delay. */
export function openEventStream(res: Response, retryMs: number): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache, no-transform');
  res.setHeader('Connection', 'keep-alive');
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  res.write(`retry: ${retryMs}\n\n`);
}

/** Refuses a stream while the process shuts down: the browser retries against the next instance. */
export function refuseWhileClosing(res: Response): void {
  res.status(503).setHeader('Connection', 'close');
  res.json({ error: 'shutting down' });
}

/** The SSE event name of a message on the alerts topic (`alert`, `ack` or `resolved`); undefined when it is not JSON. */
export function alertEventName(value: string): string | undefined {
  try {
    const msg = JSON.parse(value) as { type?: string };
    return msg.type === 'ack' || msg.type === 'resolved' ? msg.type : 'alert';
  } catch {
    return undefined;
  }
}

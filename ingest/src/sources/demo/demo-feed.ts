import { BackpressureError } from '@fenghuo/shared';
import type { IngestService, SubmitItem } from '../../service/ingest-service';
import { createDemoStream, toMentionInput, type DemoStreamOptions } from './demo-stream';

export interface DemoFeed {
  stop(): Promise<void>;
  /** Mentions sent so far. */
  sent(): number;
}

export interface DemoFeedOptions extends Omit<DemoStreamOptions, 'start'> {
  service: IngestService;
  intervalMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

/**
 * Runs the demo stream live: every interval, whatever the stream has up to
 * now goes through the same ingest path as any source ("demo").
 */
export function startDemoFeed(options: DemoFeedOptions): DemoFeed {
  const now = options.now ?? Date.now;
  const stream = createDemoStream({ ...options, start: now() });
  let pending: SubmitItem[] = [];
  let sent = 0;
  let position = 0;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const step = async () => {
    for (const m of stream.until(now())) {
      const value = toMentionInput(m);
      pending.push({ position: position++, value, raw: JSON.stringify(value) });
    }
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      await options.service.submit(batch, 'demo', now());
      sent += batch.length;
    } catch (error) {
      // Keep them for the next round when ingest is busy; the demo never drops a mention.
      pending = batch.concat(pending);
      if (!(error instanceof BackpressureError)) options.onError?.(error);
    }
  };

  const timer = setInterval(() => {
    running = running.then(() => (stopped ? undefined : step()));
  }, options.intervalMs ?? 500);

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    sent: () => sent,
  };
}

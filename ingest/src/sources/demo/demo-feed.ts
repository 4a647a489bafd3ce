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
  /**
   * Minutes of background before now, sent at once when the feed starts, so
   * that the analytics know the everyday chatter before the first incident
   * (which comes `firstIncidentAfterMin` minutes after now, default 3).
   */
  historyMinutes?: number;
  intervalMs?: number;
  now?: () => number;
  onError?: (error: unknown) => void;
}

const SUBMIT_MAX = 5_000;

/**
 * Runs the demo stream live: every interval, whatever the stream has up to
 * now goes through the same ingest path as any source ("demo").
 */
export function startDemoFeed(options: DemoFeedOptions): DemoFeed {
  const now = options.now ?? Date.now;
  const history = (options.historyMinutes ?? 0) * 60_000;
  const stream = createDemoStream({ ...options, start: now() - history, firstIncidentAfterMin: history / 60_000 + (options.firstIncidentAfterMin ?? 3) });
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
    // The history comes as one burst: submit it in parts the way a client would.
    while (pending.length && !stopped) {
      const batch = pending.slice(0, SUBMIT_MAX);
      try {
        await options.service.submit(batch, 'demo', now());
        sent += batch.length;
        pending = pending.slice(batch.length);
      } catch (error) {
        // Keep them for the next round when ingest is busy; the demo never drops a mention.
        if (!(error instanceof BackpressureError)) options.onError?.(error);
        return;
      }
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

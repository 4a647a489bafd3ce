import { startDemoFeed, type DemoFeed } from '@fenghuo/ingest';
import type { Runtime } from './runtime';

export function startDemo(runtime: Runtime, options: { seed: number; rate: number }): DemoFeed {
  return startDemoFeed({
    service: runtime.service,
    seed: options.seed,
    rate: options.rate,
    timezone: runtime.config.timezone,
    onError: (error) => runtime.logger.warn({ err: error }, 'demo stream: submit failed; will retry'),
  });
}

import { createDemoStream, toMentionInput } from '@fenghuo/ingest';

/**
 * N demo-like mentions (the demo stream's texts, platforms, authors and
 * incident), generated fast by running the stream at a high background rate
 * over an hour before `now`.
 */
export function* demoRecords(n: number, seed = 42, now = Date.now()): Generator<Record<string, unknown>> {
  const rate = Math.max(50, Math.ceil(n / 2400));
  const start = now - 3_600_000;
  const stream = createDemoStream({ seed, start, rate, firstIncidentAfterMin: 5, cycleMinutes: 60 });
  let produced = 0;
  for (let t = start + 10_000; produced < n; t += 10_000) {
    for (const m of stream.until(t)) {
      yield toMentionInput(m);
      if (++produced >= n) return;
    }
    if (t > now + 86_400_000) throw new Error('demo stream ran dry');
  }
}

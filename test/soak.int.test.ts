import { describe, expect, it } from 'vitest';
import { runSoakBench } from '../dashboard/server/bench/soak-bench';

/**
 * The short variant of `pnpm fenghuo bench soak`: the same server and client
 * processes at a rate this test can afford beside others (1,000/s steady,
 * 2,000/s bursts), one hot event at 20× the steady rate against an ingest
 * queue bounded at 5,000 records so that the overload reaches the bound, 20
 * signed-in live feeds and the pages' queries. Asserts the accounting and
 * the behaviour, never the timings (those are the bench's figures).
 */
describe('soak (short variant of bench soak)', () => {
  it('counts every record once under mixed load and a hot-event overload: 503 with Retry-After, retried, nothing lost, no duplicates, no 500s, every live feed updated', async () => {
    const lines: string[] = [];
    const r = await runSoakBench({
      minutes: 2,
      maxPerS: 2000,
      burstEverySeconds: 30,
      burstSeconds: 5,
      hotAtSeconds: 30,
      hotSeconds: 5,
      hotFactor: 20,
      queueMaxRecords: 5000,
      // Every role of `fenghuo start`, as the embedded default runs them.
      analytics: true,
      badEvery: 200,
      sseClients: 20,
      apiEveryMs: 1000,
      drainSeconds: 120,
      log: (l) => lines.push(l),
    });
    const context = `${lines.join('\n')}\n${JSON.stringify({ ...r, per_minute: undefined })}`;

    // Every record sent was taken in (202), and is either stored or kept as rejected, once.
    expect(r.sent, context).toBeGreaterThan(100_000);
    expect(r.unsent, context).toBe(0);
    expect(r.accepted, context).toBe(r.sent);
    expect(r.stored + r.rejected, context).toBe(r.sent);
    expect(r.lost, context).toBe(0);
    expect(r.duplicates, context).toBe(0);
    // One in 200 was invalid: each is in rejected_mentions.
    expect(r.bad_sent, context).toBeGreaterThan(400);
    expect(r.rejected, context).toBe(r.bad_sent);
    expect(r.accounting_ok, context).toBe(true);

    // The hot event (100,000 mentions in 5 s) met the queue's bound: 503 with Retry-After, retried until taken.
    expect(r.hot_sent, context).toBe(100_000);
    expect(r.hot_accepted, context).toBe(r.hot_sent);
    expect(r.hot_retries_503, context).toBeGreaterThan(0);
    // It came on its own feed and met that feed's share of the queue; the everyday feed kept its room.
    expect(r.reasons_503['source "hot-feed" holds its share of the ingest queue'], context).toBeGreaterThan(0);
    // (Before the share, the everyday lane got as many 503s as the hot one: 572 and 575 in this test.)
    expect(r.steady_retries_503_during_hot, context).toBeLessThanOrEqual(r.hot_retries_503 / 10);
    expect(Object.keys(r.steady_reasons_503_during_hot).filter((k) => k.startsWith('source')), context).toEqual([]);
    expect(r.retry_after_missing, context).toBe(0);

    // No 500s anywhere; the dashboard kept answering and every live feed got wall updates.
    expect(r.http_500s, context).toBe(0);
    expect(r.ingest_other_status, context).toEqual({});
    expect(r.api_requests, context).toBeGreaterThan(50);
    expect(Object.keys(r.api_status), context).toEqual(['200']);
    expect(r.sse_clients, context).toBe(20);
    expect(r.sse_clients_with_wall_updates, context).toBe(20);
    expect(r.probes_never_visible, context).toBe(0);
    expect(r.probes, context).toBeGreaterThan(60);
  }, 360_000);
});

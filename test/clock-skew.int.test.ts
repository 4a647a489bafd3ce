import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResponse } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { mention, postMentions, startTestRuntime, waitFor } from './support/runtime';

// Clock skew in incoming data, end to end on one runtime with the analytics:
// what ingest accepts and keeps, what it rejects (and keeps, with the reason),
// and that a mention stamped in the future does not drag the analytics' event
// time ahead, nor do very old ones count as news.

const HOUR = 3_600_000;
let rt: Runtime;
beforeAll(async () => {
  rt = await startTestRuntime({ FENGHUO_ANALYTICS_POLL_MS: '100' }, { api: true, worker: true, analytics: true });
});
afterAll(async () => {
  await rt?.stop();
});

const metric = async (name: string): Promise<number | undefined> => {
  const text = await (await fetch(`${rt.url}/metrics`)).text();
  const m = new RegExp(`^${name.replace(/[{}"]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
};
const count = async (where: string, params: Record<string, unknown> = {}) => {
  const [row] = await rt.store.query<{ n: string }>(`SELECT count() AS n FROM mentions WHERE ${where}`, params);
  return Number(row!.n);
};

describe('clock skew in incoming data', () => {
  it('accepts up to a day ahead and back to 2000, rejects beyond with the reason kept, and the analytics clamp the future and skip the old', async () => {
    const now = Date.now();
    // The analytics see the present first.
    expect((await postMentions(rt.url!, [mention('clk-now', { time: now - 60_000 })])).status).toBe(202);
    await waitFor(async () => ((await metric('fenghuo_analytics_mentions_total')) ?? 0) >= 1, 30_000);
    const lagBefore = (await metric('fenghuo_analytics_watermark_lag_seconds'))!;

    // One month each from 2001-02 on, 150 months in one request (one insert: 150 partitions).
    const months = Array.from({ length: 150 }, (_, i) => mention(`clk-m${i}`, { time: Date.UTC(2001, 1 + i, 15, 4) }));
    const res = await postMentions(rt.url!, [
      mention('clk-f23', { time: now + 23 * HOUR }),
      mention('clk-f25', { time: now + 25 * HOUR }),
      mention('clk-1999', { time: '1999-12-31T23:59:59Z' }),
      mention('clk-2001', { time: '2001-01-01T00:00:00+08:00' }),
      mention('clk-sec', { time: Math.floor(now / 1000) }),
      ...months,
    ]);
    expect(res.status).toBe(202);
    const body = res.body as IngestResponse;
    expect(body.accepted).toBe(152);
    expect(body.rejected.map((r) => [r.index, r.id])).toEqual([[1, 'clk-f25'], [2, 'clk-1999'], [4, 'clk-sec']]);
    expect(body.rejected[0]!.error).toMatch(/more than 1 day in the future/);
    expect(body.rejected[1]!.error).toMatch(/before 2000-01-01/);
    expect(body.rejected[2]!.error).toMatch(/looks like epoch seconds; send milliseconds/);

    // Stored as sent (the event time is never rewritten in the store), every month once.
    expect(await count("startsWith(id, 'clk-')")).toBe(153);
    const [f23] = await rt.store.query<{ t: string }>("SELECT toUnixTimestamp64Milli(time) AS t FROM mentions WHERE id = 'clk-f23'");
    expect(Number(f23!.t)).toBe(now + 23 * HOUR);
    expect(await count("startsWith(id, 'clk-m') AND toYYYYMM(time) BETWEEN 200102 AND 201307")).toBe(150);
    const kept = await rt.store.query<{ id: string; code: string; reason: string }>(
      "SELECT id, code, reason FROM rejected_mentions WHERE startsWith(id, 'clk-') ORDER BY id",
    );
    expect(kept.map((r) => [r.id, r.code])).toEqual([['clk-1999', 'time_out_of_range'], ['clk-f25', 'time_out_of_range'], ['clk-sec', 'time_out_of_range']]);

    // The analytics read all of it: the +23 h mention counts from when it was stored, so event time stays now;
    // the 2001–2013 ones are far behind the stream: stored, counted too late, not analysed as news.
    await waitFor(async () => ((await metric('fenghuo_analytics_mentions_total')) ?? 0) >= 153, 30_000);
    await waitFor(async () => ((await metric('fenghuo_analytics_engine{counter="too_late"}')) ?? 0) >= 151, 30_000);
    const lagAfter = (await metric('fenghuo_analytics_watermark_lag_seconds'))!;
    expect(lagAfter).toBeGreaterThan(-120);
    process.stderr.write(`[faults] clock-skew ${JSON.stringify({ sent: 156, accepted: 153, rejected: 3, watermarkLagBeforeS: lagBefore, watermarkLagAfterS: lagAfter })}\n`);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { IngestResponse } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { createEnricher, prepareRecords, type PreparedMention } from '@fenghuo/ingest';
import { mention, postMentions, startTestRuntime, waitFor } from './support/runtime';

let rt: Runtime | undefined;
afterEach(async () => {
  await rt?.stop();
  rt = undefined;
});

const stored = async (r: Runtime, prefix: string) => {
  const [row] = await r.store.query<{ n: string }>('SELECT count() AS n FROM mentions WHERE startsWith(id, {p:String})', { p: prefix });
  return Number(row!.n);
};

describe('back-pressure', () => {
  it('answers 503 with Retry-After while the queue is over its bound, loses nothing, and recovers', async () => {
    // The queue's own bound: no source share (one source here).
    rt = await startTestRuntime({ FENGHUO_QUEUE_MAX_RECORDS: '10', FENGHUO_SOURCE_QUEUE_SHARE: '1', FENGHUO_ACK_TIMEOUT_MS: '400' });
    const url = rt.url!;
    const sub = rt.workers[0]!.subscription()!;
    sub.pause();

    // Queued but not stored within the ack timeout: 503, the records stay queued.
    const first = await postMentions(url, Array.from({ length: 8 }, (_, i) => mention(`bp-a${i}`)));
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('5');
    expect((first.body as { error: string }).error).toMatch(/resending is safe/);

    // Over the bound: refused straight away.
    const second = await postMentions(url, Array.from({ length: 5 }, (_, i) => mention(`bp-b${i}`)));
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('1');
    expect((second.body as { error: string }).error).toMatch(/queue is full/);

    sub.resume();
    await waitFor(async () => (await stored(rt!, 'bp-a')) === 8);
    // The client retries both, as told: nothing is lost, nothing doubled.
    expect((await postMentions(url, Array.from({ length: 8 }, (_, i) => mention(`bp-a${i}`)))).body as IngestResponse).toMatchObject({ accepted: 8, duplicates: 8 });
    expect((await postMentions(url, Array.from({ length: 5 }, (_, i) => mention(`bp-b${i}`)))).status).toBe(202);
    expect(await stored(rt, 'bp-')).toBe(13);
  });

  it('a full queue refuses a request before any work: its rejects are kept once, when it is resent', async () => {
    // The queue's own bound: no source share (one source here).
    rt = await startTestRuntime({ FENGHUO_QUEUE_MAX_RECORDS: '10', FENGHUO_SOURCE_QUEUE_SHARE: '1', FENGHUO_ACK_TIMEOUT_MS: '400' });
    const r = rt;
    const sub = r.workers[0]!.subscription()!;
    sub.pause();
    expect((await postMentions(r.url!, Array.from({ length: 8 }, (_, i) => mention(`rf-a${i}`)))).status).toBe(503);
    const body = [...Array.from({ length: 4 }, (_, i) => mention(`rf-b${i}`)), { platform: 'weibo', id: 'rf-bad', kind: 'post', time: Date.now() }];
    const refused = await postMentions(r.url!, body);
    expect(refused.status).toBe(503);
    expect((refused.body as { error: string }).error).toMatch(/queue is full/);
    const rejects = async () => Number((await r.store.query<{ n: string }>("SELECT count() AS n FROM rejected_mentions WHERE id = 'rf-bad'"))[0]!.n);
    expect(await rejects()).toBe(0);
    sub.resume();
    await waitFor(async () => (await stored(r, 'rf-a')) === 8);
    const taken = await postMentions(r.url!, body);
    expect(taken.status).toBe(202);
    expect((taken.body as IngestResponse).rejected).toHaveLength(1);
    expect(await stored(r, 'rf-b')).toBe(4);
    expect(await rejects()).toBe(1);
  });
});

describe("one source's share of the queue", () => {
  it('a flooding source is refused at its share while another source is still taken; nothing is lost', async () => {
    // Queue of 20, one source may hold 40 % of it: 8.
    rt = await startTestRuntime({ FENGHUO_QUEUE_MAX_RECORDS: '20', FENGHUO_SOURCE_QUEUE_SHARE: '0.4', FENGHUO_ACK_TIMEOUT_MS: '20000' });
    const r = rt;
    const admin = { id: 'test-admin', name: 'test', roles: ['admin'] as const, unit_id: '', unitIds: new Set<string>() };
    const hotline = await r.workflow.directory.createToken(admin, 'hotline', '12345 hotline');
    const sub = r.workers[0]!.subscription()!;
    sub.pause();

    // The flood: 10 records held (larger than its share, taken because it held nothing).
    const flood = postMentions(r.url!, Array.from({ length: 10 }, (_, i) => mention(`sh-w${i}`)));
    await waitFor(async () => r.service.refusal('http') !== undefined, 10_000, 20);
    const more = await postMentions(r.url!, Array.from({ length: 3 }, (_, i) => mention(`sh-x${i}`)));
    expect(more.status).toBe(503);
    expect(more.headers.get('retry-after')).toBe('1');
    expect((more.body as { error: string }).error).toMatch(/source "http" holds its share of the ingest queue \(40 %: 10 records waiting.*other sources are still taken/);

    // The hotline is taken: its records are queued beside the flood's, not refused.
    const call = postMentions(r.url!, Array.from({ length: 5 }, (_, i) => mention(`sh-h${i}`)), { token: hotline.token });
    await waitFor(async () => /fenghuo_ingest_queue_depth 15\b/.test(await (await fetch(`${r.url}/metrics`)).text()), 10_000, 20);
    expect(r.service.refusal('hotline')).toBeUndefined();
    sub.resume();
    expect((await flood).status).toBe(202);
    expect((await call).status).toBe(202);
    expect(await stored(r, 'sh-w')).toBe(10);
    expect(await stored(r, 'sh-h')).toBe(5);
    expect(await stored(r, 'sh-x')).toBe(0);

    // The refused request, resent once the flood is stored, is taken.
    expect((await postMentions(r.url!, Array.from({ length: 3 }, (_, i) => mention(`sh-x${i}`)))).status).toBe(202);
    expect(await stored(r, 'sh-')).toBe(18);
    expect(await (await fetch(`${r.url}/metrics`)).text()).toMatch(/fenghuo_ingest_share_refused_total\{source="http"\} [1-9]/);
  });
});

describe('store failures', () => {
  it('retries inserts while the table is unavailable and stores everything once it is back', async () => {
    rt = await startTestRuntime({ FENGHUO_ACK_TIMEOUT_MS: '20000', FENGHUO_INSERT_RETRY_MAX_MS: '200' });
    const r = rt;
    await r.store.command('DETACH TABLE mentions');
    const pending = postMentions(r.url!, Array.from({ length: 20 }, (_, i) => mention(`sf-${i}`)));
    await waitFor(async () => r.writer.stats().insertFailures >= 2, 10_000, 50);
    // The consumers hold back while the store fails.
    expect(await (await fetch(`${r.url}/metrics`)).text()).toMatch(/fenghuo_ingest_paused 1/);
    await r.store.command('ATTACH TABLE mentions');
    const res = await pending;
    expect(res.status).toBe(202);
    expect(await stored(r, 'sf-')).toBe(20);
    const metrics = await (await fetch(`${r.url}/metrics`)).text();
    expect(metrics).toMatch(/fenghuo_store_write_errors_total [1-9]/);
    expect(metrics).toMatch(/fenghuo_ingest_paused 0/);
  });

  it('a row the store refuses is rejected alone; the rest of its batch is stored', async () => {
    rt = await startTestRuntime({}, { api: false, worker: true });
    const values = Array.from({ length: 9 }, (_, i) => JSON.stringify({ id: `bad-${i}`, platform: 'weibo', kind: 'post', text: `第${i}条`, time: Date.now() }));
    const out = prepareRecords({ values, trusted: false, sources: values.map(() => 'test'), receivedAt: values.map(() => Date.now()), partitions: values.map(() => -1), offsets: values.map(() => '-1') }, createEnricher());
    const rows: PreparedMention[] = out.rows.map((row, i) => ({ key: out.keys[i]!, platform: 'weibo', id: out.ids[i]!, row, source: 'test', receivedAt: Date.now() }));
    // A row whose simhash is not a number: the store refuses it, and only it.
    const broken = JSON.parse(rows[4]!.row) as unknown[];
    broken[28] = 'not-a-number';
    rows[4] = { ...rows[4]!, row: JSON.stringify(broken) };
    const result = await rt.writer.write(rows, []);
    expect(result).toEqual({ inserted: 8, duplicates: 0, rejected: 1 });
    expect(await stored(rt, 'bad-')).toBe(8);
    const [kept] = await rt.store.query<{ id: string; code: string; reason: string }>("SELECT id, code, reason FROM rejected_mentions WHERE id = 'bad-4'");
    expect(kept).toMatchObject({ id: 'bad-4', code: 'store_refused' });
    expect(kept!.reason).toMatch(/the store refused this record/);
  });
});

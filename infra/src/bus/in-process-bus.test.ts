import { describe, expect, it } from 'vitest';
import { BackpressureError, BusUnavailableError, type ConsumedRecord } from '@fenghuo/shared';
import { createInProcessBus } from './in-process-bus';

const rec = (i: number) => ({ key: `k${i % 3}`, value: `v${i}`, headers: { n: String(i) } });
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('in-process bus', () => {
  it('publish resolves only after the group handled the records, in order, with offsets and headers', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 1000 });
    const seen: ConsumedRecord[] = [];
    let handled = false;
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      maxBatchWaitMs: 1,
      handler: async (records) => {
        await tick(20);
        seen.push(...records);
        handled = true;
      },
    });
    await bus.publish('t', [rec(0), rec(1), rec(2)]);
    expect(handled).toBe(true);
    expect(seen.map((r) => [r.value, r.offset, r.partition, r.headers?.n])).toEqual([
      ['v0', '0', 0, '0'],
      ['v1', '1', 0, '1'],
      ['v2', '2', 0, '2'],
    ]);
    await bus.close();
  });

  it('batches by size and by time', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 1000 });
    const sizes: number[] = [];
    await bus.subscribe({ topic: 't', groupId: 'g', maxBatchRecords: 4, maxBatchWaitMs: 30, handler: async (r) => void sizes.push(r.length) });
    await Promise.all([bus.publish('t', Array.from({ length: 10 }, (_, i) => rec(i)))]);
    expect(sizes).toEqual([4, 4, 2]);
    await bus.close();
  });

  it('redelivers a batch whose handler failed, until it succeeds', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 1000, redeliveryDelayMs: () => 5 });
    let attempts = 0;
    await bus.subscribe({
      topic: 't',
      groupId: 'g',
      maxBatchWaitMs: 1,
      handler: async () => {
        if (++attempts < 3) throw new Error('store down');
      },
    });
    await bus.publish('t', [rec(0)]);
    expect(attempts).toBe(3);
    await bus.close();
  });

  it('every group gets every record; publish waits for all of them', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 1000 });
    const a: string[] = [];
    const b: string[] = [];
    await bus.subscribe({ topic: 't', groupId: 'a', maxBatchWaitMs: 1, handler: async (r) => void a.push(...r.map((x) => x.value)) });
    await bus.subscribe({ topic: 't', groupId: 'b', maxBatchWaitMs: 1, handler: async (r) => { await tick(10); b.push(...r.map((x) => x.value)); } });
    await bus.publish('t', [rec(0), rec(1)]);
    expect(a).toEqual(['v0', 'v1']);
    expect(b).toEqual(['v0', 'v1']);
    await bus.close();
  });

  it('keeps records published before anyone subscribed, for the first group', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 1000 });
    await bus.publish('t', [rec(0), rec(1)]);
    const seen: string[] = [];
    await bus.subscribe({ topic: 't', groupId: 'late', maxBatchWaitMs: 1, handler: async (r) => void seen.push(...r.map((x) => x.value)) });
    await bus.publish('t', [rec(2)]);
    expect(seen).toEqual(['v0', 'v1', 'v2']);
    await bus.close();
  });

  it('answers with back-pressure over its bound, and takes records again once drained', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 5, retryAfterSeconds: 2 });
    const sub = await bus.subscribe({ topic: 't', groupId: 'g', maxBatchWaitMs: 1, handler: async () => {} });
    sub.pause();
    const first = bus.publish('t', [rec(0), rec(1), rec(2), rec(3)]);
    await expect(bus.publish('t', [rec(4), rec(5)])).rejects.toMatchObject({ name: 'BackpressureError', retryAfterSeconds: 2 });
    // The same answer asked beforehand, so an entry point can refuse before doing any work;
    // once refused, even what would fit is refused until the queue has drained to half its bound.
    expect(bus.refusal?.('t', 2)).toMatchObject({ name: 'BackpressureError', retryAfterSeconds: 2 });
    expect(bus.refusal?.('t', 1)).toMatchObject({ name: 'BackpressureError' });
    expect(bus.refusal?.('t', 0)).toMatchObject({ name: 'BackpressureError' });
    await expect(bus.publish('t', [rec(4)])).rejects.toMatchObject({ name: 'BackpressureError' });
    expect(await sub.lag()).toEqual([{ topic: 't', partition: 0, lag: 4 }]);
    sub.resume();
    await first;
    expect(await sub.lag()).toEqual([{ topic: 't', partition: 0, lag: 0 }]);
    expect(bus.refusal?.('t', 9)).toBeUndefined();
    await expect(bus.publish('t', [rec(4), rec(5)])).resolves.toBeUndefined();
    // One request larger than the whole bound still passes through an empty queue.
    await expect(bus.publish('t', Array.from({ length: 9 }, (_, i) => rec(i)))).resolves.toBeUndefined();
    await bus.close();
    expect(BackpressureError.name).toBe('BackpressureError');
  });

  it('a group that stops and subscribes again resumes after what it handled', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 100 });
    const seen: string[] = [];
    const handler = async (r: ConsumedRecord[]) => void seen.push(...r.map((x) => x.value));
    const sub = await bus.subscribe({ topic: 't', groupId: 'g', maxBatchWaitMs: 1, handler });
    await bus.publish('t', [rec(0), rec(1)]);
    await sub.stop();
    const pending = bus.publish('t', [rec(2)]);
    await bus.subscribe({ topic: 't', groupId: 'g', maxBatchWaitMs: 1, handler });
    await pending;
    expect(seen).toEqual(['v0', 'v1', 'v2']);
    await bus.close();
  });

  it('a live view that stops leaves its group: publishers waiting for it, and later ones, go through', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 100 });
    const durable: string[] = [];
    await bus.subscribe({ topic: 't', groupId: 'store', maxBatchWaitMs: 1, handler: async (r) => void durable.push(...r.map((x) => x.value)) });
    const view = await bus.subscribe({ topic: 't', groupId: 'view-1', fromBeginning: false, leaveOnStop: true, maxBatchWaitMs: 1, handler: async () => {} });
    view.pause();
    const waiting = bus.publish('t', [rec(0)]);
    const settled = (p: Promise<void>) => Promise.race([p.then(() => 'resolved'), tick(300).then(() => 'still waiting')]);
    expect(await settled(waiting)).toBe('still waiting');
    await view.stop();
    expect(await settled(waiting)).toBe('resolved');
    expect(await settled(bus.publish('t', [rec(1)]))).toBe('resolved');
    expect(durable).toEqual(['v0', 'v1']);
    // The only group, a view, leaving: nobody is left to wait for.
    const alone = await bus.subscribe({ topic: 'u', groupId: 'view-2', fromBeginning: false, leaveOnStop: true, maxBatchWaitMs: 1, handler: async () => {} });
    alone.pause();
    const lonely = bus.publish('u', [rec(2)]);
    await alone.stop();
    expect(await settled(lonely)).toBe('resolved');
    await bus.close();
  });

  it('a durable group that stops still holds publishers until it comes back', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 100 });
    const sub = await bus.subscribe({ topic: 't', groupId: 'g', maxBatchWaitMs: 1, handler: async () => {} });
    await sub.stop();
    let done = false;
    const pending = bus.publish('t', [rec(0)]).then(() => (done = true));
    await tick(100);
    expect(done).toBe(false);
    await bus.subscribe({ topic: 't', groupId: 'g', maxBatchWaitMs: 1, handler: async () => {} });
    await pending;
    await bus.close();
  });

  it('closing rejects publishers still waiting, and refuses new ones', async () => {
    const bus = createInProcessBus({ maxQueuedRecords: 100 });
    const sub = await bus.subscribe({ topic: 't', groupId: 'g', maxBatchWaitMs: 1, handler: async () => {} });
    sub.pause();
    const waiting = bus.publish('t', [rec(0)]);
    await bus.close();
    await expect(waiting).rejects.toBeInstanceOf(BusUnavailableError);
    await expect(bus.publish('t', [rec(1)])).rejects.toBeInstanceOf(BusUnavailableError);
    expect(await bus.health()).toEqual({ ok: false, detail: 'closed' });
  });
});

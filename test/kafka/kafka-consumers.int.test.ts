import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Producer } from 'kafkajs';
import type { Runtime } from '@fenghuo/dashboard';
import { startTestRuntime } from '../support/runtime';
import { countStored, rawProducer, testMention, uniquePrefix, waitUntil } from './support';

const brokers = inject('kafkaBrokers');
const prefix = uniquePrefix('consumers');
let rt: Runtime;
let producer: Producer;

beforeAll(async () => {
  // Two consumer instances of one group in one process, on the embedded store (--consumers 2).
  rt = await startTestRuntime({ KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS: '4' }, { api: false, worker: true, consumers: 2 });
  producer = await rawProducer(brokers);
});
afterAll(async () => {
  await producer?.disconnect();
  await rt?.stop();
});

describe('two consumers in one group', () => {
  it('share the partitions between them', async () => {
    await waitUntil(
      async () => rt.workers.every((w) => (w.subscription()?.assignedPartitions().length ?? 0) > 0),
      60_000,
      'both consumers to get partitions',
    );
    const [a, b] = rt.workers.map((w) => w.subscription()!.assignedPartitions());
    expect(a!.length + b!.length).toBe(4);
    expect([...a!, ...b!].sort()).toEqual([0, 1, 2, 3]);
  });

  it('store every record exactly once between them', async () => {
    const n = 4000;
    for (let from = 0; from < n; from += 1000) {
      await producer.send({
        topic: `${prefix}mentions.raw`,
        messages: Array.from({ length: 1000 }, (_, i) => {
          const m = testMention(`c-${from + i}`);
          return { key: `weibo:c-${from + i}`, value: JSON.stringify(m) };
        }),
      });
    }
    await waitUntil(async () => (await countStored(rt.store, "startsWith(id, 'c-')")) === n, 60_000, `${n} stored`);
    const byPartition = await rt.store.query<{ p: number; n: string }>("SELECT kafka_partition AS p, count() AS n FROM mentions WHERE startsWith(id, 'c-') GROUP BY p ORDER BY p");
    expect(byPartition.map((r) => r.p)).toEqual([0, 1, 2, 3]);
    await new Promise((r) => setTimeout(r, 500));
    expect(await countStored(rt.store, "startsWith(id, 'c-')")).toBe(n);
  });
});

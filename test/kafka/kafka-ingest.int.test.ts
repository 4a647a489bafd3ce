import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Producer } from 'kafkajs';
import type { IngestResponse } from '@fenghuo/shared';
import type { Runtime } from '@fenghuo/dashboard';
import { postMentions, startTestRuntime } from '../support/runtime';
import { countStored, groupOf, kafkaClient, rawProducer, testMention, uniquePrefix, waitUntil } from './support';

const brokers = inject('kafkaBrokers');
const prefix = uniquePrefix('ingest');
let rt: Runtime;
let producer: Producer;

beforeAll(async () => {
  rt = await startTestRuntime({ KAFKA_BROKERS: brokers, KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS: '3' });
  producer = await rawProducer(brokers);
});
afterAll(async () => {
  await producer?.disconnect();
  await rt?.stop();
});

describe('ingest through a real Kafka broker', () => {
  it('answers 202 once Kafka acknowledged; the worker stores the records with their partition and offset', async () => {
    const res = await postMentions(rt.url!, Array.from({ length: 100 }, (_, i) => testMention(`k-${i}`)));
    expect(res.status).toBe(202);
    expect((res.body as IngestResponse).accepted).toBe(100);
    await waitUntil(async () => (await countStored(rt.store, "startsWith(id, 'k-')")) === 100, 30_000, '100 stored');
    const rows = await rt.store.query<{ p: number; o: string; n: string }>(
      "SELECT kafka_partition AS p, min(kafka_offset) AS o, count() AS n FROM mentions WHERE startsWith(id, 'k-') GROUP BY p ORDER BY p",
    );
    // Keys spread over the three partitions; every row knows where it came from.
    expect(rows.map((r) => r.p)).toEqual([0, 1, 2]);
    expect(rows.every((r) => Number(r.o) >= 0)).toBe(true);
  });

  it('a record delivered again (producer retry, redelivery) is stored once', async () => {
    const messages = Array.from({ length: 50 }, (_, i) => {
      const m = testMention(`k-${i}`);
      return { key: `weibo:k-${i}`, value: JSON.stringify(m), headers: { source: 'test', received_at: String(Date.now()) } };
    });
    await producer.send({ topic: `${prefix}mentions.raw`, messages });
    await producer.send({ topic: `${prefix}mentions.raw`, messages: [{ key: 'weibo:k-new', value: JSON.stringify(testMention('k-new')) }] });
    await waitUntil(async () => (await countStored(rt.store, "id = 'k-new'")) === 1, 30_000, 'the marker record');
    expect(await countStored(rt.store, "startsWith(id, 'k-')")).toBe(101);
    expect(await countStored(rt.store, '1') - (await rt.store.query<{ n: string }>('SELECT uniqExact(platform, id) AS n FROM mentions').then((r) => Number(r[0]!.n)))).toBe(0);
  });

  it('a worker that stored records but lost its commits replays them without storing any twice', async () => {
    // As after a crash between insert and commit: stop, rewind the group, start again.
    const admin = kafkaClient(brokers).admin();
    await admin.connect();
    for (const w of rt.workers) await w.stop();
    await admin.resetOffsets({ groupId: groupOf(rt), topic: `${prefix}mentions.raw`, earliest: true });
    const before = rt.writer.stats().duplicates;
    for (const w of rt.workers) await w.start();
    await waitUntil(async () => rt.writer.stats().duplicates - before >= 151, 60_000, 'the whole topic replayed');
    expect(await countStored(rt.store, "startsWith(id, 'k-')")).toBe(101);
    await admin.disconnect();
  });

  it('poison messages go to mentions.dlq and rejected_mentions, and the partition keeps flowing', async () => {
    const key = 'weibo:poison-after';
    await producer.send({
      topic: `${prefix}mentions.raw`,
      messages: [
        { key, value: 'this is not json {' },
        { key, value: JSON.stringify({ id: 'poison-2', platform: 'weibo', text: '', time: Date.now() }) },
        { key, value: JSON.stringify(testMention('poison-after')) },
      ],
    });
    await waitUntil(async () => (await countStored(rt.store, "id = 'poison-after'")) === 1, 30_000, 'the record after the poison');
    // The batch's rejects are written after its good rows: wait for them too.
    const rejectedRows = () =>
      rt.store.query<{ code: string; kafka_partition: number; kafka_offset: string; raw: string }>(
        "SELECT code, kafka_partition, kafka_offset, raw FROM rejected_mentions WHERE raw = 'this is not json {' OR id = 'poison-2' ORDER BY kafka_offset",
      );
    await waitUntil(async () => (await rejectedRows()).length >= 2, 30_000, 'the rejected records');
    const rejected = await rejectedRows();
    expect(rejected.map((r) => r.code)).toEqual(['undecodable', 'invalid_text']);
    expect(rejected.every((r) => r.kafka_partition >= 0 && Number(r.kafka_offset) >= 0)).toBe(true);

    // Both are on the dead-letter topic, with the error in their headers.
    const consumer = kafkaClient(brokers).consumer({ groupId: `${prefix}dlq-reader`, maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topics: [`${prefix}mentions.dlq`], fromBeginning: true });
    const dlq: { value: string; error: string; code: string }[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        dlq.push({ value: message.value!.toString(), error: message.headers!.error!.toString(), code: message.headers!.code!.toString() });
      },
    });
    await waitUntil(async () => dlq.length >= 2, 30_000, 'two DLQ messages');
    await consumer.disconnect();
    expect(dlq.map((d) => d.code).sort()).toEqual(['invalid_text', 'undecodable']);
    expect(dlq.find((d) => d.code === 'undecodable')!.error).toMatch(/not JSON/);
  });
});

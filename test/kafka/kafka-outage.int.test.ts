import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '@fenghuo/dashboard';
import { postMentions, startTestRuntime, tempDir } from '../support/runtime';
import { startBroker, type Broker } from './broker';
import { countStored, testMention, uniquePrefix, waitUntil } from './support';

// This file stops its broker, so it runs one of its own (with a kept data directory).
let broker: Broker;
let rt: Runtime;
const dataDir = tempDir('fenghuo-kafka-');

beforeAll(async () => {
  broker = await startBroker({ dataDir });
  rt = await startTestRuntime({ KAFKA_BROKERS: broker.brokers, KAFKA_TOPIC_PREFIX: uniquePrefix('outage'), KAFKA_PARTITIONS: '2' });
});
afterAll(async () => {
  await rt?.stop();
  await broker?.stop();
});

describe('when the broker goes away', () => {
  it('the API answers 503 (not 202) while it is down, and recovers without a restart when it is back', async () => {
    expect((await postMentions(rt.url!, [testMention('o-before')])).status).toBe(202);

    await broker.stop();
    const down = await postMentions(rt.url!, [testMention('o-during')]);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBeTruthy();
    expect((down.body as { error: string }).error).toMatch(/Kafka is unavailable/);
    const health = await fetch(`${rt.url}/healthz`);
    expect(health.status).toBe(503);

    broker = await startBroker({ port: broker.port, dataDir });
    await waitUntil(async () => (await postMentions(rt.url!, [testMention('o-after')])).status === 202, 90_000, 'a 202 after the broker came back');
    // The client resends what got 503; both are stored, once.
    expect((await postMentions(rt.url!, [testMention('o-during')])).status).toBe(202);
    await waitUntil(async () => (await countStored(rt.store, "startsWith(id, 'o-')")) === 3, 60_000, 'all three stored');
    expect((await fetch(`${rt.url}/healthz`)).status).toBe(200);
  });
});

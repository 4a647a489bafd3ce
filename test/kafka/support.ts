import crypto from 'node:crypto';
import { Kafka, Partitioners, logLevel, type Producer } from 'kafkajs';
import type { Runtime } from '@fenghuo/dashboard';
import type { Store } from '@fenghuo/shared';

/** A topic prefix of its own per test file: files run in parallel against one broker. */
export function uniquePrefix(name: string): string {
  return `t${crypto.randomBytes(3).toString('hex')}-${name}.`;
}

export function kafkaClient(brokers: string): Kafka {
  return new Kafka({ clientId: 'fenghuo-test', brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 10 } });
}

export async function rawProducer(brokers: string): Promise<Producer> {
  const producer = kafkaClient(brokers).producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}

export async function countStored(store: Store, where = '1'): Promise<number> {
  const [row] = await store.query<{ n: string }>(`SELECT count() AS n FROM mentions WHERE ${where}`);
  return Number(row!.n);
}

export function testMention(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, platform: 'weibo', kind: 'post', text: `卡夫卡测试 ${id}：荆州今天下雨`, time: Date.now() - 60_000, ...extra };
}

export async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 60_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function groupOf(rt: Runtime): string {
  return `${rt.config.kafka!.topicPrefix}fenghuo-ingest-worker`;
}

import type { TestProject } from 'vitest/node';
import { startBroker } from './broker';

declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
  }
}

/** One real broker for the Kafka test files, started once and stopped after them. */
export default async function setup(project: TestProject) {
  const t = Date.now();
  const broker = await startBroker();
  process.stderr.write(`[kafka tests] broker on ${broker.brokers} ready in ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
  project.provide('kafkaBrokers', broker.brokers);
  return async () => {
    await broker.stop();
  };
}

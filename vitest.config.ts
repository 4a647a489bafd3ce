import { defineConfig } from 'vitest/config';

// chdb: one data directory per process and a crash inside worker threads, so
// every test file runs in its own forked process.
export default defineConfig({
  test: {
    pool: 'forks',
    isolate: true,
    maxWorkers: 2,
    fileParallelism: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['{shared,infra,ingest,analytics,dashboard}/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'test/kafka/**'],
        },
      },
      {
        // Tests against a real Kafka broker (started once by the global setup).
        extends: true,
        test: {
          name: 'kafka',
          include: ['test/kafka/**/*.test.ts'],
          globalSetup: ['test/kafka/global-setup.ts'],
          hookTimeout: 360_000,
        },
      },
    ],
  },
});

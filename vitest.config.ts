import { defineConfig } from 'vitest/config';

// chdb: one data directory per process and a crash inside worker threads, so
// every test file runs in its own forked process.
export default defineConfig({
  test: {
    pool: 'forks',
    isolate: true,
    maxWorkers: 2,
    fileParallelism: true,
    include: ['{shared,infra,ingest,analytics,dashboard}/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

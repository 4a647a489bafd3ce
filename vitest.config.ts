import react from '@vitejs/plugin-react';
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
          exclude: ['**/node_modules/**', 'test/kafka/**', 'test/e2e/**', 'dashboard/app/**'],
        },
      },
      {
        // The browser app's components and charts, in jsdom with fixed data.
        extends: true,
        plugins: [react()],
        test: {
          name: 'app',
          include: ['dashboard/app/src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        // The dashboard end to end in a real Chromium (built app, real server, chdb).
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          hookTimeout: 600_000,
          testTimeout: 120_000,
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

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Native addons (better-sqlite3, jieba) and Chromium are happier in forked processes.
    pool: 'forks',
    // Many tests wait on child processes, Chromium or PostgreSQL rather than compute: a third fork
    // keeps both cores busy (measured: ~1.1 cores used with two).
    maxWorkers: 3,
    // the dashboard built once (test/dashboard-setup.ts), and a throwaway PostgreSQL server for the
    // PostgreSQL store's tests
    globalSetup: ['test/dashboard-setup.ts', 'test/postgres-setup.ts'],
  },
});

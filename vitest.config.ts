import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'scripts/**/*.test.ts', 'web/src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Native addons (better-sqlite3, jieba) and Chromium are happier in forked processes.
    pool: 'forks',
    // a throwaway PostgreSQL server for the PostgreSQL store's tests
    globalSetup: ['test/postgres-setup.ts'],
  },
});

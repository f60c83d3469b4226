import { defineConfig } from 'vitest/config';

/**
 * Tests that need a real PostgreSQL server (several processes on one database): part of the
 * integration project only when `DATABASE_URL` is set, as in the PostgreSQL pass of
 * `scripts/test.sh`. Without it they are not selected (not skipped), and naming one finds no test.
 */
const POSTGRES_ONLY = ['tests/integration/two-instances.test.ts'];
const onPostgres = (process.env.DATABASE_URL ?? '') !== '';

// One runner for the whole repository. `unit` holds the fast tests that sit beside the code;
// `integration` spans the API, the Graph emulator and the database; `e2e` drives Chromium.
export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['api/src/**/*.test.ts', 'tab/src/**/*.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: onPostgres ? [] : POSTGRES_ONLY,
          setupFiles: ['tests/support/graph-conformance-setup.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          setupFiles: ['tests/support/graph-conformance-setup.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

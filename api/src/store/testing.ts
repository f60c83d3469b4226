import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from './connection.js';
import { copyPgliteTemplate } from './pglite-template.js';

/**
 * Where one test's data lives, as app settings: its own database on the PostgreSQL server named
 * by `DATABASE_URL` (CI's PostgreSQL run), or its own copy of the migrated PGlite template made by
 * the global test setup, or PGlite in memory. `cleanup` removes it.
 * Test-only: the application reads configuration through `config/`.
 */
export interface TestDatabase {
  /** Settings for `loadConfig`: `DATABASE_URL`, or `DATA_DIR` (the app adds `/pglite`). */
  env: Record<string, string>;
  /** For `openStore` directly. */
  open: { databaseUrl?: string; dataDir?: string };
  cleanup(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl !== undefined && serverUrl !== '') {
    const name = `rm_test_${randomUUID().replaceAll('-', '')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      open: { databaseUrl: url.toString() },
      async cleanup() {
        const cleanup = new pg.Client({ connectionString: serverUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
      },
    };
  }
  const template = process.env.RM_PGLITE_TEMPLATE;
  if (template === undefined || template === '') {
    return {
      env: { DATA_DIR: 'memory://' },
      open: { dataDir: 'memory://' },
      cleanup: async () => undefined,
    };
  }
  // The app keeps PGlite in `<DATA_DIR>/pglite`: put the copy there.
  const copy = copyPgliteTemplate(template);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rm-data-'));
  mkdirSync(dataDir, { recursive: true });
  renameSync(copy.dataDir, path.join(dataDir, 'pglite'));
  return {
    env: { DATA_DIR: dataDir },
    open: { dataDir: path.join(dataDir, 'pglite') },
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh, migrated store for one test file, on the database `createTestDatabase` picks. */
export async function createTestStore(): Promise<Store> {
  const database = await createTestDatabase();
  const store = await openStore({ ...database.open, maxConnections: 4 });
  await store.migrate();
  return {
    ...store,
    async close() {
      await store.close();
      await database.cleanup();
    },
  };
}

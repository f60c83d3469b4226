import { randomUUID } from 'node:crypto';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Schema, type Store } from './connection.js';
import { copyPgliteTemplate } from './pglite-template.js';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

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

/**
 * A store on a fresh, empty database (never the migrated PGlite template) with the migrations up
 * to and including `lastTag` applied: a migration's test writes rows as they were before it, then
 * calls `migrate()` for the rest.
 */
export async function createTestStoreMigratedTo(lastTag: string): Promise<Store> {
  const serverUrl = process.env.DATABASE_URL;
  const database =
    serverUrl !== undefined && serverUrl !== ''
      ? await createTestDatabase()
      : { open: { dataDir: 'memory://' }, cleanup: async () => undefined };
  const store = await openStore({ ...database.open, maxConnections: 4 });
  const folder = mkdtempSync(path.join(os.tmpdir(), 'rm-migrations-'));
  try {
    const journal = JSON.parse(
      readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag === lastTag);
    if (upTo < 0) throw new Error(`no migration ${lastTag}`);
    const entries = journal.entries.slice(0, upTo + 1);
    mkdirSync(path.join(folder, 'meta'));
    writeFileSync(
      path.join(folder, 'meta', '_journal.json'),
      JSON.stringify({ ...journal, entries }),
    );
    for (const e of entries)
      copyFileSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
    if (store.engine === 'pglite')
      await migratePglite(store.db as unknown as PgliteDatabase<Schema>, {
        migrationsFolder: folder,
      });
    else
      await migratePg(store.db as unknown as NodePgDatabase<Schema>, { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    ...store,
    async close() {
      await store.close();
      await database.cleanup();
    },
  };
}

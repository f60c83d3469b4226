import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from './connection.js';
import { copyPgliteTemplate } from './pglite-template.js';

/**
 * A fresh, migrated store for one test file. With `DATABASE_URL` set (CI's PostgreSQL run) each
 * call creates its own database on that server and drops it on close; otherwise a private copy of
 * a migrated PGlite folder (see the global test setup), or PGlite in memory.
 * Test-only: the application reads configuration through `config/`.
 */
export async function createTestStore(): Promise<Store> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined || serverUrl === '') {
    const template = process.env.RM_PGLITE_TEMPLATE;
    if (template === undefined || template === '') {
      const store = await openStore({ dataDir: 'memory://' });
      await store.migrate();
      return store;
    }
    // A copy of the migrated template made once by the test run's global setup.
    const copy = copyPgliteTemplate(template);
    const store = await openStore({ dataDir: copy.dataDir });
    await store.migrate();
    return {
      ...store,
      async close() {
        await store.close();
        copy.remove();
      },
    };
  }
  const name = `rm_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ databaseUrl: url.toString(), maxConnections: 4 });
  await store.migrate();
  return {
    ...store,
    async close() {
      await store.close();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

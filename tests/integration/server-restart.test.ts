import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../api/src/config/index.js';
import type { OrgSyncSummary } from '../../api/src/org/index.js';
import { startServer } from '../../api/src/server.js';
import { openStore } from '../../api/src/store/index.js';
import { createTestDatabase, type TestDatabase } from '../../api/src/store/testing.js';

/** The first sync's summary, or a rejection naming how long it was waited for. */
async function within(sync: Promise<OrgSyncSummary>, ms: number): Promise<OrgSyncSummary> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no org sync within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([sync, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('a server stopped and started again on the same database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.cleanup();
  });

  const start = () =>
    startServer(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...database.env,
        LOCAL_TENANT_PEOPLE: '40',
      }),
    );

  it('syncs the org again at once, in full, from its new local tenant', async () => {
    const first = await start();
    expect((await within(first.firstSync, 30_000)).mode).toBe('full');
    await first.close();

    // A graceful stop leaves no job under its lease; the org's delta cursor stays saved.
    const store = await openStore({ ...database.open, maxConnections: 1 });
    try {
      const held = await store.db.execute(
        sql`select kind from jobs where status = 'running' or locked_by is not null`,
      );
      expect((held as { rows: unknown[] }).rows).toEqual([]);
      const cursor = await store.db.execute(
        sql`select delta_link from sync_state where key = 'org-users'`,
      );
      expect((cursor as { rows: { delta_link: string }[] }).rows[0]?.delta_link).toMatch(
        /^http:\/\/127\.0\.0\.1:\d+\//,
      );
    } finally {
      await store.close();
    }

    // The embedded tenant is new, on another port: the saved cursor is no use, a full round is.
    const second = await start();
    try {
      const summary = await within(second.firstSync, 30_000);
      expect(summary.mode).toBe('full');
      expect(summary.people).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  }, 90_000);
});

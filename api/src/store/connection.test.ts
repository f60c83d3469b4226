import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import path from 'node:path';
import { createTestStore } from './testing.js';
import { openStore, type Store } from './connection.js';
import { copyPgliteTemplate, ensurePgliteTemplate } from './pglite-template.js';
import { jobs, people } from './schema/index.js';

describe('store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await createTestStore();
  });
  afterAll(async () => {
    await store.close();
  });

  it('applies the migrations so the org chart and job tables exist', async () => {
    await store.db.insert(people).values({ id: 'u1', displayName: 'Ada' });
    const rows = await store.db.select().from(people).where(eq(people.id, 'u1'));
    expect(rows[0]?.displayName).toBe('Ada');
    expect(rows[0]?.orgSize).toBe(0);
  });

  it('migrating twice is harmless', async () => {
    await store.migrate();
    const rows = await store.db.select({ n: sql<number>`count(*)::int` }).from(people);
    expect(rows[0]?.n).toBe(1);
  });

  it('rolls back every row of a failed transaction', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.insert(jobs).values({ kind: 'k', key: 'a' });
        await tx.insert(jobs).values({ kind: 'k', key: 'a' });
      }),
    ).rejects.toThrow();
    const rows = await store.db.select().from(jobs);
    expect(rows).toHaveLength(0);
  });
});

describe('embedded store', () => {
  it('stays small in memory: an open PGlite adds well under 200 MB to the process', async () => {
    const template = await ensurePgliteTemplate(
      path.resolve('node_modules/.cache/reverse-mentoring'),
    );
    const copy = copyPgliteTemplate(template);
    const before = process.memoryUsage().rss;
    const store = await openStore({ dataDir: copy.dataDir });
    try {
      await store.db.select({ n: sql<number>`count(*)::int` }).from(people);
      // With PostgreSQL's default 128 MB buffer pool, zeroed inside PGlite's memory at start,
      // this was about 240 MB.
      expect((process.memoryUsage().rss - before) / 2 ** 20).toBeLessThan(200);
    } finally {
      await store.close();
      copy.remove();
    }
  });
});

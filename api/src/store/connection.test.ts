import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestStore } from './testing.js';
import type { Store } from './connection.js';
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

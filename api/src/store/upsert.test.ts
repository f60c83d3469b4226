import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestStore } from '../testing/store-world.js';
import { freeBusyCache } from './schema/index.js';
import { insertedValues } from './upsert.js';

const store = useTestStore();

describe('an upsert taking the inserted values', () => {
  it('overwrites the named columns (snake_case in the table) and keeps the others', async () => {
    const first = {
      personId: 'p1',
      windowStart: new Date('2026-05-01T00:00:00Z'),
      windowEnd: new Date('2026-05-29T00:00:00Z'),
      busy: [{ start: 1, end: 2 }],
      unknownReason: 'first',
    };
    const upsert = (row: typeof first) =>
      store.db
        .insert(freeBusyCache)
        .values(row)
        .onConflictDoUpdate({
          target: freeBusyCache.personId,
          set: insertedValues(freeBusyCache, ['windowEnd', 'busy']),
        });
    await upsert(first);
    await upsert({
      ...first,
      windowStart: new Date('2026-06-01T00:00:00Z'),
      windowEnd: new Date('2026-06-29T00:00:00Z'),
      busy: [{ start: 3, end: 4 }],
      unknownReason: 'second',
    });
    const [row] = await store.db
      .select()
      .from(freeBusyCache)
      .where(eq(freeBusyCache.personId, 'p1'));
    expect(row).toMatchObject({
      windowStart: first.windowStart,
      windowEnd: new Date('2026-06-29T00:00:00Z'),
      busy: [{ start: 3, end: 4 }],
      unknownReason: 'first',
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { Db } from './connection.js';
import { coalescePerDb } from './coalesce.js';

const db = {} as Db;

describe('coalescePerDb', () => {
  it('runs calls made in the same turn as one run, each caller getting its own result', async () => {
    const runs: number[][] = [];
    const double = coalescePerDb(async (_db, items: number[]) => {
      runs.push(items);
      return items.map((n) => n * 2);
    });
    await expect(Promise.all([double(db, 1), double(db, 2), double(db, 3)])).resolves.toEqual([
      2, 4, 6,
    ]);
    expect(runs).toEqual([[1, 2, 3]]);
  });

  it('fails only the caller whose own item fails; the others in its run succeed', async () => {
    const runs: number[][] = [];
    const refuseSeven = coalescePerDb(async (_db, items: number[]) => {
      runs.push(items);
      if (items.includes(7)) throw new Error('seven refused');
      return items;
    });
    const results = await Promise.allSettled([
      refuseSeven(db, 1),
      refuseSeven(db, 7),
      refuseSeven(db, 3),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(results[1]).toMatchObject({ reason: new Error('seven refused') });
    expect(runs).toEqual([[1, 7, 3], [1], [7], [3]]);
  });
});

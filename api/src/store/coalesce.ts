import type { Db } from './connection.js';

/*
 * Many callers' rows in one statement. The embedded database runs one statement at a time and
 * each costs about the same whether it carries one row or a hundred, so concurrent jobs that
 * reach the same step together (a worker's claimed booking jobs start at once and move in step)
 * share their statements instead of queueing one each.
 */

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(err: unknown): void;
}

/** Runs many items' work at once; returns one result per item, in the items' order. */
export type ManyRunner<T, R> = (db: Db, items: T[]) => Promise<R[]>;

/** How many items one run carries at most (statements stay a sensible size). */
const MAX_ITEMS = 500;

/**
 * `run` for one item at a time, as callers see it, while calls made on the same database handle
 * in the same turn of the event loop are run together: one call of `run` with all their items.
 * A failed run fails each of its callers with that error; a lone call is a run of one.
 */
export function coalescePerDb<T, R>(run: ManyRunner<T, R>): (db: Db, item: T) => Promise<R> {
  const waiting = new WeakMap<Db, Waiting<T, R>[]>();
  const flush = (db: Db): void => {
    const taken = waiting.get(db) ?? [];
    waiting.delete(db);
    for (let i = 0; i < taken.length; i += MAX_ITEMS) {
      const chunk = taken.slice(i, i + MAX_ITEMS);
      Promise.resolve()
        .then(() =>
          run(
            db,
            chunk.map((w) => w.item),
          ),
        )
        .then((results) => {
          if (results.length !== chunk.length)
            throw new Error(`coalesced run gave ${results.length} results for ${chunk.length}`);
          chunk.forEach((w, j) => w.resolve(results[j] as R));
        })
        .catch((err: unknown) => {
          for (const w of chunk) w.reject(err);
        });
    }
  };
  return (db, item) =>
    new Promise<R>((resolve, reject) => {
      let list = waiting.get(db);
      if (list === undefined) {
        list = [];
        waiting.set(db, list);
        // After the current turn: every job resumed by the same answer has made its call by then.
        setImmediate(() => flush(db));
      }
      list.push({ item, resolve, reject });
    });
}

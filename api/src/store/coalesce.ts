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
 * A failed run is run again one item at a time, so only the callers whose own item fails see
 * an error; a lone call is a run of one.
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
          // One caller's bad item must not fail the others with it (they would retry together
          // and fail together again): a failed shared run is run again one item at a time. Every
          // runner is a single statement or one transaction, so the failed run left nothing.
          if (chunk.length === 1) {
            chunk[0]?.reject(err);
            return;
          }
          void runAlone(db, chunk);
        });
    }
  };
  const runAlone = async (db: Db, chunk: Waiting<T, R>[]): Promise<void> => {
    for (const w of chunk) {
      try {
        const [result] = await run(db, [w.item]);
        w.resolve(result as R);
      } catch (err) {
        w.reject(err);
      }
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

import { afterAll, beforeAll } from 'vitest';
import type { Db, Store } from '../store/index.js';
import { createTestStore } from '../store/testing.js';

/** A suite's test store; `db` is readable once the suite's `beforeAll` hooks run. */
export interface TestStoreWorld {
  readonly db: Db;
  readonly store: Store;
}

/**
 * A fresh, migrated test store opened before the enclosing suite's tests and closed after them
 * (call it at the top of a file or a `describe`). `beforeAll` hooks registered after it may use
 * `db`.
 */
export function useTestStore(): TestStoreWorld {
  let open: Store | undefined;
  const opened = () => {
    if (open === undefined) throw new Error('the test store is used before it is open');
    return open;
  };
  beforeAll(async () => {
    open = await createTestStore();
    // Migrating a fresh store is the slow part, and slower on a busy machine.
  }, 60_000);
  afterAll(() => open?.close());
  return {
    get db() {
      return opened().db;
    },
    get store() {
      return opened();
    },
  };
}

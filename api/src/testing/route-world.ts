import { afterAll, beforeAll } from 'vitest';
import type { RouteDef } from '../app/index.js';
import type { Db, Store } from '../store/index.js';
import { startTestApi, testServices } from './route-harness.js';
import { useTestStore } from './store-world.js';
import type { TestAccessMode, TestApi, TestClock, TestServices } from './route-harness.js';

/** What a route test file works against once its world is open. */
export interface RouteTestWorld {
  readonly store: Store;
  readonly db: Db;
  readonly services: TestServices;
  readonly api: TestApi;
}

export interface RouteTestWorldOptions {
  clock: TestClock;
  /** The routes under test, built from the world's services. */
  routes: (services: TestServices) => RouteDef[];
  access?: TestAccessMode;
  /** Read when the world opens, so a fake Graph started by an earlier hook can be named. */
  graphBaseUrl?: () => string;
}

/**
 * One route test file's world: a fresh test store, services on the given clock, and the HTTP
 * test API over the routes, opened in a `beforeAll` and closed in an `afterAll`. Call it at the
 * top of the file; `beforeAll` hooks registered after it run once the world is open (Vitest runs
 * before-hooks in order), so they can seed through `world.db`.
 */
export function useRouteTestWorld(o: RouteTestWorldOptions): RouteTestWorld {
  let open: { store: Store; services: TestServices; api: TestApi } | undefined;
  const opened = () => {
    if (open === undefined) throw new Error('the route test world is used before it is open');
    return open;
  };
  const stored = useTestStore();
  beforeAll(async () => {
    const { store } = stored;
    const services = testServices({
      db: store.db,
      clock: o.clock,
      graphBaseUrl: o.graphBaseUrl?.(),
    });
    const api = await startTestApi(store.db, o.routes(services), { access: o.access });
    open = { store, services, api };
  });
  afterAll(() => open?.api.close());
  return {
    get store() {
      return opened().store;
    },
    get db() {
      return opened().store.db;
    },
    get services() {
      return opened().services;
    },
    get api() {
      return opened().api;
    },
  };
}

import { LOCAL_CLIENT_ID, LOCAL_TENANT_ID } from '../../api/src/config/index.js';
import { createGraphClient, createLocalTokenProvider } from '../../api/src/graph/index.js';
import { startLocalTenant, type LocalTenant } from '../../api/src/local-tenant/index.js';
import { matchRunRoutes } from '../../api/src/matching/index.js';
import { syncOrg } from '../../api/src/org/index.js';
import { programRoutes } from '../../api/src/programs/index.js';
import type { Store } from '../../api/src/store/index.js';
import { createTestStore } from '../../api/src/store/testing.js';
import {
  programTestServices,
  startProgramTestApi,
  type ProgramTestApi,
  type ProgramTestServices,
} from '../../api/src/testing/route-harness.js';

export interface DemoOrgPrograms {
  tenant: LocalTenant;
  store: Store;
  services: ProgramTestServices;
  /** The program and match-run routes over HTTP. */
  api: ProgramTestApi;
  close(): Promise<void>;
}

/**
 * The local tenant's demo organisation (300 people, seed 42) synced into a fresh store through
 * the real Graph client over HTTP, with the program and match-run routes on top.
 */
export async function startDemoOrgPrograms(o: { now: string }): Promise<DemoOrgPrograms> {
  const tenant = await startLocalTenant({
    port: 0,
    people: 300,
    seed: 42,
    tenantId: LOCAL_TENANT_ID,
    clientId: LOCAL_CLIENT_ID,
  });
  const store = await createTestStore();
  const graph = createGraphClient({
    baseUrl: tenant.baseUrl,
    tokenProvider: createLocalTokenProvider({
      tokenUrl: tenant.tokenUrl,
      clientId: LOCAL_CLIENT_ID,
      clientSecret: 'local-tenant',
    }),
  });
  await syncOrg({ db: store.db, graph });
  const services = programTestServices({ db: store.db, graph, now: o.now });
  const api = await startProgramTestApi(store.db, [
    ...programRoutes(services),
    ...matchRunRoutes(services),
  ]);
  return {
    tenant,
    store,
    services,
    api,
    async close() {
      await api.close();
      await store.close();
      await tenant.close();
    },
  };
}

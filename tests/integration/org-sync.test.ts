import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, isNull } from 'drizzle-orm';
import { LOCAL_CLIENT_ID, LOCAL_TENANT_ID } from '../../api/src/config/index.js';
import {
  createGraphClient,
  createLocalTokenProvider,
  type GraphClient,
} from '../../api/src/graph/index.js';
import { startLocalTenant, type LocalTenant } from '../../api/src/local-tenant/index.js';
import { syncOrg } from '../../api/src/org/index.js';
import { dataProblems, people, type Store } from '../../api/src/store/index.js';
import {
  createTestDatabase,
  createTestStore,
  type TestDatabase,
} from '../../api/src/store/testing.js';
import { builtCli } from '../support/built-cli.js';

/** The real Graph client against the local tenant over HTTP, into the real store. */
describe('org sync against the local tenant', () => {
  let tenant: LocalTenant;
  let graph: GraphClient;
  let store: Store;

  beforeAll(async () => {
    tenant = await startLocalTenant({
      port: 0,
      people: 300,
      seed: 7,
      managerLoop: true,
      tenantId: LOCAL_TENANT_ID,
      clientId: LOCAL_CLIENT_ID,
    });
    graph = createGraphClient({
      baseUrl: tenant.baseUrl,
      tokenProvider: createLocalTokenProvider({
        tokenUrl: tenant.tokenUrl,
        clientId: LOCAL_CLIENT_ID,
        clientSecret: 'local',
      }),
      retryBaseDelayMs: 5,
    });
    store = await createTestStore();
  });
  afterAll(async () => {
    await store.close();
    await tenant.close();
  });

  const snapshot = () =>
    store.db
      .select({
        id: people.id,
        managerId: people.managerId,
        depth: people.depth,
        orgSize: people.orgSize,
        title: people.jobTitle,
        department: people.department,
        gone: people.goneAt,
      })
      .from(people)
      .orderBy(asc(people.id));

  it('stores the whole demo organisation with its hierarchy, within the Graph request budget', async () => {
    const before = graph.stats().requests;
    const summary = await syncOrg({ db: store.db, graph });
    const used = graph.stats().requests - before;
    expect(summary.mode).toBe('full');
    expect(summary.people).toBe(300);
    expect(summary.maxDepth).toBeGreaterThanOrEqual(4);
    // No request per person: delta pages of up to 200 users, plus the token.
    expect(used).toBeLessThanOrEqual(Math.ceil((300 / 1000) * 12) + 1);
    const rows = await snapshot();
    const ceo = rows.find((r) => r.id === tenant.state.org.ceoId);
    expect(ceo).toMatchObject({ depth: 0, managerId: null, orgSize: expect.any(Number) });
    expect(ceo?.orgSize).toBeGreaterThan(200);
    const interns = rows.filter((r) => /intern|graduate/i.test(r.title ?? ''));
    expect(interns.length).toBeGreaterThan(0);
  });

  it('records the manager loop and people without a manager as data problems', async () => {
    const open = await store.db.select().from(dataProblems).where(isNull(dataProblems.resolvedAt));
    const loopers = open.filter((p) => p.kind === 'manager-loop').map((p) => p.personId);
    expect(loopers.sort()).toEqual([...tenant.state.org.managerLoopIds].sort());
    const orphans = open.filter((p) => p.kind === 'no-manager').map((p) => p.personId);
    expect(orphans.sort()).toEqual([...tenant.state.org.withoutManagerIds].sort());
    const [looper] = await store.db
      .select()
      .from(people)
      .where(eq(people.id, loopers[0] ?? ''));
    expect(looper?.depth).toBeNull();
  });

  it('gives the same people twice in a row', async () => {
    const first = await snapshot();
    const again = await syncOrg({ db: store.db, graph }, { full: true });
    expect(again.people).toBe(300);
    expect(await snapshot()).toEqual(first);
  });

  it('follows a re-org and a departure through the delta link', async () => {
    const rows = await snapshot();
    const mover = rows.find((r) => r.depth === 4);
    const newManager = rows.find((r) => r.depth === 1 && r.id !== mover?.managerId);
    const leaver = rows.find((r) => r.depth === 4 && r.id !== mover?.id);
    if (mover === undefined || newManager === undefined || leaver === undefined)
      throw new Error('demo org too small');
    tenant.state.setManager(mover.id, newManager.id);
    tenant.state.removeUser(leaver.id);
    const summary = await syncOrg({ db: store.db, graph });
    expect(summary.mode).toBe('delta');
    expect(summary.removed).toBe(1);
    const after = await snapshot();
    expect(after.find((r) => r.id === mover.id)).toMatchObject({
      managerId: newManager.id,
      depth: 2,
    });
    expect(after.find((r) => r.id === leaver.id)?.gone).toBeInstanceOf(Date);
  });

  it('answers 404 for the manager of the top of the chart, which the client reads as none', async () => {
    expect(await graph.getManager(tenant.state.org.ceoId)).toBeNull();
  });

  it('starts a full round again when the delta cursor expires (410)', async () => {
    tenant.state.expireDeltaTokens();
    const summary = await syncOrg({ db: store.db, graph });
    expect(summary.mode).toBe('full');
    expect(summary.people).toBe(299);
  });
});

describe('reverse-mentoring sync-org', () => {
  let tenant: LocalTenant;
  let database: TestDatabase;
  let cli: string;
  beforeAll(async () => {
    cli = builtCli();
    tenant = await startLocalTenant({
      port: 0,
      people: 120,
      tenantId: LOCAL_TENANT_ID,
      clientId: LOCAL_CLIENT_ID,
    });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await tenant.close();
    await database.cleanup();
  });

  it('prints the JSON summary as its last line', async () => {
    const child = spawn(process.execPath, [cli, 'sync-org'], {
      env: { ...process.env, ...database.env, GRAPH_BASE_URL: tenant.baseUrl, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    const last = out.trim().split('\n').at(-1) ?? '';
    const summary = JSON.parse(last) as Record<string, number>;
    expect(Object.keys(summary).sort()).toEqual([
      'dataProblems',
      'maxDepth',
      'people',
      'withoutManager',
    ]);
    expect(summary.people).toBe(120);
    expect(summary.withoutManager).toBe(1 + tenant.state.org.withoutManagerIds.length);
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, rateLimitCounters, type Store } from '../store/index.js';
import { createTestDatabase, type TestDatabase } from '../store/testing.js';
import { createApp } from './create-app.js';
import { createLogger } from './logger.js';
import type { Principal } from './route-table.js';
import { createSharedRateLimitStore } from './shared-rate-limit.js';

/**
 * Two app instances behind one load balancer, counting against one budget in the database. On
 * PostgreSQL (CI's second pass) each instance has its own connection pool to the one database, as
 * two App Service instances would; on PGlite, which is one process, they share the handle.
 */
const LIMIT = 6;
const onPostgres = (process.env.DATABASE_URL ?? '') !== '';

describe(`rate limits shared by two instances (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let database: TestDatabase;
  const stores: Store[] = [];
  const servers: Server[] = [];
  const bases: string[] = [];
  let at = Date.UTC(2026, 4, 10, 12, 0, 0);

  const identify = (req: Request): Promise<Principal | undefined> => {
    const userId = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return Promise.resolve(
      userId === undefined
        ? undefined
        : { userId, tenantId: 't', name: userId, username: userId, roles: [], scopes: [] },
    );
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const first = await openStore({ ...database.open, maxConnections: 4 });
    await first.migrate();
    stores.push(first);
    if (onPostgres) stores.push(await openStore({ ...database.open, maxConnections: 4 }));
    for (const store of [stores[0], stores[1] ?? stores[0]]) {
      if (store === undefined) throw new Error('no store');
      const router = express.Router();
      router.get('/ping', (_req, res) => res.json({ ok: true }));
      const app = createApp({
        logger: createLogger({ level: 'silent' }),
        readiness: { notReadyReason: () => undefined },
        apiRouters: [router],
        identify,
        rateLimit: { limit: LIMIT, windowMs: 60_000 },
        rateLimitStore: createSharedRateLimitStore({ db: store.db, now: () => at }),
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      servers.push(server);
      bases.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  }, 60_000);

  afterAll(async () => {
    for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
    for (const s of stores) await s.close();
    await database.cleanup();
  });

  const ping = (i: number, who: string) =>
    fetch(`${bases[i % 2] ?? ''}/api/ping`, { headers: { authorization: `Bearer ${who}` } });

  it('lets a person make the limit in requests across both instances, then 429 on either', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT; i += 1) statuses.push((await ping(i, 'ann')).status);
    expect(statuses).toEqual(Array.from({ length: LIMIT }, () => 200));
    const over = [await ping(0, 'ann'), await ping(1, 'ann')];
    expect(over.map((r) => r.status)).toEqual([429, 429]);
    expect(Number(over[1]?.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another person keeps their own budget.
    expect((await ping(1, 'bob')).status).toBe(200);
  });

  it('counts a burst split over both instances exactly once per request', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ping(i, 'cleo')));
    const tally = answers.map((r) => r.status).filter((s) => s === 200).length;
    expect(tally).toBe(LIMIT);
    const rows = await (stores[0] as Store).db.select().from(rateLimitCounters);
    expect(rows.find((r) => r.key === 'user:t:cleo')?.hits).toBe(20);
  });

  it('opens a new budget in the next window and purges the past one', async () => {
    at += 60_000;
    expect((await ping(0, 'ann')).status).toBe(200);
    at += 60_000;
    const purger = createSharedRateLimitStore({ db: (stores[0] as Store).db, now: () => at });
    purger.init?.({ windowMs: 60_000 } as Parameters<NonNullable<typeof purger.init>>[0]);
    expect(await purger.purgeExpired()).toBeGreaterThanOrEqual(3);
    const left = await (stores[0] as Store).db.select().from(rateLimitCounters);
    expect(left.map((r) => r.key).sort()).toEqual(['user:t:ann']);
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRouter, createApp, createLogger } from '../app/index.js';
import type { AccessControl, Principal, RouteDef } from '../app/index.js';
import { loadConfig } from '../config/index.js';
import { createGraphClient } from '../graph/index.js';
import type { GraphClient } from '../graph/index.js';
import { createAccessControl } from '../identity/index.js';
import { enqueueJob } from '../jobs/index.js';
import type { EnqueueOptions } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import type { Db } from '../store/index.js';
import { people } from '../store/index.js';

/**
 * Test-only helpers for the programs and match-run tests: services over a test store with a
 * movable clock and a record of enqueued jobs, and an HTTP API whose callers are named in the
 * bearer (`test:<userId>` or `test:<userId>:admin`) but authorized by the real access rules.
 */
export interface ProgramTestServices extends Services {
  enqueued: EnqueueOptions[];
  setNow(iso: string): void;
}

export function programTestServices(o: {
  db: Db;
  now?: string;
  graph?: GraphClient;
}): ProgramTestServices {
  let now = new Date(o.now ?? '2026-03-02T09:00:00Z');
  const enqueued: EnqueueOptions[] = [];
  const graph =
    o.graph ??
    createGraphClient({
      baseUrl: 'http://127.0.0.1:9/v1.0',
      tokenProvider: { getToken: async () => 'test-token' },
      maxRetries: 0,
    });
  return {
    db: o.db,
    graph,
    logger: createLogger({ level: 'silent' }),
    config: loadConfig({ NODE_ENV: 'test' }),
    now: () => new Date(now.getTime()),
    setNow(iso) {
      now = new Date(iso);
    },
    enqueued,
    async enqueue(job) {
      enqueued.push(job);
      await enqueueJob(o.db, job);
    },
    localTenant: undefined,
    publicUrl: () => 'http://127.0.0.1:3978',
  };
}

function testAccess(db: Db): AccessControl {
  const real = createAccessControl({
    db,
    validator: {
      validate: async () => {
        throw new Error('tokens are not validated in these tests');
      },
    },
  });
  return {
    async authenticate(req) {
      const m = /^Bearer test:([^:]+)(:admin)?$/.exec(req.headers.authorization ?? '');
      if (m === null) return undefined;
      const userId = m[1] ?? '';
      const principal: Principal = {
        userId,
        tenantId: 'test',
        name: userId,
        username: `${userId}@example.test`,
        roles: m[2] === undefined ? [] : ['Program.Admin'],
        scopes: ['access_as_user'],
      };
      return principal;
    },
    authorize: (rule, principal, params) => real.authorize(rule, principal, params),
  };
}

export interface CallResult {
  status: number;
  body: unknown;
  contentType: string;
}

export interface ProgramTestApi {
  call(
    method: string,
    path: string,
    o?: { as?: string; admin?: boolean; body?: unknown },
  ): Promise<CallResult>;
  close(): Promise<void>;
}

export async function startProgramTestApi(db: Db, routes: RouteDef[]): Promise<ProgramTestApi> {
  const app = createApp({
    logger: createLogger({ level: 'silent' }),
    readiness: { notReadyReason: () => undefined },
    apiRouters: [buildRouter(routes, testAccess(db))],
    rateLimit: { limit: 100_000, windowMs: 60_000 },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    async call(method, path, o = {}) {
      const headers: Record<string, string> = {};
      if (o.as !== undefined)
        headers.authorization = `Bearer test:${o.as}${o.admin === true ? ':admin' : ''}`;
      if (o.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`http://127.0.0.1:${port}/api${path}`, {
        method: method.toUpperCase(),
        headers,
        body: o.body === undefined ? undefined : JSON.stringify(o.body),
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        // Not JSON: keep the text.
      }
      return { status: res.status, body, contentType: res.headers.get('content-type') ?? '' };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type SeedPerson = Partial<typeof people.$inferInsert> & { id: string };

/** Inserts people with sensible defaults (an individual contributor in London). */
export async function seedPeople(db: Db, list: SeedPerson[]): Promise<void> {
  await db.insert(people).values(
    list.map((p) => ({
      displayName: p.id.toUpperCase(),
      mail: `${p.id}@example.test`,
      timeZone: 'Europe/London',
      depth: 3,
      orgSize: 0,
      ...p,
    })),
  );
}

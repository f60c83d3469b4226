import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRouter, createApp, createIdempotency, createLogger, problems } from '../app/index.js';
import type { AccessControl, Principal, RouteDef, Services } from '../app/index.js';
import { loadConfig } from '../config/index.js';
import { findPairingRole, findSessionMembership } from '../feedback/index.js';
import { createGraphClient } from '../graph/index.js';
import type { GraphClient } from '../graph/index.js';
import { createAccessControl } from '../identity/index.js';
import { enqueueJob } from '../jobs/index.js';
import type { EnqueueOptions, JobContext } from '../jobs/index.js';
import type { Db, Role } from '../store/index.js';
import { bookingSeries, enrolments, pairings, people, programs, sessions } from '../store/index.js';

/**
 * The one route-test harness: services over a test store with a movable clock and a record of
 * enqueued jobs, an HTTP API whose callers are named in the bearer (`test:<userId>` or
 * `test:<userId>:admin`), and seed data. Test-only; nothing outside tests imports it.
 */

export interface TestClock {
  now(): Date;
  set(iso: string | Date): void;
}

export function testClock(start: string): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current.getTime()),
    set: (v) => {
      current = new Date(v);
    },
  };
}

export interface TestServices extends Services {
  /** Every job enqueued through these services, in order. */
  enqueued: EnqueueOptions[];
  setNow(iso: string | Date): void;
}

export function testServices(o: {
  db: Db;
  clock?: TestClock;
  /** Start of the clock when no `clock` is given. */
  now?: string;
  graph?: GraphClient;
  graphBaseUrl?: string;
}): TestServices {
  const clock = o.clock ?? testClock(o.now ?? '2026-03-02T09:00:00Z');
  const enqueued: EnqueueOptions[] = [];
  const graph =
    o.graph ??
    createGraphClient({
      baseUrl: o.graphBaseUrl ?? 'http://127.0.0.1:9/v1.0',
      tokenProvider: { getToken: async () => 'test-token' },
      retryBaseDelayMs: 1,
      maxRetries: 0,
    });
  return {
    db: o.db,
    graph,
    logger: createLogger({ level: 'silent' }),
    config: loadConfig({ NODE_ENV: 'test' }),
    now: clock.now,
    setNow: clock.set,
    enqueued,
    async enqueue(job) {
      enqueued.push(job);
      await enqueueJob(o.db, job);
    },
    localTenant: undefined,
    publicUrl: () => 'http://127.0.0.1:3978',
  };
}

/** What a worker hands a job handler, for running one queued job by hand in a test. */
export function jobContextOf(job: JobContext['job']): JobContext {
  return {
    job: { ...job, attempts: job.attempts + 1 },
    checkpoint: async () => undefined,
    heartbeat: async () => undefined,
    signal: new AbortController().signal,
  };
}

/** Services of the programs and match-run tests (same harness, clock from an ISO string). */
export const programTestServices = testServices;
export type ProgramTestServices = TestServices;

function bearerPrincipal(authorization: string | undefined): Principal | undefined {
  const m = /^Bearer test:([^:]+)(:admin)?$/.exec(authorization ?? '');
  if (m === null) return undefined;
  const userId = m[1] ?? '';
  return {
    userId,
    tenantId: 'test',
    name: userId,
    username: `${userId}@example.test`,
    roles: m[2] === undefined ? [] : ['Program.Admin'],
    scopes: ['access_as_user'],
  };
}

/**
 * `permissive` lets admins through every member rule, the most permissive reading of the route
 * table, so the tests prove that private data is guarded by the handlers themselves and not only
 * by the access layer. `real` authorizes by the real access rules.
 */
export type TestAccessMode = 'permissive' | 'real';

export function testAccess(db: Db, mode: TestAccessMode = 'permissive'): AccessControl {
  const authenticate: AccessControl['authenticate'] = async (req) =>
    bearerPrincipal(req.headers.authorization);
  if (mode === 'real') {
    const real = createAccessControl({
      db,
      validator: {
        validate: async () => {
          throw new Error('tokens are not validated in these tests');
        },
      },
    });
    return {
      authenticate,
      authorize: (rule, principal, params) => real.authorize(rule, principal, params),
    };
  }
  return {
    authenticate,
    async authorize(rule, principal, params) {
      const admin = principal.roles.includes('Program.Admin');
      if (rule === 'admin' && !admin) throw problems.forbidden('Program admins only.');
      if ((rule === 'pairing-member' || rule === 'session-member') && !admin) {
        if (rule === 'pairing-member')
          await findPairingRole(db, params.pairingId ?? '', principal.userId);
        else await findSessionMembership(db, params.sessionId ?? '', principal.userId);
      }
    },
  };
}

export interface CallResult {
  status: number;
  /** Parsed JSON, or the text when the body is not JSON, or undefined when empty. */
  body: unknown;
  text: string;
  headers: Headers;
  contentType: string;
}

export interface TestApi {
  url: string;
  call(
    method: string,
    path: string,
    o?: { as?: string; admin?: boolean; body?: unknown; headers?: Record<string, string> },
  ): Promise<CallResult>;
  close(): Promise<void>;
}
export type ProgramTestApi = TestApi;

export async function startTestApi(
  db: Db,
  routes: RouteDef[],
  o: { access?: TestAccessMode } = {},
): Promise<TestApi> {
  const app = createApp({
    logger: createLogger({ level: 'silent' }),
    readiness: { notReadyReason: () => undefined },
    apiRouters: [
      buildRouter(routes, testAccess(db, o.access), { idempotency: createIdempotency({ db }) }),
    ],
    rateLimit: { limit: 100_000, windowMs: 60_000 },
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    async call(method, path, c = {}) {
      const headers: Record<string, string> = { ...c.headers };
      if (c.as !== undefined)
        headers.authorization = `Bearer test:${c.as}${c.admin === true ? ':admin' : ''}`;
      if (c.body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${url}/api${path}`, {
        method: method.toUpperCase(),
        headers,
        body: c.body === undefined ? undefined : JSON.stringify(c.body),
      });
      const text = await res.text();
      let body: unknown;
      try {
        body = text === '' ? undefined : (JSON.parse(text) as unknown);
      } catch {
        body = text;
      }
      const contentType = res.headers.get('content-type') ?? '';
      return { status: res.status, body, text, headers: res.headers, contentType };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The programs and match-run tests' API: the same harness under the real access rules. */
export function startProgramTestApi(db: Db, routes: RouteDef[]): Promise<TestApi> {
  return startTestApi(db, routes, { access: 'real' });
}

export type SeedPerson = Partial<typeof people.$inferInsert> & { id: string };

/** Inserts people with sensible defaults (an individual contributor in London). */
export async function seedPeople(db: Db, list: SeedPerson[]): Promise<void> {
  if (list.length === 0) return;
  await db.insert(people).values(
    list.map((p) => ({
      displayName: `Person ${p.id}`,
      mail: `${p.id}@example.test`,
      timeZone: 'Europe/London',
      depth: 3,
      orgSize: 0,
      ...p,
    })),
  );
}

export async function seedProgram(
  db: Db,
  o: { sessions?: number; createdBy?: string; status?: 'active' | 'closed'; closedAt?: Date } = {},
): Promise<string> {
  const rows = await db
    .insert(programs)
    .values({
      name: 'Test program',
      status: o.status ?? 'active',
      rules: {
        mentorMaxLevel: 2,
        leaderMinLevel: 5,
        minLevelGap: 2,
        topics: [],
        cadence: 'monthly',
        sessions: o.sessions ?? 3,
        durationMinutes: 45,
        leaderCapacity: 1,
        organizer: 'mentor',
        weights: { gap: 1, topics: 1, overlap: 1, diversity: 1, novelty: 1 },
      },
      guideTrackId: 'reverse-mentoring-core',
      guideTrackVersion: '2026.1',
      createdBy: o.createdBy ?? 'admin-1',
      closedAt: o.closedAt ?? null,
    })
    .returning({ id: programs.id });
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('program insert returned nothing');
  return id;
}

export interface SeedSession {
  startsAt: string;
  minutes?: number;
  status?: 'scheduled' | 'held' | 'declined' | 'cancelled' | 'rebooking' | 'missed';
  guideSessionNumber?: number;
  joinUrl?: string;
}

export async function seedPairing(
  db: Db,
  o: {
    programId: string;
    mentorId: string;
    leaderId: string;
    trackVersion?: string;
    trackId?: string;
    sessions?: SeedSession[];
    enrol?: boolean;
    joinUrl?: string;
  },
): Promise<{ pairingId: string; sessionIds: string[]; seriesId: string }> {
  if (o.enrol !== false) {
    const enrol = (personId: string, role: Role) =>
      db
        .insert(enrolments)
        .values({
          programId: o.programId,
          personId,
          role,
          topicsOffered: ['wellbeing'],
          topicsWanted: [],
        })
        .onConflictDoNothing();
    await enrol(o.mentorId, 'mentor');
    await enrol(o.leaderId, 'leader');
  }
  const rows = await db
    .insert(pairings)
    .values({
      programId: o.programId,
      mentorId: o.mentorId,
      leaderId: o.leaderId,
      explanation: `Matched ${o.mentorId} with ${o.leaderId} on wellbeing`,
      guideTrackId: o.trackId ?? 'reverse-mentoring-core',
      guideTrackVersion: o.trackVersion ?? '2026.1',
    })
    .returning({ id: pairings.id });
  const pairingId = rows[0]?.id;
  if (pairingId === undefined) throw new Error('pairing insert returned nothing');
  const series = await db
    .insert(bookingSeries)
    .values({
      pairingId,
      organizerId: o.mentorId,
      attendeeId: o.leaderId,
      status: 'booked',
      transactionId: `tx-${pairingId}`,
      joinUrl: o.joinUrl ?? null,
    })
    .returning({ id: bookingSeries.id });
  const seriesId = series[0]?.id;
  if (seriesId === undefined) throw new Error('series insert returned nothing');
  const sessionIds: string[] = [];
  let occurrence = 0;
  for (const s of o.sessions ?? []) {
    occurrence += 1;
    const start = new Date(s.startsAt);
    const inserted = await db
      .insert(sessions)
      .values({
        pairingId,
        seriesId,
        occurrence,
        guideSessionNumber: s.guideSessionNumber ?? occurrence,
        startsAt: start,
        endsAt: new Date(start.getTime() + (s.minutes ?? 45) * 60_000),
        status: s.status ?? 'scheduled',
        joinUrl: s.joinUrl ?? null,
      })
      .returning({ id: sessions.id });
    const id = inserted[0]?.id;
    if (id === undefined) throw new Error('session insert returned nothing');
    sessionIds.push(id);
  }
  return { pairingId, sessionIds, seriesId };
}

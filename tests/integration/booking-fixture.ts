import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { createApp, createLogger } from '../../api/src/app/index.js';
import { loadConfig } from '../../api/src/config/index.js';
import { createGraphClient, createLocalTokenProvider } from '../../api/src/graph/index.js';
import type { GraphClient } from '../../api/src/graph/index.js';
import { loadGuideLibrary } from '../../api/src/guides/index.js';
import { JobRunner, enqueueJob } from '../../api/src/jobs/index.js';
import type { JobHandler } from '../../api/src/jobs/index.js';
import { startLocalTenant } from '../../api/src/local-tenant/index.js';
import type { LocalTenant, LocalTenantOptions } from '../../api/src/local-tenant/index.js';
import { syncOrg } from '../../api/src/org/index.js';
import {
  bookingJobHandlers,
  graphNotificationRouter,
  queueProgramBookings,
  rebookSession,
  reconcileSeries,
  runJobsToCompletion,
} from '../../api/src/scheduling/index.js';
import type { Services } from '../../api/src/app/index.js';
import { bookingSeries, pairings, programs, sessions } from '../../api/src/store/index.js';
import type { ProgramRules, Store } from '../../api/src/store/index.js';
import { createTestStore } from '../../api/src/store/testing.js';

export interface BookingWorld {
  tenant: LocalTenant;
  store: Store;
  graph: GraphClient;
  services: Services;
  clock: { now: Date };
  runner(handlers?: Record<string, JobHandler>, o?: { leaseMs?: number }): JobRunner;
  drain(runner?: JobRunner): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_RULES: ProgramRules = {
  mentorMaxLevel: 2,
  leaderMinLevel: 5,
  minLevelGap: 2,
  topics: [],
  cadence: 'weekly',
  sessions: 6,
  durationMinutes: 45,
  leaderCapacity: 1,
  organizer: 'mentor',
  weights: { gap: 1, topics: 1, overlap: 1, diversity: 1, novelty: 1 },
};

export async function bookingWorld(
  o: { tenant?: LocalTenantOptions; now?: string; graph?: (g: GraphClient) => GraphClient } = {},
): Promise<BookingWorld> {
  const tenant = await startLocalTenant({
    port: 0,
    people: 60,
    retryAfterSeconds: 0.01,
    ...o.tenant,
  });
  const store = await createTestStore();
  const realGraph = createGraphClient({
    baseUrl: tenant.baseUrl,
    tokenProvider: createLocalTokenProvider({
      tokenUrl: tenant.tokenUrl,
      clientId: 'booking-tests',
      clientSecret: 'local',
    }),
    retryBaseDelayMs: 5,
    maxRetries: 8,
  });
  const graph = o.graph === undefined ? realGraph : o.graph(realGraph);
  await syncOrg({ db: store.db, graph: realGraph });
  const clock = { now: new Date(o.now ?? '2026-01-12T08:00:00Z') };
  const services: Services = {
    db: store.db,
    graph,
    logger: createLogger({ level: 'silent' }),
    config: loadConfig({ DATA_DIR: 'memory://' }),
    now: () => clock.now,
    enqueue: async (job) => {
      await enqueueJob(store.db, job);
    },
    localTenant: tenant,
    publicUrl: () => 'http://127.0.0.1:3978',
  };
  const kinds = Object.keys(bookingJobHandlers(services));
  const runner = (handlers?: Record<string, JobHandler>, r: { leaseMs?: number } = {}) =>
    new JobRunner({
      db: store.db,
      handlers: handlers ?? bookingJobHandlers(services),
      concurrency: 8,
      backoffMs: () => 5,
      ...(r.leaseMs === undefined ? {} : { leaseMs: r.leaseMs }),
    });
  return {
    tenant,
    store,
    graph,
    services,
    clock,
    runner,
    drain: (r) =>
      runJobsToCompletion(store.db, r ?? runner(), kinds, { timeoutMs: 20_000 }).then(
        () => undefined,
      ),
    async close() {
      await tenant.close();
      await store.close();
    },
  };
}

/**
 * A booking world whose app listens on loopback for Graph's validation requests and change
 * notifications (`/graph/*`), with `publicUrl` pointing there; `close` stops the listener too.
 */
export async function listeningBookingWorld(
  o: Parameters<typeof bookingWorld>[0] = {},
): Promise<BookingWorld & { url: string }> {
  const world = await bookingWorld(o);
  const app = createApp({
    logger: world.services.logger,
    readiness: { notReadyReason: () => undefined },
    rootRouters: [graphNotificationRouter(world.services)],
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  world.services.publicUrl = () => url;
  return {
    ...world,
    url,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await world.close();
    },
  };
}

/** Sets a person's mailbox zone and working hours in the tenant, as they would in Outlook. */
export function setMailbox(
  world: BookingWorld,
  personId: string,
  o: { timeZone: string; start: string; end: string; days?: string[] },
): void {
  world.tenant.state.updateUser(personId, {
    mailbox: {
      ...(world.tenant.state.user(personId)?.mailbox ?? {}),
      timeZone: o.timeZone,
      workingHours: {
        daysOfWeek: (o.days ?? ['monday', 'tuesday', 'wednesday', 'thursday', 'friday']) as never,
        startTime: `${o.start}:00.0000000`,
        endTime: `${o.end}:00.0000000`,
        timeZone: { name: o.timeZone },
      },
    } as never,
  });
}

export async function createProgram(
  world: BookingWorld,
  o: { name?: string; rules?: Partial<ProgramRules>; startsOn?: string } = {},
): Promise<string> {
  const track = (await loadGuideLibrary()).latest();
  if (track === undefined) throw new Error('no guide track');
  const [row] = await world.store.db
    .insert(programs)
    .values({
      name: o.name ?? 'Spring cohort',
      status: 'active',
      rules: { ...DEFAULT_RULES, ...o.rules },
      guideTrackId: track.id,
      guideTrackVersion: track.version,
      startsOn: o.startsOn ?? null,
      createdBy: 'test',
    })
    .returning({ id: programs.id });
  if (row === undefined) throw new Error('program insert failed');
  return row.id;
}

export async function createPairing(
  world: BookingWorld,
  programId: string,
  mentorId: string,
  leaderId: string,
): Promise<string> {
  const [program] = await world.store.db.select().from(programs).where(eq(programs.id, programId));
  if (program === undefined) throw new Error('no program');
  const [row] = await world.store.db
    .insert(pairings)
    .values({
      programId,
      mentorId,
      leaderId,
      guideTrackId: program.guideTrackId,
      guideTrackVersion: program.guideTrackVersion,
    })
    .returning({ id: pairings.id });
  if (row === undefined) throw new Error('pairing insert failed');
  return row.id;
}

/** People of the demo org that can read free/busy, in a stable order. */
export function readablePeople(world: BookingWorld): string[] {
  return world.tenant.state.org.people.filter((p) => !p.freeBusyError).map((p) => p.id);
}

/**
 * A pair of readable people (`offset`, `offset + 1`) in a new weekly program of four sessions,
 * with working hours in London, their series booked through the jobs.
 */
export async function bookWeeklyPair(
  world: BookingWorld,
  offset: number,
  hours: { start: string; end: string } = { start: '07:00', end: '19:00' },
) {
  const ids = readablePeople(world);
  const [mentor, leader] = [ids[offset] as string, ids[offset + 1] as string];
  for (const p of [mentor, leader])
    setMailbox(world, p, { timeZone: 'GMT Standard Time', ...hours });
  const programId = await createProgram(world, { rules: { cadence: 'weekly', sessions: 4 } });
  const pairingId = await createPairing(world, programId, mentor, leader);
  await queueProgramBookings(world.services, programId);
  await world.drain();
  const [series] = await world.store.db
    .select()
    .from(bookingSeries)
    .where(eq(bookingSeries.pairingId, pairingId));
  if (series?.eventId == null) throw new Error('not booked');
  return { mentor, leader, programId, pairingId, series };
}

/**
 * A booked pair (working 08:00-18:00) whose leader declines the second session in Outlook an hour
 * after booking (the series job's free/busy read is then no longer fresh, so a rebook reads both
 * calendars, where the cancelled occurrence is free), and the reconcile that marks it declined.
 */
export async function pairWithSecondDeclined(world: BookingWorld, offset: number) {
  const { mentor, leader, pairingId, series } = await bookWeeklyPair(world, offset, {
    start: '08:00',
    end: '18:00',
  });
  const [second] = await world.store.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.pairingId, pairingId), eq(sessions.occurrence, 2)));
  if (second === undefined) throw new Error('no second session');
  world.clock.now = new Date(world.clock.now.getTime() + 3_600_000);
  const theirSeries = world.tenant.state.attendeeEventId(mentor, series.eventId ?? '', leader);
  world.tenant.state.respond(
    leader,
    world.tenant.state.occurrenceId(leader, theirSeries, second.startsAt),
    'declined',
  );
  const { declined } = await reconcileSeries(world.services, series.id);
  if (declined !== 1) throw new Error(`reconcile saw ${declined} declined sessions, not 1`);
  world.tenant.resetStats();
  return { mentor, leader, series, second };
}

export async function sessionRow(world: BookingWorld, id: string) {
  const [row] = await world.store.db.select().from(sessions).where(eq(sessions.id, id));
  if (row === undefined) throw new Error('session gone');
  return row;
}

/**
 * Starts a rebook of the session whose process dies while reading free/busy (whatever it did in
 * Graph before that stays done), and waits until it got there.
 */
export async function rebookDyingAtFreeBusy(world: BookingWorld, sessionId: string) {
  let died = false;
  const dying = {
    ...world.services,
    graph: {
      ...world.graph,
      getSchedule: () => {
        died = true;
        return new Promise<never>(() => undefined);
      },
    },
  };
  void rebookSession(dying, sessionId);
  for (let i = 0; i < 200 && !died; i++) await new Promise((r) => setTimeout(r, 25));
  if (!died) throw new Error('the rebook never read free/busy');
}

/** Start times of the single meetings (not series) live in the organizer's calendar. */
export function liveSingleStarts(world: BookingWorld, organizer: string): number[] {
  return world.tenant.state
    .events(organizer)
    .filter((c) => c.meeting.recurrence === null && !c.meeting.cancelled)
    .map((c) => c.meeting.startMs);
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { GraphClient } from '../../api/src/graph/index.js';
import { JobRunner, requeueJob, seriesBookJob } from '../../api/src/jobs/index.js';
import {
  bookingJobHandlers,
  prefetchProgramFreeBusy,
  queueProgramBookings,
} from '../../api/src/scheduling/index.js';
import { bookingSeries, jobs, sessions } from '../../api/src/store/index.js';
import {
  bookingWorld,
  createPairing,
  createProgram,
  readablePeople,
  setMailbox,
  type BookingWorld,
} from './booking-fixture.js';

/** What the test does to the next create calls: die after Graph made the event, or before. */
const faults = { hangAfterCreate: 0, failBeforeCreate: 0, creates: 0 };

function faultyGraph(real: GraphClient): GraphClient {
  return {
    ...real,
    async createEvent(organizerId, event, o) {
      faults.creates++;
      if (faults.failBeforeCreate > 0) {
        faults.failBeforeCreate--;
        throw new Error('connection reset before the request was sent');
      }
      const created = await real.createEvent(organizerId, event, o);
      if (faults.hangAfterCreate > 0) {
        faults.hangAfterCreate--;
        // The process dies here: Graph has the event, our database never hears of it.
        return new Promise<never>(() => undefined);
      }
      return created;
    },
  };
}

/** Jobs a worker claims together share their statements (plans stored in one transaction). */
const GROUP = 8;

let world: BookingWorld;
beforeAll(async () => {
  world = await bookingWorld({ graph: faultyGraph });
}, 60_000);
afterAll(async () => {
  await world.close();
});

function organizerEvents(w: BookingWorld, organizerId: string) {
  return w.tenant.state.events(organizerId).filter((c) => c.meeting.organizerId === organizerId);
}

async function pairsOf(w: BookingWorld, n: number, offset: number) {
  const ids = readablePeople(w);
  const programId = await createProgram(w, { name: `Crash cohort ${offset}` });
  const pairs: { pairingId: string; mentor: string; leader: string }[] = [];
  for (let i = 0; i < n; i++) {
    const mentor = ids[offset + 2 * i] as string;
    const leader = ids[offset + 2 * i + 1] as string;
    setMailbox(w, mentor, { timeZone: 'GMT Standard Time', start: '08:00', end: '18:00' });
    setMailbox(w, leader, { timeZone: 'GMT Standard Time', start: '08:00', end: '18:00' });
    pairs.push({ pairingId: await createPairing(w, programId, mentor, leader), mentor, leader });
  }
  return { programId, pairs };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('crash safety', () => {
  it('a worker killed between the create call and recording it creates nothing twice when resumed', async () => {
    const { programId, pairs } = await pairsOf(world, 6, 0);
    faults.hangAfterCreate = 2;
    faults.failBeforeCreate = 1;
    await queueProgramBookings(world.services, programId);
    // Worker A takes every job and "dies" inside two of them, holding their leases: it takes
    // nothing more (a live worker would take its own expired leases over, as any other does).
    const workerA = world.runner(undefined, { leaseMs: 400 });
    void workerA.runUntilIdle({ maxJobs: pairs.length });
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let i = 0; i < 100; i++) {
      const running = await world.store.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(eq(jobs.status, 'running'));
      const queued = await world.store.db
        .select({ id: jobs.id })
        .from(jobs)
        .where(eq(jobs.status, 'queued'));
      if (running.length === 2 && queued.length === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stuck = await world.store.db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.status, 'searching'));
    // Two died after Outlook created their event; one failed before its request left.
    expect(stuck).toHaveLength(3);
    const withEvent = stuck.filter((s) => organizerEvents(world, s.organizerId).length === 1);
    expect(withEvent).toHaveLength(2);
    for (const s of withEvent) {
      expect(organizerEvents(world, s.organizerId)[0]?.meeting.transactionId).toBe(s.transactionId);
    }

    // Worker B takes the expired leases over and finishes the jobs.
    await world.drain(world.runner());
    const series = await world.store.db
      .select()
      .from(bookingSeries)
      .where(
        inArray(
          bookingSeries.pairingId,
          pairs.map((p) => p.pairingId),
        ),
      );
    expect(series).toHaveLength(6);
    for (const s of series) expect(['booked', 'partial']).toContain(s.status);
    for (const p of pairs) {
      const events = organizerEvents(world, p.mentor);
      expect(events).toHaveLength(1);
      expect(world.tenant.state.events(p.leader)).toHaveLength(1);
      const s = series.find((x) => x.pairingId === p.pairingId);
      expect(events[0]?.meeting.transactionId).toBe(s?.transactionId);
      expect(events[0]?.id).toBe(s?.eventId);
    }
  });

  it('a storm of 429s still books every pair exactly once', async () => {
    const { programId, pairs } = await pairsOf(world, 5, 20);
    world.tenant.faults.rate429 = 0.5;
    try {
      await queueProgramBookings(world.services, programId);
      await world.drain();
    } finally {
      world.tenant.faults.rate429 = 0;
    }
    expect(world.tenant.stats().throttled).toBeGreaterThan(0);
    for (const p of pairs) {
      expect(organizerEvents(world, p.mentor)).toHaveLength(1);
      const [s] = await world.store.db
        .select()
        .from(bookingSeries)
        .where(eq(bookingSeries.pairingId, p.pairingId));
      expect(['booked', 'partial']).toContain(s?.status);
    }
  });

  it('a crash in the middle of a group of jobs leaves each pair one series when workers grouping differently resume', async () => {
    const { programId, pairs } = await pairsOf(world, GROUP, 30);
    const pairingIds = pairs.map((p) => p.pairingId);
    // Calendars read first (as the program's first job does), so the jobs move in step.
    await prefetchProgramFreeBusy(world.services, programId);
    faults.hangAfterCreate = GROUP;
    await queueProgramBookings(world.services, programId);

    // Worker A claims the whole group and dies once every create has reached Outlook.
    void world.runner(undefined, { leaseMs: 500 }).runUntilIdle({ maxJobs: GROUP });
    const planned = await until('the group planned and sent', async () => {
      const rows = await world.store.db
        .select()
        .from(bookingSeries)
        .where(inArray(bookingSeries.pairingId, pairingIds));
      const sent = rows.filter(
        (s) => s.status === 'searching' && organizerEvents(world, s.organizerId).length === 1,
      );
      return sent.length === GROUP ? rows : undefined;
    });
    // One step stored the whole group's plans: one transaction, one timestamp.
    expect(new Set(planned.map((s) => s.updatedAt.getTime())).size).toBe(1);
    expect(new Set(planned.map((s) => s.transactionId)).size).toBe(GROUP);

    // Two workers take the expired leases over, in groups of other sizes.
    const worker = (concurrency: number) =>
      new JobRunner({
        db: world.store.db,
        handlers: bookingJobHandlers(world.services),
        concurrency,
        backoffMs: () => 5,
      });
    await Promise.all([world.drain(worker(3)), world.drain(worker(2))]);

    const series = await world.store.db
      .select()
      .from(bookingSeries)
      .where(inArray(bookingSeries.pairingId, pairingIds));
    expect(series).toHaveLength(GROUP);
    for (const p of pairs) {
      const mine = series.filter((s) => s.pairingId === p.pairingId);
      expect(mine).toHaveLength(1);
      const [s] = mine;
      expect(['booked', 'partial']).toContain(s?.status);
      // Exactly one event in Outlook, the one this pair's stored request made.
      const events = organizerEvents(world, p.mentor);
      expect(events).toHaveLength(1);
      expect(world.tenant.state.events(p.leader)).toHaveLength(1);
      expect(events[0]?.meeting.transactionId).toBe(s?.transactionId);
      expect(events[0]?.id).toBe(s?.eventId);
      expect(events[0]?.meeting.attendees.map((a) => a.address.toLowerCase())).toEqual([
        world.tenant.state.user(p.leader)?.mail.toLowerCase(),
      ]);
      // Its sessions belong to its own series.
      const own = await world.store.db
        .select({ seriesId: sessions.seriesId })
        .from(sessions)
        .where(eq(sessions.pairingId, p.pairingId));
      expect(own).toHaveLength(6);
      for (const row of own) expect(row.seriesId).toBe(s?.id);
    }
    const book = await world.store.db
      .select({ status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.kind, 'series-book'), inArray(jobs.key, pairingIds)));
    expect(book.map((j) => j.status)).toEqual(Array(GROUP).fill('succeeded'));
  });

  it('a worker killed after recording a series but before queuing its watch: the resumed job queues it', async () => {
    const { programId, pairs } = await pairsOf(world, 1, 50);
    const [pair] = pairs;
    if (pair === undefined) throw new Error('no pair');
    await queueProgramBookings(world.services, programId);
    await world.drain(world.runner());
    const watch = () =>
      world.store.db
        .select({ key: jobs.key })
        .from(jobs)
        .where(
          and(eq(jobs.kind, 'graph-subscribe'), inArray(jobs.key, [pair.mentor, pair.leader])),
        );
    expect(await watch()).toHaveLength(2);
    // The death: the series is recorded booked, the follow-up insert never happened.
    await world.store.db
      .delete(jobs)
      .where(and(eq(jobs.kind, 'graph-subscribe'), inArray(jobs.key, [pair.mentor, pair.leader])));
    // Another worker takes the job over and finds the series booked.
    await requeueJob(world.store.db, seriesBookJob(pair.pairingId));
    await world.drain(world.runner());
    expect((await watch()).map((j) => j.key).sort()).toEqual([pair.mentor, pair.leader].sort());
    expect(organizerEvents(world, pair.mentor)).toHaveLength(1);
  });
});

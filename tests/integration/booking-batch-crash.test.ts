import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { GraphClient } from '../../api/src/graph/index.js';
import { JobRunner } from '../../api/src/jobs/index.js';
import { bookingJobHandlers, queueProgramBookings } from '../../api/src/scheduling/index.js';
import { bookingSeries, jobs, sessions } from '../../api/src/store/index.js';
import {
  bookingWorld,
  createPairing,
  createProgram,
  readablePeople,
  setMailbox,
  type BookingWorld,
} from './booking-fixture.js';

/*
 * A worker runs the booking jobs it claims together: their plans are stored in one transaction
 * and their creates leave in one `$batch`. A crash in the middle of such a group must still leave
 * every pair with exactly one series when other workers, grouping the jobs differently, resume.
 */

const GROUP = 8;
/** Creates that reach Outlook and then never answer: the worker dies with the group in flight. */
const faults = { hangAfterCreate: 0 };

function dyingGraph(real: GraphClient): GraphClient {
  return {
    ...real,
    async createEvent(organizerId, event, o) {
      const created = await real.createEvent(organizerId, event, o);
      if (faults.hangAfterCreate > 0) {
        faults.hangAfterCreate--;
        return new Promise<never>(() => undefined);
      }
      return created;
    },
  };
}

let world: BookingWorld;
beforeAll(async () => {
  world = await bookingWorld({ graph: dyingGraph });
}, 60_000);
afterAll(async () => {
  await world.close();
});

function organizerEvents(organizerId: string) {
  return world.tenant.state
    .events(organizerId)
    .filter((c) => c.meeting.organizerId === organizerId);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('a crash in the middle of a group of booking jobs', () => {
  it('leaves each pair with exactly one series when workers grouping differently resume', async () => {
    const ids = readablePeople(world);
    const programId = await createProgram(world, { name: 'Group crash cohort' });
    const pairs: { pairingId: string; mentor: string; leader: string }[] = [];
    for (let i = 0; i < GROUP; i++) {
      const mentor = ids[2 * i] as string;
      const leader = ids[2 * i + 1] as string;
      for (const p of [mentor, leader])
        setMailbox(world, p, { timeZone: 'W. Europe Standard Time', start: '08:00', end: '18:00' });
      pairs.push({
        pairingId: await createPairing(world, programId, mentor, leader),
        mentor,
        leader,
      });
    }
    const pairingIds = pairs.map((p) => p.pairingId);
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
        (s) => s.status === 'searching' && organizerEvents(s.organizerId).length === 1,
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
      const events = organizerEvents(p.mentor);
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
});

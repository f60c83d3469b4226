import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { seedPairing } from '../../api/src/testing/route-harness.js';
import { enqueueJob } from '../../api/src/jobs/index.js';
import { syncPendingMailboxes } from '../../api/src/org/index.js';
import { freeBusyCache, sessions } from '../../api/src/store/index.js';
import {
  bookingWorld,
  createProgram,
  readablePeople,
  setMailbox,
  type BookingWorld,
} from './booking-fixture.js';

let world: BookingWorld;
beforeAll(async () => {
  world = await bookingWorld({ now: '2026-01-19T08:00:00Z' });
}, 60_000);
afterAll(async () => {
  await world.close();
});

const DAY = 86_400_000;

/**
 * A pair whose second session waits for a meeting of its own, with both people's free/busy read
 * just now by the series job: busy for two whole days from the day before the session.
 */
async function pairWithCachedRead(
  w: BookingWorld,
  mentor: string,
  leader: string,
  status: 'rebooking' | 'declined',
  busy: { start: number; end: number }[] = [
    { start: Date.parse('2026-01-26T00:00:00Z'), end: Date.parse('2026-01-28T00:00:00Z') },
  ],
): Promise<string> {
  for (const id of [mentor, leader])
    setMailbox(w, id, { timeZone: 'GMT Standard Time', start: '08:00', end: '18:00' });
  const programId = await createProgram(w);
  const { sessionIds } = await seedPairing(w.store.db, {
    programId,
    mentorId: mentor,
    leaderId: leader,
    sessions: [{ startsAt: '2026-01-20T10:00:00Z' }, { startsAt: '2026-01-27T10:00:00Z', status }],
  });
  await syncPendingMailboxes({ db: w.store.db, graph: w.graph, now: w.services.now });
  const now = w.clock.now.getTime();
  await w.store.db
    .insert(freeBusyCache)
    .values(
      [mentor, leader].map((personId) => ({
        personId,
        windowStart: new Date(now),
        windowEnd: new Date(now + 60 * DAY),
        busy,
        unknownWindows: [],
        fetchedAt: new Date(now),
      })),
    )
    .onConflictDoNothing();
  const sessionId = sessionIds[1] as string;
  await enqueueJob(w.store.db, {
    kind: 'session-rebook',
    key: sessionId,
    payload: { sessionId },
  });
  return sessionId;
}

describe('rebooking a session', () => {
  it('books a session that did not fit its series from the series job read, without reading calendars again', async () => {
    const ids = readablePeople(world);
    const sessionId = await pairWithCachedRead(
      world,
      ids[0] as string,
      ids[1] as string,
      'rebooking',
    );
    world.tenant.resetStats();
    await world.drain();
    const [row] = await world.store.db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row?.status).toBe('scheduled');
    // The two days the read said were busy were kept free of the new meeting.
    expect(row?.startsAt.getTime()).toBeGreaterThanOrEqual(Date.parse('2026-01-28T00:00:00Z'));
    const { byRoute } = world.tenant.stats();
    expect(byRoute['POST /users/{id}/calendar/getSchedule']).toBeUndefined();
    expect(byRoute['POST /users/{id}/events']).toBe(1);
  });

  it('moves a session that cannot keep its time to the free time closest to it, not the earliest free time a day before', async () => {
    const ids = readablePeople(world);
    // A standing meeting at 10:00 every working day, the session's own hour included: Monday
    // morning is free, but a day early; Tuesday 09:00 and 11:00 are an hour away.
    const standing = [26, 27, 28, 29, 30].map((d) => ({
      start: Date.parse(`2026-01-${d}T10:00:00Z`),
      end: Date.parse(`2026-01-${d}T11:00:00Z`),
    }));
    const sessionId = await pairWithCachedRead(
      world,
      ids[4] as string,
      ids[5] as string,
      'rebooking',
      standing,
    );
    await world.drain();
    const [row] = await world.store.db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row?.status).toBe('scheduled');
    expect(row?.startsAt.toISOString()).toBe('2026-01-27T09:00:00.000Z');
  });

  it('reads both calendars afresh for a session the partner declined', async () => {
    const ids = readablePeople(world);
    const sessionId = await pairWithCachedRead(
      world,
      ids[2] as string,
      ids[3] as string,
      'declined',
    );
    world.tenant.resetStats();
    await world.drain();
    const [row] = await world.store.db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(row?.status).toBe('scheduled');
    expect(world.tenant.stats().byRoute['POST /users/{id}/calendar/getSchedule']).toBe(1);
  });
});

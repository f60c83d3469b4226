import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../api/src/config/index.js';
import {
  bookingProgress,
  queueProgramBookings,
  reconcileAll,
  reconcileSeries,
  retryBooking,
} from '../../api/src/scheduling/index.js';
import { syncOrg } from '../../api/src/org/index.js';
import { bookingSeries, notifications, sessions } from '../../api/src/store/index.js';
import {
  bookingWorld,
  createPairing,
  createProgram,
  readablePeople,
  setMailbox,
  type BookingWorld,
} from './booking-fixture.js';

let world: BookingWorld;
beforeAll(async () => {
  world = await bookingWorld({ now: new Date(Date.now() - 3 * 86_400_000).toISOString() });
  // A small retry budget, as production has a larger one.
  world.services.config = loadConfig({ DATA_DIR: 'memory://', CALENDAR_RETRY_ATTEMPTS: '2' });
}, 60_000);
afterAll(async () => {
  await world.close();
});

/** Items still in someone's calendar: not deleted by them, not cancelled by the organizer. */
function liveItems(personId: string) {
  return world.tenant.state.events(personId).filter((c) => !c.meeting.cancelled);
}

async function sessionsOf(pairingId: string) {
  return (
    await world.store.db.select().from(sessions).where(eq(sessions.pairingId, pairingId))
  ).sort((a, b) => a.occurrence - b.occurrence);
}

async function bookPair(offset: number) {
  const ids = readablePeople(world);
  const [mentor, leader] = [ids[offset] as string, ids[offset + 1] as string];
  for (const p of [mentor, leader]) {
    setMailbox(world, p, { timeZone: 'GMT Standard Time', start: '07:00', end: '19:00' });
  }
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

describe('departures', () => {
  it('an organizer who leaves the company leaves nothing in the partner calendar, and the partner is told', async () => {
    const { mentor, leader, pairingId, series } = await bookPair(44);
    expect(liveItems(leader)).toHaveLength(1);
    // The directory removes the mentor (the organizer); their mailbox answers 404 from now on.
    world.tenant.state.removeUser(mentor);
    await syncOrg({ db: world.store.db, graph: world.graph });
    const started = performance.now();
    await reconcileSeries(world.services, series.id);
    await world.drain();
    const tookMs = performance.now() - started;
    expect(liveItems(leader)).toHaveLength(0);
    const [cancelled] = await world.store.db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.id, series.id));
    expect(cancelled?.status).toBe('cancelled');
    const told = await world.store.db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, leader));
    expect(told.map((n) => n.text)).toEqual([expect.stringMatching(/has left/)]);
    expect(told[0]?.pairingId).toBe(pairingId);
    expect(tookMs).toBeLessThan(20_000);
  });
});

describe('no stranded bookings', () => {
  it('Graph down past the retry budget leaves sessions needing attention; a retry books each once; a deleted single is rebooked', async () => {
    const ids = readablePeople(world);
    const [mentor, leader] = [ids[40] as string, ids[41] as string];
    for (const p of [mentor, leader]) {
      setMailbox(world, p, { timeZone: 'GMT Standard Time', start: '07:00', end: '19:00' });
    }
    const programId = await createProgram(world, { rules: { cadence: 'weekly', sessions: 4 } });
    const pairingId = await createPairing(world, programId, mentor, leader);
    await queueProgramBookings(world.services, programId);
    await world.drain();
    const [series] = await world.store.db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.pairingId, pairingId));
    if (series?.eventId == null) throw new Error('not booked');

    // The organizer deletes the whole series in Outlook; the series row follows the calendar.
    world.tenant.state.cancelAsOrganizer(mentor, series.eventId);
    const summary = await reconcileSeries(world.services, series.id);
    expect(summary.rebooking).toBe(4);
    const [broken] = await world.store.db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.id, series.id));
    expect(broken?.status).toBe('broken');
    expect(broken?.failureReason).toMatch(/gone from the calendar/);

    // Graph fails for longer than two attempts of each rebooking.
    world.tenant.faults.rate503 = 1;
    await world.drain();
    const stuck = await sessionsOf(pairingId);
    expect(stuck.map((s) => s.status)).toEqual(Array(4).fill('needs-attention'));
    expect(stuck[0]?.statusReason).toMatch(/Rebooking failed 2 times/);
    const view = await bookingProgress(world.services, programId);
    expect(view.items[0]?.needsAttention).toHaveLength(4);
    expect(view.items[0]?.status).toBe('broken');
    // Nothing in either calendar while Graph was down.
    expect(liveItems(mentor)).toHaveLength(0);
    expect(liveItems(leader)).toHaveLength(0);

    // Graph is back; the admin's retry books every session exactly once.
    world.tenant.faults.rate503 = 0;
    const retried = await retryBooking(world.services, 'hr', series.id);
    expect(retried).toEqual({ queued: true, sessions: 4 });
    await world.drain();
    const booked = await sessionsOf(pairingId);
    expect(booked.map((s) => s.status)).toEqual(Array(4).fill('scheduled'));
    for (const person of [mentor, leader]) {
      const items = liveItems(person);
      expect(items).toHaveLength(4);
      expect(items.every((c) => c.meeting.recurrence === null)).toBe(true);
      expect(items.map((c) => c.meeting.startMs).sort()).toEqual(
        booked.map((s) => s.startsAt.getTime()).sort(),
      );
    }
    expect((await bookingProgress(world.services, programId)).items[0]?.needsAttention).toEqual([]);

    // The mentor deletes one rebooked single: the next reconcile notices and books it again.
    const victim = booked[1];
    if (victim?.eventId == null) throw new Error('no event for the second session');
    world.tenant.state.cancelAsOrganizer(mentor, victim.eventId);
    await reconcileAll(world.services);
    const noticed = await reconcileSeries(world.services, series.id);
    expect(noticed).toMatchObject({ cancelled: 1, rebooking: 1 });
    await world.drain();
    const after = await sessionsOf(pairingId);
    const again = after.find((s) => s.id === victim.id);
    expect(again?.status).toBe('scheduled');
    expect(again?.eventId).not.toBe(victim.eventId);
    for (const person of [mentor, leader]) {
      const items = liveItems(person);
      expect(items).toHaveLength(4);
      expect(items.map((c) => c.meeting.startMs).sort()).toEqual(
        after.map((s) => s.startsAt.getTime()).sort(),
      );
    }
  });
});

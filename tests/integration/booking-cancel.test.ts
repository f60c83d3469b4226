import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { queueProgramBookings, queueSeriesCancel } from '../../api/src/scheduling/index.js';
import { bookingSeries, pairings, sessions } from '../../api/src/store/index.js';
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
  world = await bookingWorld();
}, 60_000);
afterAll(async () => {
  await world.close();
});

describe('series cancellation', () => {
  it('a pairing that ends leaves nothing in either calendar', async () => {
    const ids = readablePeople(world);
    const [mentor, leader] = [ids[40] as string, ids[41] as string];
    setMailbox(world, mentor, { timeZone: 'GMT Standard Time', start: '08:00', end: '18:00' });
    setMailbox(world, leader, {
      timeZone: 'W. Europe Standard Time',
      start: '08:00',
      end: '18:00',
    });
    const programId = await createProgram(world);
    const pairingId = await createPairing(world, programId, mentor, leader);
    await queueProgramBookings(world.services, programId);
    await world.drain();
    expect(world.tenant.state.events(mentor)).toHaveLength(1);
    const leaderCopy = world.tenant.state.events(leader)[0];
    expect(leaderCopy).toBeDefined();

    await world.store.db
      .update(pairings)
      .set({ status: 'ended' })
      .where(eq(pairings.id, pairingId));
    await queueSeriesCancel(world.services, pairingId, 'left-program');
    await world.drain();

    expect(world.tenant.state.events(mentor)).toHaveLength(0);
    // The leader's copy is cancelled by the organizer: Outlook shows it as cancelled, not busy.
    expect(leaderCopy?.meeting.cancelled).toBe(true);
    const person = world.tenant.state.user(leader);
    if (person === undefined) throw new Error('leader missing');
    const booked = world.tenant.state.calendars.busy(
      leader,
      Date.now() - 400 * 86_400_000,
      Date.now() + 400 * 86_400_000,
    );
    expect(booked).toHaveLength(0);
    const [series] = await world.store.db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.pairingId, pairingId));
    expect(series?.status).toBe('cancelled');
    const rows = await world.store.db
      .select()
      .from(sessions)
      .where(eq(sessions.pairingId, pairingId));
    expect(rows.length).toBe(6);
    expect(rows.every((r) => r.status === 'cancelled')).toBe(true);

    // Cancelling again is harmless and sends nothing.
    const before = world.tenant.stats().requests;
    await world.store.db
      .update(pairings)
      .set({ status: 'ended' })
      .where(eq(pairings.id, pairingId));
    const { cancelSeries } = await import('../../api/src/scheduling/index.js');
    const again = await cancelSeries(world.services, pairingId, 'left-program');
    expect(again.events).toBe(0);
    expect(world.tenant.stats().requests).toBe(before);
  });
});

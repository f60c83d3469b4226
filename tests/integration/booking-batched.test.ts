import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { queueProgramBookings } from '../../api/src/scheduling/index.js';
import { bookingSeries, people } from '../../api/src/store/index.js';
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

describe('booking a cohort near one Graph request a pair', () => {
  it('creates the series in shared $batch calls and takes working hours from the free/busy read', async () => {
    const ids = readablePeople(world).slice(0, 12);
    const programId = await createProgram(world, { name: 'Batched cohort' });
    const pairingIds: string[] = [];
    for (let i = 0; i < ids.length; i += 2) {
      const [mentor, leader] = [ids[i] as string, ids[i + 1] as string];
      setMailbox(world, mentor, { timeZone: 'GMT Standard Time', start: '09:00', end: '17:00' });
      setMailbox(world, leader, {
        timeZone: 'Romance Standard Time',
        start: '08:00',
        end: '16:00',
      });
      pairingIds.push(await createPairing(world, programId, mentor, leader));
    }
    world.tenant.resetStats();
    await queueProgramBookings(world.services, programId);
    await world.drain();

    const series = await world.store.db
      .select()
      .from(bookingSeries)
      .where(inArray(bookingSeries.pairingId, pairingIds));
    expect(series).toHaveLength(6);
    for (const s of series) expect(['booked', 'partial']).toContain(s.status);
    // Each organizer has exactly the one series, the one with the id stored before sending.
    for (const s of series) {
      const own = world.tenant.state
        .events(s.organizerId)
        .filter((c) => c.meeting.organizerId === s.organizerId);
      expect(own.map((c) => c.meeting.transactionId)).toEqual([s.transactionId]);
    }
    const { byRoute, requests } = world.tenant.stats();
    // Six creates, and fewer HTTP requests than creates: they shared `$batch` calls.
    expect(byRoute['POST /users/{id}/events']).toBe(6);
    expect(byRoute['POST /$batch']).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThan(6 + (byRoute['POST /users/{id}/calendar/getSchedule'] ?? 0));
    // The free/busy answers carried the working hours: no mailbox settings read per person.
    expect(byRoute['GET /users/{id}/mailboxSettings']).toBeUndefined();
    const stored = await world.store.db.select().from(people).where(inArray(people.id, ids));
    for (const p of stored) {
      expect(['Europe/London', 'Europe/Paris']).toContain(p.timeZone);
      expect(p.workingHours).not.toBeNull();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ProblemError } from '../../api/src/app/index.js';
import {
  bookingProgress,
  queueProgramBookings,
  retryBooking,
} from '../../api/src/scheduling/index.js';
import { auditLog, jobs, people } from '../../api/src/store/index.js';
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

describe('booking progress', () => {
  it('shows each pair with its status and reason, and a failed series can be retried once fixed', async () => {
    const ids = readablePeople(world);
    const [m1, l1, m2, l2] = [ids[44], ids[45], ids[46], ids[47]] as string[];
    setMailbox(world, m1 as string, {
      timeZone: 'GMT Standard Time',
      start: '08:00',
      end: '18:00',
    });
    setMailbox(world, l1 as string, {
      timeZone: 'GMT Standard Time',
      start: '08:00',
      end: '18:00',
    });
    setMailbox(world, m2 as string, {
      timeZone: 'GMT Standard Time',
      start: '09:00',
      end: '17:00',
    });
    setMailbox(world, l2 as string, {
      timeZone: 'Tokyo Standard Time',
      start: '09:00',
      end: '17:00',
    });
    const programId = await createProgram(world);
    await createPairing(world, programId, m1 as string, l1 as string);
    const failing = await createPairing(world, programId, m2 as string, l2 as string);
    await queueProgramBookings(world.services, programId);
    await world.drain();

    const view = await bookingProgress(world.services, programId);
    expect(view.items).toHaveLength(2);
    expect(view.counts.failed).toBe(1);
    expect(view.counts.booked + view.counts.partial).toBe(1);
    const failed = view.items.find((i) => i.pairingId === failing);
    expect(failed?.status).toBe('failed');
    expect(failed?.failureReason).toContain('No shared working hours');
    expect(failed?.mentor.id).toBe(m2);
    expect(failed?.attempts).toBe(1);
    const booked = view.items.find((i) => i.pairingId !== failing);
    expect(booked?.firstSessionAt).not.toBeNull();
    await expect(
      retryBooking(world.services, 'admin-1', booked?.seriesId ?? ''),
    ).rejects.toBeInstanceOf(ProblemError);

    // The leader's working hours change (the next mailbox sync); the admin retries and it books.
    await world.store.db
      .update(people)
      .set({
        workingHours: {
          daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
          startTime: '09:00:00.0000000',
          endTime: '23:00:00.0000000',
          timeZone: 'Asia/Tokyo',
        },
      })
      .where(eq(people.id, l2 as string));
    await retryBooking(world.services, 'admin-1', failed?.seriesId ?? '');
    const audit = await world.store.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, 'booking.retry'), eq(auditLog.targetId, failed?.seriesId ?? '')),
      );
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actorId).toBe('admin-1');
    await world.drain();
    const after = await bookingProgress(world.services, programId);
    expect(after.items.find((i) => i.pairingId === failing)?.status).toMatch(/booked|partial/);
    const [job] = await world.store.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'series-book'), eq(jobs.key, failing)));
    expect(job?.status).toBe('succeeded');
  });
});

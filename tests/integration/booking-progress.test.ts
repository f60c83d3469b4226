import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ProblemError } from '../../api/src/app/index.js';
import {
  bookingProgress,
  queueProgramBookings,
  retryBooking,
} from '../../api/src/scheduling/index.js';
import { seedPairing } from '../../api/src/testing/route-harness.js';
import { bookTimeAway } from '../../api/src/local-tenant/testing.js';
import { enqueueJob } from '../../api/src/jobs/index.js';
import { syncPendingMailboxes } from '../../api/src/org/index.js';
import { auditLog, bookingSeries, jobs, people, sessions } from '../../api/src/store/index.js';
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
    if (booked?.status === 'booked') {
      expect(booked.moved).toEqual([]);
      await expect(retryBooking(world.services, 'admin-1', booked.seriesId)).rejects.toBeInstanceOf(
        ProblemError,
      );
    }

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

  it('shows which sessions of a partly booked series moved and why, and retry rebooks exactly those', async () => {
    const ids = readablePeople(world);
    const [mentor = '', leader = ''] = [ids[48], ids[49]];
    for (const id of [mentor, leader])
      setMailbox(world, id, { timeZone: 'GMT Standard Time', start: '08:00', end: '18:00' });
    const programId = await createProgram(world);
    const { pairingId, seriesId, sessionIds } = await seedPairing(world.store.db, {
      programId,
      mentorId: mentor,
      leaderId: leader,
      sessions: [
        { startsAt: '2026-01-20T10:00:00Z' },
        { startsAt: '2026-01-27T10:00:00Z', status: 'rebooking' },
        { startsAt: '2026-02-03T10:00:00Z' },
      ],
    });
    const [, movedId = '', laterId = ''] = sessionIds;
    await syncPendingMailboxes({ db: world.store.db, graph: world.graph, now: world.services.now });
    await world.store.db
      .update(bookingSeries)
      .set({ status: 'partial', eventId: 'series-event' })
      .where(eq(bookingSeries.id, seriesId));
    await world.store.db
      .update(sessions)
      .set({ statusReason: 'session 2 (2026-01-27): the leader is busy' })
      .where(eq(sessions.id, movedId));
    // As the booking job leaves it: the rebooking waits until a week before the session.
    await enqueueJob(world.store.db, {
      kind: 'session-rebook',
      key: movedId,
      payload: { sessionId: movedId },
      runAfter: new Date('2026-01-20T10:00:00Z'),
    });

    const item = (await bookingProgress(world.services, programId)).items.find(
      (i) => i.pairingId === pairingId,
    );
    expect(item?.status).toBe('partial');
    expect(item?.failureReason).toBe(
      '1 session did not fit the series time; 1 still waits for a meeting of its own (booked a week before, or now with Retry).',
    );
    expect(item?.moved).toEqual([
      {
        sessionId: movedId,
        occurrence: 2,
        startsAt: '2026-01-27T10:00:00.000Z',
        status: 'rebooking',
        reason: 'session 2 (2026-01-27): the leader is busy',
      },
    ]);

    const answer = await retryBooking(world.services, 'admin-1', seriesId);
    expect(answer).toEqual({ queued: true, sessions: 1 });
    const [rebook] = await world.store.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'session-rebook'), eq(jobs.key, movedId)));
    expect(rebook?.runAfter.getTime()).toBeLessThanOrEqual(world.clock.now.getTime());
    const [seriesJob] = await world.store.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'series-book'), eq(jobs.key, pairingId)));
    expect(seriesJob).toBeUndefined();

    await world.drain();
    const rows = await world.store.db
      .select()
      .from(sessions)
      .where(eq(sessions.pairingId, pairingId))
      .orderBy(sessions.occurrence);
    expect(rows.map((r) => r.status)).toEqual(['scheduled', 'scheduled', 'scheduled']);
    expect(rows[1]?.eventId).not.toBeNull();
    expect(rows[1]?.statusReason).toBe(
      'session 2 (2026-01-27): the leader is busy; booked as its own meeting',
    );
    // The sessions that fitted the series were not touched.
    expect(rows[2]?.id).toBe(laterId);
    expect(rows[2]?.eventId).toBeNull();
    expect(rows[2]?.startsAt.toISOString()).toBe('2026-02-03T10:00:00.000Z');
    const after = (await bookingProgress(world.services, programId)).items.find(
      (i) => i.pairingId === pairingId,
    );
    expect(after?.moved[0]?.status).toBe('scheduled');
    await expect(retryBooking(world.services, 'admin-1', seriesId)).rejects.toMatchObject({
      status: 409,
    });
  });

  it('a session that did not fit because the leader was away keeps its series time once the admin retries after the week was cleared', async () => {
    // Two people the other tests leave alone, with the lighter diaries of early careers.
    const juniors = readablePeople(world).filter(
      (id, i) =>
        (i < 44 || i > 51) &&
        ['intern', 'graduate', 'associate'].includes(world.tenant.state.user(id)?.level ?? ''),
    );
    const [, , mentor = '', leader = ''] = juniors; // (the first two's diaries are full then)
    for (const id of [mentor, leader])
      setMailbox(world, id, { timeZone: 'GMT Standard Time', start: '08:00', end: '18:00' });
    const programId = await createProgram(world);
    const pairingId = await createPairing(world, programId, mentor, leader);
    // Away for a whole week, two weeks out (the clock is Monday 12 January 2026): whichever
    // weekly time the series takes, exactly one of its sessions falls in that week.
    const away = {
      start: Date.parse('2026-01-28T00:00:00Z'),
      end: Date.parse('2026-02-04T00:00:00Z'),
    };
    const block = bookTimeAway(world.tenant, leader, away);
    await queueProgramBookings(world.services, programId);
    await world.drain();
    const before = (await bookingProgress(world.services, programId)).items.find(
      (i) => i.pairingId === pairingId,
    );
    expect(before?.status).toBe('partial');
    const [moved] = before?.moved ?? [];
    expect(before?.moved).toHaveLength(1);
    expect(moved?.status).toBe('rebooking');
    // Why, in words, naming who (the list shows the session's number and date beside it).
    expect(moved?.reason).toBe(
      `${world.tenant.state.user(leader)?.displayName ?? ''} is busy at the series time`,
    );
    const seriesTime = Date.parse(moved?.startsAt ?? '');
    expect(seriesTime).toBeGreaterThanOrEqual(away.start);
    expect(seriesTime).toBeLessThan(away.end);
    const horizon = [
      Date.parse('2026-01-12T00:00:00Z'),
      Date.parse('2026-04-01T00:00:00Z'),
    ] as const;
    const calendar = () => world.tenant.state.meetingsWith(leader, mentor, ...horizon);
    const inSeries = calendar();

    // Back from leave early: the leader deletes the block, the admin retries, with a read of the
    // calendars as they are now (the series job's read, minutes old, still shows the leave).
    world.tenant.state.cancelAsOrganizer(leader, block);
    // (The demo diaries are fixed by the tenant's seed: these two have nothing else then.)
    for (const id of [mentor, leader]) {
      const person = world.tenant.state.user(id);
      if (person === undefined) throw new Error('no such person');
      const other = world.tenant.state
        .busy(person, seriesTime, seriesTime + 45 * 60_000)
        .filter((b) => !b.subject.startsWith('Reverse mentoring: '));
      expect(other, `${person.displayName}'s diary at the series time`).toEqual([]);
    }
    await retryBooking(world.services, 'admin-1', before?.seriesId ?? '');
    await world.drain();

    const after = (await bookingProgress(world.services, programId)).items.find(
      (i) => i.pairingId === pairingId,
    );
    expect(after?.status).toBe('booked');
    expect(after?.failureReason).toBeNull();
    expect(after?.moved).toEqual([
      {
        ...moved,
        status: 'scheduled',
        reason: `${moved?.reason ?? ''}; booked as its own meeting`,
      },
    ]);
    // In the leader's calendar: the occurrence left the series and a meeting of its own took
    // its place at the same time; every other session is where it was.
    const now = calendar();
    expect(now.map((m) => m.startMs)).toEqual(inSeries.map((m) => m.startMs));
    expect(now.filter((m) => !m.recurring).map((m) => m.startMs)).toEqual([seriesTime]);
    expect(now.filter((m) => m.recurring)).toHaveLength(inSeries.length - 1);
  });

  it('lists the sessions of a pair that were declined or not held, with why, once they are over', async () => {
    const ids = readablePeople(world);
    const [mentor = '', leader = ''] = [ids[50], ids[51]];
    const programId = await createProgram(world);
    const { pairingId, sessionIds } = await seedPairing(world.store.db, {
      programId,
      mentorId: mentor,
      leaderId: leader,
      sessions: [
        { startsAt: '2026-01-01T10:00:00Z', status: 'missed' },
        { startsAt: '2026-01-05T10:00:00Z', status: 'held' },
        { startsAt: '2026-01-08T10:00:00Z', status: 'declined' },
        // Declined but still ahead: it is being rebooked, not missed.
        { startsAt: '2026-01-15T10:00:00Z', status: 'declined' },
      ],
    });
    const [missedId = '', , declinedId = ''] = sessionIds;
    await world.store.db
      .update(sessions)
      .set({ statusReason: 'Sam declined this session' })
      .where(eq(sessions.id, declinedId));
    const item = (await bookingProgress(world.services, programId)).items.find(
      (i) => i.pairingId === pairingId,
    );
    expect(item?.missed).toEqual([
      {
        sessionId: missedId,
        occurrence: 1,
        startsAt: '2026-01-01T10:00:00.000Z',
        status: 'missed',
        reason: null,
      },
      {
        sessionId: declinedId,
        occurrence: 3,
        startsAt: '2026-01-08T10:00:00.000Z',
        status: 'declined',
        reason: 'Sam declined this session',
      },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { reconcileSeries } from '../../api/src/scheduling/index.js';
import { jobs, sessionEvents } from '../../api/src/store/index.js';
import {
  bookingWorld,
  liveSingleStarts,
  pairWithSecondDeclined,
  rebookDyingAtFreeBusy,
  sessionRow,
  type BookingWorld,
} from './booking-fixture.js';

const GET_SCHEDULE = 'POST /users/{id}/calendar/getSchedule';
const CREATE_EVENT = 'POST /users/{id}/events';

let world: BookingWorld;
beforeAll(async () => {
  world = await bookingWorld({ now: '2026-01-19T08:00:00Z' });
}, 60_000);
afterAll(async () => {
  await world.close();
});

/**
 * Runs the queued rebook of one session whose first attempt Graph throttles at its free/busy
 * read with a Retry-After longer than the client waits: the job goes back to the queue, and
 * runs again once that time has passed.
 */
async function rebookThrottledOnce(sessionId: string): Promise<void> {
  world.tenant.faults.throttleRoute = { route: GET_SCHEDULE, times: 1, retryAfterSeconds: 300 };
  await world.drain();
  expect(world.tenant.faults.throttleRoute.times).toBe(0);
  const [waiting] = await world.store.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, 'session-rebook'), eq(jobs.key, sessionId)));
  expect(waiting?.status).toBe('queued');
  expect(waiting?.lastError).toContain('throttled');
  // Five minutes later.
  await world.store.db
    .update(jobs)
    .set({ runAfter: new Date() })
    .where(and(eq(jobs.kind, 'session-rebook'), eq(jobs.key, sessionId)));
  await world.drain();
}

describe('a rebook retried after Graph throttled it', () => {
  it('never gives a declined session its declined time again, and moves it once', async () => {
    const { mentor, second } = await pairWithSecondDeclined(world, 20);
    const declinedAt = second.startsAt.getTime();
    await rebookThrottledOnce(second.id);
    const moved = await sessionRow(world, second.id);
    expect(moved.status).toBe('scheduled');
    expect(moved.startsAt.getTime()).not.toBe(declinedAt);
    // One new meeting: the series' occurrence cancelled once, one single event created.
    expect(world.tenant.stats().byRoute[CREATE_EVENT]).toBe(1);
    expect(liveSingleStarts(world, mentor)).toEqual([moved.startsAt.getTime()]);
  });

  it('never gives a session a time its partner declined before, when they decline the new one too', async () => {
    const { mentor, leader, series, second } = await pairWithSecondDeclined(world, 24);
    const firstDeclined = second.startsAt.getTime();
    await world.drain();
    const first = await sessionRow(world, second.id);
    expect(first.status).toBe('scheduled');
    const secondDeclined = first.startsAt.getTime();
    expect(secondDeclined).not.toBe(firstDeclined);

    // The leader declines the new meeting as well.
    world.tenant.state.respond(
      leader,
      world.tenant.state.attendeeEventId(mentor, first.eventId ?? '', leader),
      'declined',
    );
    expect((await reconcileSeries(world.services, series.id)).declined).toBe(1);
    world.tenant.resetStats();
    await rebookThrottledOnce(second.id);
    const again = await sessionRow(world, second.id);
    expect(again.status).toBe('scheduled');
    expect([firstDeclined, secondDeclined]).not.toContain(again.startsAt.getTime());
    expect(world.tenant.stats().byRoute[CREATE_EVENT]).toBe(1);
    const booked = await world.store.db
      .select()
      .from(sessionEvents)
      .where(and(eq(sessionEvents.sessionId, second.id), eq(sessionEvents.status, 'booked')));
    expect(booked.map((e) => e.startsAt.getTime())).toEqual([again.startsAt.getTime()]);
  });

  it('never gives a declined session its declined time after the process died mid-rebook, and moves it once', async () => {
    const { series, second } = await pairWithSecondDeclined(world, 28);
    const declinedAt = second.startsAt.getTime();
    // The first attempt's process dies while reading free/busy, the occurrence already cancelled.
    await rebookDyingAtFreeBusy(world, second.id);
    expect((await sessionRow(world, second.id)).status).toBe('rebooking');
    // The periodic reconcile finds it waiting and queues it again.
    await reconcileSeries(world.services, series.id);
    await world.drain();
    const moved = await sessionRow(world, second.id);
    expect(moved.status).toBe('scheduled');
    expect(moved.startsAt.getTime()).not.toBe(declinedAt);
    expect(world.tenant.stats().byRoute[CREATE_EVENT]).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { rebookSession, reconcileSeries } from '../../api/src/scheduling/index.js';
import { jobs, sessionEvents, sessions } from '../../api/src/store/index.js';
import { bookingWorld, bookWeeklyPair, type BookingWorld } from './booking-fixture.js';

const GET_SCHEDULE = 'POST /users/{id}/calendar/getSchedule';
const CREATE_EVENT = 'POST /users/{id}/events';
const HOUR = 3_600_000;

let world: BookingWorld;
beforeAll(async () => {
  world = await bookingWorld({ now: '2026-01-19T08:00:00Z' });
}, 60_000);
afterAll(async () => {
  await world.close();
});

/**
 * A booked pair whose leader declines the second session in Outlook an hour after booking (the
 * series job's free/busy read is then no longer fresh, so a rebook reads both calendars, where
 * the cancelled occurrence is free), and the reconcile that marks it declined.
 */
async function pairWithSecondDeclined(offset: number) {
  const { mentor, leader, pairingId, series } = await bookWeeklyPair(world, offset, {
    start: '08:00',
    end: '18:00',
  });
  const [second] = await world.store.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.pairingId, pairingId), eq(sessions.occurrence, 2)));
  if (second === undefined) throw new Error('no second session');
  world.clock.now = new Date(world.clock.now.getTime() + HOUR);
  const theirSeries = world.tenant.state.attendeeEventId(mentor, series.eventId ?? '', leader);
  world.tenant.state.respond(
    leader,
    world.tenant.state.occurrenceId(leader, theirSeries, second.startsAt),
    'declined',
  );
  expect((await reconcileSeries(world.services, series.id)).declined).toBe(1);
  world.tenant.resetStats();
  return { mentor, leader, series, second };
}

async function sessionRow(id: string) {
  const [row] = await world.store.db.select().from(sessions).where(eq(sessions.id, id));
  if (row === undefined) throw new Error('session gone');
  return row;
}

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
    const { mentor, second } = await pairWithSecondDeclined(20);
    const declinedAt = second.startsAt.getTime();
    await rebookThrottledOnce(second.id);
    const moved = await sessionRow(second.id);
    expect(moved.status).toBe('scheduled');
    expect(moved.startsAt.getTime()).not.toBe(declinedAt);
    // One new meeting: the series' occurrence cancelled once, one single event created.
    expect(world.tenant.stats().byRoute[CREATE_EVENT]).toBe(1);
    const singles = world.tenant.state
      .events(mentor)
      .filter((c) => c.meeting.recurrence === null && !c.meeting.cancelled);
    expect(singles.map((c) => c.meeting.startMs)).toEqual([moved.startsAt.getTime()]);
  });

  it('never gives a session a time its partner declined before, when they decline the new one too', async () => {
    const { mentor, leader, series, second } = await pairWithSecondDeclined(24);
    const firstDeclined = second.startsAt.getTime();
    await world.drain();
    const first = await sessionRow(second.id);
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
    const again = await sessionRow(second.id);
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
    const { series, second } = await pairWithSecondDeclined(28);
    const declinedAt = second.startsAt.getTime();
    // The first attempt's process dies while reading free/busy, the occurrence already cancelled.
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
    void rebookSession(dying, second.id);
    for (let i = 0; i < 200 && !died; i++) await new Promise((r) => setTimeout(r, 25));
    expect(died).toBe(true);
    expect((await sessionRow(second.id)).status).toBe('rebooking');
    // The periodic reconcile finds it waiting and queues it again.
    await reconcileSeries(world.services, series.id);
    await world.drain();
    const moved = await sessionRow(second.id);
    expect(moved.status).toBe('scheduled');
    expect(moved.startsAt.getTime()).not.toBe(declinedAt);
    expect(world.tenant.stats().byRoute[CREATE_EVENT]).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { reconcileSeries } from '../../api/src/scheduling/index.js';
import { sessionEvents } from '../../api/src/store/index.js';
import {
  bookingWorld,
  liveSingleStarts,
  pairWithSecondDeclined,
  rebookDyingAtFreeBusy,
  sessionRow,
  type BookingWorld,
} from './booking-fixture.js';

// The event actions' route (`/cancel`, `/accept`, `/decline`): the app only ever cancels, the
// partners here answer in the emulator's state, not over HTTP.
const CANCEL_EVENT = 'POST /users/{id}/events/{eventId}/{action}';
const CREATE_EVENT = 'POST /users/{id}/events';
const DAY = 86_400_000;

let world: BookingWorld;
beforeAll(async () => {
  world = await bookingWorld({ now: '2026-01-19T08:00:00Z' });
}, 60_000);
afterAll(async () => {
  await world.close();
});

/**
 * A booked pair whose leader declined the second session, which was then booked as its own
 * meeting; the leader declines that meeting too, and reconcile sees it.
 */
async function pairWithRebookedSingleDeclined(offset: number) {
  const { mentor, leader, series, second } = await pairWithSecondDeclined(world, offset);
  await world.drain();
  const single = await sessionRow(world, second.id);
  expect(single.status).toBe('scheduled');
  expect(single.eventId).not.toBeNull();

  world.tenant.state.respond(
    leader,
    world.tenant.state.attendeeEventId(mentor, single.eventId ?? '', leader),
    'declined',
  );
  world.tenant.resetStats();
  expect((await reconcileSeries(world.services, series.id)).declined).toBe(1);
  return {
    mentor,
    leader,
    series,
    sessionId: second.id,
    declinedTimes: [second.startsAt.getTime(), single.startsAt.getTime()],
    single,
  };
}

/** Start times of what `who` sees in Outlook of their meetings with `partner` (cancelled left out). */
function calendarOf(who: string, partner: string): number[] {
  const from = world.clock.now.getTime() - DAY;
  return world.tenant.state
    .meetingsWith(who, partner, from, from + 60 * DAY)
    .map((m) => m.startMs)
    .sort((a, b) => a - b);
}

describe('a partner who declines a session booked as its own meeting', () => {
  it('has that meeting cancelled in both calendars, and the session gets one new time it was never declined at', async () => {
    const { mentor, leader, sessionId, declinedTimes, single } =
      await pairWithRebookedSingleDeclined(32);
    await world.drain();

    const again = await sessionRow(world, sessionId);
    expect(again.status).toBe('scheduled');
    expect(declinedTimes).not.toContain(again.startsAt.getTime());
    // The declined meeting is cancelled once (attendees get Graph's cancellation), one new one booked.
    expect(world.tenant.stats().byRoute[CANCEL_EVENT]).toBe(1);
    expect(world.tenant.stats().byRoute[CREATE_EVENT]).toBe(1);
    for (const [who, partner] of [
      [mentor, leader],
      [leader, mentor],
    ] as const) {
      const seen = calendarOf(who, partner);
      expect(seen).not.toContain(single.startsAt.getTime());
      expect(seen.filter((t) => t === again.startsAt.getTime())).toHaveLength(1);
    }
    expect(liveSingleStarts(world, mentor)).toEqual([again.startsAt.getTime()]);
  });

  it('cancels the declined meeting once when the rebook died after cancelling it and was queued again', async () => {
    const { mentor, series, sessionId, declinedTimes } = await pairWithRebookedSingleDeclined(36);
    await rebookDyingAtFreeBusy(world, sessionId);
    expect(world.tenant.stats().byRoute[CANCEL_EVENT]).toBe(1);
    // The periodic reconcile finds it waiting and queues it again.
    await reconcileSeries(world.services, series.id);
    await world.drain();
    const again = await sessionRow(world, sessionId);
    expect(again.status).toBe('scheduled');
    expect(declinedTimes).not.toContain(again.startsAt.getTime());
    expect(world.tenant.stats().byRoute[CANCEL_EVENT]).toBe(1);
    expect(liveSingleStarts(world, mentor)).toEqual([again.startsAt.getTime()]);
  });

  it('leaves a declined meeting the organizer moved meanwhile in place, and the session follows it', async () => {
    const { mentor, sessionId, single } = await pairWithRebookedSingleDeclined(40);
    // Before the rebook runs, the mentor moves the meeting a day later in Outlook.
    const movedTo = single.startsAt.getTime() + DAY;
    const length = single.endsAt.getTime() - single.startsAt.getTime();
    world.tenant.state.calendars.update(mentor, single.eventId ?? '', {
      startMs: movedTo,
      endMs: movedTo + length,
    });
    await world.drain();
    const after = await sessionRow(world, sessionId);
    expect(after.status).toBe('scheduled');
    expect(after.startsAt.getTime()).toBe(movedTo);
    expect(after.eventId).toBe(single.eventId);
    expect(world.tenant.stats().byRoute[CANCEL_EVENT]).toBeUndefined();
    expect(world.tenant.stats().byRoute[CREATE_EVENT]).toBeUndefined();
    const [booked] = await world.store.db
      .select()
      .from(sessionEvents)
      .where(and(eq(sessionEvents.sessionId, sessionId), eq(sessionEvents.status, 'booked')));
    expect(booked?.startsAt.getTime()).toBe(movedTo);
  });
});

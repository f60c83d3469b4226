import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  bookingJobHandlers,
  ensureSubscription,
  keepingTrueJobHandlers,
  reconcileSeries,
} from '../../api/src/scheduling/index.js';
import { bookingSeries, graphSubscriptions, jobs, sessions } from '../../api/src/store/index.js';
import { bookWeeklyPair, listeningBookingWorld, type BookingWorld } from './booking-fixture.js';

let world: BookingWorld & { url: string };
beforeAll(async () => {
  world = await listeningBookingWorld({
    now: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  });
}, 60_000);
afterAll(() => world.close());

const bookOnePair = (offset: number) => bookWeeklyPair(world, offset);

describe('keeping bookings true', () => {
  it('a declined occurrence is marked declined and rebooked inside both working hours', async () => {
    const { mentor, leader, pairingId, series } = await bookOnePair(50);
    const rows = await world.store.db
      .select()
      .from(sessions)
      .where(eq(sessions.pairingId, pairingId));
    const second = rows.find((r) => r.occurrence === 2);
    if (second === undefined) throw new Error('no second session');
    // The leader declines the second session in Outlook.
    const theirSeries = world.tenant.state.attendeeEventId(mentor, series.eventId ?? '', leader);
    const occurrenceId = world.tenant.state.occurrenceId(leader, theirSeries, second.startsAt);
    world.tenant.state.respond(leader, occurrenceId, 'declined');

    const summary = await reconcileSeries(world.services, series.id);
    expect(summary.declined).toBe(1);
    expect(summary.rebooking).toBe(1);
    const [declined] = await world.store.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, second.id));
    expect(declined?.status).toBe('declined');
    expect(declined?.statusReason).toContain('declined');

    await world.drain();
    const [rebooked] = await world.store.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, second.id));
    expect(rebooked?.status).toBe('scheduled');
    expect(rebooked?.startsAt.getTime()).not.toBe(second.startsAt.getTime());
    // The mentor's calendar: the series (with that occurrence cancelled) and one single event.
    const items = world.tenant.state.events(mentor);
    expect(items).toHaveLength(2);
    const single = items.find((c) => c.meeting.recurrence === null);
    expect(single?.meeting.startMs).toBe(rebooked?.startsAt.getTime());
    expect(single?.meeting.isOnlineMeeting).toBe(true);
    const local = new Date(single?.meeting.startMs ?? 0).getUTCHours();
    expect(local).toBeGreaterThanOrEqual(7);
    expect(local).toBeLessThan(19);
    const master = items.find((c) => c.meeting.recurrence !== null);
    if (master === undefined) throw new Error('the series is gone');
    const occurrences = world.tenant.state.calendars.expand(master, 0, Date.parse('2030-01-01'));
    expect(occurrences.map((o) => o.startMs)).not.toContain(second.startsAt.getTime());
  });

  it('subscribes with a validation handshake and ignores notifications with the wrong clientState', async () => {
    const { mentor } = await bookOnePair(52);
    world.clock.now = new Date();
    const result = await ensureSubscription(world.services, mentor);
    expect(result.action).toBe('created');
    const [row] = await world.store.db
      .select()
      .from(graphSubscriptions)
      .where(eq(graphSubscriptions.organizerId, mentor));
    expect(row?.subscriptionId).toBe(result.subscriptionId);
    expect(row?.clientState.length).toBeGreaterThanOrEqual(32);
    const minutes = ((row?.expiresAt?.getTime() ?? 0) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(4000);
    expect(minutes).toBeLessThanOrEqual(4230);

    // The handshake answer, as Graph checks it.
    const echo = await fetch(
      `${world.url}/graph/notifications?validationToken=${encodeURIComponent('Validation: token 1+2')}`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain' },
      },
    );
    expect(echo.status).toBe(200);
    expect(echo.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await echo.text()).toBe('Validation: token 1+2');

    const eventChanged = async () =>
      (await world.store.db.select().from(jobs).where(eq(jobs.kind, 'event-changed'))).length;
    const before = await eventChanged();
    const forged = await fetch(`${world.url}/graph/notifications`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        value: [
          {
            subscriptionId: result.subscriptionId,
            clientState: 'guessed',
            changeType: 'deleted',
            resource: 'x',
          },
        ],
      }),
    });
    expect(forged.status).toBe(202);
    expect(await eventChanged()).toBe(before);

    // A real change in the organizer's calendar arrives with the right clientState and is queued.
    const [series] = await world.store.db
      .select()
      .from(bookingSeries)
      .where(eq(bookingSeries.organizerId, mentor));
    world.tenant.state.calendars.update(mentor, series?.eventId ?? '', {
      subject: 'Renamed in Outlook',
    });
    await world.tenant.state.whenNotificationsDelivered();
    expect(world.tenant.state.deliveries().delivered).toBeGreaterThan(0);
    expect(await eventChanged()).toBeGreaterThan(before);
    const handlers = {
      ...bookingJobHandlers(world.services),
      ...keepingTrueJobHandlers(world.services),
    };
    await world.drain(world.runner(handlers));
    const [changed] = await world.store.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'reconcile-series'), eq(jobs.key, series?.id ?? '')));
    expect(changed?.status).toBe('succeeded');
  });
});

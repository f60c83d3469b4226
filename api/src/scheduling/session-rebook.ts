import { randomUUID } from 'node:crypto';
import { and, eq, inArray, ne, notExists } from 'drizzle-orm';
import { isGraphError } from '../graph/index.js';
import { workingHoursOf } from '../calendar-time/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries, sessionEvents, sessions } from '../store/index.js';
import type { Db, SessionStatus } from '../store/index.js';
import { guidePlan, loadPairingContext, pinnedTrack } from './booking-context.js';
import { bookingPerson, buildSingleEvent, pairingTabLink } from './booking-event.js';
import { fetchFreeBusy, cachedFreeBusy, reserveCachedBusy, throttled } from './free-busy-cache.js';
import type { CachedFreeBusy } from './free-busy-cache.js';
import { findRebookSlot, withAvoided } from './rebook-slot.js';
import { MOVES_COMMENT, withdrawDeclinedSingles } from './declined-single.js';
import { DAY_MS, MINUTE_MS } from '../calendar-time/index.js';

export type RebookOutcome =
  | { status: 'scheduled'; eventId: string | null; start: string }
  | { status: 'failed' | 'skipped'; reason: string };

/** Sessions a rebook job may act on; `scheduled`, `held` and `missed` are settled. */
const REBOOKABLE: SessionStatus[] = ['rebooking', 'declined', 'cancelled', 'needs-attention'];

/**
 * Hands a session that could not be rebooked to an admin: it shows as `needs-attention` with the
 * reason, and the admin's retry (or the periodic reconcile) queues it again. Never left in
 * `rebooking`, which nothing would look at again.
 */
export async function markNeedsAttention(
  services: Services,
  sessionId: string,
  reason: string,
): Promise<void> {
  await services.db
    .update(sessions)
    .set({ status: 'needs-attention', statusReason: reason, updatedAt: new Date() })
    .where(and(eq(sessions.id, sessionId), inArray(sessions.status, REBOOKABLE)));
}

/**
 * The `session-rebook` job: one session that did not fit the series, or that the partner
 * declined or someone deleted, gets its own single Teams meeting at a time inside both working
 * hours and free for both, within a week of when it was due and between the sessions around it:
 * the series' time of day on a nearby day, else the free time closest to when it was due
 * (`findRebookSlot`). The occurrence left in the series (if any) is cancelled first, so each
 * calendar shows one meeting for the session. `fresh` (an admin's Retry) reads both calendars
 * again: the admin retries because a calendar changed.
 */
export async function rebookSession(
  services: Services,
  sessionId: string,
  o: { fresh?: boolean } = {},
): Promise<RebookOutcome> {
  const { db, graph } = services;
  const [session] = await db.select().from(sessions).where(eq(sessions.id, sessionId));
  if (session === undefined) return { status: 'skipped', reason: 'session not found' };
  if (!REBOOKABLE.includes(session.status)) {
    return { status: 'skipped', reason: `session is ${session.status}` };
  }
  const ctx = await loadPairingContext(db, session.pairingId);
  if (ctx === undefined || ctx.pairing.status !== 'active') {
    return { status: 'skipped', reason: 'pairing is not active' };
  }
  const organizerRole = ctx.program.rules.organizer === 'leader' ? 'leader' : 'mentor';
  const organizer = organizerRole === 'mentor' ? ctx.mentor : ctx.leader;

  let [planned] = await db
    .select()
    .from(sessionEvents)
    .where(and(eq(sessionEvents.sessionId, sessionId), inArray(sessionEvents.status, ['planned'])));

  if (planned === undefined) {
    // A declined or deleted session's time goes into the times it must never get again in the
    // same statement that makes it `rebooking`: a retry (after throttling, a crash, or an admin's
    // Retry) sees `rebooking` and reads what to avoid from the row, not from the status it had.
    const avoided =
      session.status === 'declined' || session.status === 'cancelled'
        ? withAvoided(session.avoidTimes, session)
        : session.avoidTimes;
    await db
      .update(sessions)
      .set({ status: 'rebooking', avoidTimes: avoided, updatedAt: new Date() })
      .where(eq(sessions.id, sessionId));
    // A meeting of its own that the partner declined leaves the organizer's calendar first; one
    // the organizer moved since is the session's new time.
    const moved = await withdrawDeclinedSingles(services, sessionId);
    if (moved !== undefined) return followMovedSingle(db, session, moved);
    // Take the occurrence out of the series first, so nobody sees it twice.
    const [series] =
      session.seriesId === null
        ? []
        : await db.select().from(bookingSeries).where(eq(bookingSeries.id, session.seriesId));
    if (series?.eventId != null) {
      try {
        const instances = await graph.listInstances(
          series.organizerId,
          series.eventId,
          new Date(session.startsAt.getTime() - MINUTE_MS),
          new Date(session.endsAt.getTime() + MINUTE_MS),
          { select: ['id', 'start', 'isCancelled'] },
        );
        for (const inst of instances) {
          if (inst.id != null && inst.isCancelled !== true) {
            await graph.cancelEvent(series.organizerId, inst.id, MOVES_COMMENT);
          }
        }
      } catch (err) {
        const later = throttled(err);
        if (later !== undefined) throw later;
        if (!(isGraphError(err) && err.status === 404)) throw err;
      }
    }

    const mentorHours = workingHoursOf(ctx.mentor);
    const leaderHours = workingHoursOf(ctx.leader);
    if (!mentorHours.ok || !leaderHours.ok) {
      const reason = mentorHours.ok
        ? leaderHours.ok
          ? ''
          : leaderHours.reason
        : mentorHours.reason;
      await markNeedsAttention(services, sessionId, reason);
      return { status: 'failed', reason };
    }
    const now = services.now().getTime();
    const duration = Math.round(
      (session.endsAt.getTime() - session.startsAt.getTime()) / MINUTE_MS,
    );
    const horizonStart =
      Math.ceil(Math.max(now + 2 * 3_600_000, session.startsAt.getTime() - DAY_MS) / 3_600_000) *
      3_600_000;
    const need = { start: horizonStart, end: horizonStart + 9 * DAY_MS };
    const ids = [ctx.mentor.id, ctx.leader.id];
    // A session that did not fit its series reuses the series job's read while it is fresh (our
    // own bookings since are in it). One declined or deleted is read afresh on every attempt (its
    // calendar moved), and so is one an admin retries, who does so because a calendar was
    // cleared since.
    let cached =
      session.status === 'rebooking' && avoided.length === 0 && o.fresh !== true
        ? await cachedFreeBusy(db, ids, need, services.now())
        : new Map<string, CachedFreeBusy>();
    if (cached.size < ids.length) {
      await fetchFreeBusy(
        { db, graph, now: services.now },
        [ctx.mentor, ctx.leader].map((p) => ({ id: p.id, mail: p.mail ?? '' })),
        need,
      );
      cached = await cachedFreeBusy(db, ids, need, services.now());
    }
    const mentor = { id: ctx.mentor.id, workingHours: mentorHours.value };
    const leader = { id: ctx.leader.id, workingHours: leaderHours.value };
    const busy = new Map([...cached].map(([id, r]) => [id, r.busy]));
    const unknownWindows = new Map([...cached].map(([id, r]) => [id, r.unknownWindows]));
    const original = { start: session.startsAt.getTime(), end: session.endsAt.getTime() };
    const { previousEnd, nextStart } = await neighboursOf(db, session);
    const result = findRebookSlot({
      mentor,
      leader,
      organizer: organizerRole,
      original,
      durationMinutes: duration,
      // Not in the past, after the session before it, and before the one after it, within a
      // week of when it was due.
      window: {
        earliest: Math.max(horizonStart, previousEnd ?? horizonStart),
        latest: Math.min(original.start + 7 * DAY_MS, nextStart ?? Infinity),
      },
      busy,
      unknownWindows,
      // A session that did not fit only because a calendar was busy then keeps its series time
      // once that time is free (the pair's weekly rhythm); one declined or deleted never gets
      // that time, nor any time it was declined at before.
      avoid: session.status === 'needs-attention' ? [...avoided, original] : avoided,
    });
    if (!result.ok) {
      await markNeedsAttention(services, sessionId, `Could not rebook: ${result.reason}`);
      return { status: 'failed', reason: result.reason };
    }
    const occ = result;
    const track = await pinnedTrack(db, ctx.pairing);
    const guide = guidePlan(track, ctx.program.rules.sessions, ctx.program.rules.topics)[
      session.occurrence - 1
    ];
    const transactionId = randomUUID();
    const request = buildSingleEvent({
      programName: ctx.program.name,
      mentor: bookingPerson(ctx.mentor),
      leader: bookingPerson(ctx.leader),
      organizer: organizerRole,
      zone: occ.zone,
      start: occ.start,
      end: occ.end,
      guide,
      sessionNumber: session.occurrence,
      tabLink: pairingTabLink(services.publicUrl(), ctx.pairing.id),
      transactionId,
    });
    // The plan and its time in both people's cached busy lists in one transaction, so a series
    // booked for either of them meanwhile cannot take the same slot.
    [planned] = await db.transaction(async (tx) => {
      await reserveCachedBusy(tx, ids, [{ start: occ.start, end: occ.end }]);
      return tx
        .insert(sessionEvents)
        .values({
          sessionId,
          pairingId: ctx.pairing.id,
          organizerId: organizer.id,
          transactionId,
          status: 'planned',
          startsAt: new Date(occ.start),
          endsAt: new Date(occ.end),
          request,
        })
        .returning();
    });
  }
  if (planned === undefined) throw new Error('session_events insert returned nothing');

  let eventId: string | null;
  let joinUrl: string | null;
  try {
    const event = await graph.createEvent(planned.organizerId, {
      ...planned.request,
      transactionId: planned.transactionId,
    });
    eventId = event.id ?? null;
    joinUrl = event.onlineMeeting?.joinUrl ?? null;
  } catch (err) {
    throw throttled(err) ?? err;
  }
  await db.transaction(async (tx) => {
    await tx
      .update(sessionEvents)
      .set({ status: 'booked', eventId, joinUrl, updatedAt: new Date() })
      .where(eq(sessionEvents.id, planned.id));
    await tx
      .update(sessions)
      .set({
        status: 'scheduled',
        startsAt: planned.startsAt,
        endsAt: planned.endsAt,
        eventId,
        joinUrl,
        // Keeps why it moved (the admin's booking page and the pair's table show it).
        statusReason:
          session.statusReason === null || session.statusReason.startsWith('Could not rebook')
            ? 'Booked as its own meeting'
            : `${session.statusReason}; booked as its own meeting`,
        updatedAt: new Date(),
      })
      .where(eq(sessions.id, sessionId));
    if (session.seriesId !== null) await markSeriesBookedWhenComplete(tx, session.seriesId);
  });
  return { status: 'scheduled', eventId, start: planned.startsAt.toISOString() };
}

/**
 * A declined meeting of the session's own that the organizer moved before the rebook ran: the
 * session is scheduled at its new time (the next reconcile reads the partner's answer to it).
 */
async function followMovedSingle(
  db: Db,
  session: typeof sessions.$inferSelect,
  moved: typeof sessionEvents.$inferSelect,
): Promise<RebookOutcome> {
  await db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({
        status: 'scheduled',
        startsAt: moved.startsAt,
        endsAt: moved.endsAt,
        eventId: moved.eventId,
        joinUrl: moved.joinUrl,
        statusReason: `${session.statusReason ?? 'Declined'}; the organizer moved it to a new time`,
        updatedAt: new Date(),
      })
      .where(eq(sessions.id, session.id));
    if (session.seriesId !== null) await markSeriesBookedWhenComplete(tx, session.seriesId);
  });
  return { status: 'scheduled', eventId: moved.eventId, start: moved.startsAt.toISOString() };
}

/**
 * The end of the session before this one and the start of the one after it (cancelled ones
 * leave no time to keep clear): a rebooked session stays between them, so the order holds.
 */
async function neighboursOf(
  db: Db,
  session: { pairingId: string; occurrence: number },
): Promise<{ previousEnd: number | undefined; nextStart: number | undefined }> {
  const rows = await db
    .select({
      occurrence: sessions.occurrence,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
    })
    .from(sessions)
    .where(and(eq(sessions.pairingId, session.pairingId), ne(sessions.status, 'cancelled')));
  const before = rows.filter((r) => r.occurrence < session.occurrence);
  const after = rows.filter((r) => r.occurrence > session.occurrence);
  return {
    previousEnd:
      before.length === 0 ? undefined : Math.max(...before.map((r) => r.endsAt.getTime())),
    nextStart: after.length === 0 ? undefined : Math.min(...after.map((r) => r.startsAt.getTime())),
  };
}

/**
 * A partly booked series whose last waiting session got its own meeting is booked: every session
 * is in both calendars, so the admin's list stops asking for a retry (the moved sessions still
 * say why they have meetings of their own).
 */
async function markSeriesBookedWhenComplete(db: Db, seriesId: string): Promise<void> {
  const open = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.seriesId, seriesId),
        inArray(sessions.status, ['rebooking', 'needs-attention']),
      ),
    );
  await db
    .update(bookingSeries)
    .set({ status: 'booked', updatedAt: new Date() })
    .where(
      and(eq(bookingSeries.id, seriesId), eq(bookingSeries.status, 'partial'), notExists(open)),
    );
}

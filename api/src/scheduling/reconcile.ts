import { and, eq, inArray, max, min, or } from 'drizzle-orm';
import type { Event } from '@microsoft/microsoft-graph-types';
import { isGraphError } from '../graph/index.js';
import { requeueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries, pairings, people, sessionEvents, sessions } from '../store/index.js';
import type { SeriesStatus, SessionStatus } from '../store/index.js';
import { throttled } from './free-busy-cache.js';
import { departed } from './series-cancel.js';
import { parseGraphDateTime } from './free-busy.js';
import { withAvoided } from './rebook-slot.js';
import { DAY_MS } from '../calendar-time/index.js';

/** Set on a pairing whose partner declined the whole series: an admin should talk to them. */
export const SERIES_DECLINED_FLAG = 'series-declined';

/** Series whose calendar we keep checking; `broken` ones still have rebooked sessions to watch. */
export const WATCHED_SERIES: SeriesStatus[] = ['booked', 'partial', 'broken'];

/** Said on a series whose recurring event is gone from the organizer's calendar. */
export const SERIES_GONE_REASON =
  'The meeting series is gone from the calendar; its sessions are being booked one by one';

export interface ReconcileSummary {
  checked: number;
  held: number;
  declined: number;
  cancelled: number;
  rebooking: number;
}

function responseOf(event: Event, address: string): string | undefined {
  const a = (event.attendees ?? []).find(
    (x) => x.emailAddress?.address?.toLowerCase() === address.toLowerCase(),
  );
  return a?.status?.response ?? undefined;
}

/**
 * Brings one series' sessions in line with the organizer's calendar: an occurrence the partner
 * declined becomes `declined` and gets a new slot; one that was deleted becomes `cancelled` and
 * gets a new slot; a past one still in place and not declined was `held`. A partner who declined
 * the whole series flags the pairing for an admin; a person gone from the directory cancels it.
 */
export async function reconcileSeries(
  services: Services,
  seriesId: string,
): Promise<ReconcileSummary> {
  const { db, graph } = services;
  const summary: ReconcileSummary = {
    checked: 0,
    held: 0,
    declined: 0,
    cancelled: 0,
    rebooking: 0,
  };
  const [series] = await db.select().from(bookingSeries).where(eq(bookingSeries.id, seriesId));
  if (series?.eventId == null || !WATCHED_SERIES.includes(series.status)) return summary;
  const [pairing] = await db.select().from(pairings).where(eq(pairings.id, series.pairingId));
  if (pairing === undefined) return summary;
  const persons = await db
    .select()
    .from(people)
    .where(inArray(people.id, [series.organizerId, series.attendeeId]));
  if (pairing.status === 'ended' || persons.some(departed)) {
    await services.enqueue({
      kind: 'series-cancel',
      key: pairing.id,
      payload: { pairingId: pairing.id, reason: 'person-left' },
    });
    return summary;
  }
  // Paused: the sessions stay in both calendars (the partner is told so) and are not judged
  // until the pairing resumes.
  if (pairing.status !== 'active') return summary;
  const attendee = persons.find((p) => p.id === series.attendeeId);
  const now = services.now().getTime();
  const [range] = await db
    .select({ first: min(sessions.startsAt), last: max(sessions.endsAt) })
    .from(sessions)
    .where(eq(sessions.seriesId, series.id));
  if (range?.first == null || range.last == null) return summary;

  let master: Event;
  let instances: Event[];
  try {
    master = await graph.getEvent(series.organizerId, series.eventId, {
      select: ['id', 'attendees', 'isCancelled'],
    });
    instances = await graph.listInstances(
      series.organizerId,
      series.eventId,
      new Date(range.first.getTime() - DAY_MS),
      new Date(range.last.getTime() + DAY_MS),
      { select: ['id', 'start', 'end', 'isCancelled', 'attendees'] },
    );
  } catch (err) {
    const later = throttled(err);
    if (later !== undefined) throw later;
    if (isGraphError(err) && err.status === 404) {
      // The organizer deleted the whole series in Outlook: every future session needs a slot,
      // and the series row says so instead of pointing at an event that no longer exists.
      master = { attendees: [] };
      instances = [];
      if (series.status !== 'broken') {
        await db
          .update(bookingSeries)
          .set({ status: 'broken', failureReason: SERIES_GONE_REASON, updatedAt: new Date() })
          .where(eq(bookingSeries.id, series.id));
      }
    } else throw err;
  }
  if (attendee?.mail != null && responseOf(master, attendee.mail) === 'declined') {
    await db
      .update(pairings)
      .set({ flag: SERIES_DECLINED_FLAG })
      .where(eq(pairings.id, pairing.id));
    // The bookings page shows the series' reason: the admin sees the decline there.
    await db
      .update(bookingSeries)
      .set({
        failureReason: `${attendee.displayName} declined the whole series; talk to them before rebooking`,
        updatedAt: new Date(),
      })
      .where(eq(bookingSeries.id, series.id));
    // Not rebooked session by session: the partner said no to all of them.
    return summary;
  }

  const organizer = persons.find((p) => p.id === series.organizerId);
  const attendeeHas = await attendeeCopies(services, {
    attendeeId: series.attendeeId,
    organizerMail: organizer?.mail ?? null,
    from: new Date(range.first.getTime() - DAY_MS),
    to: new Date(range.last.getTime() + DAY_MS),
  });
  const rebooked = new Map(
    (
      await db
        .select()
        .from(sessionEvents)
        .where(and(eq(sessionEvents.pairingId, pairing.id), eq(sessionEvents.status, 'booked')))
    ).map((r) => [r.sessionId, r]),
  );
  const byStart = new Map<number, Event>();
  for (const inst of instances) {
    const start = parseGraphDateTime(inst.start);
    if (start !== null && inst.isCancelled !== true) byStart.set(start, inst);
  }
  const rows = await db.select().from(sessions).where(eq(sessions.seriesId, series.id));
  for (const s of rows) {
    if (s.status === 'rebooking') {
      // A rebook whose job ended without booking (crash, lost job): queue it again. The job
      // is one per session, so one already waiting is left as it is.
      await requeueJob(db, { kind: 'session-rebook', key: s.id, payload: { sessionId: s.id } });
      continue;
    }
    if (!['scheduled', 'held'].includes(s.status)) continue;
    const single = rebooked.get(s.id);
    // A held single is settled; reading its event again would cost a call each time for nothing.
    if (single !== undefined && s.status === 'held') continue;
    summary.checked++;
    const inst =
      single === undefined
        ? byStart.get(s.startsAt.getTime())
        : await singleEvent(services, single.organizerId, single.eventId);
    let next: SessionStatus = s.status;
    let reason: string | null = s.statusReason;
    // Someone moved a rebooked single in Outlook: the session follows it.
    const startsAt = single === undefined ? null : parseGraphDateTime(inst?.start);
    const endsAt = single === undefined ? null : parseGraphDateTime(inst?.end);
    const moved =
      startsAt !== null &&
      endsAt !== null &&
      (startsAt !== s.startsAt.getTime() || endsAt !== s.endsAt.getTime());
    if (inst === undefined && s.status === 'held') {
      // It took place; a series deleted afterwards takes its past occurrences along.
      continue;
    } else if (inst === undefined) {
      next = 'cancelled';
      reason = 'The occurrence was removed from the calendar';
    } else if (attendee?.mail != null && responseOf(inst, attendee.mail) === 'declined') {
      next = 'declined';
      reason = `${attendee.displayName} declined this session`;
    } else if (
      attendeeHas !== undefined &&
      !attendeeHas.has(parseGraphDateTime(inst.start) ?? s.startsAt.getTime())
    ) {
      // Deleted from the partner's calendar without a reply: the organizer's copy says nothing.
      next = 'declined';
      reason = `${attendee?.displayName ?? 'The partner'} removed this session from their calendar`;
    } else if ((endsAt ?? s.endsAt.getTime()) <= now) {
      next = 'held';
    }
    if (next === s.status && inst?.id === s.eventId && !moved) continue;
    const time = moved ? { startsAt: new Date(startsAt), endsAt: new Date(endsAt) } : {};
    const at = { startsAt: s.startsAt, endsAt: s.endsAt, ...time };
    await db
      .update(sessions)
      .set({
        status: next,
        statusReason: reason,
        eventId: inst?.id ?? s.eventId,
        ...time,
        // The time declined or removed is never offered to this session again, whatever happens
        // to the rebook job (retried after throttling, or after a crash).
        ...(next === 'declined' || next === 'cancelled'
          ? { avoidTimes: withAvoided(s.avoidTimes, at) }
          : {}),
        updatedAt: new Date(),
      })
      .where(eq(sessions.id, s.id));
    if (next === 'held') summary.held++;
    if (next === 'declined' || next === 'cancelled') {
      if (single !== undefined) {
        // This single event is done with; the next rebook books a new one. One declined and still
        // to come is in the organizer's calendar: the rebook cancels it there first, at the time
        // recorded here (or follows it, if the organizer moved it since).
        await db
          .update(sessionEvents)
          .set({
            status: inst !== undefined && s.startsAt.getTime() > now ? 'declined' : 'cancelled',
            startsAt: at.startsAt,
            endsAt: at.endsAt,
            updatedAt: new Date(),
          })
          .where(eq(sessionEvents.id, single.id));
      }
      if (next === 'declined') summary.declined++;
      else summary.cancelled++;
      if (s.startsAt.getTime() > now) {
        summary.rebooking++;
        await requeueJob(db, { kind: 'session-rebook', key: s.id, payload: { sessionId: s.id } });
      }
    }
  }
  return summary;
}

/**
 * Start times of the meetings from this organizer still in the attendee's own calendar (not
 * cancelled, not declined), or undefined when their calendar cannot be read: then only the
 * organizer's copy is judged.
 */
async function attendeeCopies(
  services: Services,
  o: { attendeeId: string; organizerMail: string | null; from: Date; to: Date },
): Promise<Set<number> | undefined> {
  if (o.organizerMail === null) return undefined;
  const mail = o.organizerMail.toLowerCase();
  try {
    const items = await services.graph.calendarView(o.attendeeId, o.from, o.to, {
      select: ['id', 'start', 'organizer', 'isCancelled', 'responseStatus'],
    });
    const starts = new Set<number>();
    for (const item of items) {
      if (item.organizer?.emailAddress?.address?.toLowerCase() !== mail) continue;
      if (item.isCancelled === true || item.responseStatus?.response === 'declined') continue;
      const start = parseGraphDateTime(item.start);
      if (start !== null) starts.add(start);
    }
    return starts;
  } catch (err) {
    const later = throttled(err);
    if (later !== undefined) throw later;
    if (isGraphError(err) && err.status === 404) return undefined;
    throw err;
  }
}

/**
 * A rebooked session's own event as the organizer's calendar has it: its start (moved or not),
 * the partner's response; undefined when it was deleted or cancelled.
 */
export async function singleEvent(
  services: Services,
  organizerId: string,
  eventId: string | null,
): Promise<Event | undefined> {
  if (eventId === null) return undefined;
  try {
    const event = await services.graph.getEvent(organizerId, eventId, {
      select: ['id', 'start', 'end', 'isCancelled', 'attendees'],
    });
    return event.isCancelled === true ? undefined : event;
  } catch (err) {
    const later = throttled(err);
    if (later !== undefined) throw later;
    if (isGraphError(err) && err.status === 404) return undefined;
    throw err;
  }
}

/** The periodic safety net: every booked series, whatever notifications were missed. */
export async function reconcileAll(services: Services): Promise<{ series: number }> {
  const rows = await services.db
    .select({ id: bookingSeries.id })
    .from(bookingSeries)
    .where(inArray(bookingSeries.status, WATCHED_SERIES));
  for (const r of rows) {
    await requeueJob(services.db, {
      kind: 'reconcile-series',
      key: r.id,
      payload: { seriesId: r.id },
    });
  }
  return { series: rows.length };
}

/**
 * Series this mailbox organizes or attends: a change notification from it reconciles them (the
 * subscription is per mailbox, so the name of its job payload field is historical).
 */
export async function reconcileOrganizer(services: Services, mailboxId: string): Promise<number> {
  const rows = await services.db
    .select({ id: bookingSeries.id })
    .from(bookingSeries)
    .where(
      and(
        or(eq(bookingSeries.organizerId, mailboxId), eq(bookingSeries.attendeeId, mailboxId)),
        inArray(bookingSeries.status, WATCHED_SERIES),
      ),
    );
  for (const r of rows) {
    await requeueJob(services.db, {
      kind: 'reconcile-series',
      key: r.id,
      payload: { seriesId: r.id },
    });
  }
  return rows.length;
}

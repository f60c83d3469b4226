import { and, eq, inArray, max, min } from 'drizzle-orm';
import type { Event } from '@microsoft/microsoft-graph-types';
import { isGraphError } from '../graph/index.js';
import { requeueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries, pairings, people, sessionEvents, sessions } from '../store/index.js';
import type { SessionStatus } from '../store/index.js';
import { throttled } from './free-busy-cache.js';
import { parseGraphDateTime } from './free-busy.js';
import { DAY_MS } from '../calendar-time/index.js';

/** Set on a pairing whose partner declined the whole series: an admin should talk to them. */
export const SERIES_DECLINED_FLAG = 'series-declined';

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
  if (series?.eventId == null || !['booked', 'partial'].includes(series.status)) return summary;
  const [pairing] = await db.select().from(pairings).where(eq(pairings.id, series.pairingId));
  if (pairing === undefined) return summary;
  const persons = await db
    .select()
    .from(people)
    .where(inArray(people.id, [series.organizerId, series.attendeeId]));
  if (pairing.status !== 'active' || persons.some((p) => p.goneAt !== null)) {
    await services.enqueue({
      kind: 'series-cancel',
      key: pairing.id,
      payload: { pairingId: pairing.id, reason: 'person-left' },
    });
    return summary;
  }
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
      // The organizer deleted the whole series in Outlook: every future session needs a slot.
      master = { attendees: [] };
      instances = [];
    } else throw err;
  }
  if (attendee?.mail != null && responseOf(master, attendee.mail) === 'declined') {
    await db
      .update(pairings)
      .set({ flag: SERIES_DECLINED_FLAG })
      .where(eq(pairings.id, pairing.id));
  }

  const rebooked = new Set(
    (
      await db
        .select({ sessionId: sessionEvents.sessionId })
        .from(sessionEvents)
        .where(and(eq(sessionEvents.pairingId, pairing.id), eq(sessionEvents.status, 'booked')))
    ).map((r) => r.sessionId),
  );
  const byStart = new Map<number, Event>();
  for (const inst of instances) {
    const start = parseGraphDateTime(inst.start);
    if (start !== null && inst.isCancelled !== true) byStart.set(start, inst);
  }
  const rows = await db.select().from(sessions).where(eq(sessions.seriesId, series.id));
  for (const s of rows) {
    if (rebooked.has(s.id) || !['scheduled', 'held'].includes(s.status)) continue;
    summary.checked++;
    const inst = byStart.get(s.startsAt.getTime());
    let next: SessionStatus = s.status;
    let reason: string | null = s.statusReason;
    if (inst === undefined) {
      next = 'cancelled';
      reason = 'The occurrence was removed from the calendar';
    } else if (attendee?.mail != null && responseOf(inst, attendee.mail) === 'declined') {
      next = 'declined';
      reason = `${attendee.displayName} declined this session`;
    } else if (s.endsAt.getTime() <= now) {
      next = 'held';
    }
    if (next === s.status && inst?.id === s.eventId) continue;
    await db
      .update(sessions)
      .set({
        status: next,
        statusReason: reason,
        eventId: inst?.id ?? s.eventId,
        updatedAt: new Date(),
      })
      .where(eq(sessions.id, s.id));
    if (next === 'held') summary.held++;
    if (next === 'declined' || next === 'cancelled') {
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

/** The periodic safety net: every booked series, whatever notifications were missed. */
export async function reconcileAll(services: Services): Promise<{ series: number }> {
  const rows = await services.db
    .select({ id: bookingSeries.id })
    .from(bookingSeries)
    .where(inArray(bookingSeries.status, ['booked', 'partial']));
  for (const r of rows) {
    await requeueJob(services.db, {
      kind: 'reconcile-series',
      key: r.id,
      payload: { seriesId: r.id },
    });
  }
  return { series: rows.length };
}

/** Series whose organizer is this mailbox: a change notification from it reconciles them. */
export async function reconcileOrganizer(services: Services, organizerId: string): Promise<number> {
  const rows = await services.db
    .select({ id: bookingSeries.id })
    .from(bookingSeries)
    .where(
      and(
        eq(bookingSeries.organizerId, organizerId),
        inArray(bookingSeries.status, ['booked', 'partial']),
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

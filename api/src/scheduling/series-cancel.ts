import { and, eq, gt, inArray, max } from 'drizzle-orm';
import type { Event } from '@microsoft/microsoft-graph-types';
import { DAY_MS } from '../calendar-time/index.js';
import type { GraphClient } from '../graph/index.js';
import { isGraphError } from '../graph/index.js';
import type { Services } from '../app/index.js';
import { requeueJob } from '../jobs/index.js';
import { bookingSeries, pairings, people, sessionEvents, sessions } from '../store/index.js';
import { currentSeries, type SeriesPlan } from './booking-job.series-store.js';
import { throttled } from './free-busy-cache.js';

export const DEFAULT_CANCEL_MESSAGE =
  'This reverse-mentoring series has ended, so the remaining sessions are cancelled. Thank you both.';

/**
 * `/cancel` as the organizer. `gone` when the item or the whole mailbox is no longer there
 * (deleted, or the organizer left): then nothing was sent, and the partner's copy may still
 * be in their calendar.
 */
export async function cancelOrGone(
  graph: GraphClient,
  organizerId: string,
  eventId: string,
  comment: string,
): Promise<'cancelled' | 'gone'> {
  try {
    await graph.cancelEvent(organizerId, eventId, comment);
    return 'cancelled';
  } catch (err) {
    if (isGraphError(err) && (err.status === 404 || err.status === 410)) return 'gone';
    throw throttled(err) ?? err;
  }
}

/**
 * Removes, through the partner's own mailbox (app-only Calendars.ReadWrite), every copy of a
 * meeting the departed organizer sent them in the pairing's time range: the series (by its
 * master) and the singles. A copy already gone counts as removed.
 */
async function removePartnerCopies(
  services: Services,
  o: { partnerId: string; organizerMail: string; from: Date; to: Date },
): Promise<number> {
  if (o.to.getTime() <= o.from.getTime()) return 0;
  let items: Event[];
  try {
    items = await services.graph.calendarView(o.partnerId, o.from, o.to, {
      select: ['id', 'seriesMasterId', 'organizer', 'type'],
    });
  } catch (err) {
    const later = throttled(err);
    if (later !== undefined) throw later;
    if (isGraphError(err) && err.status === 404) return 0;
    throw err;
  }
  const mail = o.organizerMail.toLowerCase();
  const ids = new Set<string>();
  for (const item of items) {
    if (item.organizer?.emailAddress?.address?.toLowerCase() !== mail) continue;
    const id = item.seriesMasterId ?? item.id;
    if (id != null) ids.add(id);
  }
  for (const id of ids) {
    try {
      await services.graph.deleteEvent(o.partnerId, id);
    } catch (err) {
      const later = throttled(err);
      if (later !== undefined) throw later;
      if (!(isGraphError(err) && (err.status === 404 || err.status === 410))) throw err;
    }
  }
  return ids.size;
}

/**
 * The `series-cancel` job: cancels what is left of a pairing's series with a short message, so
 * nothing stays in either calendar, and marks the future sessions cancelled. Idempotent: a series
 * already cancelled is left alone, and a create that may have reached Graph before a crash is
 * resolved through its transactionId first, so it cannot survive as an orphan.
 */
export async function cancelSeries(
  services: Services,
  pairingId: string,
  reason: string,
): Promise<{ cancelled: boolean; events: number }> {
  const { db, graph } = services;
  const series = await currentSeries(db, pairingId);
  let events = 0;
  /** Organizers whose event was gone when cancelled: their partners' copies are removed below. */
  const goneOrganizers = new Set<string>();
  // Reasons are internal (codes, who left); the calendar message stays neutral for both people.
  const message = DEFAULT_CANCEL_MESSAGE;
  const statusReason = reason.trim() === '' ? 'pairing ended' : reason.slice(0, 500);
  if (series !== undefined) {
    await db
      .update(bookingSeries)
      .set({ status: 'cancelling', updatedAt: new Date() })
      .where(eq(bookingSeries.id, series.id));
    let eventId = series.eventId;
    const plan = series.plan as SeriesPlan | null;
    if (eventId === null && plan !== null) {
      // The create may have reached Graph before a crash: the same request returns that event.
      try {
        const event = await graph.createEvent(series.organizerId, plan.request);
        eventId = event.id ?? null;
      } catch (err) {
        const later = throttled(err);
        if (later !== undefined) throw later;
        if (!(isGraphError(err) && err.status >= 400 && err.status < 500)) throw err;
      }
    }
    if (eventId !== null) {
      if ((await cancelOrGone(graph, series.organizerId, eventId, message)) === 'gone')
        goneOrganizers.add(series.organizerId);
      events++;
    }
    await db
      .update(bookingSeries)
      .set({ status: 'cancelled', failureReason: null, updatedAt: new Date() })
      .where(eq(bookingSeries.id, series.id));
  }

  const singles = await db
    .select()
    .from(sessionEvents)
    .where(
      and(
        eq(sessionEvents.pairingId, pairingId),
        inArray(sessionEvents.status, ['planned', 'booked', 'declined']),
      ),
    );
  for (const s of singles) {
    let eventId = s.eventId;
    if (eventId === null) {
      try {
        const event = await graph.createEvent(s.organizerId, {
          ...s.request,
          transactionId: s.transactionId,
        });
        eventId = event.id ?? null;
      } catch (err) {
        const later = throttled(err);
        if (later !== undefined) throw later;
      }
    }
    if (eventId !== null) {
      if ((await cancelOrGone(graph, s.organizerId, eventId, message)) === 'gone')
        goneOrganizers.add(s.organizerId);
      events++;
    }
    await db
      .update(sessionEvents)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(eq(sessionEvents.id, s.id));
  }

  const [pairing] = await db.select().from(pairings).where(eq(pairings.id, pairingId));
  if (pairing !== undefined) {
    const members = await db
      .select()
      .from(people)
      .where(inArray(people.id, [pairing.mentorId, pairing.leaderId]));
    const [range] = await db
      .select({ last: max(sessions.endsAt) })
      .from(sessions)
      .where(eq(sessions.pairingId, pairingId));
    // A disabled organizer keeps a mailbox, so /cancel went through; their partner's copies are
    // removed all the same, as for one who is gone.
    for (const m of members) if (departed(m)) goneOrganizers.add(m.id);
    for (const organizerId of goneOrganizers) {
      const organizer = members.find((m) => m.id === organizerId);
      const partner = members.find((m) => m.id !== organizerId);
      if (organizer?.mail == null || partner === undefined || departed(partner)) continue;
      await removePartnerCopies(services, {
        partnerId: partner.id,
        organizerMail: organizer.mail,
        from: new Date(services.now().getTime() - DAY_MS),
        to: new Date((range?.last ?? services.now()).getTime() + DAY_MS),
      });
    }
    // Each mailbox's subscription goes once it is in no other live pairing (the job decides;
    // one job per mailbox, so it never races a renewal of the same subscription).
    for (const mailboxId of [pairing.mentorId, pairing.leaderId]) {
      await requeueJob(db, {
        kind: 'graph-subscribe',
        key: mailboxId,
        payload: { organizerId: mailboxId },
      });
    }
  }

  await db
    .update(sessions)
    .set({ status: 'cancelled', statusReason, updatedAt: new Date() })
    .where(
      and(
        eq(sessions.pairingId, pairingId),
        gt(sessions.startsAt, services.now()),
        inArray(sessions.status, ['scheduled', 'rebooking', 'declined']),
      ),
    );
  return { cancelled: series !== undefined || singles.length > 0, events };
}

/** Left the directory, or still there with a mailbox but a disabled account: a departure. */
export function departed(p: { goneAt: Date | null; accountEnabled: boolean }): boolean {
  return p.goneAt !== null || !p.accountEnabled;
}

/** Queues the cancellation of a pairing's series (pairing ended, person left). */
export async function queueSeriesCancel(
  services: Services,
  pairingId: string,
  reason: string,
): Promise<void> {
  await services.enqueue({ kind: 'series-cancel', key: pairingId, payload: { pairingId, reason } });
}

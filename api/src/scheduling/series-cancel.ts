import { and, eq, gt, inArray } from 'drizzle-orm';
import type { GraphClient } from '../graph/index.js';
import { isGraphError } from '../graph/index.js';
import type { Services } from '../app/index.js';
import { bookingSeries, sessionEvents, sessions } from '../store/index.js';
import { currentSeries, type SeriesPlan } from './booking-job.series-store.js';
import { throttled } from './free-busy-cache.js';

export const DEFAULT_CANCEL_MESSAGE =
  'This reverse-mentoring series has ended, so the remaining sessions are cancelled. Thank you both.';

/** `/cancel` as the organizer; an item that is already gone counts as cancelled. */
async function cancelOrGone(
  graph: GraphClient,
  organizerId: string,
  eventId: string,
  comment: string,
): Promise<void> {
  try {
    await graph.cancelEvent(organizerId, eventId, comment);
  } catch (err) {
    if (isGraphError(err) && (err.status === 404 || err.status === 410)) return;
    throw throttled(err) ?? err;
  }
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
      await cancelOrGone(graph, series.organizerId, eventId, message);
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
        inArray(sessionEvents.status, ['planned', 'booked']),
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
      await cancelOrGone(graph, s.organizerId, eventId, message);
      events++;
    }
    await db
      .update(sessionEvents)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(eq(sessionEvents.id, s.id));
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

/** Queues the cancellation of a pairing's series (pairing ended, person left). */
export async function queueSeriesCancel(
  services: Services,
  pairingId: string,
  reason: string,
): Promise<void> {
  await services.enqueue({ kind: 'series-cancel', key: pairingId, payload: { pairingId, reason } });
}

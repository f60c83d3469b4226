import { and, eq } from 'drizzle-orm';
import type { Services } from '../app/index.js';
import { sessionEvents } from '../store/index.js';
import { parseGraphDateTime } from './free-busy.js';
import { singleEvent } from './reconcile.js';
import { cancelOrGone } from './series-cancel.js';

/** Sent with every meeting a rebook takes out of a calendar. */
export const MOVES_COMMENT = 'This session moves to a new time; a separate invitation follows.';

type SessionEventRow = typeof sessionEvents.$inferSelect;

/**
 * Takes the session's own meetings that the partner declined out of the organizer's calendar
 * (`/cancel`, so the partner gets the cancellation), each once: a meeting already cancelled or
 * deleted is only marked so, whoever removed it, so a rebook retried after a crash sends nothing
 * twice. A meeting the organizer moved since it was declined is not the time declined: it is left
 * in place, marked booked again at its new time, and returned, so the session follows it.
 */
export async function withdrawDeclinedSingles(
  services: Services,
  sessionId: string,
): Promise<SessionEventRow | undefined> {
  const { db } = services;
  const declined = await db
    .select()
    .from(sessionEvents)
    .where(and(eq(sessionEvents.sessionId, sessionId), eq(sessionEvents.status, 'declined')));
  for (const row of declined) {
    const event = await singleEvent(services, row.organizerId, row.eventId);
    const start = parseGraphDateTime(event?.start);
    const end = parseGraphDateTime(event?.end);
    if (
      start !== null &&
      end !== null &&
      (start !== row.startsAt.getTime() || end !== row.endsAt.getTime())
    ) {
      const [moved] = await db
        .update(sessionEvents)
        .set({
          status: 'booked',
          startsAt: new Date(start),
          endsAt: new Date(end),
          updatedAt: new Date(),
        })
        .where(eq(sessionEvents.id, row.id))
        .returning();
      return moved;
    }
    if (event !== undefined && row.eventId !== null) {
      await cancelOrGone(services.graph, row.organizerId, row.eventId, MOVES_COMMENT);
    }
    await db
      .update(sessionEvents)
      .set({ status: 'cancelled', updatedAt: new Date() })
      .where(eq(sessionEvents.id, row.id));
  }
  return undefined;
}

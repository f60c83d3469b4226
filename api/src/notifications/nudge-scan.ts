import { and, eq, gte, inArray, lte, ne } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { isSessionHeld } from '../feedback/index.js';
import { pinnedGuideSession } from '../guides/index.js';
import { ownersOfPrograms } from './program-owners-of.js';
import type { Services } from '../app/index.js';
import { bookingSeries, checkIns, pairings, people, programs, sessions } from '../store/index.js';
import { zoneOrUtc } from '../calendar-time/index.js';
import { tabPaths } from '../contract/index.js';
import { queueNotification } from './queue-notification.js';
import type { NudgeInput, QueueOutcome } from './queue-notification.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far back a finished session still earns a check-in nudge. */
const CHECK_IN_WINDOW_MS = 7 * DAY;
/** A pairing with this many missed or declined sessions is flagged to its program's owners. */
export const AT_RISK_MISSES = 2;

export interface NudgeScanSummary {
  considered: number;
  queued: number;
  duplicates: number;
  optedOut: number;
  errors: number;
}

interface PersonFacts {
  displayName: string;
  timeZone: string;
}

/**
 * Finds who needs a nudge now and queues one per person + kind + subject (repeated scans add
 * nothing). Each candidate is queued on its own: a failure on one is logged and counted and the
 * scan goes on. Nudges go to the person who has to act: both people before a session, each
 * person who has not checked in, the organizer when the other side declined, and the program's
 * admin when a pairing keeps missing sessions. What an event causes (matched, left out, booked,
 * moved, a partner leaving) is sent when it happens, not here (`event-messages.ts`, `partner-messages.ts`).
 */
export async function runNudgeScan(services: Services): Promise<NudgeScanSummary> {
  const { db } = services;
  const now = services.now();
  const summary: NudgeScanSummary = {
    considered: 0,
    queued: 0,
    duplicates: 0,
    optedOut: 0,
    errors: 0,
  };
  const nudges: NudgeInput[] = [];

  const window = await db
    .select({ session: sessions, pairing: pairings })
    .from(sessions)
    .innerJoin(pairings, eq(pairings.id, sessions.pairingId))
    .where(
      and(
        eq(pairings.status, 'active'),
        gte(sessions.endsAt, new Date(now.getTime() - CHECK_IN_WINDOW_MS)),
        lte(sessions.startsAt, new Date(now.getTime() + 2 * DAY)),
      ),
    );
  const atRisk = await db
    .select({ pairing: pairings, status: sessions.status, endsAt: sessions.endsAt })
    .from(pairings)
    .innerJoin(sessions, eq(sessions.pairingId, pairings.id))
    .where(
      and(
        eq(pairings.status, 'active'),
        inArray(sessions.status, ['missed', 'declined']),
        lte(sessions.endsAt, now),
      ),
    );

  const ids = new Set<string>();
  for (const { pairing } of [...window, ...atRisk]) ids.add(pairing.mentorId).add(pairing.leaderId);
  const facts = new Map<string, PersonFacts>();
  if (ids.size > 0) {
    const rows = await db
      .select({ id: people.id, displayName: people.displayName, timeZone: people.timeZone })
      .from(people)
      .where(inArray(people.id, [...ids]));
    for (const r of rows)
      facts.set(r.id, { displayName: r.displayName, timeZone: zoneOrUtc(r.timeZone) });
  }
  const nameOf = (id: string) => facts.get(id)?.displayName ?? 'your partner';
  const zoneOf = (id: string) => facts.get(id)?.timeZone ?? 'UTC';

  const sessionIds = window.map((w) => w.session.id);
  const answered = new Set(
    sessionIds.length === 0
      ? []
      : (
          await db
            .select({ sessionId: checkIns.sessionId, personId: checkIns.personId })
            .from(checkIns)
            .where(inArray(checkIns.sessionId, sessionIds))
        ).map((c) => `${c.sessionId}:${c.personId}`),
  );
  const organizerOf = new Map<string, string>();
  const seriesIds = [
    ...new Set(window.flatMap((w) => (w.session.seriesId === null ? [] : [w.session.seriesId]))),
  ];
  if (seriesIds.length > 0) {
    const rows = await db
      .select({ id: bookingSeries.id, organizerId: bookingSeries.organizerId })
      .from(bookingSeries)
      .where(inArray(bookingSeries.id, seriesIds));
    for (const r of rows) organizerOf.set(r.id, r.organizerId);
  }

  for (const { session, pairing } of window) {
    const title =
      (await pinnedGuideSession(db, pairing, session.guideSessionNumber))?.session.title ??
      'your session';
    const members = [
      { me: pairing.mentorId, partner: pairing.leaderId },
      { me: pairing.leaderId, partner: pairing.mentorId },
    ];
    if (session.status === 'scheduled' && session.startsAt.getTime() > now.getTime()) {
      for (const { me, partner } of members) {
        const zone = zoneOf(me);
        const start = DateTime.fromJSDate(session.startsAt, { zone });
        const tomorrow = DateTime.fromJSDate(now, { zone }).plus({ days: 1 });
        if (!start.hasSame(tomorrow, 'day')) continue;
        nudges.push({
          personId: me,
          kind: 'sessionTomorrow',
          subjectId: session.id,
          pairingId: pairing.id,
          params: {
            partnerName: nameOf(partner),
            startTime: start.toFormat('HH:mm'),
            sessionTitle: title,
          },
          path: tabPaths.session(session.id),
        });
      }
    }
    if (isSessionHeld(session, now)) {
      for (const { me, partner } of members) {
        if (answered.has(`${session.id}:${me}`)) continue;
        nudges.push({
          personId: me,
          kind: 'checkInWaiting',
          subjectId: session.id,
          pairingId: pairing.id,
          params: { partnerName: nameOf(partner), sessionTitle: title },
          path: tabPaths.session(session.id),
        });
      }
    }
    if (session.status === 'declined') {
      // Only attendees decline, so the organizer is the one left waiting.
      const organizer =
        (session.seriesId === null ? undefined : organizerOf.get(session.seriesId)) ??
        pairing.mentorId;
      const other = organizer === pairing.mentorId ? pairing.leaderId : pairing.mentorId;
      nudges.push({
        personId: organizer,
        kind: 'partnerNotResponding',
        subjectId: session.id,
        pairingId: pairing.id,
        params: {
          partnerName: nameOf(other),
          sessionDate: DateTime.fromJSDate(session.startsAt, { zone: zoneOf(organizer) }).toFormat(
            'd LLL',
          ),
        },
        path: tabPaths.pairing(pairing.id),
      });
    }
  }

  const misses = new Map<string, { pairing: (typeof atRisk)[number]['pairing']; count: number }>();
  for (const { pairing } of atRisk) {
    const m = misses.get(pairing.id) ?? { pairing, count: 0 };
    m.count += 1;
    misses.set(pairing.id, m);
  }
  const risky = [...misses.values()].filter((m) => m.count >= AT_RISK_MISSES);
  if (risky.length > 0) {
    const open = await db
      .select({ id: programs.id })
      .from(programs)
      .where(
        and(
          inArray(programs.id, [...new Set(risky.map((r) => r.pairing.programId))]),
          ne(programs.status, 'closed'),
        ),
      );
    const ownersOf = await ownersOfPrograms(
      db,
      open.map((p) => p.id),
    );
    for (const { pairing, count } of risky) {
      for (const owner of ownersOf.get(pairing.programId) ?? []) {
        nudges.push({
          personId: owner,
          kind: 'pairingAtRisk',
          subjectId: pairing.id,
          pairingId: pairing.id,
          params: {
            pairingName: `${nameOf(pairing.mentorId)} and ${nameOf(pairing.leaderId)}`,
            reason: `${count} sessions missed or declined`,
          },
          // The bookings page lists the pair's missed and declined sessions, with why.
          path: tabPaths.adminBookings(pairing.programId),
        });
      }
    }
  }

  for (const nudge of nudges) {
    summary.considered += 1;
    let outcome: QueueOutcome;
    try {
      outcome = await queueNotification(services, nudge);
    } catch (err) {
      summary.errors += 1;
      services.logger.warn(
        { err: String(err), kind: nudge.kind, subjectId: nudge.subjectId },
        'queueing a nudge failed',
      );
      continue;
    }
    if (outcome === 'queued') summary.queued += 1;
    else if (outcome === 'duplicate') summary.duplicates += 1;
    else summary.optedOut += 1;
  }
  return summary;
}

import { and, asc, eq, inArray, max } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Services } from '../app/index.js';
import { zoneLabel, zoneOrUtc } from '../calendar-time/index.js';
import { tabPaths } from '../contract/index.js';
import type { Db, StoredLeftOut } from '../store/index.js';
import { pairings, people, programs, sessions } from '../store/index.js';
import { queueNotification } from './queue-notification.js';
import type { NudgeInput } from './queue-notification.js';

/**
 * Messages sent as things happen (an approval, a booking, a partner leaving, a session moving),
 * each queued as its own `notify-send` job that keeps the person's quiet hours. The periodic scan
 * only handles what time brings (tomorrow's session, a check-in due, repeated misses).
 */

interface Person {
  id: string;
  displayName: string;
  zone: string;
}

export async function peopleById(db: Db, ids: string[]): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: people.id, displayName: people.displayName, timeZone: people.timeZone })
    .from(people)
    .where(inArray(people.id, [...new Set(ids)]));
  return new Map(
    rows.map((r) => [r.id, { id: r.id, displayName: r.displayName, zone: zoneOrUtc(r.timeZone) }]),
  );
}

/** "Tue 12 Jan 10:00 (London time)": a time the reader can act on without converting. */
export function localTime(at: Date, zone: string): string {
  return `${DateTime.fromJSDate(at, { zone }).toFormat('ccc d LLL HH:mm')} (${zoneLabel(zone)} time)`;
}

export async function queueAll(services: Services, nudges: NudgeInput[], tx?: Db): Promise<number> {
  let queued = 0;
  for (const n of nudges) {
    if ((await queueNotification(services, n, { tx })) === 'queued') queued += 1;
  }
  return queued;
}

/**
 * Tells both people of a pairing they are matched, with their partner and the first session
 * (or that it is still being arranged), once booking has an outcome. Once per pairing; when the
 * pairing already heard (a retried booking that now succeeded), a booked series is announced as
 * `seriesBooked` instead.
 */
export async function messageMatched(services: Services, pairingId: string): Promise<number> {
  const { db } = services;
  const [row] = await db
    .select({ pairing: pairings, programName: programs.name })
    .from(pairings)
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .where(eq(pairings.id, pairingId));
  if (row === undefined || row.pairing.status !== 'active') return 0;
  const { pairing, programName } = row;
  const upcoming = await db
    .select({ startsAt: sessions.startsAt, seriesId: sessions.seriesId })
    .from(sessions)
    .where(and(eq(sessions.pairingId, pairingId), eq(sessions.status, 'scheduled')))
    .orderBy(asc(sessions.startsAt));
  const first = upcoming[0];
  const who = await peopleById(db, [pairing.mentorId, pairing.leaderId]);
  let queued = 0;
  for (const [me, partner] of [
    [pairing.mentorId, pairing.leaderId],
    [pairing.leaderId, pairing.mentorId],
  ] as const) {
    const zone = who.get(me)?.zone ?? 'UTC';
    const partnerName = who.get(partner)?.displayName ?? 'your partner';
    const outcome = await queueNotification(services, {
      personId: me,
      kind: 'matched',
      subjectId: pairing.id,
      pairingId: pairing.id,
      params: {
        partnerName,
        programName,
        firstSession:
          first === undefined
            ? 'still being arranged; we message you when it is in your calendar'
            : localTime(first.startsAt, zone),
      },
      path: tabPaths.pairing(pairing.id),
    });
    if (outcome === 'queued') queued += 1;
    if (outcome === 'duplicate' && first?.seriesId != null) {
      const again = await queueNotification(services, {
        personId: me,
        kind: 'seriesBooked',
        subjectId: first.seriesId,
        pairingId: pairing.id,
        params: {
          sessionCount: String(upcoming.filter((s) => s.seriesId === first.seriesId).length),
          partnerName,
          firstSession: localTime(first.startsAt, zone),
        },
        path: tabPaths.pairing(pairing.id),
      });
      if (again === 'queued') queued += 1;
    }
  }
  return queued;
}

/** What a person left out reads: the reason in their terms, never another person's details. */
export function leftOutWords(l: Pick<StoredLeftOut, 'role' | 'reasonCode' | 'reason'>): {
  reason: string;
  nextStep: string;
} {
  const nextStep =
    'You stay enrolled: the program team can pair you by hand, and the next round considers you first';
  switch (l.reasonCode) {
    case 'capacity':
      return {
        reason: `there were more ${l.role === 'mentor' ? 'mentors than leaders' : 'leaders than mentors'} this round`,
        nextStep,
      };
    case 'no-compatible-partner':
      return {
        reason:
          'no partner met every rule (outside your reporting line, a real seniority gap, not paired before)',
        nextStep,
      };
    case 'constraint':
      return {
        reason: l.reason.replace(/\.$/, ''),
        nextStep: 'Home in the app says what to change',
      };
    case 'removed-by-admin':
      return {
        reason: 'the program team kept you out of this round',
        nextStep: 'Ask the program team if you want to know more; you stay enrolled',
      };
  }
}

/**
 * Tells everyone an approved run left out that they are not paired, why, and what happens next.
 * Written in the approval's transaction.
 */
export async function messageLeftOut(
  services: Services,
  tx: Db,
  o: { runId: string; programName: string; leftOut: StoredLeftOut[] },
): Promise<number> {
  return queueAll(
    services,
    o.leftOut.map((l) => {
      const words = leftOutWords(l);
      return {
        personId: l.personId,
        kind: 'leftOut' as const,
        subjectId: o.runId,
        params: { programName: o.programName, reason: words.reason, nextStep: words.nextStep },
        path: tabPaths.home(),
      };
    }),
    tx,
  );
}

/**
 * Tells both people that a session moved to a new time, or that it could not be moved (the
 * program team sees the same on the booking page).
 */
export async function messageSessionChanged(
  services: Services,
  o: { sessionId: string; moved: boolean },
): Promise<number> {
  const { db } = services;
  const [row] = await db
    .select({ session: sessions, pairing: pairings })
    .from(sessions)
    .innerJoin(pairings, eq(pairings.id, sessions.pairingId))
    .where(eq(sessions.id, o.sessionId));
  if (row === undefined || row.pairing.status !== 'active') return 0;
  const { session, pairing } = row;
  // "Session 3 of 6", as every screen numbers it: the series' last occurrence (cancelled ones
  // keep their place).
  const [series] = await db
    .select({ last: max(sessions.occurrence) })
    .from(sessions)
    .where(eq(sessions.pairingId, pairing.id));
  const count = Math.max(series?.last ?? 0, session.occurrence);
  const who = await peopleById(db, [pairing.mentorId, pairing.leaderId]);
  return queueAll(
    services,
    [
      [pairing.mentorId, pairing.leaderId],
      [pairing.leaderId, pairing.mentorId],
    ].map(([me = '', partner = '']) => ({
      personId: me,
      kind: 'seriesChanged' as const,
      // A retried job repeats neither message; a later move of the same session is news.
      subjectId: o.moved
        ? `${session.id}:${session.startsAt.toISOString()}`
        : `${session.id}:stuck`,
      pairingId: pairing.id,
      params: {
        sessionNumber: `${session.occurrence} of ${count}`,
        partnerName: who.get(partner)?.displayName ?? 'your partner',
        change: o.moved
          ? `moved to ${localTime(session.startsAt, who.get(me)?.zone ?? 'UTC')}; the new invite is in your calendar`
          : 'could not be moved to a time you both have free; the program team is on it',
      },
      path: tabPaths.session(session.id),
    })),
  );
}

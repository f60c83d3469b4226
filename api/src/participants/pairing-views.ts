import { and, asc, eq, inArray } from 'drizzle-orm';
import type {
  PairingView,
  PersonCard,
  Role,
  SessionStatus,
  SessionView,
} from '../contract/api-types.js';
import { personCard, unknownPersonCard } from '../programs/index.js';
import type { Db } from '../store/index.js';
import type { pairings } from '../store/index.js';
import { bookingSeries, checkIns, people, sessions } from '../store/index.js';
import { guideTitles } from './guide-titles.js';

export type PairingRow = typeof pairings.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type SeriesRow = typeof bookingSeries.$inferSelect;

/** A pairing with the name of its program, as the participants' queries select it. */
export type PairingWithProgram = PairingRow & { programName: string };

export interface PairingViewsOptions {
  /** Whose view it is: `myRole`, the partner and `checkInDone` are from this person's side. */
  viewerId: string;
  pairings: readonly PairingWithProgram[];
  now: Date;
}

/** Sessions a participant can still go to: booked, or being moved to a new slot. */
const UPCOMING: readonly SessionStatus[] = ['scheduled', 'rebooking'];

/**
 * The viewer's side of a pairing. Someone outside it (an admin reading a program's pairing) sees
 * it from the mentor's side, the side the booking is made from by default.
 */
export function roleOf(p: Pick<PairingRow, 'mentorId' | 'leaderId'>, viewerId: string): Role {
  return p.leaderId === viewerId && p.mentorId !== viewerId ? 'leader' : 'mentor';
}

/** Live pairings (active, paused) before ended ones; within each, the newest first. */
export function compareForHome(
  a: Pick<PairingRow, 'status' | 'startedAt' | 'id'>,
  b: Pick<PairingRow, 'status' | 'startedAt' | 'id'>,
): number {
  const rank = (p: Pick<PairingRow, 'status'>) => (p.status === 'ended' ? 1 : 0);
  return (
    rank(a) - rank(b) ||
    b.startedAt.getTime() - a.startedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The session to show as "next": the earliest upcoming one that has not ended yet, so a meeting
 * already under way keeps its join button until it is over.
 */
export function nextSessionOf<T extends Pick<SessionView, 'status' | 'startsAt' | 'endsAt'>>(
  list: readonly T[],
  now: Date,
): T | null {
  const nowIso = now.toISOString();
  let best: T | null = null;
  for (const s of list) {
    // ISO instants from toISOString() share one format, so they compare as strings.
    if (!UPCOMING.includes(s.status) || s.endsAt <= nowIso) continue;
    if (best === null || s.startsAt < best.startsAt) best = s;
  }
  return best;
}

/** The series shown for a pairing: its newest (a rebooked series replaces a cancelled one). */
export function currentSeries(rows: readonly SeriesRow[]): SeriesRow | undefined {
  let best: SeriesRow | undefined;
  for (const r of rows)
    if (best === undefined || r.createdAt.getTime() > best.createdAt.getTime()) best = r;
  return best;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list === undefined) out.set(k, [row]);
    else list.push(row);
  }
  return out;
}

/**
 * Builds the views of several pairings with one query per table (partners, series, sessions, the
 * viewer's check-ins), whatever the number of pairings: this is the home view's hot path.
 */
export async function pairingViews(db: Db, o: PairingViewsOptions): Promise<PairingView[]> {
  if (o.pairings.length === 0) return [];
  const ids = o.pairings.map((p) => p.id);
  const partnerIds = [
    ...new Set(
      o.pairings.map((p) => (roleOf(p, o.viewerId) === 'mentor' ? p.leaderId : p.mentorId)),
    ),
  ];
  const [partners, seriesRows, sessionRows, done, titleOf] = await Promise.all([
    db.select().from(people).where(inArray(people.id, partnerIds)),
    db.select().from(bookingSeries).where(inArray(bookingSeries.pairingId, ids)),
    db
      .select()
      .from(sessions)
      .where(inArray(sessions.pairingId, ids))
      .orderBy(asc(sessions.pairingId), asc(sessions.occurrence)),
    db
      .select({ sessionId: checkIns.sessionId })
      .from(checkIns)
      .where(and(eq(checkIns.personId, o.viewerId), inArray(checkIns.pairingId, ids))),
    guideTitles(db, o.pairings),
  ]);
  const cardById = new Map<string, PersonCard>(partners.map((p) => [p.id, personCard(p)]));
  const seriesById = new Map(seriesRows.map((s) => [s.id, s]));
  const seriesByPairing = groupBy(seriesRows, (s) => s.pairingId);
  const sessionsByPairing = groupBy(sessionRows, (s) => s.pairingId);
  const checkedIn = new Set(done.map((d) => d.sessionId));

  return [...o.pairings].sort(compareForHome).map((p) => {
    const myRole = roleOf(p, o.viewerId);
    const partnerId = myRole === 'mentor' ? p.leaderId : p.mentorId;
    const series = currentSeries(seriesByPairing.get(p.id) ?? []);
    const views: SessionView[] = (sessionsByPairing.get(p.id) ?? []).map((s) => ({
      id: s.id,
      pairingId: s.pairingId,
      occurrence: s.occurrence,
      startsAt: s.startsAt.toISOString(),
      endsAt: s.endsAt.toISOString(),
      status: s.status,
      statusReason: s.statusReason,
      // Occurrences of one series share its meeting; a session booked on its own has its own link.
      joinUrl:
        s.joinUrl ?? (s.seriesId === null ? null : (seriesById.get(s.seriesId)?.joinUrl ?? null)),
      guideSessionNumber: s.guideSessionNumber,
      guideTitle: titleOf(p, s.guideSessionNumber),
      checkInDone: checkedIn.has(s.id),
    }));
    return {
      id: p.id,
      programId: p.programId,
      programName: p.programName,
      myRole,
      partner: cardById.get(partnerId) ?? unknownPersonCard(partnerId),
      status: p.status,
      explanation: p.explanation,
      series:
        series === undefined
          ? null
          : {
              status: series.status,
              joinUrl: series.joinUrl,
              failureReason: series.failureReason,
            },
      nextSession: p.status === 'ended' ? null : nextSessionOf(views, o.now),
      sessions: views,
    };
  });
}

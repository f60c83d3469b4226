import type {
  PairingView,
  PersonCard,
  Role,
  SessionStatus,
  SessionView,
} from '../contract/index.js';
import { isSessionHeld } from '../feedback/index.js';
import { personCard, unknownPersonCard } from '../programs/index.js';
import type { pairings } from '../store/index.js';
import type { GuideTitleLookup } from './guide-titles.js';
import { iso } from './participant-snapshot.js';
import type { PairingsSnapshot, PersonJson } from './participant-snapshot.js';

export type PairingRow = typeof pairings.$inferSelect;

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

/**
 * How many sessions a pair's series has: its last occurrence (cancelled ones keep their place, so
 * the numbering never shifts). A program of 6 sessions on a guide of 8 reads "6 of 6", not "8".
 */
export function seriesLength(sessions: readonly { occurrence: number }[]): number {
  return sessions.reduce((n, s) => Math.max(n, s.occurrence), 0);
}

/** A person card from the snapshot's person; the directory no longer having them reads as such. */
export function cardOf(id: string, p: PersonJson | null): PersonCard {
  return p === null ? unknownPersonCard(id) : personCard(p);
}

export interface PairingViewsOptions {
  /** Whose view it is: `myRole`, the partner and `checkInDone` are from this person's side. */
  viewerId: string;
  snapshot: PairingsSnapshot;
  titleOf: GuideTitleLookup;
  now: Date;
}

/** The pairings of a snapshot as the viewer sees them, live ones first. */
export function pairingViewsFrom(o: PairingViewsOptions): PairingView[] {
  const rows = o.snapshot.pairings.map((p) => ({ ...p, started: new Date(p.startedAt) }));
  rows.sort((a, b) =>
    compareForHome(
      { status: a.status, startedAt: a.started, id: a.id },
      { status: b.status, startedAt: b.started, id: b.id },
    ),
  );
  return rows.map((p) => {
    const myRole = roleOf(p, o.viewerId);
    const partnerId = myRole === 'mentor' ? p.leaderId : p.mentorId;
    const sessionCount = seriesLength(p.sessions);
    const views: SessionView[] = p.sessions.map((s) => ({
      id: s.id,
      pairingId: s.pairingId,
      occurrence: s.occurrence,
      sessionCount,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      // As the insights count it: a booked session that ended without a decline was held (the
      // calendar says nothing else), so it no longer reads "Booked" with a Join button.
      status: isSessionHeld({ status: s.status, endsAt: new Date(s.endsAt) }, o.now)
        ? 'held'
        : s.status,
      statusReason: s.statusReason,
      // A meeting that has ended, or any of an ended pairing's, cannot be joined: no Join button
      // beside a past session, whatever became of it (one still waiting for a new time included).
      joinUrl: p.status === 'ended' || new Date(s.endsAt) <= o.now ? null : s.joinUrl,
      guideSessionNumber: s.guideSessionNumber,
      guideTitle: o.titleOf(p, s.guideSessionNumber),
      checkInDone: s.checkInDone,
    }));
    return {
      id: p.id,
      programId: p.programId,
      programName: p.programName,
      myRole,
      partner: cardOf(partnerId, p.partner),
      partnerProfile: p.partnerProfile,
      status: p.status,
      explanation: p.explanation,
      series: p.series,
      nextSession: p.status === 'ended' ? null : nextSessionOf(views, o.now),
      sessions: views,
    };
  });
}

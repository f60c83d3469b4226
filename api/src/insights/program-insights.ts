import { eq, inArray } from 'drizzle-orm';
import type { InsightsView } from '../contract/index.js';
import { topicName } from '../contract/index.js';
import { isSessionDue, isSessionHeld } from '../feedback/index.js';
import { findGuideTrack, guideSessionByNumber } from '../guides/index.js';
import type { GuideTrack } from '../guides/index.js';
import type { Db } from '../store/index.js';
import {
  checkIns,
  commitments,
  enrolments,
  pairings,
  people,
  programs,
  sessions,
} from '../store/index.js';
import { MIN_GROUP_SIZE, mean, ratio, shown, suppressedGroups } from './k-anonymity.js';

export const NO_DEPARTMENT = 'Not set';

/**
 * A program's outcomes as aggregates only. Every figure that describes what people did is shown
 * only over groups of at least `MIN_GROUP_SIZE` people, and reflections' text is never read:
 * check-ins contribute their ratings, commitments their count and done flag.
 */
export async function programInsights(
  db: Db,
  programId: string,
  now: Date,
): Promise<InsightsView | undefined> {
  const programRows = await db.select().from(programs).where(eq(programs.id, programId));
  const program = programRows[0];
  if (program === undefined) return undefined;

  const enrolled = (
    await db
      .select({ personId: enrolments.personId, role: enrolments.role, status: enrolments.status })
      .from(enrolments)
      .where(eq(enrolments.programId, programId))
  ).filter((e) => e.status !== 'left');
  const pairingRows = await db.select().from(pairings).where(eq(pairings.programId, programId));
  const pairingIds = pairingRows.map((p) => p.id);
  const sessionRows =
    pairingIds.length === 0
      ? []
      : await db
          .select({
            pairingId: sessions.pairingId,
            occurrence: sessions.occurrence,
            guideSessionNumber: sessions.guideSessionNumber,
            status: sessions.status,
            startsAt: sessions.startsAt,
            endsAt: sessions.endsAt,
          })
          .from(sessions)
          .where(inArray(sessions.pairingId, pairingIds));
  // Ratings only: the reflection column is deliberately not selected.
  const ratings =
    pairingIds.length === 0
      ? []
      : await db
          .select({
            personId: checkIns.personId,
            usefulness: checkIns.usefulness,
            safety: checkIns.safety,
          })
          .from(checkIns)
          .where(inArray(checkIns.pairingId, pairingIds));
  const commitmentRows =
    pairingIds.length === 0
      ? []
      : await db
          .select({ done: commitments.done })
          .from(commitments)
          .where(inArray(commitments.pairingId, pairingIds));

  const pairedPeople = new Set(pairingRows.flatMap((p) => [p.mentorId, p.leaderId]));
  const leaders = new Set(pairingRows.map((p) => p.leaderId));
  const enrolledIds = new Set(enrolled.map((e) => e.personId));
  const matched = [...enrolledIds].filter((id) => pairedPeople.has(id)).length;

  const due = sessionRows.filter((s) => isSessionDue(s, now));
  const held = sessionRows.filter((s) => isSessionHeld(s, now));

  const respondents = new Set(ratings.map((r) => r.personId));
  const usefulness = ratings.flatMap((r) => (r.usefulness === null ? [] : [r.usefulness]));
  const safety = ratings.flatMap((r) => (r.safety === null ? [] : [r.safety]));

  const lastOccurrence = new Map<string, number>();
  for (const s of sessionRows)
    lastOccurrence.set(s.pairingId, Math.max(lastOccurrence.get(s.pairingId) ?? 0, s.occurrence));
  const reachedLast = new Set(
    held.filter((s) => s.occurrence === lastOccurrence.get(s.pairingId)).map((s) => s.pairingId),
  ).size;

  const topics = await topicCoverage(db, program, pairingRows, held, pairedPeople.size);
  const byDepartment = await departmentBreakdown(db, pairingRows, due, held);

  const paired = pairedPeople.size;
  return {
    minGroupSize: MIN_GROUP_SIZE,
    enrolment: {
      mentors: enrolled.filter((e) => e.role === 'mentor').length,
      leaders: enrolled.filter((e) => e.role === 'leader').length,
      matchRate: shown(enrolledIds.size, ratio(matched, enrolledIds.size)),
    },
    sessions: {
      scheduled: shown(paired, due.length),
      held: shown(paired, held.length),
      heldRate: shown(paired, ratio(held.length, due.length)),
      inCalendars: shown(
        paired,
        sessionRows.filter((s) => s.status === 'scheduled' || isSessionDue(s, now)).length,
      ),
    },
    checkIns: {
      usefulness: shown(respondents.size, mean(usefulness)),
      safety: shown(respondents.size, mean(safety)),
      responses: shown(respondents.size, ratings.length),
    },
    retention: { pairings: pairingRows.length, reachedLastSession: shown(paired, reachedLast) },
    commitments: {
      made: shown(leaders.size, commitmentRows.length),
      followedThrough: shown(leaders.size, commitmentRows.filter((c) => c.done).length),
    },
    topics,
    byDepartment,
  };
}

type PairingRow = typeof pairings.$inferSelect;
interface SessionFacts {
  pairingId: string;
  guideSessionNumber: number;
  status: (typeof sessions.$inferSelect)['status'];
  startsAt: Date;
  endsAt: Date;
}

async function topicCoverage(
  db: Db,
  program: { guideTrackId: string; guideTrackVersion: string },
  pairingRows: PairingRow[],
  held: SessionFacts[],
  /** People in the program's pairings: "none held yet" is said only where held counts are shown. */
  paired: number,
): Promise<InsightsView['topics']> {
  const tracks = new Map<string, GuideTrack | undefined>();
  const trackOf = async (id: string, version: string) => {
    const key = `${id}@${version}`;
    if (!tracks.has(key)) tracks.set(key, (await findGuideTrack(db, id, version))?.track);
    return tracks.get(key);
  };
  // The program's own track gives the order and lists topics nobody held yet (suppressed, not 0).
  const order: string[] = [];
  const programTrack = await trackOf(program.guideTrackId, program.guideTrackVersion);
  for (const s of [
    ...(programTrack?.sessions ?? []),
    ...(programTrack ? [programTrack.openTopic] : []),
  ])
    if (!order.includes(topicName(s.key, s.topic))) order.push(topicName(s.key, s.topic));

  const byPairing = new Map(pairingRows.map((p) => [p.id, p]));
  const perTopic = new Map<string, { sessions: number; people: Set<string> }>();
  for (const s of held) {
    const pairing = byPairing.get(s.pairingId);
    if (pairing === undefined) continue;
    const track = await trackOf(pairing.guideTrackId, pairing.guideTrackVersion);
    const guide =
      track === undefined ? undefined : guideSessionByNumber(track, s.guideSessionNumber);
    if (guide === undefined) continue;
    const topic = topicName(guide.key, guide.topic);
    if (!order.includes(topic)) order.push(topic);
    const cell = perTopic.get(topic) ?? { sessions: 0, people: new Set<string>() };
    cell.sessions += 1;
    cell.people.add(pairing.mentorId).add(pairing.leaderId);
    perTopic.set(topic, cell);
  }
  return order.map((topic) => {
    const cell = perTopic.get(topic);
    return {
      topic,
      sessionsHeld: cell === undefined ? null : shown(cell.people.size, cell.sessions),
      // Nobody held a session on it yet (not due, or not in the sessions booked): that is not a
      // small group. Said only when the program's own held count is shown, so a program of four
      // does not give away which of its sessions took place.
      noneHeld: cell === undefined && shown(paired, true) === true,
    };
  });
}

async function departmentBreakdown(
  db: Db,
  pairingRows: PairingRow[],
  due: SessionFacts[],
  held: SessionFacts[],
): Promise<InsightsView['byDepartment']> {
  const ids = [...new Set(pairingRows.flatMap((p) => [p.mentorId, p.leaderId]))];
  const deptRows =
    ids.length === 0
      ? []
      : await db
          .select({ id: people.id, department: people.department })
          .from(people)
          .where(inArray(people.id, ids));
  const deptOf = new Map(deptRows.map((r) => [r.id, r.department?.trim() || NO_DEPARTMENT]));
  const members = new Map<string, Set<string>>();
  const pairingsOf = new Map<string, Set<string>>();
  for (const p of pairingRows) {
    for (const person of [p.mentorId, p.leaderId]) {
      const dept = deptOf.get(person) ?? NO_DEPARTMENT;
      members.set(dept, (members.get(dept) ?? new Set<string>()).add(person));
      pairingsOf.set(dept, (pairingsOf.get(dept) ?? new Set<string>()).add(p.id));
    }
  }
  const cells = [...members].map(([group, set]) => ({ group, people: set.size }));
  const hidden = suppressedGroups(cells);
  return cells
    .sort((a, b) => a.group.localeCompare(b.group))
    .map(({ group, people: size }) => {
      if (hidden.has(group))
        return { group, people: null, heldRate: null, sessionsDue: null, suppressed: true };
      const inGroup = pairingsOf.get(group) ?? new Set<string>();
      const d = due.filter((s) => inGroup.has(s.pairingId)).length;
      const h = held.filter((s) => inGroup.has(s.pairingId)).length;
      return { group, people: size, heldRate: ratio(h, d), sessionsDue: d, suppressed: false };
    });
}

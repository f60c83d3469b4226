import type { Principal } from '../app/index.js';
import { and, desc, eq, inArray } from 'drizzle-orm';
import type {
  EnrolmentView,
  HomeView,
  MyAwaitingPartnerView,
  MyLeftOutView,
  PairingView,
  ProgramView,
} from '../contract/index.js';
import { meView, notInDirectory } from '../identity/index.js';
import { leftOutWords } from '../notifications/index.js';
import { toProgramView } from '../programs/index.js';
import { matchRuns, rematchRequests } from '../store/index.js';
import type { Db } from '../store/index.js';
import type { Services } from '../app/index.js';
import { guideTitles } from './guide-titles.js';
import { iso, loadHomeSnapshot } from './participant-snapshot.js';
import type { OpenProgramJson } from './participant-snapshot.js';
import { cardOf, pairingViewsFrom } from './pairing-views.js';

/** An open program on the home screen: the admin's mapper, with the counts the snapshot holds. */
export function openProgramView(p: OpenProgramJson): ProgramView {
  return toProgramView(p, {
    mentors: p.mentors,
    leaders: p.leaders,
    pairings: p.pairings,
    endedPairings: p.endedPairings,
  });
}

/**
 * Everything the employee's home screen shows, in one answer: who they are, their enrolments,
 * their pairings with the next session, programs they may still join, and unread nudges.
 * The benchmarked read path: one statement (see participant-snapshot.ts), no Graph call.
 */
export async function homeView(services: Services, principal: Principal): Promise<HomeView> {
  const now = services.now();
  const snap = await loadHomeSnapshot(services.db, principal.userId, now);
  const person = snap.me;
  if (person === null || person.gone) throw notInDirectory();
  const titleOf = await guideTitles(services.db, snap.pairings);

  const me = meView(person, principal, services.config.localMode);
  const myCard = cardOf(person.id, person);
  const enrolments: EnrolmentView[] = snap.enrolments.map((e) => ({
    id: e.id,
    programId: e.programId,
    programName: e.programName,
    person: myCard,
    role: e.role,
    suggestedRole: e.suggestedRole,
    status: e.status,
    topicsOffered: e.topicsOffered,
    topicsWanted: e.topicsWanted,
    goals: e.goals,
    createdAt: iso(e.createdAt),
  }));
  const pairings = pairingViewsFrom({ viewerId: principal.userId, snapshot: snap, titleOf, now });
  return {
    me,
    enrolments,
    pairings,
    openPrograms: snap.openPrograms.map(openProgramView),
    leftOut: await leftOutOf(services.db, principal.userId, enrolments, pairings),
    awaitingPartner: await awaitingPartnerOf(services.db, principal.userId, enrolments, pairings),
    unreadNotifications: snap.unread,
  };
}

/**
 * For each program the caller waits in (enrolled, not left, no pairing that is still on), whether
 * its latest approved matching left them out. Only waiting people cost a query; paired people,
 * most of the time, none.
 */
async function leftOutOf(
  db: Db,
  personId: string,
  enrolments: EnrolmentView[],
  pairings: PairingView[],
): Promise<MyLeftOutView[]> {
  const waiting = waitingIn(enrolments, pairings);
  if (waiting.length === 0) return [];
  const runs = await db
    .select()
    .from(matchRuns)
    .where(
      and(
        inArray(
          matchRuns.programId,
          waiting.map((e) => e.programId),
        ),
        eq(matchRuns.status, 'approved'),
      ),
    )
    .orderBy(desc(matchRuns.approvedAt));
  const out: MyLeftOutView[] = [];
  for (const e of waiting) {
    const latest = runs.find((r) => r.programId === e.programId);
    const mine = latest?.leftOut.find((l) => l.personId === personId);
    if (latest === undefined || mine === undefined) continue;
    const words = leftOutWords(mine);
    out.push({
      programId: e.programId,
      programName: e.programName,
      role: mine.role,
      reason: mine.reasonCode === 'constraint' ? mine.reason : words.reason,
      nextStep: words.nextStep,
      decidedAt: (latest.approvedAt ?? latest.updatedAt).toISOString(),
    });
  }
  return out;
}

/** Enrolments of programs where the caller has no pairing that is still on. */
function waitingIn(enrolments: EnrolmentView[], pairings: PairingView[]): EnrolmentView[] {
  const paired = new Set(pairings.filter((p) => p.status !== 'ended').map((p) => p.programId));
  return enrolments.filter((e) => e.status !== 'left' && !paired.has(e.programId));
}

/**
 * For each program the caller waits in, whether a rematch request for them is open: their
 * partner left (or was moved to a new pair), so the program team is finding them someone. Only
 * waiting people cost a query.
 */
async function awaitingPartnerOf(
  db: Db,
  personId: string,
  enrolments: EnrolmentView[],
  pairings: PairingView[],
): Promise<MyAwaitingPartnerView[]> {
  const waiting = waitingIn(enrolments, pairings);
  if (waiting.length === 0) return [];
  const open = await db
    .select()
    .from(rematchRequests)
    .where(
      and(
        eq(rematchRequests.affectedPersonId, personId),
        eq(rematchRequests.status, 'open'),
        inArray(
          rematchRequests.programId,
          waiting.map((e) => e.programId),
        ),
      ),
    )
    .orderBy(desc(rematchRequests.createdAt));
  const out: MyAwaitingPartnerView[] = [];
  for (const e of waiting) {
    const request = open.find((r) => r.programId === e.programId);
    if (request === undefined) continue;
    const partner =
      pairings.find((p) => p.id === request.pairingId)?.partner.displayName ?? 'Your partner';
    out.push({
      programId: e.programId,
      what:
        request.source === 'partner-moved'
          ? `The program team gave ${partner} a new partner, so your pairing ended`
          : request.source === 'departure'
            ? `${partner} left, so your pairing ended and its remaining sessions were cancelled`
            : `Your pairing with ${partner} ended`,
      nextStep:
        'The program team has been asked to find you a new partner. You get a Teams message as soon as you are matched',
      since: request.createdAt.toISOString(),
    });
  }
  return out;
}

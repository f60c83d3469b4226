import { ProblemError } from '../app/index.js';
import type { Principal } from '../app/index.js';
import type { EnrolmentView, HomeView, Me, ProgramView } from '../contract/index.js';
import { isAdmin } from '../identity/index.js';
import { nextStatuses } from '../programs/index.js';
import type { Services } from '../app/index.js';
import { guideTitles } from './guide-titles.js';
import { iso, loadHomeSnapshot } from './participant-snapshot.js';
import type { OpenProgramJson } from './participant-snapshot.js';
import { cardOf, pairingViewsFrom } from './pairing-views.js';

/** The same answer as `GET /api/me` for someone the org sync does not list. */
export function notInDirectory(): ProblemError {
  return new ProblemError({
    status: 404,
    type: 'not-in-directory',
    title: 'You are not in the directory yet',
    detail:
      'Your account is signed in, but the organisation directory does not list you. It refreshes regularly; try again later.',
  });
}

/**
 * The shape of `programView` in programs/ (the admin's program view), built from counts the
 * snapshot already holds; a test compares the two so they cannot drift apart.
 */
export function openProgramView(p: OpenProgramJson): ProgramView {
  const r = p.rules;
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    rules: {
      mentorMaxLevel: r.mentorMaxLevel,
      leaderMinLevel: r.leaderMinLevel,
      ...(r.mentorHiredWithinYears === undefined
        ? {}
        : { mentorHiredWithinYears: r.mentorHiredWithinYears }),
      minLevelGap: r.minLevelGap,
      topics: [...r.topics],
      cadence: r.cadence,
      sessions: r.sessions,
      durationMinutes: r.durationMinutes,
      leaderCapacity: r.leaderCapacity,
      organizer: r.organizer,
      weights: { ...r.weights },
    },
    guideTrackId: p.guideTrackId,
    guideTrackVersion: p.guideTrackVersion,
    enrolmentOpensAt: p.enrolmentOpensAt === null ? null : iso(p.enrolmentOpensAt),
    enrolmentClosesAt: p.enrolmentClosesAt === null ? null : iso(p.enrolmentClosesAt),
    startsOn: p.startsOn,
    counts: { mentors: p.mentors, leaders: p.leaders, pairings: p.pairings },
    nextStatuses: nextStatuses(p.status),
  };
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

  const me: Me = {
    id: person.id,
    displayName: person.displayName,
    mail: person.mail,
    jobTitle: person.jobTitle,
    department: person.department,
    officeLocation: person.officeLocation,
    timeZone: person.timeZone,
    isAdmin: isAdmin(principal),
    localMode: services.config.localMode,
  };
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
  return {
    me,
    enrolments,
    pairings: pairingViewsFrom({ viewerId: principal.userId, snapshot: snap, titleOf, now }),
    openPrograms: snap.openPrograms.map(openProgramView),
    unreadNotifications: snap.unread,
  };
}

import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { ProblemError } from '../app/index.js';
import type { Principal } from '../app/index.js';
import type { HomeView, Me, ProgramView } from '../contract/api-types.js';
import { isAdmin } from '../identity/index.js';
import { enrolmentOpen, myEnrolments, programView } from '../programs/index.js';
import type { Services } from '../services.js';
import { notifications, people, programs } from '../store/index.js';
import { pairingsOf } from './pairing-rows.js';
import { pairingViews } from './pairing-views.js';

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
 * Everything the employee's home screen shows, in one answer: who they are, their enrolments,
 * their pairings with the next session, programs they may still join, and unread nudges.
 * The benchmarked read path: a fixed number of indexed queries whatever the data, no Graph call.
 */
export async function homeView(services: Services, principal: Principal): Promise<HomeView> {
  const { db } = services;
  const userId = principal.userId;
  const now = services.now();
  const [[person], enrolments, mine, enrolling, [unread]] = await Promise.all([
    db.select().from(people).where(eq(people.id, userId)).limit(1),
    myEnrolments(db, userId),
    pairingsOf(db, userId),
    db
      .select()
      .from(programs)
      .where(eq(programs.status, 'enrolling'))
      .orderBy(asc(programs.createdAt), asc(programs.id)),
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.personId, userId), isNull(notifications.readAt))),
  ]);
  if (person === undefined || person.goneAt !== null) throw notInDirectory();

  const joined = new Set(enrolments.map((e) => e.programId));
  const open = enrolling.filter((p) => enrolmentOpen(p, now) && !joined.has(p.id));
  const [pairingList, openPrograms] = await Promise.all([
    pairingViews(db, { viewerId: userId, pairings: mine, now }),
    // Programs open for enrolment at one time are few (an admin opens each by hand).
    Promise.all(open.map((p): Promise<ProgramView> => programView(db, p))),
  ]);

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
  return {
    me,
    enrolments,
    pairings: pairingList,
    openPrograms,
    unreadNotifications: unread?.n ?? 0,
  };
}

import type { Principal } from '../app/index.js';
import type { EnrolmentView, HomeView, ProgramView } from '../contract/index.js';
import { meView, notInDirectory } from '../identity/index.js';
import { toProgramView } from '../programs/index.js';
import type { Services } from '../app/index.js';
import { guideTitles } from './guide-titles.js';
import { iso, loadHomeSnapshot } from './participant-snapshot.js';
import type { OpenProgramJson } from './participant-snapshot.js';
import { cardOf, pairingViewsFrom } from './pairing-views.js';

/** An open program on the home screen: the admin's mapper, with the counts the snapshot holds. */
export function openProgramView(p: OpenProgramJson): ProgramView {
  return toProgramView(p, { mentors: p.mentors, leaders: p.leaders, pairings: p.pairings });
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
  return {
    me,
    enrolments,
    pairings: pairingViewsFrom({ viewerId: principal.userId, snapshot: snap, titleOf, now }),
    openPrograms: snap.openPrograms.map(openProgramView),
    unreadNotifications: snap.unread,
  };
}

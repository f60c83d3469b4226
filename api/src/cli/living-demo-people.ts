import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Services } from '../app/index.js';
import { pairBlockers } from '../matching/index.js';
import { syncMailboxSettings } from '../org/index.js';
import { assessRoles, membershipForRun } from '../programs/index.js';
import { people, programs } from '../store/index.js';

export interface Cohort {
  name: string;
  description: string;
  startedWeeksAgo: number;
  sessions: number;
  pairs: number;
  /** Taken by an earlier cohort: mentors are new in each, a leader may come back (see pickPeople). */
  taken: Set<string>;
  adminIds: string[];
  rand: () => number;
}

/**
 * `pairs` leader–mentor pairs that matching may make (no reporting line, the level gap, shared
 * working hours: the solver's own hard rules), by id (deterministic), and a few more of each role.
 * Leaders are few in any organisation (a 200-person one has about a dozen): new ones first, then
 * a leader of an earlier cohort comes back, so a second cohort still gets the pairs it is set up
 * for. Mentors are new in each cohort. Reads the candidates' mailboxes (working hours) first.
 */
export async function pickPeople(services: Services, programId: string, c: Cohort) {
  const [program] = await services.db.select().from(programs).where(eq(programs.id, programId));
  if (program === undefined) throw new Error('demo program vanished');
  const everyone = await services.db
    .select()
    .from(people)
    .where(and(isNull(people.goneAt), eq(people.accountEnabled, true)))
    .orderBy(asc(people.id));
  const groups = await membershipForRun(services, program.rules);
  const roleOf = (p: (typeof everyone)[number]) =>
    c.adminIds.includes(p.id)
      ? null
      : assessRoles(p, program.rules, services.now(), groups).suggestedRole;
  const unread = everyone.filter((p) => p.mailboxSyncedAt === null && roleOf(p) !== null);
  if (unread.length > 0) {
    await syncMailboxSettings(
      { db: services.db, graph: services.graph, now: services.now },
      unread.map((p) => p.id),
    );
  }
  const read = await services.db
    .select()
    .from(people)
    .where(and(isNull(people.goneAt), eq(people.accountEnabled, true)))
    .orderBy(asc(people.id));
  const managerOf = new Map(read.map((p) => [p.id, p.managerId]));
  const mentors = read.filter((p) => !c.taken.has(p.id) && roleOf(p) === 'mentor');
  const leaders = read.filter((p) => roleOf(p) === 'leader');
  type Person = (typeof read)[number];
  const picked: { id: string; role: 'mentor' | 'leader' }[] = [];
  const used = new Set<string>();
  const inOrder = [
    ...leaders.filter((l) => !c.taken.has(l.id)),
    ...leaders.filter((l) => c.taken.has(l.id)),
  ];
  const fits = (m: Person, l: Person) =>
    pairBlockers(m, l, program.rules, services.now(), managerOf).length === 0;
  const paired: Person[] = [];
  for (const leader of inOrder) {
    if (paired.length >= c.pairs) break;
    const mentor = mentors.find((m) => !used.has(m.id) && fits(m, leader));
    if (mentor === undefined) continue;
    used.add(mentor.id).add(leader.id);
    paired.push(leader);
    picked.push({ id: leader.id, role: 'leader' }, { id: mentor.id, role: 'mentor' });
  }
  // More people than pairs, as in any cohort: two more leaders, and four more mentors who could
  // partner the most of the cohort's leaders (any pair's rematch then finds a free mentor).
  for (const l of inOrder.filter((x) => !used.has(x.id)).slice(0, 2))
    picked.push({ id: l.id, role: 'leader' });
  const reach = (m: Person) => paired.filter((l) => fits(m, l)).length;
  const spares = mentors
    .filter((x) => !used.has(x.id))
    .map((m) => ({ m, reach: reach(m) }))
    .sort((a, b) => b.reach - a.reach);
  for (const { m } of spares.slice(0, 4)) picked.push({ id: m.id, role: 'mentor' });
  return { program, picked };
}

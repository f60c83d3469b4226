import { and, asc, eq, ne, or, inArray } from 'drizzle-orm';
import type { ProgramRules as StoredRules, Role, StoredLeftOut } from '../store/index.js';
import { enrolments, matchOverrides, pairings, people } from '../store/index.js';
import type { Db } from '../store/index.js';
import { careerLevel } from '../org/index.js';
import type { MatchPerson } from './match-types.js';
import { workingHoursOf } from '../calendar-time/index.js';

type PersonRow = typeof people.$inferSelect;
type EnrolmentRow = typeof enrolments.$inferSelect;

/** The people a match run works with, and who of the enrolled cannot take part and why. */
export interface Cohort {
  mentors: MatchPerson[];
  leaders: MatchPerson[];
  /** Enrolled but not matchable (paused, gone, no longer eligible, working hours unknown). */
  excluded: StoredLeftOut[];
  /** Every enrolled person's directory row, for cards and summaries. */
  people: Map<string, PersonRow>;
  /** Pairs who were paired before, in any program (the novelty part prefers new pairs). */
  previousPairs: [string, string][];
}

const MAX_CHAIN = 64;

/** Ancestors, nearest first; stops at a loop or a missing manager (the org sync reports those). */
export function managerChain(id: string, managerOf: ReadonlyMap<string, string | null>): string[] {
  const chain: string[] = [];
  const seen = new Set([id]);
  let next = managerOf.get(id) ?? null;
  while (next !== null && !seen.has(next) && chain.length < MAX_CHAIN) {
    chain.push(next);
    seen.add(next);
    next = managerOf.get(next) ?? null;
  }
  return chain;
}

/** Career level as matching uses it; the program's limits only decide the suggested role. */
export function levelOf(p: PersonRow, rules: StoredRules, now: Date): number {
  return careerLevel(
    { title: p.jobTitle, depth: p.depth, orgSize: p.orgSize, hireDate: p.hireDate },
    { mentorMaxLevel: rules.mentorMaxLevel, leaderMinLevel: rules.leaderMinLevel, asOf: now },
  ).level;
}

/** A person as matching weighs them, or why they cannot be weighed (hours not known). */
export function matchPerson(
  p: PersonRow,
  rules: StoredRules,
  now: Date,
  managerOf: ReadonlyMap<string, string | null>,
  topics: { offered: string[]; wanted: string[] },
): MatchPerson | string {
  const hours = workingHoursOf(p);
  if (!hours.ok)
    return p.mailboxError === null
      ? 'Time zone and working hours are not read yet; shared hours cannot be checked.'
      : 'Time zone and working hours could not be read from the mailbox; shared hours cannot be checked.';
  return {
    id: p.id,
    displayName: p.displayName,
    level: levelOf(p, rules, now),
    managerChain: managerChain(p.id, managerOf),
    department: p.department,
    office: p.officeLocation,
    timeZone: hours.value.zone,
    workingHours: hours.value,
    topicsOffered: topics.offered,
    topicsWanted: topics.wanted,
  };
}

export interface CohortOptions {
  /** Why a person may not take a role now (null: they may); the programs concept decides. */
  ineligibility(person: PersonRow, role: Role): string | null;
}

/** Reads the whole org chart once (manager chains) and the program's enrolments. */
export async function loadCohort(
  db: Db,
  program: { id: string; rules: StoredRules },
  now: Date,
  o: CohortOptions,
): Promise<Cohort> {
  const chart = await db.select({ id: people.id, managerId: people.managerId }).from(people);
  const managerOf = new Map(chart.map((r) => [r.id, r.managerId]));
  const rows = await db
    .select({ e: enrolments, p: people })
    .from(enrolments)
    .leftJoin(people, eq(people.id, enrolments.personId))
    .where(and(eq(enrolments.programId, program.id), ne(enrolments.status, 'left')));
  // A stable order makes the solver's answer the same on every run.
  rows.sort((a, b) => (a.e.personId < b.e.personId ? -1 : a.e.personId > b.e.personId ? 1 : 0));

  const mentors: MatchPerson[] = [];
  const leaders: MatchPerson[] = [];
  const excluded: StoredLeftOut[] = [];
  const persons = new Map<string, PersonRow>();
  for (const { e, p } of rows) {
    const leave = (reason: string) =>
      excluded.push({ personId: e.personId, role: e.role, reasonCode: 'constraint', reason });
    if (p === null) {
      leave('Not in the synced directory.');
      continue;
    }
    persons.set(p.id, p);
    if (p.goneAt !== null) {
      leave('No longer in the directory.');
      continue;
    }
    if (e.status === 'paused') {
      leave('Paused their enrolment.');
      continue;
    }
    const why = o.ineligibility(p, e.role);
    if (why !== null) {
      leave(`No longer eligible as a ${e.role}: ${why}.`);
      continue;
    }
    const person = matchPerson(p, program.rules, now, managerOf, {
      offered: enrolmentTopics(e, 'offered'),
      wanted: enrolmentTopics(e, 'wanted'),
    });
    if (typeof person === 'string') {
      leave(person);
      continue;
    }
    (e.role === 'mentor' ? mentors : leaders).push(person);
  }

  const ids = [...persons.keys()];
  const previous =
    ids.length === 0
      ? []
      : await db
          .select({ mentorId: pairings.mentorId, leaderId: pairings.leaderId })
          .from(pairings)
          .where(or(inArray(pairings.mentorId, ids), inArray(pairings.leaderId, ids)));
  return {
    mentors,
    leaders,
    excluded,
    people: persons,
    previousPairs: previous.map((r) => [r.mentorId, r.leaderId]),
  };
}

function enrolmentTopics(e: EnrolmentRow, which: 'offered' | 'wanted'): string[] {
  return which === 'offered' ? e.topicsOffered : e.topicsWanted;
}

/** A program's overrides in the order admins made them (the fold lets a later one win). */
export async function programOverrides(db: Db, programId: string) {
  return db
    .select()
    .from(matchOverrides)
    .where(eq(matchOverrides.programId, programId))
    .orderBy(asc(matchOverrides.seq));
}

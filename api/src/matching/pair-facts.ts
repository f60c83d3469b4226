import type { MatchPerson, ProgramRules } from './match-types.js';
import { defaultWorkingHours, sharedHoursPerWeek } from '../calendar-time/index.js';
import type { WorkingHours } from '../calendar-time/index.js';

/** What is true about one mentor × leader pair; scores, constraints and explanations read it. */
export interface PairFacts {
  levelGap: number;
  /** Topics the mentor offers that the leader wants, in the leader's order. */
  sharedTopics: string[];
  sharedHoursPerWeek: number;
  differentDepartment: boolean;
  differentOffice: boolean;
  previouslyPaired: boolean;
  neverPair: boolean;
  /** The leader is above the mentor in the org chart. */
  leaderAboveMentor: boolean;
  /** The mentor is above the leader in the org chart. */
  mentorAboveLeader: boolean;
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

export function pairSet(pairs: ReadonlyArray<readonly [string, string]> | undefined): Set<string> {
  return new Set((pairs ?? []).map(([a, b]) => pairKey(a, b)));
}

const normalise = (topic: string): string => topic.trim().toLowerCase();

export function pairFacts(
  mentor: MatchPerson,
  leader: MatchPerson,
  rules: ProgramRules,
  sets: { neverPair: Set<string>; previousPairs: Set<string> } = {
    neverPair: pairSet(rules.neverPair),
    previousPairs: pairSet(rules.previousPairs),
  },
): PairFacts {
  const offered = new Set(mentor.topicsOffered.map(normalise));
  const sharedTopics = leader.topicsWanted.filter((t) => offered.has(normalise(t)));
  const key = pairKey(mentor.id, leader.id);
  return {
    levelGap: leader.level - mentor.level,
    sharedTopics,
    sharedHoursPerWeek: sharedHoursPerWeek(hoursOf(mentor), hoursOf(leader), rules.referenceWeek),
    differentDepartment: differs(mentor.department, leader.department),
    differentOffice: differs(mentor.office, leader.office),
    previouslyPaired: sets.previousPairs.has(key),
    neverPair: sets.neverPair.has(key),
    leaderAboveMentor: mentor.managerChain.includes(leader.id),
    mentorAboveLeader: leader.managerChain.includes(mentor.id),
  };
}

/** Unknown on either side counts as "not shown to differ". */
function differs(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return false;
  return normalise(a) !== normalise(b);
}

/** A person given without working hours works Outlook's default day, as booking assumes. */
function hoursOf(person: MatchPerson): WorkingHours {
  return person.workingHours ?? defaultWorkingHours(person.timeZone);
}

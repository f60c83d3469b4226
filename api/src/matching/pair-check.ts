import type { people, ProgramRules as StoredRules } from '../store/index.js';
import { hardConstraintViolations } from './constraints.js';
import { matchPerson } from './match-cohort.js';
import { pairFacts } from './pair-facts.js';

type PersonRow = typeof people.$inferSelect;

/**
 * Why matching would never pair this mentor with this leader under the program's rules (the
 * solver's hard rules: reporting line, level gap, shared working hours), as phrases; empty when
 * it may. `managerOf` is the org chart (person → manager) the reporting lines are read from.
 */
export function pairBlockers(
  mentor: PersonRow,
  leader: PersonRow,
  rules: StoredRules,
  now: Date,
  managerOf: ReadonlyMap<string, string | null>,
): string[] {
  const none = { offered: [], wanted: [] };
  const m = matchPerson(mentor, rules, now, managerOf, none);
  const l = matchPerson(leader, rules, now, managerOf, none);
  if (typeof m === 'string') return [m];
  if (typeof l === 'string') return [l];
  const matchRules = { minLevelGap: rules.minLevelGap, weights: rules.weights };
  return hardConstraintViolations(pairFacts(m, l, matchRules), matchRules, {
    mentorId: m.id,
    leaderId: l.id,
  }).map((v) => v.message);
}

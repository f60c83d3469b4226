import type { ProgramRules } from './match-types.js';
import type { PairFacts } from './pair-facts.js';

export type ConstraintKind =
  'same-person' | 'reporting-line' | 'level-gap' | 'never-pair' | 'no-shared-hours';

export interface ConstraintViolation {
  kind: ConstraintKind;
  message: string;
}

/**
 * Hard rules: a pair breaking any of them is never proposed, whatever its score. The reporting
 * line is checked both ways — a mentor anywhere under the leader, or the leader anywhere under
 * the mentor — because either way one of them could be judging the other's work.
 */
export function hardConstraintViolations(
  facts: PairFacts,
  rules: ProgramRules,
  ids?: { mentorId: string; leaderId: string },
): ConstraintViolation[] {
  const out: ConstraintViolation[] = [];
  if (ids !== undefined && ids.mentorId === ids.leaderId) {
    out.push({ kind: 'same-person', message: 'the same person' });
  }
  if (facts.leaderAboveMentor) {
    out.push({ kind: 'reporting-line', message: 'the leader is in the mentor’s management chain' });
  }
  if (facts.mentorAboveLeader) {
    out.push({ kind: 'reporting-line', message: 'the mentor is in the leader’s management chain' });
  }
  if (facts.levelGap < rules.minLevelGap) {
    out.push({
      kind: 'level-gap',
      message: `${formatNumber(facts.levelGap)} levels apart, the program asks for at least ${formatNumber(rules.minLevelGap)}`,
    });
  }
  if (facts.neverPair)
    out.push({ kind: 'never-pair', message: 'an admin asked never to pair them' });
  if (facts.sharedHoursPerWeek <= 0) {
    out.push({ kind: 'no-shared-hours', message: 'no working hours in common' });
  }
  return out;
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

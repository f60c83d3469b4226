import { solveAssignment } from '../assignment/index.js';
import { hardConstraintViolations } from './constraints.js';
import type { ConstraintViolation } from './constraints.js';
import { explainPair, explainUnmatched } from './explain.js';
import type { UnmatchedReason } from './explain.js';
import type { MatchPerson, ProgramRules, ScoreWeights } from './match-types.js';
import { pairFacts, pairSet } from './pair-facts.js';
import type { PairFacts } from './pair-facts.js';
import { scorePair } from './pair-score.js';
import type { Role } from '../contract/index.js';

export interface MatchProblem {
  mentors: readonly MatchPerson[];
  leaders: readonly MatchPerson[];
  /** `weights[mentor][leader]`: the pair's score, null where a hard constraint forbids it. */
  weights: (number | null)[][];
  facts: PairFacts[][];
  violations: ConstraintViolation[][][];
  leaderCapacity: number;
}

/** Scores every mentor × leader pair and removes those a hard constraint forbids. */
export function buildMatchProblem(
  mentors: readonly MatchPerson[],
  leaders: readonly MatchPerson[],
  rules: ProgramRules,
): MatchProblem {
  const sets = { neverPair: pairSet(rules.neverPair), previousPairs: pairSet(rules.previousPairs) };
  const weights: (number | null)[][] = [];
  const facts: PairFacts[][] = [];
  const violations: ConstraintViolation[][][] = [];
  for (const mentor of mentors) {
    const wRow: (number | null)[] = [];
    const fRow: PairFacts[] = [];
    const vRow: ConstraintViolation[][] = [];
    for (const leader of leaders) {
      const f = pairFacts(mentor, leader, rules, sets);
      const v = hardConstraintViolations(f, rules, { mentorId: mentor.id, leaderId: leader.id });
      wRow.push(v.length === 0 ? scorePair(f, rules).total : null);
      fRow.push(f);
      vRow.push(v);
    }
    weights.push(wRow);
    facts.push(fRow);
    violations.push(vRow);
  }
  return {
    mentors,
    leaders,
    weights,
    facts,
    violations,
    leaderCapacity: rules.leaderCapacity ?? 1,
  };
}

export interface MatchPin {
  mentorId: string;
  leaderId: string;
}

export interface ProposedPair {
  mentorId: string;
  leaderId: string;
  score: number;
  parts: ScoreWeights;
  facts: PairFacts;
  explanation: string;
  pinned: boolean;
}

export interface UnmatchedPerson extends UnmatchedReason {
  personId: string;
  role: Role;
}

export interface MatchProposal {
  pairs: ProposedPair[];
  unmatched: UnmatchedPerson[];
  /** Sum of the pair scores. */
  total: number;
}

export class MatchPinError extends Error {
  override readonly name = 'MatchPinError';
}

/**
 * The whole cohort at once: as many pairs as the rules allow, then the best total score; admin
 * pins are kept; every pair is explained and every person left out gets a reason.
 */
export function proposeMatches(
  mentors: readonly MatchPerson[],
  leaders: readonly MatchPerson[],
  rules: ProgramRules,
  options: { pins?: readonly MatchPin[] } = {},
): MatchProposal {
  const problem = buildMatchProblem(mentors, leaders, rules);
  const mentorIndex = new Map(mentors.map((m, i) => [m.id, i]));
  const leaderIndex = new Map(leaders.map((l, i) => [l.id, i]));
  const pins = (options.pins ?? []).map((pin) => {
    const row = mentorIndex.get(pin.mentorId);
    const col = leaderIndex.get(pin.leaderId);
    if (row === undefined)
      throw new MatchPinError(`pinned mentor ${pin.mentorId} is not in the cohort`);
    if (col === undefined)
      throw new MatchPinError(`pinned leader ${pin.leaderId} is not in the cohort`);
    const broken = problem.violations[row]?.[col] ?? [];
    if (broken.length > 0) {
      const why = broken.map((v) => v.message).join('; ');
      throw new MatchPinError(`cannot pin ${pin.mentorId} with ${pin.leaderId}: ${why}`);
    }
    return { row, col };
  });
  const seenPinned = new Set<number>();
  for (const pin of pins) {
    if (seenPinned.has(pin.row))
      throw new MatchPinError(`mentor ${mentors[pin.row]?.id} is pinned twice`);
    seenPinned.add(pin.row);
  }
  const pinnedCount = new Map<number, number>();
  for (const pin of pins) {
    const count = (pinnedCount.get(pin.col) ?? 0) + 1;
    if (count > problem.leaderCapacity) {
      throw new MatchPinError(`leader ${leaders[pin.col]?.id} is pinned beyond capacity`);
    }
    pinnedCount.set(pin.col, count);
  }

  const result = solveAssignment({
    rows: mentors.length,
    cols: leaders.length,
    weights: problem.weights,
    pins,
    colCapacity: problem.leaderCapacity,
  });

  const pairs: ProposedPair[] = [];
  const leaderTaken = new Uint8Array(leaders.length);
  const unmatched: UnmatchedPerson[] = [];
  result.assignment.forEach((col, row) => {
    const mentor = mentors[row] as MatchPerson;
    if (col < 0) {
      const reason = explainUnmatched(problem.violations[row] ?? [], 'leader');
      unmatched.push({ personId: mentor.id, role: 'mentor', ...reason });
      return;
    }
    const leader = leaders[col] as MatchPerson;
    leaderTaken[col] = 1;
    const facts = problem.facts[row]?.[col] as PairFacts;
    const score = scorePair(facts, rules);
    pairs.push({
      mentorId: mentor.id,
      leaderId: leader.id,
      score: score.total,
      parts: score.parts,
      facts,
      explanation: explainPair(facts),
      pinned: seenPinned.has(row),
    });
  });
  leaders.forEach((leader, col) => {
    if (leaderTaken[col] === 1) return;
    const column = problem.violations.map((row) => row[col] ?? []);
    unmatched.push({ personId: leader.id, role: 'leader', ...explainUnmatched(column, 'mentor') });
  });
  return { pairs, unmatched, total: result.total };
}

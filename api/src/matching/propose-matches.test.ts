import { describe, expect, it } from 'vitest';
import { hardConstraintViolations } from './constraints.js';
import { explainPair, explainUnmatched } from './explain.js';
import { DEFAULT_WEIGHTS } from './match-types.js';
import type { MatchPerson, ProgramRules } from './match-types.js';
import { pairFacts } from './pair-facts.js';
import { scorePair } from './pair-score.js';
import { buildMatchProblem, MatchPinError, proposeMatches } from './propose-matches.js';

const rules: ProgramRules = { minLevelGap: 4, weights: DEFAULT_WEIGHTS };

function person(id: string, over: Partial<MatchPerson> = {}): MatchPerson {
  return {
    id,
    level: 2,
    managerChain: [],
    department: 'Engineering',
    office: 'London',
    timeZone: 'Europe/London',
    topicsOffered: [],
    topicsWanted: [],
    ...over,
  };
}

// A small org: ceo ← vpEng ← mgrEng ← dev1; ceo ← vpSales ← rep1.
const vpEng = person('vpEng', { level: 8, managerChain: ['ceo'] });
const vpSales = person('vpSales', { level: 8, managerChain: ['ceo'], department: 'Sales' });
const dev1 = person('dev1', { level: 2, managerChain: ['mgrEng', 'vpEng', 'ceo'] });
const rep1 = person('rep1', {
  level: 2,
  managerChain: ['mgrSales', 'vpSales', 'ceo'],
  department: 'Sales',
});

describe('hard constraints', () => {
  it('forbids a mentor anywhere under the leader', () => {
    const v = hardConstraintViolations(pairFacts(dev1, vpEng, rules), rules);
    expect(v.map((x) => x.kind)).toContain('reporting-line');
  });

  it('forbids a leader who sits under the mentor (the other direction)', () => {
    const mentorAbove = person('m', { level: 2, managerChain: ['ceo'] });
    const leaderBelow = person('l', { level: 8, managerChain: ['m', 'ceo'] });
    const v = hardConstraintViolations(pairFacts(mentorAbove, leaderBelow, rules), rules);
    expect(v.map((x) => x.kind)).toEqual(['reporting-line']);
  });

  it('allows people in different branches of the chart', () => {
    expect(hardConstraintViolations(pairFacts(dev1, vpSales, rules), rules)).toEqual([]);
  });

  it('forbids a gap below the minimum, an admin never-pair and zero shared hours', () => {
    const close = person('close', { level: 5, managerChain: ['x'] });
    expect(hardConstraintViolations(pairFacts(dev1, close, rules), rules)[0]?.kind).toBe(
      'level-gap',
    );
    const never: ProgramRules = { ...rules, neverPair: [['vpSales', 'dev1']] };
    expect(hardConstraintViolations(pairFacts(dev1, vpSales, never), never)[0]?.kind).toBe(
      'never-pair',
    );
    const sydney = person('syd', { level: 9, timeZone: 'Australia/Sydney' });
    const la = person('la', { level: 1, timeZone: 'Europe/London' });
    expect(hardConstraintViolations(pairFacts(la, sydney, rules), rules)[0]?.kind).toBe(
      'no-shared-hours',
    );
  });
});

describe('scorePair', () => {
  it('rewards gap, topics, overlap, difference and novelty, each capped', () => {
    const mentor = person('m', {
      topicsOffered: ['AI tools', 'Remote work', 'Wellbeing', 'Gen Z'],
    });
    const leader = person('l', {
      level: 12,
      department: 'Sales',
      office: 'Paris',
      timeZone: 'Europe/Paris',
      topicsWanted: ['ai tools', 'Remote work', 'Wellbeing', 'Gen Z'],
    });
    const score = scorePair(pairFacts(mentor, leader, rules), rules);
    expect(score.parts).toEqual({ gap: 1, topics: 2, overlap: 1.5, diversity: 1, novelty: 1 });
    expect(score.total).toBe(6.5);
    const repeat: ProgramRules = { ...rules, previousPairs: [['l', 'm']] };
    expect(scorePair(pairFacts(mentor, leader, repeat), repeat).parts.novelty).toBe(0);
  });
});

describe('explanations', () => {
  it('describes a pair in words', () => {
    const mentor = person('m', {
      topicsOffered: ['AI tools', 'Inclusion', 'Remote work', 'TikTok'],
    });
    const leader = person('l', {
      level: 14,
      department: 'Finance',
      timeZone: 'America/New_York',
      topicsWanted: ['AI tools', 'Inclusion', 'Remote work', 'TikTok'],
    });
    // Neither set working hours, so both work Outlook's default 08:00–17:00 (as booking
    // assumes): London and New York share 13:00–17:00 London time, 4 h a day.
    const text = explainPair(pairFacts(mentor, leader, { ...rules, referenceWeek: '2025-01-13' }));
    expect(text).toBe(
      '12 levels apart, different departments, 4 shared topics (AI tools, Inclusion, Remote work, …), 20 h of shared working hours a week',
    );
  });

  it('names the program topics as people read them, not by their keys', () => {
    const mentor = person('m', { topicsOffered: ['digital-ai-tools', 'wellbeing'] });
    const leader = person('l', { level: 14, topicsWanted: ['digital-ai-tools', 'wellbeing'] });
    const text = explainPair(pairFacts(mentor, leader, { ...rules, referenceWeek: '2025-01-13' }));
    expect(text).toContain('2 shared topics (Digital and AI tools, Mental health and wellbeing)');
  });

  it('says when every candidate is in the reporting line', () => {
    const v = [[{ kind: 'reporting-line' as const, message: '' }]];
    expect(explainUnmatched(v, 'leader').message).toBe(
      'no compatible partner: every leader is in your reporting line',
    );
  });
});

describe('proposeMatches', () => {
  it('never pairs across a chain of command, in either direction', () => {
    const proposal = proposeMatches([dev1, rep1], [vpEng, vpSales], rules);
    const pairs = proposal.pairs.map((p) => `${p.mentorId}-${p.leaderId}`).sort();
    expect(pairs).toEqual(['dev1-vpSales', 'rep1-vpEng']);
    expect(proposal.unmatched).toEqual([]);
    expect(proposal.pairs[0]?.explanation).toMatch(/levels apart/);
  });

  it('prefers more pairs to a better single pair, over the whole cohort', () => {
    const a = person('a', { managerChain: ['z'], topicsOffered: ['AI tools'] });
    const b = person('b', { managerChain: ['vpSales', 'ceo'] });
    const x = person('x', { level: 8, topicsWanted: ['AI tools'], managerChain: ['ceo'] });
    const proposal = proposeMatches([a, b], [x, vpSales], rules);
    expect(proposal.pairs.map((p) => `${p.mentorId}-${p.leaderId}`).sort()).toEqual([
      'a-vpSales',
      'b-x',
    ]);
  });

  it('gives everyone left out a reason', () => {
    const onlyLeaderOwnChain = proposeMatches([dev1], [vpEng], rules);
    expect(onlyLeaderOwnChain.unmatched).toEqual([
      {
        personId: 'dev1',
        role: 'mentor',
        code: 'no-compatible-partner',
        message: 'no compatible partner: every leader is in your reporting line',
      },
      {
        personId: 'vpEng',
        role: 'leader',
        code: 'no-compatible-partner',
        message: 'no compatible partner: every mentor is in your reporting line',
      },
    ]);
    const crowded = proposeMatches(
      [rep1, person('rep2', { managerChain: ['mgrSales'] })],
      [vpEng],
      rules,
    );
    const left = crowded.unmatched.find((u) => u.role === 'mentor');
    expect(left?.code).toBe('capacity');
    expect(left?.message).toBe('capacity: all 1 compatible leader is taken');
  });

  it('lets a leader take two mentors when the program allows', () => {
    const two = proposeMatches([rep1, person('rep2', { managerChain: ['mgrSales'] })], [vpEng], {
      ...rules,
      leaderCapacity: 2,
    });
    expect(two.pairs).toHaveLength(2);
  });

  it('keeps admin pins and refuses pins that break a hard rule', () => {
    const d2 = person('d2', { managerChain: ['other'], topicsOffered: ['AI tools'] });
    const keen = person('keen', { level: 8, managerChain: ['ceo'], topicsWanted: ['AI tools'] });
    const pinned = proposeMatches([d2, rep1], [keen, vpEng], rules, {
      pins: [{ mentorId: 'd2', leaderId: 'vpEng' }],
    });
    const d2Pair = pinned.pairs.find((p) => p.mentorId === 'd2');
    expect(d2Pair).toMatchObject({ leaderId: 'vpEng', pinned: true });
    expect(() =>
      proposeMatches([dev1], [vpEng], rules, { pins: [{ mentorId: 'dev1', leaderId: 'vpEng' }] }),
    ).toThrow(MatchPinError);
  });

  it('builds a weight matrix with null where forbidden', () => {
    const problem = buildMatchProblem([dev1, rep1], [vpEng, vpSales], rules);
    expect(problem.weights[0]?.[0]).toBeNull();
    expect(problem.weights[1]?.[1]).toBeNull();
    expect(typeof problem.weights[0]?.[1]).toBe('number');
  });
});

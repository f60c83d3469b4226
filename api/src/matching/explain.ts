import { formatNumber } from './constraints.js';
import type { ConstraintKind, ConstraintViolation } from './constraints.js';
import type { PairFacts } from './pair-facts.js';
import { DEFAULT_TOPICS } from '../contract/index.js';

const TOPIC_LABELS: ReadonlyMap<string, string> = new Map(
  DEFAULT_TOPICS.map((t) => [t.key, t.label]),
);

/** People read topic names, not keys; custom topics are shown as the program wrote them. */
function topicLabel(key: string): string {
  return TOPIC_LABELS.get(key) ?? key;
}

/** "12 levels apart, different departments, 3 shared topics (AI tools, …), 4 h of shared …" */
export function explainPair(facts: PairFacts): string {
  const bits: string[] = [];
  const gap = formatNumber(facts.levelGap);
  bits.push(facts.levelGap === 1 ? '1 level apart' : `${gap} levels apart`);
  if (facts.differentDepartment && facts.differentOffice)
    bits.push('different departments and offices');
  else if (facts.differentDepartment) bits.push('different departments');
  else if (facts.differentOffice) bits.push('different offices');
  const n = facts.sharedTopics.length;
  if (n === 0) bits.push('no shared topics yet');
  else {
    const shown = facts.sharedTopics.slice(0, 3).map(topicLabel).join(', ');
    const more = n > 3 ? ', …' : '';
    bits.push(`${n} shared topic${n === 1 ? '' : 's'} (${shown}${more})`);
  }
  bits.push(`${formatHours(facts.sharedHoursPerWeek)} of shared working hours a week`);
  if (facts.previouslyPaired) bits.push('paired before');
  return bits.join(', ');
}

export type UnmatchedCode = 'no-compatible-partner' | 'capacity' | 'no-candidates';

export interface UnmatchedReason {
  code: UnmatchedCode;
  message: string;
}

const KIND_WORDS: Record<ConstraintKind, (count: number, total: number) => string> = {
  'same-person': (c) => `${c} is the same person`,
  'reporting-line': (c, t) =>
    c === t ? `every candidate is in your reporting line` : `${c} in your reporting line`,
  'level-gap': (c, t) =>
    c === t ? 'every candidate is too close in level' : `${c} too close in level`,
  'never-pair': (c, t) =>
    c === t ? 'an admin excluded every candidate' : `${c} excluded by an admin`,
  'no-shared-hours': (c, t) =>
    c === t
      ? 'no candidate shares any working hours with you'
      : `${c} with no shared working hours`,
};

/**
 * Why someone was left out. `violations` holds, per candidate on the other side, the hard
 * constraints that rule the pair out (empty = compatible); `partnerWord` is "leader" or "mentor".
 */
export function explainUnmatched(
  violations: readonly (readonly ConstraintViolation[])[],
  partnerWord: 'leader' | 'mentor',
): UnmatchedReason {
  const total = violations.length;
  if (total === 0) {
    return { code: 'no-candidates', message: `no ${partnerWord}s are enrolled in this cohort` };
  }
  const compatible = violations.filter((v) => v.length === 0).length;
  if (compatible > 0) {
    return partnerWord === 'leader'
      ? {
          code: 'capacity',
          message: `capacity: all ${compatible} compatible leader${compatible === 1 ? ' is' : 's are'} taken`,
        }
      : {
          code: 'capacity',
          message: `not enough mentors: all ${compatible} compatible mentor${compatible === 1 ? ' is' : 's are'} paired with other leaders`,
        };
  }
  // Count each candidate once, under the first rule it breaks, so the numbers add up.
  const counts = new Map<ConstraintKind, number>();
  for (const v of violations) {
    const first = v[0];
    if (first !== undefined) counts.set(first.kind, (counts.get(first.kind) ?? 0) + 1);
  }
  const parts = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, count]) => KIND_WORDS[kind](count, total).replace('candidate', partnerWord));
  const detail =
    parts.length === 1 ? (parts[0] ?? '') : `of ${total} ${partnerWord}s, ${parts.join(', ')}`;
  return { code: 'no-compatible-partner', message: `no compatible partner: ${detail}` };
}

function formatHours(hours: number): string {
  const rounded = Math.round(hours * 2) / 2;
  return `${formatNumber(rounded)} h`;
}

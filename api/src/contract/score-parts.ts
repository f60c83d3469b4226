/**
 * The named parts of a match score, in words. Each part is 0 to 1 before the program's weight
 * multiplies it, so a part's value is at most its weight and the score at most their sum.
 */
/** Where a part reaches its full value (the matching code scores with these). */
export const SCORE_CAPS = { gapLevels: 8, topics: 3, overlapHours: 10 } as const;

export const SCORE_PARTS = {
  gap: { label: 'Seniority gap', full: `a gap of ${SCORE_CAPS.gapLevels} or more career levels` },
  topics: {
    label: 'Shared topics',
    full: `${SCORE_CAPS.topics} topics the mentor teaches and the leader wants`,
  },
  overlap: {
    label: 'Shared working hours',
    full: `${SCORE_CAPS.overlapHours} or more hours a week in common`,
  },
  diversity: { label: 'Different department and office', full: 'both different' },
  novelty: { label: 'New pairing', full: 'never paired before' },
} as const;

export type ScorePartKey = keyof typeof SCORE_PARTS;

export function scorePartLabel(key: string): string {
  return key in SCORE_PARTS ? SCORE_PARTS[key as ScorePartKey].label : key;
}

import { SCORE_CAPS } from '../contract/index.js';
import type { ProgramRules, ScoreWeights } from './match-types.js';
import type { PairFacts } from './pair-facts.js';

/** Each part is already multiplied by its program weight; `total` is their sum. */
export interface PairScore {
  total: number;
  parts: ScoreWeights;
}

/** Shared topics beyond this add nothing: three good conversations are enough to start. */
const TOPIC_CAP = SCORE_CAPS.topics;
/** Hours a week of shared working time beyond which scheduling is easy anyway. */
const OVERLAP_CAP_HOURS = SCORE_CAPS.overlapHours;
const DEFAULT_GAP_CAP = SCORE_CAPS.gapLevels;

/** Every part is normalised to 0…1 before weighting, so weights compare like with like. */
export function scorePair(facts: PairFacts, rules: ProgramRules): PairScore {
  const w = rules.weights;
  const gapCap = rules.gapCap ?? DEFAULT_GAP_CAP;
  const parts: ScoreWeights = {
    gap: w.gap * clamp01(facts.levelGap / gapCap),
    topics: w.topics * clamp01(facts.sharedTopics.length / TOPIC_CAP),
    overlap: w.overlap * clamp01(facts.sharedHoursPerWeek / OVERLAP_CAP_HOURS),
    diversity:
      w.diversity * ((facts.differentDepartment ? 0.5 : 0) + (facts.differentOffice ? 0.5 : 0)),
    novelty: w.novelty * (facts.previouslyPaired ? 0 : 1),
  };
  const total = parts.gap + parts.topics + parts.overlap + parts.diversity + parts.novelty;
  return { total, parts };
}

function clamp01(x: number): number {
  if (!Number.isFinite(x) || x <= 0) return 0;
  return x >= 1 ? 1 : x;
}

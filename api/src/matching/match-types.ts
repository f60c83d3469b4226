import type { WorkingHours } from '../calendar-time/index.js';

/** One enrolled person as matching sees them. */
export interface MatchPerson {
  id: string;
  displayName?: string;
  /** Career level, 0 (intern) … 10 (top). */
  level: number;
  /** Ancestors' ids, nearest manager first. */
  managerChain: readonly string[];
  department?: string | null;
  office?: string | null;
  /** IANA name; the default working hours are read in it. */
  timeZone: string;
  /** Absent: Outlook's default, Monday–Friday 08:00–17:00 in `timeZone`, as booking assumes. */
  workingHours?: WorkingHours | null;
  topicsOffered: readonly string[];
  topicsWanted: readonly string[];
}

export interface ScoreWeights {
  gap: number;
  topics: number;
  overlap: number;
  diversity: number;
  novelty: number;
}

export interface ProgramRules {
  /** Smallest allowed leader level − mentor level. */
  minLevelGap: number;
  /** Gap beyond which more seniority adds nothing to the score. Default 8. */
  gapCap?: number;
  weights: ScoreWeights;
  /** Mentors one leader may take. Default 1. */
  leaderCapacity?: number;
  /** Admin "never pair" (either order). */
  neverPair?: ReadonlyArray<readonly [string, string]>;
  /** Past pairings (either order). */
  previousPairs?: ReadonlyArray<readonly [string, string]>;
  /** Any date in the week used to measure shared working hours. Default 2025-03-03. */
  referenceWeek?: string;
}

export const DEFAULT_WEIGHTS: ScoreWeights = {
  gap: 1,
  topics: 2,
  overlap: 1.5,
  diversity: 1,
  novelty: 1,
};

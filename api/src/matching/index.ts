export { DEFAULT_WEIGHTS } from './match-types.js';
export type { MatchPerson, ProgramRules, ScoreWeights } from './match-types.js';
export { pairFacts } from './pair-facts.js';
export type { PairFacts } from './pair-facts.js';
export { scorePair } from './pair-score.js';
export type { PairScore } from './pair-score.js';
export { hardConstraintViolations } from './constraints.js';
export type { ConstraintKind, ConstraintViolation } from './constraints.js';
export { explainPair, explainUnmatched } from './explain.js';
export type { UnmatchedCode, UnmatchedReason } from './explain.js';
export { buildMatchProblem, proposeMatches, MatchPinError } from './propose-matches.js';
export type {
  MatchPin,
  MatchProblem,
  MatchProposal,
  ProposedPair,
  UnmatchedPerson,
} from './propose-matches.js';
export { matchRunRoutes } from './match-run-routes.js';
export {
  addOverride,
  approveRun,
  createMatchRun,
  findRun,
  matchRunView,
  overrideInput,
  solveCohort,
} from './match-runs.js';
export type { MatchRunRow, OverrideInput, SolvedRun } from './match-runs.js';
export { loadCohort, managerChain } from './match-cohort.js';
export type { Cohort, CohortOptions } from './match-cohort.js';
export { foldOverrides } from './match-override-state.js';
export type { OverrideRecord, OverrideState } from './match-override-state.js';
export {
  reevaluatePairings,
  PARTNER_LEFT_FLAG,
  REPORTING_LINE_FLAG,
} from './reevaluate-pairings.js';
export type { ReevaluationSummary } from './reevaluate-pairings.js';

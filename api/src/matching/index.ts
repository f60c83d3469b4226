export { matchRunRoutes } from './match-run-routes.js';
export { approveRun, createMatchRun } from './match-runs.js';
export { reevaluatePairings } from './reevaluate-pairings.js';
export { pairBlockers } from './pair-check.js';

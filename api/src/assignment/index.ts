// The optimal assignment solver on its own: no store, no Graph, no configuration, so the
// `solve` command loads nothing else. Matching builds its problems on top of it.
export {
  solveAssignment,
  solveSparseAssignment,
  AssignmentInputError,
} from './assignment-solver.js';
export type {
  AssignmentOptions,
  AssignmentPin,
  AssignmentResult,
  CsrGraph,
  DenseAssignmentInput,
  PackedWeights,
  SparseAssignmentInput,
  SparseEdge,
  WeightMatrix,
} from './assignment-solver.js';
export { runSolveCli } from './solve-cli.js';
export type { SolveCliResult } from './solve-cli.js';

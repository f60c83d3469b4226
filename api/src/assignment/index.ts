// The optimal assignment solver on its own: no store, no Graph, no configuration, so the
// `solve` command loads nothing else. Matching builds its problems on top of it.
export { solveAssignment, solveSparseAssignment } from './assignment-solver.js';
export type { AssignmentResult } from './assignment-solver.js';
export { runSolveCli } from './solve-cli.js';

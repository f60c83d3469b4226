export type { SchemaProblem } from './schema-validator.js';
export { GraphConformance, formatProblems } from './graph-conformance.js';

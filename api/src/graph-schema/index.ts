export { SchemaValidator, graphSchema } from './schema-validator.js';
export type { GraphSchema, PropertyDef, SchemaProblem, ValueOptions } from './schema-validator.js';
export { GraphConformance, formatProblems } from './graph-conformance.js';
export type { GraphExchange } from './graph-conformance.js';

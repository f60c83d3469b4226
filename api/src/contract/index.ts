export * from './api-types.js';
export * from './vocabulary.js';
export * from './outcomes-types.js';
export * from './tab-links.js';
export * from './rule-limits.js';
export * from './score-parts.js';
export * from './audit-actions.js';

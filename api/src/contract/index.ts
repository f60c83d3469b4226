export * from './api-types.js';
export * from './vocabulary.js';

export { openStore } from './connection.js';
export type { Db, Store } from './connection.js';
export * from './schema/index.js';
export { insertedValues } from './upsert.js';
export { coalescePerDb } from './coalesce.js';

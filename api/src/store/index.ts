export { openStore } from './connection.js';
export type { Db, Store, OpenStoreOptions, Schema } from './connection.js';
export * from './schema/index.js';

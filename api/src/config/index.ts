export { loadConfig, LOCAL_TENANT_ID, LOCAL_CLIENT_ID } from './config.js';
export type { Config } from './config.js';

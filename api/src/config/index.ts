export { loadConfig, ConfigError, LOCAL_TENANT_ID, LOCAL_CLIENT_ID } from './config.js';
export type { Config, GraphMode, TrustProxy } from './config.js';

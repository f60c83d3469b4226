export { startLocalTenant } from './local-tenant.js';
export type { LocalTenant, LocalTenantOptions } from './local-tenant.js';
export { runLocalTenantCli } from './cli.js';
export { recordAllLocalTenants } from './request-recorder.js';
export type { RecordedExchange } from './request-recorder.js';

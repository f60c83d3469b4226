export { startLocalTenant, DEFAULT_CLIENT_ID, DEFAULT_TENANT_ID } from './local-tenant.js';
export type { LocalTenant, LocalTenantOptions, LocalTenantStats } from './local-tenant.js';
export { runLocalTenantCli } from './cli.js';
export { generateDemoOrg, DEMO_DOMAIN } from './demo-org.js';
export type {
  CareerLevel,
  CustomTimeZone,
  DemoOrg,
  DemoOrgOptions,
  DemoPerson,
  MailboxProfile,
  WorkingHours,
} from './demo-org.js';
export { TenantState } from './tenant-state.js';
export type { ActivityNotification, NewUser } from './tenant-state.js';
export type { NewEvent, Attendee, ShowAs } from './calendar-store.js';
export type { PatternedRecurrence } from './recurrence.js';
export type { Faults } from './throttle.js';
export type { DeliveryStats, LifecycleEvent } from './subscriptions.js';
export { recordAllLocalTenants } from './request-recorder.js';
export type { GraphRecorder, RecordedExchange } from './request-recorder.js';

export { syncOrg } from './org-sync.js';
export type { OrgSyncSummary } from './org-sync.js';
export {
  syncMailboxSettings,
  syncPendingMailboxes,
  storeScheduleWorkingHours,
} from './mailbox-sync.js';
export { careerLevel } from './career-level.js';

export { syncOrg, USER_SELECT } from './org-sync.js';
export type { OrgSyncSummary, OrgSyncDeps, DirectoryReader, DeltaUser } from './org-sync.js';
export { computeHierarchy } from './hierarchy.js';
export type { Hierarchy, Placement, DataProblem, DataProblemKind } from './hierarchy.js';
export {
  syncMailboxSettings,
  syncPendingMailboxes,
  mailboxFields,
  storeScheduleWorkingHours,
} from './mailbox-sync.js';
export type { MailboxReader, MailboxSyncDeps, MailboxSyncSummary } from './mailbox-sync.js';
export {
  careerLevel,
  levelFromOrgSize,
  levelFromTitle,
  DEFAULT_TITLE_RULES,
  UNTITLED_LEVEL,
} from './career-level.js';
export type {
  CareerInput,
  CareerLevel,
  CareerOptions,
  SuggestedRole,
  TitleRule,
} from './career-level.js';

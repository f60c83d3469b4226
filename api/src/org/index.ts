export { syncOrg, USER_SELECT } from './org-sync.js';
export type { OrgSyncSummary, OrgSyncDeps, DirectoryReader, DeltaUser } from './org-sync.js';
export { computeHierarchy } from './hierarchy.js';
export type { Hierarchy, Placement, DataProblem, DataProblemKind } from './hierarchy.js';

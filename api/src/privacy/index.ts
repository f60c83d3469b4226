export { DELETION_END_REASON, SERIES_CANCEL, deleteMyData } from './delete-my-data.js';
export { exportMyData } from './my-data-export.js';
export { privacyJobHandlers, startRetentionPurges } from './privacy-jobs.js';
export { privacyRoutes } from './privacy-routes.js';
export { purgeAfter, purgeExpiredPrograms, toRetentionView } from './retention.js';
export type { PurgeSummary } from './retention.js';

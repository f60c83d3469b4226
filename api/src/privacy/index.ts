export { privacyJobHandlers, startRetentionPurges } from './privacy-jobs.js';
export { privacyRoutes } from './privacy-routes.js';

export { MIN_GROUP_SIZE, shown, suppressedGroups } from './k-anonymity.js';
export { csvCell } from './insights-csv.js';
export { insightsRoutes } from './insights-routes.js';
export { programReportRoutes } from './report-routes.js';

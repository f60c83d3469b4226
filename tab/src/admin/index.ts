export { AdminProgramsView } from './admin-programs-view.js';
export { BookingsView } from './bookings-view.js';
export { InsightsDashboard } from './insights-dashboard.js';
export { MatchReviewView } from './match-review-view.js';
export { ProgramAdminView } from './program-admin-view.js';
export { AuditView } from './audit-view.js';
export { RematchesView } from './rematches-view.js';
export { ProgramNav } from './program-nav.js';

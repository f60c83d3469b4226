export { writeAuditRow } from './audit-row.js';
export type { AuditEntry } from './audit-row.js';

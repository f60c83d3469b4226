import type { OverrideKind } from './vocabulary.js';

/** The program reports an admin exports as CSV (each export is audited). */
export type ReportName = 'insights' | 'outcomes';

/**
 * Every action the API writes to the audit log, in the words the audit log shows. The API's
 * `recordAudit` takes only these keys, so a new action without words does not typecheck.
 */
export const AUDIT_ACTION_WORDS = {
  'program.create': 'Created the program',
  'program.update': 'Changed the program’s settings',
  'program.transition': 'Moved the program to its next stage',
  'program.owner-add': 'Added an owner',
  'program.owner-remove': 'Removed an owner',
  'program.import': 'Invited people from a CSV list',
  'program.remind': 'Sent enrolment reminders',
  'program.retention': 'Changed how long the program’s data is kept',
  'program.retention-purge': 'Deleted data older than the retention period',
  'match-run.create': 'Ran matching',
  'match-run.approve': 'Approved the match run',
  'match-run.pin': 'Pinned a pair in the match run',
  'match-run.forbid': 'Ruled out a pair in the match run',
  'match-run.remove': 'Left a mentor out of the match run',
  'match-run.swap': 'Swapped a mentor’s partner in the match run',
  'rematch.apply': 'Gave someone a new partner',
  'booking.retry': 'Retried booking a series',
  'booking.retry-sessions': 'Retried booking sessions that needed attention',
  'guide-track.copy': 'Made an editable copy of a guide',
  'me.export': 'Downloaded their own data',
  'me.delete': 'Deleted their own data',
  'insights.export-csv': 'Exported the insights as CSV',
  'outcomes.export-csv': 'Exported the outcomes report as CSV',
} as const satisfies Record<
  `match-run.${OverrideKind}` | `${ReportName}.export-csv` | `${string}.${string}`,
  string
>;

export type AuditAction = keyof typeof AUDIT_ACTION_WORDS;

/** An audit row's action in words; a key this version no longer writes is shown as stored. */
export function auditActionWords(action: string): string {
  return Object.hasOwn(AUDIT_ACTION_WORDS, action)
    ? AUDIT_ACTION_WORDS[action as AuditAction]
    : action;
}

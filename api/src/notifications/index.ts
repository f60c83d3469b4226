export { ACTIVITY_TYPES, TEMPLATES, fillTemplate } from './activity-types.js';
export type { ActivityType } from './activity-types.js';
export {
  NUDGE_SCAN_INTERVAL_MS,
  notificationJobHandlers,
  startNudgeScans,
} from './notification-jobs.js';
export { notificationRoutes, toNotificationView } from './notification-routes.js';
export { nudgeSettingsOf } from './notification-settings.js';
export { runNudgeScan } from './nudge-scan.js';
export type { NudgeScanSummary } from './nudge-scan.js';
export { DEFAULT_QUIET_HOURS, nextAllowedSend } from '../calendar-time/index.js';
export type { QuietHours } from '../calendar-time/index.js';
export { queueNotification } from './queue-notification.js';
export type { NudgeInput, QueueOutcome } from './queue-notification.js';
export { sendNotificationJob } from './send-notification.js';
export {
  leftOutWords,
  localTime,
  messageLeftOut,
  messageMatched,
  messagePartnerChanged,
  messageSessionChanged,
} from './event-messages.js';
export type { PartnerChange } from './event-messages.js';

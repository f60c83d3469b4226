export { ACTIVITY_TYPES, TEMPLATES } from './activity-types.js';
export type { ActivityType } from './activity-types.js';
export { notificationJobHandlers, startNudgeScans } from './notification-jobs.js';
export { notificationRoutes, toNotificationView } from './notification-routes.js';
export { queueNotification } from './queue-notification.js';
export { leftOutWords, messageLeftOut, messageSessionChanged } from './event-messages.js';
export { messageOwnersRematch, messagePartnerChanged } from './partner-messages.js';
export type { PartnerChange } from './partner-messages.js';

export {
  MAX_SESSIONS,
  MAX_SESSION_MINUTES,
  MIN_SESSION_MINUTES,
  cadenceProblem,
  graphSeriesTiming,
  monthlyIndexOf,
  nthWeekdayOfMonth,
  occurrenceDays,
  seriesOccurrences,
} from './recurrence.js';
export type { SeriesCadence, GraphSeriesTiming, Occurrence, SeriesStart } from './recurrence.js';
export {
  MAX_SCHEDULES_PER_REQUEST,
  MAX_WINDOW_DAYS,
  collectAvailability,
  mailboxAvailability,
  parseGraphDateTime,
  planScheduleRequests,
} from './free-busy.js';
export type {
  Availability,
  BusyPolicy,
  MailboxAvailability,
  PlanOptions,
  ScheduleAnswer,
  ScheduleRequest,
} from './free-busy.js';
export { findSeriesSlot } from './slot-search.js';
export type {
  ExceptionKind,
  FindSeriesSlotInput,
  OccurrenceException,
  OccurrenceProblem,
  Participant,
  PreferredTime,
  SeriesSlot,
  SlotPreferences,
  SlotSearchFailure,
  SlotSearchResult,
} from './slot-search.js';
export { bookingJobHandlers } from './booking-job-handlers.js';
export { bookSeries, queueProgramBookings } from './booking-job.js';
export type { BookOutcome } from './booking-job.js';
export { currentSeries, seriesCounts } from './booking-job.series-store.js';
export type { SeriesPlan, SeriesRow } from './booking-job.series-store.js';
export { prefetchProgramFreeBusy } from './booking-job.prefetch.js';
export {
  bookingSubject,
  buildSeriesEvent,
  buildSingleEvent,
  pairingTabLink,
} from './booking-event.js';
export type { BookingPerson, SeriesEventInput, SingleEventInput } from './booking-event.js';
export { cancelSeries, queueSeriesCancel, DEFAULT_CANCEL_MESSAGE } from './series-cancel.js';
export { rebookSession } from './session-rebook.js';
export type { RebookOutcome } from './session-rebook.js';
export { runJobsToCompletion } from './run-jobs.js';
export { bookingProgress, bookingRoutes, retryBooking } from './booking-routes.js';
export { keepingTrueJobHandlers } from './booking-job-handlers.js';
export { graphNotificationRouter } from './notification-routes.js';
export { clientStateMatches, ensureSubscription, SUBSCRIPTION_MINUTES } from './subscriptions.js';
export {
  reconcileAll,
  reconcileOrganizer,
  reconcileSeries,
  SERIES_DECLINED_FLAG,
} from './reconcile.js';
export type { ReconcileSummary } from './reconcile.js';
export {
  FREE_BUSY_MAX_AGE_MS,
  cachedFreeBusy,
  fetchFreeBusy,
  reserveCachedBusy,
} from './free-busy-cache.js';
export type { CachedFreeBusy, Mailbox, ScheduleReader } from './free-busy-cache.js';

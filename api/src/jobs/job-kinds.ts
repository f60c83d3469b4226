import type { JobHandler } from './job-runner.js';

/*
 * Every durable job kind and the payload it carries, in one typed map (the shape of teams.ts
 * `IRoutes`): queueing a kind that does not exist, or with the wrong payload, fails to compile.
 * Payloads are JSON stored with the job, so they hold only plain values.
 */

type NoPayload = Record<string, never>;

/** Org chart and mailbox settings. */
type OrgJobs = {
  'org-sync': NoPayload;
  'org-sync-schedule': NoPayload;
  'mailbox-sync': NoPayload;
};

/** Booking and keeping series true. */
type SchedulingJobs = {
  'series-book': { pairingId: string };
  'series-cancel': { pairingId: string; reason?: string };
  /** `fresh`: an admin's Retry; both calendars are read again instead of a recent read reused. */
  'session-rebook': { sessionId: string; fresh?: boolean | undefined };
  'graph-subscribe': { organizerId: string };
  'graph-subscribe-schedule': { organizerId: string };
  'graph-resubscribe': { organizerId: string; subscriptionId?: string | undefined };
  'event-changed': { organizerId: string; eventId: string | null; changeType: string };
  'reconcile-series': { seriesId: string };
  reconcile: NoPayload;
  'reconcile-schedule': NoPayload;
};

/** Activity-feed nudges. */
type NotificationJobs = {
  'nudge-scan': NoPayload;
  'nudge-scan-schedule': NoPayload;
  'notify-send': { notificationId: string };
  'announce-pairing': { pairingId: string };
};

/** Programs: reminders to invited people who have not answered. */
type ProgramJobs = {
  'enrolment-reminders': { programId: string };
};

/** Outcome surveys. */
type OutcomeJobs = {
  'survey-nudge-scan': NoPayload;
  'survey-nudge-scan-schedule': NoPayload;
};

/** Retention. */
type PrivacyJobs = {
  'retention-purge': NoPayload;
  'retention-purge-schedule': NoPayload;
};

export type JobPayloads = OrgJobs &
  SchedulingJobs &
  NotificationJobs &
  ProgramJobs &
  OutcomeJobs &
  PrivacyJobs;

export type JobKind = keyof JobPayloads;

/** Handlers for some kinds; the server's map of every kind must name them all. */
export type JobHandlers<K extends JobKind> = Record<K, JobHandler>;

/**
 * The job that books a pairing's series. Keyed by the pairing, so queueing it again while one
 * waits adds nothing (`enqueueJob` keeps one job per kind and key).
 */
export const seriesBookJob = (pairingId: string) =>
  ({ kind: 'series-book', key: pairingId, payload: { pairingId } }) as const;

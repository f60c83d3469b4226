/**
 * The words the API, the store and the tab share, each defined once as a list: zod schemas take
 * the list (`z.enum(ROLES)`), the store types its columns with it, and the types derive from it.
 */

export const ROLES = ['mentor', 'leader'] as const;
export type Role = (typeof ROLES)[number];

export const PROGRAM_STATUSES = ['draft', 'enrolling', 'matching', 'active', 'closed'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];

export const ENROLMENT_STATUSES = ['active', 'paused', 'left'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const PAIRING_STATUSES = ['active', 'paused', 'ended'] as const;
export type PairingStatus = (typeof PAIRING_STATUSES)[number];

export const SERIES_STATUSES = [
  'queued',
  'searching',
  'booked',
  'partial',
  'failed',
  'cancelling',
  'cancelled',
  /** The event is gone from the organizer's calendar: its sessions are rebooked one by one. */
  'broken',
] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

export const SESSION_STATUSES = [
  'scheduled',
  'held',
  'declined',
  'cancelled',
  'rebooking',
  'missed',
  /** Rebooking ran out of retries or found no time: an admin sees why and can retry. */
  'needs-attention',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const CADENCES = ['weekly', 'biweekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const OVERRIDE_KINDS = ['pin', 'forbid', 'remove', 'swap'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

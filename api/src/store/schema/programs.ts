import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidKey } from './columns.js';
import type { StoredInterval } from './scheduling.js';
import {
  ENROLMENT_STATUSES,
  PAIRING_STATUSES,
  PROGRAM_STATUSES,
  ROLES,
  SERIES_STATUSES,
  SESSION_STATUSES,
  type Cadence,
  type EnrolmentStatus,
  type PairingStatus,
  type ProgramRulesView,
  type ProgramStatus,
  type Role,
  type SeriesStatus,
  type SessionStatus,
} from '../../contract/index.js';

export type {
  Cadence,
  EnrolmentStatus,
  PairingStatus,
  ProgramStatus,
  Role,
  SeriesStatus,
  SessionStatus,
};

/** A program's rules, as the API shows them; parsed and defaulted by `programs/`, stored as given. */
export type ProgramRules = ProgramRulesView;

export const programs = pgTable('programs', {
  id: uuidKey(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  status: text('status', { enum: PROGRAM_STATUSES }).notNull().default('draft'),
  rules: jsonb('rules').$type<ProgramRules>().notNull(),
  guideTrackId: text('guide_track_id').notNull(),
  guideTrackVersion: text('guide_track_version').notNull(),
  enrolmentOpensAt: instant('enrolment_opens_at'),
  enrolmentClosesAt: instant('enrolment_closes_at'),
  /** First day sessions may be booked from. */
  startsOn: text('starts_on'),
  /** Personal data of a closed program is purged this many months after closing. */
  retentionMonths: integer('retention_months').notNull().default(24),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  closedAt: instant('closed_at'),
});

/** A preferred weekly time window, in the person's own time zone. */
export interface PreferredTime {
  weekday: number;
  startMinutes: number;
  endMinutes: number;
}

/** A person's opt-in to a program. Opt-in only: an admin import invites, the person confirms. */
export const enrolments = pgTable(
  'enrolments',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    personId: text('person_id').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    /** What the career level suggested; `role` differs when the person or an admin corrected it. */
    suggestedRole: text('suggested_role', { enum: ROLES }),
    status: text('status', { enum: ENROLMENT_STATUSES }).notNull().default('active'),
    topicsOffered: jsonb('topics_offered').$type<string[]>().notNull().default([]),
    topicsWanted: jsonb('topics_wanted').$type<string[]>().notNull().default([]),
    preferredTimes: jsonb('preferred_times').$type<PreferredTime[]>().notNull().default([]),
    /** In the person's words: what they want to learn or share. Their partner reads it. */
    goals: text('goals').notNull().default(''),
    source: text('source').$type<'self' | 'import' | 'demo'>().notNull().default('self'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('enrolments_program_person_uq').on(t.programId, t.personId),
    index('enrolments_person_idx').on(t.personId),
  ],
);

export const pairings = pgTable(
  'pairings',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    mentorId: text('mentor_id').notNull(),
    leaderId: text('leader_id').notNull(),
    status: text('status', { enum: PAIRING_STATUSES }).notNull().default('active'),
    /** The match run that proposed it (null when an admin paired them by hand). */
    matchRunId: uuid('match_run_id'),
    score: integer('score'),
    /** The explanation shown to both people and admins ("why we were matched"). */
    explanation: text('explanation').notNull().default(''),
    scoreParts: jsonb('score_parts').$type<Record<string, number>>().notNull().default({}),
    /** The guide version this pairing started with; it keeps it even when admins edit the track. */
    guideTrackId: text('guide_track_id').notNull(),
    guideTrackVersion: text('guide_track_version').notNull(),
    /** Set when something needs an admin's eye: reporting-line conflict after a re-org, … */
    flag: text('flag'),
    startedAt: instant('started_at').notNull().defaultNow(),
    endedAt: instant('ended_at'),
    endReason: text('end_reason'),
  },
  (t) => [
    index('pairings_program_idx').on(t.programId),
    index('pairings_mentor_idx').on(t.mentorId),
    index('pairings_leader_idx').on(t.leaderId),
    uniqueIndex('pairings_active_uq')
      .on(t.programId, t.mentorId, t.leaderId)
      .where(sql`${t.status} <> 'ended'`),
  ],
);

/** The recurring Outlook event of a pairing: one per pairing at a time. */
export const bookingSeries = pgTable(
  'booking_series',
  {
    id: uuidKey(),
    pairingId: uuid('pairing_id').notNull(),
    organizerId: text('organizer_id').notNull(),
    attendeeId: text('attendee_id').notNull(),
    status: text('status', { enum: SERIES_STATUSES }).notNull().default('queued'),
    /** Stored before the create call; a retry reuses it so Graph never creates the event twice. */
    transactionId: text('transaction_id').notNull(),
    eventId: text('event_id'),
    joinUrl: text('join_url'),
    timeZone: text('time_zone'),
    /** The Graph recurrence and first start as sent, for audit and rebooking. */
    plan: jsonb('plan').$type<Record<string, unknown>>(),
    failureReason: text('failure_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('booking_series_transaction_uq').on(t.transactionId),
    index('booking_series_pairing_idx').on(t.pairingId),
  ],
);

/** One occurrence of a pairing's series, mapped to its guide session. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuidKey(),
    pairingId: uuid('pairing_id').notNull(),
    seriesId: uuid('series_id'),
    /** 1-based position in the series. */
    occurrence: integer('occurrence').notNull(),
    guideSessionNumber: integer('guide_session_number').notNull(),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    status: text('status', { enum: SESSION_STATUSES }).notNull().default('scheduled'),
    /** The Graph id of this occurrence (or of a single event booked as an exception). */
    eventId: text('event_id'),
    joinUrl: text('join_url'),
    statusReason: text('status_reason'),
    /**
     * Times this session was declined at or removed from a calendar: never offered to it again.
     * Kept with the session, so a rebook retried after throttling or a crash still knows them.
     */
    avoidTimes: jsonb('avoid_times').$type<StoredInterval[]>().notNull().default([]),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('sessions_pairing_occurrence_uq').on(t.pairingId, t.occurrence),
    index('sessions_starts_idx').on(t.startsAt),
  ],
);

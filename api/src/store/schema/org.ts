import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { instant, updatedAt } from './columns.js';

/** Working hours as read from the mailbox, already mapped to an IANA zone. */
export interface StoredWorkingHours {
  daysOfWeek: string[];
  startTime: string;
  endTime: string;
  timeZone: string;
}

/** One person of the org chart, as synced from Microsoft Graph. */
export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    displayName: text('display_name').notNull(),
    mail: text('mail'),
    userPrincipalName: text('user_principal_name'),
    jobTitle: text('job_title'),
    department: text('department'),
    officeLocation: text('office_location'),
    hireDate: instant('hire_date'),
    managerId: text('manager_id'),
    /** Levels below the top of the chart; null while the chain cannot be resolved (loop, missing manager). */
    depth: integer('depth'),
    /** Everyone under this person, transitively. */
    orgSize: integer('org_size').notNull().default(0),
    directReports: integer('direct_reports').notNull().default(0),
    timeZone: text('time_zone'),
    workingHours: jsonb('working_hours').$type<StoredWorkingHours>(),
    mailboxSyncedAt: instant('mailbox_synced_at'),
    mailboxError: text('mailbox_error'),
    /**
     * Graph's `mailboxSettings.userPurpose` (user, linked, shared, room, equipment, others), or
     * `none` when Graph says the account has no mailbox; null until the mailbox is read.
     */
    mailboxPurpose: text('mailbox_purpose'),
    accountEnabled: boolean('account_enabled').notNull().default(true),
    /** Set when Graph reports the user removed; kept so history and pairings stay explainable. */
    goneAt: instant('gone_at'),
    syncedAt: instant('synced_at').notNull().defaultNow(),
  },
  (t) => [
    index('people_manager_idx').on(t.managerId),
    index('people_mail_idx').on(sql`lower(${t.mail})`),
  ],
);

/** Data problems found in the org chart (manager loops, missing managers); shown to admins, never fatal. */
export const dataProblems = pgTable(
  'data_problems',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    personId: text('person_id').notNull(),
    kind: text('kind').notNull(),
    detail: text('detail').notNull(),
    detectedAt: instant('detected_at').notNull().defaultNow(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    uniqueIndex('data_problems_open_uq')
      .on(t.personId, t.kind)
      .where(sql`${t.resolvedAt} is null`),
  ],
);

/** Cursor and summary of each synchronisation stream (org chart delta link, …). */
export const syncState = pgTable('sync_state', {
  key: text('key').primaryKey(),
  deltaLink: text('delta_link'),
  lastFullSyncAt: instant('last_full_sync_at'),
  lastDeltaSyncAt: instant('last_delta_sync_at'),
  summary: jsonb('summary').$type<Record<string, unknown>>(),
  updatedAt: updatedAt(),
});

import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role } from './programs.js';

/**
 * An admin's invitation to a program (CSV import). It is not an enrolment: matching never sees
 * it. It becomes one only when the person confirms in the tab (opt-in only).
 */
export const enrolmentInvitations = pgTable(
  'enrolment_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    programId: uuid('program_id').notNull(),
    personId: text('person_id').notNull(),
    suggestedRole: text('suggested_role').$type<Role>(),
    invitedBy: text('invited_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('enrolment_invitations_program_person_uq').on(t.programId, t.personId),
    index('enrolment_invitations_person_idx').on(t.personId),
  ],
);

import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, uuidKey } from './columns.js';
import type { Role } from './programs.js';

/**
 * An admin's invitation to a program (CSV import). It is not an enrolment: matching never sees
 * it. It becomes one only when the person confirms in the tab (opt-in only).
 */
export const enrolmentInvitations = pgTable(
  'enrolment_invitations',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    personId: text('person_id').notNull(),
    suggestedRole: text('suggested_role').$type<Role>(),
    invitedBy: text('invited_by').notNull(),
    createdAt: createdAt(),
    acceptedAt: instant('accepted_at'),
    /** The person said no in the tab: it leaves their Home and no reminder follows. */
    declinedAt: instant('declined_at'),
  },
  (t) => [
    uniqueIndex('enrolment_invitations_program_person_uq').on(t.programId, t.personId),
    index('enrolment_invitations_person_idx').on(t.personId),
  ],
);

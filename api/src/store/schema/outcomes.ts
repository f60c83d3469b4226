import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidKey } from './columns.js';
import type { Role } from './programs.js';

/**
 * One person's answers to one outcome survey in one program: the baseline once per program, the
 * end survey once per pairing (someone rematched after an early ending is asked about each
 * pairing). The answers are readable by their author only, like reflections: admins see
 * aggregates over groups of at least five people, never a row.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    personId: text('person_id').notNull(),
    role: text('role').$type<Role>().notNull(),
    phase: text('phase').$type<'baseline' | 'end'>().notNull(),
    /**
     * The pairing an end survey is about; null for the baseline and for the end survey of someone
     * who had no pairing when the program closed.
     */
    pairingId: uuid('pairing_id'),
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    /** Item key → the point chosen on the item's scale. */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One answer per survey asked, so answering twice (or twice at once) is one answer.
    uniqueIndex('survey_responses_program_person_phase_uq')
      .on(t.programId, t.personId, t.phase)
      .where(sql`${t.pairingId} is null`),
    uniqueIndex('survey_responses_pairing_person_phase_uq')
      .on(t.pairingId, t.personId, t.phase)
      .where(sql`${t.pairingId} is not null`),
    check(
      'survey_responses_baseline_no_pairing',
      sql`${t.phase} = 'end' or ${t.pairingId} is null`,
    ),
    index('survey_responses_person_idx').on(t.personId),
  ],
);

/** The admins who own a program: they receive its nudges. Adding or removing one is audited. */
export const programOwners = pgTable(
  'program_owners',
  {
    programId: uuid('program_id').notNull(),
    personId: text('person_id').notNull(),
    addedBy: text('added_by').notNull(),
    addedAt: instant('added_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('program_owners_program_person_uq').on(t.programId, t.personId),
    index('program_owners_person_idx').on(t.personId),
  ],
);

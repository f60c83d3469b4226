import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidKey } from './columns.js';
import type { Role } from './programs.js';

/**
 * One person's answers to one outcome survey (baseline or end) in one program. The answers are
 * readable by their author only, like reflections: admins see aggregates over groups of at
 * least five people, never a row.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuidKey(),
    programId: uuid('program_id').notNull(),
    personId: text('person_id').notNull(),
    role: text('role').$type<Role>().notNull(),
    phase: text('phase').$type<'baseline' | 'end'>().notNull(),
    instrumentKey: text('instrument_key').notNull(),
    instrumentVersion: text('instrument_version').notNull(),
    /** Item key → the point chosen on the item's scale. */
    answers: jsonb('answers').$type<Record<string, number>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('survey_responses_program_person_phase_uq').on(t.programId, t.personId, t.phase),
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

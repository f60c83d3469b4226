import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidKey } from './columns.js';

/**
 * One person's check-in for one session. The reflection text is readable by its author only:
 * no route returns another person's row, and insights read the ratings, never the text.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuidKey(),
    sessionId: uuid('session_id').notNull(),
    /** Denormalised so insights and retention work per program without walking sessions. */
    pairingId: uuid('pairing_id').notNull(),
    personId: text('person_id').notNull(),
    held: boolean('held'),
    usefulness: integer('usefulness'),
    safety: integer('safety'),
    reflection: text('reflection').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('check_ins_session_person_uq').on(t.sessionId, t.personId),
    index('check_ins_person_idx').on(t.personId),
    index('check_ins_pairing_idx').on(t.pairingId),
  ],
);

/** A leader's commitment from the closing session; only follow-through counts reach insights. */
export const commitments = pgTable(
  'commitments',
  {
    id: uuidKey(),
    pairingId: uuid('pairing_id').notNull(),
    authorId: text('author_id').notNull(),
    text: text('text').notNull(),
    /** A calendar date (YYYY-MM-DD), not an instant: "by the end of June". */
    dueOn: text('due_on'),
    done: boolean('done').notNull().default(false),
    doneAt: instant('done_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('commitments_pairing_idx').on(t.pairingId),
    index('commitments_author_idx').on(t.authorId),
  ],
);

import { timestamp, uuid } from 'drizzle-orm/pg-core';

/*
 * Columns every table writes the same way. Not exported by `index.ts`: they are not tables.
 */

/** An instant: always `timestamptz`, so PostgreSQL stores UTC whatever the session's zone. */
export const instant = (name: string) => timestamp(name, { withTimezone: true });

/** A generated uuid primary key named `id`. */
export const uuidKey = () => uuid('id').primaryKey().defaultRandom();

/** When the row was written (`created_at`, set by the database). */
export const createdAt = () => instant('created_at').notNull().defaultNow();

/** When the row last changed (`updated_at`; set by the database on insert, by the writer after). */
export const updatedAt = () => instant('updated_at').notNull().defaultNow();

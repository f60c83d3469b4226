import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * The first answer to an admin write sent with an `Idempotency-Key` header, so a retried request
 * gets that answer again instead of a second effect. Claimed before the write runs (the primary
 * key makes one of N concurrent requests the owner) and filled once it answered; a claim with no
 * answer is a write still running, or one whose instance died (taken over after its lease).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Who sent it: `tenantId:userId`. Keys are per caller, as Stripe scopes them per account. */
    caller: text('caller').notNull(),
    key: text('key').notNull(),
    /** Method, route and a hash of parameters and body: the same key with another request is a 422. */
    fingerprint: text('fingerprint').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
    /** Null while the first request runs. */
    status: integer('status'),
    /** The answer's JSON as sent (text, not jsonb, so a replay is byte for byte the same). */
    body: text('body'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.caller, t.key] }),
    index('idempotency_keys_claimed_idx').on(t.claimedAt),
  ],
);

/**
 * Requests per caller per fixed window, shared by every API instance on one PostgreSQL. One row
 * per caller and window, counted with an atomic upsert; past windows are deleted periodically.
 */
export const rateLimitCounters = pgTable(
  'rate_limit_counters',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.windowStart] }),
    index('rate_limit_counters_window_idx').on(t.windowStart),
  ],
);

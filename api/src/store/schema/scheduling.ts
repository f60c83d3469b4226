import type { Event } from '@microsoft/microsoft-graph-types';
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidKey } from './columns.js';

/** A busy or unreadable span, UTC epoch milliseconds. */
export interface StoredInterval {
  start: number;
  end: number;
}

/**
 * Free/busy read for a whole program at once (getSchedule, 20 mailboxes a call), so each pair's
 * booking job creates its event without reading calendars again. Booked series are added to the
 * busy list of both people before their event is created, so a leader with two mentors is
 * never offered the same slot twice.
 */
export const freeBusyCache = pgTable('free_busy_cache', {
  personId: text('person_id').primaryKey(),
  windowStart: instant('window_start').notNull(),
  windowEnd: instant('window_end').notNull(),
  busy: jsonb('busy').$type<StoredInterval[]>().notNull().default([]),
  /** Windows whose schedule came back with an error: unknown, never free. */
  unknownWindows: jsonb('unknown_windows').$type<StoredInterval[]>().notNull().default([]),
  unknownReason: text('unknown_reason'),
  fetchedAt: instant('fetched_at').notNull().defaultNow(),
});

/**
 * `declined`: the partner declined it (or removed it from their calendar) and it is still in the
 * organizer's calendar; the session's rebook cancels it there (or follows it when the organizer
 * moved it since) before booking another.
 */
export type SessionEventStatus = 'planned' | 'booked' | 'declined' | 'cancelled';

/**
 * A single replacement event for one session (an occurrence that did not fit, was declined or
 * deleted). Its transactionId is stored before the create call, like the series'.
 */
export const sessionEvents = pgTable(
  'session_events',
  {
    id: uuidKey(),
    sessionId: uuid('session_id').notNull(),
    pairingId: uuid('pairing_id').notNull(),
    organizerId: text('organizer_id').notNull(),
    transactionId: text('transaction_id').notNull(),
    status: text('status').$type<SessionEventStatus>().notNull().default('planned'),
    startsAt: instant('starts_at').notNull(),
    endsAt: instant('ends_at').notNull(),
    /** The event body as sent, so a resumed job sends exactly the same request. */
    request: jsonb('request').$type<Event>().notNull(),
    eventId: text('event_id'),
    joinUrl: text('join_url'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('session_events_transaction_uq').on(t.transactionId),
    index('session_events_session_idx').on(t.sessionId),
    index('session_events_pairing_idx').on(t.pairingId),
  ],
);

export type GraphSubscriptionStatus = 'active' | 'removed';

/** One change-notification subscription per organizer mailbox (`/users/{id}/events`). */
export const graphSubscriptions = pgTable(
  'graph_subscriptions',
  {
    id: uuidKey(),
    organizerId: text('organizer_id').notNull(),
    /** Graph's id; null until the create call answered. */
    subscriptionId: text('subscription_id'),
    /** Random per subscription; notifications carrying anything else are ignored. */
    clientState: text('client_state').notNull(),
    status: text('status').$type<GraphSubscriptionStatus>().notNull().default('active'),
    expiresAt: instant('expires_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('graph_subscriptions_organizer_uq').on(t.organizerId),
    uniqueIndex('graph_subscriptions_graph_id_uq').on(t.subscriptionId),
  ],
);

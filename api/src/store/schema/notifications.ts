import { boolean, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, instant, updatedAt, uuidKey } from './columns.js';

export type NotificationStatus = 'queued' | 'sent' | 'skipped' | 'failed';

/** One Teams activity-feed nudge to one person; sent by its own `notify-send` job. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuidKey(),
    personId: text('person_id').notNull(),
    /** The manifest's activity type: sessionTomorrow, checkInWaiting, … */
    kind: text('kind').notNull(),
    /** What it is about (a session, pairing or series id). */
    subjectId: text('subject_id').notNull(),
    /** The pairing concerned, so ending or deleting a pairing can clear its nudges. */
    pairingId: uuid('pairing_id'),
    /** person + kind + subject: the same nudge is never queued twice. */
    dedupeKey: text('dedupe_key').notNull(),
    status: text('status').$type<NotificationStatus>().notNull().default('queued'),
    text: text('text').notNull(),
    link: text('link'),
    templateParameters: jsonb('template_parameters')
      .$type<{ name: string; value: string }[]>()
      .notNull()
      .default([]),
    /** When it may be sent: now, or the end of the person's quiet hours. */
    scheduledFor: instant('scheduled_for').notNull(),
    sentAt: instant('sent_at'),
    readAt: instant('read_at'),
    /** Why it was skipped or failed (a code, never personal text). */
    outcome: text('outcome'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
    index('notifications_person_idx').on(t.personId, t.createdAt),
    index('notifications_pairing_idx').on(t.pairingId),
  ],
);

/** A person's nudge settings; no row means the defaults (on, quiet 20:00–08:00 local). */
export const notificationSettings = pgTable('notification_settings', {
  personId: text('person_id').primaryKey(),
  enabled: boolean('enabled').notNull().default(true),
  quietStart: text('quiet_start').notNull().default('20:00'),
  quietEnd: text('quiet_end').notNull().default('08:00'),
  updatedAt: updatedAt(),
});

import { jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.js';

export type GuideTrackSource = 'builtin' | 'admin';

/**
 * Every guide track version the app has ever offered: the shipped ones (copied in at start) and
 * admins' edited copies. Rows are never changed once written, because pairings pin a version by
 * (id, version) and must keep exactly what they started with.
 */
export const guideTracks = pgTable(
  'guide_tracks',
  {
    id: text('id').notNull(),
    version: text('version').notNull(),
    /** `sha256:<hex>` of the content; a shipped version whose content changed is refused. */
    hash: text('hash').notNull(),
    /** The whole `GuideTrack`, validated by `parseGuideTrack` when read back. */
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    source: text('source').$type<GuideTrackSource>().notNull(),
    parentId: text('parent_id'),
    parentVersion: text('parent_version'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

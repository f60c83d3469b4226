import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../store/index.js';
import { guideTracks } from '../store/index.js';
import { compareVersions } from './guide-library.js';
import { parseGuideTrack } from './guide-track.js';
import type { GuideSession, GuideTrack } from './guide-track.js';
import { deriveEditableCopy } from './editable-copy.js';
import type { UncheckedTrackEdits } from './editable-copy.js';

export type GuideTrackRow = typeof guideTracks.$inferSelect;

export interface StoredGuideTrack {
  track: GuideTrack;
  source: 'builtin' | 'admin';
  createdAt: Date;
}

/** A shipped version whose content differs from what pairings already pinned under that version. */
export class GuideVersionConflictError extends Error {
  constructor(
    readonly id: string,
    readonly version: string,
  ) {
    super(
      `Guide track ${id}@${version} is already stored with different content; give changed content a new version`,
    );
    this.name = 'GuideVersionConflictError';
  }
}

// Stored versions never change, so a parsed track can be kept for the life of the process.
const parsedCache = new Map<string, GuideTrack>();

function toStored(row: GuideTrackRow): StoredGuideTrack {
  const key = `${row.id}@${row.version}@${row.hash}`;
  let track = parsedCache.get(key);
  if (track === undefined) {
    const parsed = parseGuideTrack(row.content);
    if (!parsed.ok) {
      throw new Error(
        `Stored guide track ${row.id}@${row.version} is not valid: ${parsed.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      );
    }
    track = parsed.value;
    parsedCache.set(key, track);
  }
  return { track, source: row.source, createdAt: row.createdAt };
}

function contentOf(track: GuideTrack): Record<string, unknown> {
  // A plain JSON copy: the stored document is exactly what `parseGuideTrack` reads back.
  return JSON.parse(JSON.stringify(track)) as Record<string, unknown>;
}

/**
 * Copies the shipped tracks into the store (once per version). A shipped version whose content
 * changed under the same version would silently change what running pairings see, so it stops
 * start-up instead.
 */
export async function syncBuiltinTracks(db: Db, tracks: readonly GuideTrack[]): Promise<void> {
  for (const track of tracks) {
    await db
      .insert(guideTracks)
      .values({
        id: track.id,
        version: track.version,
        hash: track.contentHash,
        content: contentOf(track),
        source: 'builtin',
        parentId: track.derivedFrom?.id ?? null,
        parentVersion: track.derivedFrom?.version ?? null,
      })
      .onConflictDoNothing();
    const stored = await db
      .select({ hash: guideTracks.hash })
      .from(guideTracks)
      .where(and(eq(guideTracks.id, track.id), eq(guideTracks.version, track.version)));
    if (stored[0]?.hash !== track.contentHash)
      throw new GuideVersionConflictError(track.id, track.version);
  }
}

export async function listGuideTracks(db: Db): Promise<StoredGuideTrack[]> {
  const rows = await db
    .select()
    .from(guideTracks)
    .orderBy(asc(guideTracks.id), asc(guideTracks.createdAt));
  return rows
    .map(toStored)
    .sort((a, b) =>
      a.track.id === b.track.id
        ? compareVersions(a.track.version, b.track.version)
        : a.track.id.localeCompare(b.track.id),
    );
}

/** The exact version a pairing pinned. */
export async function findGuideTrack(
  db: Db,
  id: string,
  version: string,
): Promise<StoredGuideTrack | undefined> {
  const rows = await db
    .select()
    .from(guideTracks)
    .where(and(eq(guideTracks.id, id), eq(guideTracks.version, version)));
  const row = rows[0];
  return row === undefined ? undefined : toStored(row);
}

/** The newest stored version of a track id. */
export async function latestGuideTrack(db: Db, id: string): Promise<StoredGuideTrack | undefined> {
  const rows = await db.select().from(guideTracks).where(eq(guideTracks.id, id));
  return rows
    .map(toStored)
    .reduce<StoredGuideTrack | undefined>(
      (best, t) =>
        best === undefined || compareVersions(t.track.version, best.track.version) > 0 ? t : best,
      undefined,
    );
}

export interface CreateCopyOptions {
  source: GuideTrack;
  newId: string;
  newVersion: string;
  edits?: UncheckedTrackEdits | undefined;
  actorId: string;
}

/**
 * Stores an admin's edited copy as a new (id, version). Returns undefined when that id and
 * version already exist, so the caller can answer 409 rather than overwrite a pinned version.
 * Throws `GuideEditError` when the edits produce an invalid track.
 */
export async function storeGuideTrackCopy(
  db: Db,
  o: CreateCopyOptions,
): Promise<StoredGuideTrack | undefined> {
  const copy = deriveEditableCopy(o.source, {
    newId: o.newId,
    newVersion: o.newVersion,
    ...(o.edits === undefined ? {} : { edits: o.edits }),
  });
  const inserted = await db
    .insert(guideTracks)
    .values({
      id: copy.id,
      version: copy.version,
      hash: copy.contentHash,
      content: contentOf(copy),
      source: 'admin',
      parentId: o.source.id,
      parentVersion: o.source.version,
      createdBy: o.actorId,
    })
    .onConflictDoNothing()
    .returning();
  const row = inserted[0];
  return row === undefined ? undefined : toStored(row);
}

/** The guide session a stored session row points at (the open topic is numbered after the last). */
export function guideSessionByNumber(track: GuideTrack, n: number): GuideSession | undefined {
  return (
    track.sessions.find((s) => s.number === n) ??
    (track.openTopic.number === n ? track.openTopic : undefined)
  );
}

/** The guide session of one booked session, from the version its pairing pinned. */
export async function pinnedGuideSession(
  db: Db,
  pairing: { guideTrackId: string; guideTrackVersion: string },
  guideSessionNumber: number,
): Promise<{ track: GuideTrack; session: GuideSession } | undefined> {
  const stored = await findGuideTrack(db, pairing.guideTrackId, pairing.guideTrackVersion);
  if (stored === undefined) return undefined;
  const session = guideSessionByNumber(stored.track, guideSessionNumber);
  return session === undefined ? undefined : { track: stored.track, session };
}

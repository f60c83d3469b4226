import { findGuideTrack, guideSessionByNumber } from '../guides/index.js';
import type { Db } from '../store/index.js';

/** A pinned guide version: pairings keep the (track, version) they started with. */
export interface GuideVersionRef {
  guideTrackId: string;
  guideTrackVersion: string;
}

export type GuideTitleLookup = (ref: GuideVersionRef, guideSessionNumber: number) => string;

/**
 * Stored guide versions never change (pairings pin them), so their session titles can be kept for
 * the life of the process: the home view then reads no guide document per request. Keyed by store
 * as well, because tests run several stores in one process.
 */
const cache = new WeakMap<Db, Map<string, ReadonlyMap<number, string>>>();

const keyOf = (ref: GuideVersionRef) => `${ref.guideTrackId}@${ref.guideTrackVersion}`;

/** Titles of the guide sessions of these versions; a number the track lacks reads "Session n". */
export async function guideTitles(
  db: Db,
  refs: readonly GuideVersionRef[],
): Promise<GuideTitleLookup> {
  let known = cache.get(db);
  if (known === undefined) {
    known = new Map();
    cache.set(db, known);
  }
  const missing = new Map<string, GuideVersionRef>();
  for (const ref of refs) if (!known.has(keyOf(ref))) missing.set(keyOf(ref), ref);
  const store = known;
  await Promise.all(
    [...missing].map(async ([key, ref]) => {
      const stored = await findGuideTrack(db, ref.guideTrackId, ref.guideTrackVersion);
      // A version not stored yet is looked up again next time rather than remembered as empty.
      if (stored === undefined) return;
      const titles = new Map<number, string>();
      for (const s of stored.track.sessions) titles.set(s.number, s.title);
      const open = guideSessionByNumber(stored.track, stored.track.openTopic.number);
      if (open !== undefined) titles.set(open.number, open.title);
      store.set(key, titles);
    }),
  );
  return (ref, n) => store.get(keyOf(ref))?.get(n) ?? `Session ${n}`;
}

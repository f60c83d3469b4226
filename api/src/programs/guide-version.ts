import { problems } from '../app/index.js';
import {
  DEFAULT_TRACK_ID,
  compareVersions,
  latestGuideTrack,
  loadGuideTracks,
  syncBuiltinTracks,
} from '../guides/index.js';
import type { GuideTrack } from '../guides/index.js';
import type { Db } from '../store/index.js';

let shipped: Promise<GuideTrack[]> | undefined;

/**
 * The newest version of a guide track, which a new program pins so that later edits to the track
 * never change what its pairings follow. A shipped track not yet copied into the store is copied
 * now, so the pinned version can always be read back.
 */
export async function currentGuideVersion(
  db: Db,
  trackId: string = DEFAULT_TRACK_ID,
): Promise<{ id: string; version: string }> {
  const stored = await latestGuideTrack(db, trackId);
  if (stored !== undefined) return { id: trackId, version: stored.track.version };
  shipped ??= loadGuideTracks();
  const candidates = (await shipped).filter((t) => t.id === trackId);
  const newest = candidates.reduce<GuideTrack | undefined>(
    (best, t) => (best === undefined || compareVersions(t.version, best.version) > 0 ? t : best),
    undefined,
  );
  if (newest === undefined) throw problems.badRequest(`There is no guide track "${trackId}".`);
  await syncBuiltinTracks(db, [newest]);
  return { id: trackId, version: newest.version };
}

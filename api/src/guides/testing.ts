import { DEFAULT_TRACK_ID, loadGuideTracks } from './guide-loader.js';
import type { GuideTrack } from './guide-track.js';

/** The shipped default track, for tests in this folder. */
export async function shippedTrack(): Promise<GuideTrack> {
  const track = (await loadGuideTracks()).find((t) => t.id === DEFAULT_TRACK_ID);
  if (track === undefined) throw new Error('the default track is missing');
  return track;
}

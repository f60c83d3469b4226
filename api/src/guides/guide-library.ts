import { DEFAULT_TRACK_ID, loadGuideTracks } from './guide-loader.js';
import type { LoadGuidesOptions } from './guide-loader.js';
import type { GuideTrack } from './guide-track.js';

/** The tracks loaded at start, looked up the way pairings pin them: by id and version. */
export interface GuideLibrary {
  readonly tracks: readonly GuideTrack[];
  /** The exact version a program or pairing pinned; undefined when it is not loaded. */
  find(id: string, version: string): GuideTrack | undefined;
  /** The newest version of a track, for a program being created. */
  latest(id?: string): GuideTrack | undefined;
}

/** Orders versions segment by segment, numerically where both segments are numbers (2026.10 > 2026.9). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/);
  const pb = b.split(/[.-]/);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : Number.NaN;
    const ny = /^\d+$/.test(y) ? Number(y) : Number.NaN;
    const diff = Number.isNaN(nx) || Number.isNaN(ny) ? x.localeCompare(y) : nx - ny;
    if (diff !== 0) return diff < 0 ? -1 : 1;
  }
  return 0;
}

export function createGuideLibrary(tracks: readonly GuideTrack[]): GuideLibrary {
  const list = [...tracks];
  return {
    tracks: list,
    find: (id, version) => list.find((t) => t.id === id && t.version === version),
    latest: (id = DEFAULT_TRACK_ID) =>
      list
        .filter((t) => t.id === id)
        .reduce<GuideTrack | undefined>(
          (best, t) =>
            best === undefined || compareVersions(t.version, best.version) > 0 ? t : best,
          undefined,
        ),
  };
}

/** Loads every track under the content root into a library; call once at start. */
export async function loadGuideLibrary(options: LoadGuidesOptions = {}): Promise<GuideLibrary> {
  return createGuideLibrary(await loadGuideTracks(options));
}

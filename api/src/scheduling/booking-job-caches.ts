import type { GuideTrack } from '../guides/index.js';
import type { Services } from '../app/index.js';
import type { Db } from '../store/index.js';
import { pinnedTrack, type PairingRow } from './booking-context.js';

/*
 * What a booking worker remembers between jobs to spare the database queries: the embedded
 * database runs one query at a time, so every query a job skips is time for the other jobs.
 */

/** Pinned guide tracks by id and version, kept a minute so a worker reads each once a batch. */
export class TrackCache {
  private readonly entries = new Map<
    string,
    { at: number; track: Promise<GuideTrack | undefined> }
  >();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 60_000,
  ) {}

  get(
    db: Db,
    pairing: Pick<PairingRow, 'guideTrackId' | 'guideTrackVersion'>,
  ): Promise<GuideTrack | undefined> {
    const key = `${pairing.guideTrackId}@${pairing.guideTrackVersion}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit !== undefined && now - hit.at < this.ttlMs) return hit.track;
    if (this.entries.size > 100) this.entries.clear();
    const track = pinnedTrack(db, pairing);
    this.entries.set(key, { at: now, track });
    // A failed read is not remembered.
    track.catch(() => this.entries.delete(key));
    return track;
  }
}

/** Singleton jobs (kind and key) this worker queued within the last minute. */
export class RecentlyQueued {
  private readonly at = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = 60_000,
  ) {}

  /** Queues the job unless this worker did so within the TTL. */
  async enqueue(services: Services, job: Parameters<Services['enqueue']>[0]): Promise<void> {
    const key = `${job.kind}\u0000${job.key}`;
    const last = this.at.get(key);
    if (last !== undefined && this.now() - last < this.ttlMs) return;
    await services.enqueue(job);
    if (this.at.size > 10_000) this.at.clear();
    this.at.set(key, this.now());
  }
}

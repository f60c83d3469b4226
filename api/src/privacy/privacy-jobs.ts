import type { JobHandler } from '../jobs/index.js';
import { requeueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { purgeExpiredPrograms } from './retention.js';

export const RETENTION_PURGE = 'retention-purge';
const RETENTION_PURGE_SCHEDULE = 'retention-purge-schedule';
const DAY_MS = 24 * 3_600_000;

/** Puts the daily purge in the queue (call once at start; repeated calls change nothing). */
export async function startRetentionPurges(services: Services): Promise<void> {
  await requeueJob(services.db, { kind: RETENTION_PURGE, key: 'daily' });
}

export function privacyJobHandlers(services: Services): Record<string, JobHandler> {
  return {
    [RETENTION_PURGE]: async () => {
      const summary = await purgeExpiredPrograms(services.db, services.now());
      await requeueJob(services.db, {
        kind: RETENTION_PURGE_SCHEDULE,
        key: 'daily',
        runAfter: new Date(services.now().getTime() + DAY_MS),
      });
      return { ...summary };
    },
    [RETENTION_PURGE_SCHEDULE]: async () => {
      await requeueJob(services.db, { kind: RETENTION_PURGE, key: 'daily' });
    },
  };
}

import type { JobHandlers } from '../jobs/index.js';
import { requeueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { purgeExpiredPrograms } from './retention.js';

const DAY_MS = 24 * 3_600_000;

/** Puts the daily purge in the queue (call once at start; repeated calls change nothing). */
export async function startRetentionPurges(services: Services): Promise<void> {
  await requeueJob(services.db, { kind: 'retention-purge', key: 'daily' });
}

export function privacyJobHandlers(
  services: Services,
): JobHandlers<'retention-purge' | 'retention-purge-schedule'> {
  return {
    'retention-purge': async () => {
      const summary = await purgeExpiredPrograms(services.db, services.now());
      await requeueJob(services.db, {
        kind: 'retention-purge-schedule',
        key: 'daily',
        runAfter: new Date(services.now().getTime() + DAY_MS),
      });
      return { ...summary };
    },
    'retention-purge-schedule': async () => {
      await requeueJob(services.db, { kind: 'retention-purge', key: 'daily' });
    },
  };
}

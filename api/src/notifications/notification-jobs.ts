import type { JobHandler } from '../jobs/index.js';
import { requeueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { runNudgeScan } from './nudge-scan.js';
import { NOTIFY_SEND } from './queue-notification.js';
import { sendNotificationJob } from './send-notification.js';

export const NUDGE_SCAN = 'nudge-scan';
const NUDGE_SCAN_SCHEDULE = 'nudge-scan-schedule';
export const NUDGE_SCAN_INTERVAL_MS = 15 * 60_000;

/** Puts the periodic scan in the queue (call once at start; repeated calls change nothing). */
export async function startNudgeScans(services: Services): Promise<void> {
  await requeueJob(services.db, { kind: NUDGE_SCAN, key: 'scan' });
}

/** Job kinds of this concept: `notify-send` (one per nudge) and the periodic `nudge-scan`. */
export function notificationJobHandlers(services: Services): Record<string, JobHandler> {
  return {
    [NOTIFY_SEND]: sendNotificationJob(services),
    [NUDGE_SCAN]: async () => {
      const summary = await runNudgeScan(services);
      // A running job cannot requeue itself; its successor is put back by a second kind.
      await requeueJob(services.db, {
        kind: NUDGE_SCAN_SCHEDULE,
        key: 'scan',
        runAfter: new Date(services.now().getTime() + NUDGE_SCAN_INTERVAL_MS),
      });
      return { ...summary };
    },
    [NUDGE_SCAN_SCHEDULE]: async () => {
      await requeueJob(services.db, { kind: NUDGE_SCAN, key: 'scan' });
    },
  };
}

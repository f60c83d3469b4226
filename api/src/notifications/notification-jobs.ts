import type { JobHandlers } from '../jobs/index.js';
import { PermanentJobError, requeueJob } from '../jobs/index.js';
import { messageMatched } from './event-messages.js';
import type { Services } from '../app/index.js';
import { runNudgeScan } from './nudge-scan.js';
import { sendNotificationJob } from './send-notification.js';

export const NUDGE_SCAN_INTERVAL_MS = 15 * 60_000;

/** Puts the periodic scan in the queue (call once at start; repeated calls change nothing). */
export async function startNudgeScans(services: Services): Promise<void> {
  await requeueJob(services.db, { kind: 'nudge-scan', key: 'scan' });
}

/**
 * Job kinds of this concept: `notify-send` (one per nudge), `announce-pairing` (one per booking
 * outcome: tells both people they are matched) and the periodic `nudge-scan`.
 */
export function notificationJobHandlers(
  services: Services,
): JobHandlers<'notify-send' | 'announce-pairing' | 'nudge-scan' | 'nudge-scan-schedule'> {
  return {
    'notify-send': sendNotificationJob(services),
    'announce-pairing': async (ctx) => {
      const pairingId = ctx.job.payload.pairingId;
      if (typeof pairingId !== 'string')
        throw new PermanentJobError('announce-pairing: no pairingId');
      return { queued: await messageMatched(services, pairingId) };
    },
    'nudge-scan': async () => {
      const summary = await runNudgeScan(services);
      // A running job cannot requeue itself; its successor is put back by a second kind.
      await requeueJob(services.db, {
        kind: 'nudge-scan-schedule',
        key: 'scan',
        delayMs: NUDGE_SCAN_INTERVAL_MS,
      });
      return { ...summary };
    },
    'nudge-scan-schedule': async () => {
      await requeueJob(services.db, { kind: 'nudge-scan', key: 'scan' });
    },
  };
}

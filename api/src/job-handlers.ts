import { requeueJob, type JobHandlers, type JobKind } from './jobs/index.js';
import { reevaluatePairings } from './matching/index.js';
import { syncOrg, syncPendingMailboxes } from './org/index.js';
import type { Services } from './app/index.js';
import { notificationJobHandlers } from './notifications/index.js';
import { surveyJobHandlers } from './outcomes/index.js';
import { privacyJobHandlers } from './privacy/index.js';
import { enrolmentReminderJobHandlers } from './programs/index.js';
import { bookingJobHandlers, keepingTrueJobHandlers } from './scheduling/index.js';

export interface JobHooks {
  /** Called after each org sync (readiness, re-evaluation of pairings). */
  onOrgSynced?: (summary: Awaited<ReturnType<typeof syncOrg>>) => Promise<void> | void;
}

/** Every durable job kind and its handler. */
export function allJobHandlers(services: Services, hooks: JobHooks = {}): JobHandlers<JobKind> {
  const intervalMs = services.config.orgSyncIntervalMinutes * 60_000;
  return {
    'org-sync': async () => {
      const summary = await syncOrg({
        db: services.db,
        graph: services.graph,
        logger: services.logger,
      });
      services.logger.info({ ...summary }, 'org sync finished');
      // A re-org or a departure can break a pairing: flag it and propose a new partner.
      const reevaluated = await reevaluatePairings(services);
      await hooks.onOrgSynced?.(summary);
      // Program members' time zones and working hours move with the org: refresh the stale ones.
      await services.enqueue({
        kind: 'mailbox-sync',
        key: `after-sync-${services.now().toISOString()}`,
      });
      await requeueJob(services.db, {
        kind: 'org-sync-schedule',
        key: 'org',
        delayMs: intervalMs,
      });
      return { ...summary, reevaluated: { ...reevaluated } };
    },
    // Any key: each run reads every enrolled person whose mailbox settings are missing or stale,
    // 20 to a $batch, so many enrolments at once cost a few Graph requests, not one each.
    'mailbox-sync': async () => {
      const summary = await syncPendingMailboxes({
        db: services.db,
        graph: services.graph,
        now: services.now,
      });
      return { ...summary };
    },
    // A separate kind so that the running sync can put its successor in the queue.
    'org-sync-schedule': async () => {
      await requeueJob(services.db, { kind: 'org-sync', key: 'org' });
    },
    ...notificationJobHandlers(services),
    ...surveyJobHandlers(services),
    ...enrolmentReminderJobHandlers(services),
    ...privacyJobHandlers(services),
    ...bookingJobHandlers(services),
    ...keepingTrueJobHandlers(services),
  };
}

import { z } from 'zod';
import { PermanentJobError, type JobHandlers } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import { bookSeries } from './booking-job.js';
import { RecentlyQueued, TrackCache } from './booking-job-caches.js';
import { cancelSeries } from './series-cancel.js';
import { markNeedsAttention, rebookSession } from './session-rebook.js';
import { reconcileAll, reconcileOrganizer, reconcileSeries } from './reconcile.js';
import {
  ensureSubscription,
  markSubscriptionRemoved,
  subscriptionByGraphId,
} from './subscriptions.js';
import { requeueJob } from '../jobs/index.js';
import { messageSessionChanged } from '../notifications/index.js';

function payload<T>(schema: z.ZodType<T>, value: unknown, kind: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new PermanentJobError(`${kind}: bad payload: ${parsed.error.message}`);
  return parsed.data;
}

const pairingPayload = z.object({ pairingId: z.string().min(1).max(64) });
const cancelPayload = z.object({
  pairingId: z.string().min(1).max(64),
  reason: z.string().max(500).default(''),
});
const sessionPayload = z.object({
  sessionId: z.string().min(1).max(64),
  fresh: z.boolean().optional(),
});
const organizerPayload = z.object({
  organizerId: z.string().min(1).max(200),
  subscriptionId: z.string().max(200).optional(),
});
const seriesPayload = z.object({ seriesId: z.string().min(1).max(64) });

/** The booking jobs: series booking and cancellation, session rebooking. */
export function bookingJobHandlers(
  services: Services,
): JobHandlers<'series-book' | 'series-cancel' | 'session-rebook'> {
  const clock = (): number => services.now().getTime();
  const tracks = new TrackCache(clock);
  const recentlyQueued = new RecentlyQueued(clock);
  return {
    'series-book': async (ctx) => {
      const { pairingId } = payload(pairingPayload, ctx.job.payload, 'series-book');
      const outcome = await bookSeries(services, pairingId, { ctx, tracks, recentlyQueued });
      // The two people hear they are matched as soon as booking has an outcome (one job each).
      if (outcome.status !== 'skipped')
        await services.enqueue({
          kind: 'announce-pairing',
          key: `${pairingId}:${outcome.seriesId}:${outcome.status}`,
          payload: { pairingId },
        });
      return { ...outcome };
    },
    'series-cancel': async (ctx) => {
      const { pairingId, reason } = payload(cancelPayload, ctx.job.payload, 'series-cancel');
      return cancelSeries(services, pairingId, reason);
    },
    'session-rebook': async (ctx) => {
      const { sessionId, fresh } = payload(sessionPayload, ctx.job.payload, 'session-rebook');
      try {
        const outcome = await rebookSession(services, sessionId, { fresh: fresh === true });
        if (outcome.status !== 'skipped')
          await messageSessionChanged(services, {
            sessionId,
            moved: outcome.status === 'scheduled',
          });
        return { ...outcome };
      } catch (err) {
        const budget = Math.min(services.config.calendar.retryAttempts, ctx.job.maxAttempts);
        if (err instanceof PermanentJobError || ctx.job.attempts < budget) throw err;
        // Out of retries: an admin sees the session and why, instead of it waiting for ever.
        const message = err instanceof Error ? err.message : String(err);
        await markNeedsAttention(
          services,
          sessionId,
          `Rebooking failed ${ctx.job.attempts} times; last error: ${message}`,
        );
        throw new PermanentJobError(`session-rebook: out of retries: ${message}`);
      }
    },
  };
}

/**
 * The jobs that keep series true: subscriptions and their renewal, change notifications, and the
 * periodic reconcile. Kept apart from booking so the CLI and bench run booking alone; the server
 * runs both (Graph can only call an app that listens).
 */
export function keepingTrueJobHandlers(
  services: Services,
): JobHandlers<
  | 'graph-subscribe'
  | 'graph-resubscribe'
  | 'graph-subscribe-schedule'
  | 'event-changed'
  | 'reconcile-series'
  | 'reconcile'
  | 'reconcile-schedule'
> {
  return {
    'graph-subscribe': async (ctx) => {
      const { organizerId } = payload(organizerPayload, ctx.job.payload, 'graph-subscribe');
      const renew = ctx.job.key !== organizerId;
      return ensureSubscription(services, organizerId, { renew });
    },
    'graph-resubscribe': async (ctx) => {
      const { organizerId, subscriptionId } = payload(
        organizerPayload,
        ctx.job.payload,
        'graph-resubscribe',
      );
      const row =
        subscriptionId === undefined
          ? undefined
          : await subscriptionByGraphId(services.db, subscriptionId);
      if (row !== undefined) await markSubscriptionRemoved(services.db, row.id);
      const result = await ensureSubscription(services, organizerId);
      // Changes made while the subscription was gone were never notified.
      await reconcileOrganizer(services, organizerId);
      return result;
    },
    'graph-subscribe-schedule': async (ctx) => {
      const { organizerId } = payload(
        organizerPayload,
        ctx.job.payload,
        'graph-subscribe-schedule',
      );
      await requeueJob(services.db, {
        kind: 'graph-subscribe',
        key: organizerId,
        payload: { organizerId },
      });
    },
    'event-changed': async (ctx) => {
      const { organizerId } = payload(organizerPayload, ctx.job.payload, 'event-changed');
      return { series: await reconcileOrganizer(services, organizerId) };
    },
    'reconcile-series': async (ctx) => {
      const { seriesId } = payload(seriesPayload, ctx.job.payload, 'reconcile-series');
      return { ...(await reconcileSeries(services, seriesId)) };
    },
    reconcile: async () => {
      const result = await reconcileAll(services);
      await requeueJob(services.db, {
        kind: 'reconcile-schedule',
        key: 'all',
        delayMs: services.config.calendar.reconcileIntervalMs,
      });
      return result;
    },
    'reconcile-schedule': async () => {
      await requeueJob(services.db, { kind: 'reconcile', key: 'all' });
    },
  };
}

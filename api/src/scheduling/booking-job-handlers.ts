import { z } from 'zod';
import { PermanentJobError, type JobHandler } from '../jobs/index.js';
import type { Services } from '../services.js';
import { bookSeries } from './booking-job.js';
import { cancelSeries } from './series-cancel.js';
import { rebookSession } from './session-rebook.js';

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
const sessionPayload = z.object({ sessionId: z.string().min(1).max(64) });

/** The booking jobs: series booking and cancellation, session rebooking. */
export function bookingJobHandlers(services: Services): Record<string, JobHandler> {
  return {
    'series-book': async (ctx) => {
      const { pairingId } = payload(pairingPayload, ctx.job.payload, 'series-book');
      const outcome = await bookSeries(services, pairingId, { ctx });
      return { ...outcome };
    },
    'series-cancel': async (ctx) => {
      const { pairingId, reason } = payload(cancelPayload, ctx.job.payload, 'series-cancel');
      return cancelSeries(services, pairingId, reason);
    },
    'session-rebook': async (ctx) => {
      const { sessionId } = payload(sessionPayload, ctx.job.payload, 'session-rebook');
      return { ...(await rebookSession(services, sessionId)) };
    },
  };
}

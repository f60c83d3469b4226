import { randomUUID } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Services } from '../app/index.js';
import { clientStateMatches, subscriptionByGraphId } from './subscriptions.js';

const notification = z.looseObject({
  subscriptionId: z.string().max(200),
  clientState: z.string().max(256).nullish(),
  changeType: z.string().max(50).optional(),
  resource: z.string().max(2000).optional(),
  lifecycleEvent: z.string().max(100).optional(),
  resourceData: z.looseObject({ id: z.string().max(1000).optional() }).optional(),
});
const envelope = z.object({ value: z.array(z.unknown()).max(1000) });

/** Graph's handshake: the token comes back as text/plain, exactly as sent, with 200. */
function validationEcho(req: Request, res: Response): boolean {
  const token = req.query.validationToken;
  if (typeof token !== 'string') return false;
  res.status(200).type('text/plain').send(token);
  return true;
}

/**
 * `/graph/notifications` and `/graph/lifecycle`: no bearer token (Graph calls them); each item's
 * clientState must match the secret stored for its subscription, otherwise it is ignored and
 * logged. Work is queued as jobs and Graph gets its 202 at once (it allows 3 seconds).
 */
export function graphNotificationRouter(services: Services): Router {
  const router = express.Router();
  const { logger } = services;

  const accept = async (
    req: Request,
    handle: (n: z.infer<typeof notification>, organizerId: string) => Promise<void>,
  ): Promise<void> => {
    const parsed = envelope.safeParse(req.body);
    if (!parsed.success) {
      logger.warn({ issues: parsed.error.issues.length }, 'graph notification body rejected');
      return;
    }
    for (const raw of parsed.data.value) {
      const item = notification.safeParse(raw);
      if (!item.success) continue;
      const sub = await subscriptionByGraphId(services.db, item.data.subscriptionId);
      if (sub === undefined || !clientStateMatches(sub.clientState, item.data.clientState)) {
        logger.warn(
          { subscriptionId: item.data.subscriptionId },
          'graph notification ignored: unknown subscription or clientState mismatch',
        );
        continue;
      }
      await handle(item.data, sub.organizerId);
    }
  };

  router.post('/graph/notifications', async (req, res) => {
    if (validationEcho(req, res)) return;
    await accept(req, async (n, organizerId) => {
      await services.enqueue({
        kind: 'event-changed',
        key: randomUUID(),
        payload: {
          organizerId,
          eventId: n.resourceData?.id ?? null,
          changeType: n.changeType ?? 'updated',
        },
      });
    });
    res.status(202).end();
  });

  router.post('/graph/lifecycle', async (req, res) => {
    if (validationEcho(req, res)) return;
    await accept(req, async (n, organizerId) => {
      const event = n.lifecycleEvent ?? '';
      if (event === 'missed') {
        await services.enqueue({
          kind: 'event-changed',
          key: randomUUID(),
          payload: { organizerId, eventId: null, changeType: 'missed' },
        });
        return;
      }
      if (event === 'reauthorizationRequired' || event === 'subscriptionRemoved') {
        const key = `${organizerId}:${randomUUID()}`;
        const payload = { organizerId, subscriptionId: n.subscriptionId };
        await services.enqueue(
          event === 'subscriptionRemoved'
            ? { kind: 'graph-resubscribe', key, payload }
            : { kind: 'graph-subscribe', key, payload },
        );
      }
    });
    res.status(202).end();
  });
  return router;
}

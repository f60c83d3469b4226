import { randomBytes, timingSafeEqual } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { isGraphError } from '../graph/index.js';
import { requeueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import type { Db } from '../store/index.js';
import { graphSubscriptions } from '../store/index.js';
import { throttled } from './free-busy-cache.js';

/** Outlook event subscriptions live at most 4,230 minutes; we ask for a little less. */
export const SUBSCRIPTION_MINUTES = 4_200;
/** Renewed this long before they expire. */
export const RENEW_BEFORE_MS = 12 * 3_600_000;

export type SubscriptionRow = typeof graphSubscriptions.$inferSelect;

export function newClientState(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of a notification's clientState with the stored secret. */
export function clientStateMatches(stored: string, received: unknown): boolean {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(stored);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function subscriptionByGraphId(
  db: Db,
  subscriptionId: string,
): Promise<SubscriptionRow | undefined> {
  const [row] = await db
    .select()
    .from(graphSubscriptions)
    .where(eq(graphSubscriptions.subscriptionId, subscriptionId));
  return row;
}

/**
 * The `graph-subscribe` job (key = organizer): makes sure Graph tells us about changes to the
 * organizer's events. Creates the subscription (Graph calls our endpoint to validate it first),
 * or renews it, or recreates it when Graph no longer knows it; then schedules the next renewal.
 */
export async function ensureSubscription(
  services: Services,
  organizerId: string,
  o: { renew?: boolean } = {},
): Promise<{ subscriptionId: string; action: 'created' | 'renewed' | 'kept' }> {
  const { db, graph } = services;
  const now = services.now();
  const expires = new Date(now.getTime() + SUBSCRIPTION_MINUTES * 60_000);
  let [row] = await db
    .select()
    .from(graphSubscriptions)
    .where(eq(graphSubscriptions.organizerId, organizerId));
  let action: 'created' | 'renewed' | 'kept';
  try {
    if (
      o.renew !== true &&
      row?.subscriptionId != null &&
      row.status === 'active' &&
      row.expiresAt !== null &&
      row.expiresAt.getTime() - now.getTime() > RENEW_BEFORE_MS
    ) {
      action = 'kept';
    } else if (row?.subscriptionId != null && row.status === 'active') {
      try {
        const renewed = await graph.renewSubscription(row.subscriptionId, expires);
        [row] = await db
          .update(graphSubscriptions)
          .set({
            expiresAt:
              renewed.expirationDateTime == null ? expires : new Date(renewed.expirationDateTime),
            updatedAt: new Date(),
          })
          .where(eq(graphSubscriptions.id, row.id))
          .returning();
        action = 'renewed';
      } catch (err) {
        if (!(isGraphError(err) && err.status === 404)) throw err;
        row = await create(services, organizerId, expires);
        action = 'created';
      }
    } else {
      row = await create(services, organizerId, expires);
      action = 'created';
    }
  } catch (err) {
    throw throttled(err) ?? err;
  }
  if (row?.subscriptionId == null || row.expiresAt === null) {
    throw new Error(`no subscription for ${organizerId}`);
  }
  await requeueJob(db, {
    kind: 'graph-subscribe-schedule',
    key: organizerId,
    payload: { organizerId },
    delayMs: Math.max(60_000, row.expiresAt.getTime() - now.getTime() - RENEW_BEFORE_MS),
  });
  return { subscriptionId: row.subscriptionId, action };
}

async function create(
  services: Services,
  organizerId: string,
  expires: Date,
): Promise<SubscriptionRow | undefined> {
  const { db, graph } = services;
  const clientState = newClientState();
  // The secret is stored before the call: the validation request and first notifications can
  // arrive before Graph's answer does.
  const [pending] = await db
    .insert(graphSubscriptions)
    .values({ organizerId, clientState, status: 'active', subscriptionId: null, expiresAt: null })
    .onConflictDoUpdate({
      target: graphSubscriptions.organizerId,
      set: {
        clientState,
        status: 'active',
        subscriptionId: null,
        expiresAt: null,
        updatedAt: new Date(),
      },
    })
    .returning();
  if (pending === undefined) throw new Error('graph_subscriptions upsert returned nothing');
  const base = services.publicUrl().replace(/\/+$/, '');
  const sub = await graph.createSubscription({
    changeType: 'created,updated,deleted',
    notificationUrl: `${base}/graph/notifications`,
    lifecycleNotificationUrl: `${base}/graph/lifecycle`,
    resource: `/users/${organizerId}/events`,
    expirationDateTime: expires.toISOString(),
    clientState,
  });
  const [row] = await db
    .update(graphSubscriptions)
    .set({
      subscriptionId: sub.id ?? null,
      expiresAt: sub.expirationDateTime == null ? expires : new Date(sub.expirationDateTime),
      updatedAt: new Date(),
    })
    .where(eq(graphSubscriptions.id, pending.id))
    .returning();
  return row;
}

/** Graph removed a subscription (lifecycle `subscriptionRemoved`): forget it and make a new one. */
export async function markSubscriptionRemoved(db: Db, id: string): Promise<void> {
  await db
    .update(graphSubscriptions)
    .set({ status: 'removed', updatedAt: new Date() })
    .where(eq(graphSubscriptions.id, id));
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, or } from 'drizzle-orm';
import { isGraphError } from '../graph/index.js';
import { PermanentJobError, requeueJob } from '../jobs/index.js';
import type { Services } from '../app/index.js';
import type { Db } from '../store/index.js';
import { bookingSeries, graphSubscriptions, pairings } from '../store/index.js';
import { throttled } from './free-busy-cache.js';
import { WATCHED_SERIES } from './reconcile.js';

/**
 * Outlook event subscriptions live at most 4,230 minutes (microsoft-graph-docs-contrib
 * `concepts/includes/change-notifications-subscription-lifetime.md`; newer revisions are reported
 * to allow 10,080): we ask for a little less than the stricter figure, which both accept.
 */
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
 * Whether a mailbox still takes part in a live pairing whose calendar we keep true: an active
 * pairing with a booked, partly booked or broken series it organizes or attends.
 */
export async function mailboxIsWatched(db: Db, mailboxId: string): Promise<boolean> {
  const rows = await db
    .select({ id: bookingSeries.id })
    .from(bookingSeries)
    .innerJoin(pairings, eq(pairings.id, bookingSeries.pairingId))
    .where(
      and(
        or(eq(bookingSeries.organizerId, mailboxId), eq(bookingSeries.attendeeId, mailboxId)),
        inArray(bookingSeries.status, WATCHED_SERIES),
        eq(pairings.status, 'active'),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** A subscription Graph no longer has counts as deleted. */
async function deleteGraphSubscription(services: Services, subscriptionId: string): Promise<void> {
  try {
    await services.graph.deleteSubscription(subscriptionId);
  } catch (err) {
    const later = throttled(err);
    if (later !== undefined) throw later;
    if (!(isGraphError(err) && (err.status === 404 || err.status === 410))) throw err;
  }
}

/**
 * Deletes the mailbox's subscription in Graph (404: already gone) and then our record of it, so
 * no renewal brings it back. Called once the mailbox is in no live pairing any more.
 */
export async function releaseSubscription(
  services: Services,
  mailboxId: string,
): Promise<{ deleted: boolean }> {
  const { db } = services;
  const [row] = await db
    .select()
    .from(graphSubscriptions)
    .where(eq(graphSubscriptions.organizerId, mailboxId));
  if (row === undefined) return { deleted: false };
  if (row.subscriptionId !== null) await deleteGraphSubscription(services, row.subscriptionId);
  await db.delete(graphSubscriptions).where(eq(graphSubscriptions.id, row.id));
  return { deleted: row.subscriptionId !== null };
}

/**
 * The `graph-subscribe` job (key = mailbox): makes sure Graph tells us about changes to the
 * mailbox's events while it is in a live pairing, and removes the subscription once it is not.
 * Creates the subscription (Graph calls our endpoint to validate it first), or renews it, or
 * recreates it when Graph no longer knows it; then schedules the next renewal. One subscription
 * per mailbox, whatever its pairings, so Graph's per-mailbox quota is never ours to reach.
 */
export async function ensureSubscription(
  services: Services,
  organizerId: string,
  o: { renew?: boolean } = {},
): Promise<{ subscriptionId: string | null; action: 'created' | 'renewed' | 'kept' | 'removed' }> {
  const { db, graph } = services;
  if (!(await mailboxIsWatched(db, organizerId))) {
    await releaseSubscription(services, organizerId);
    return { subscriptionId: null, action: 'removed' };
  }
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

/**
 * Graph subscriptions on this mailbox that we hold no record of (a create that reached Graph
 * before a crash lost its answer): deleted before a new one is made, so a mailbox never carries
 * two of ours. Only ones sent to our own notification URL, so another deployment's are left.
 */
async function sweepOrphans(services: Services, mailboxId: string, url: string): Promise<number> {
  let orphans = 0;
  for (const sub of await services.graph.listSubscriptions()) {
    if (sub.id == null || sub.notificationUrl !== url) continue;
    const path = (sub.resource ?? '').replace(/^\/+/, '').toLowerCase();
    if (path !== `users/${mailboxId.toLowerCase()}/events`) continue;
    await deleteGraphSubscription(services, sub.id);
    orphans++;
  }
  return orphans;
}

async function create(
  services: Services,
  organizerId: string,
  expires: Date,
): Promise<SubscriptionRow | undefined> {
  const { db, graph } = services;
  const base = services.publicUrl().replace(/\/+$/, '');
  const notificationUrl = `${base}/graph/notifications`;
  const [previous] = await db
    .select()
    .from(graphSubscriptions)
    .where(eq(graphSubscriptions.organizerId, organizerId));
  if (previous !== undefined && previous.subscriptionId === null) {
    try {
      await sweepOrphans(services, organizerId, notificationUrl);
    } catch (err) {
      throw throttled(err) ?? err;
    }
  }
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
  let sub;
  try {
    sub = await graph.createSubscription({
      changeType: 'created,updated,deleted',
      notificationUrl,
      lifecycleNotificationUrl: `${base}/graph/lifecycle`,
      resource: `/users/${organizerId}/events`,
      expirationDateTime: expires.toISOString(),
      clientState,
    });
  } catch (err) {
    if (isGraphError(err) && err.status === 403) {
      // Graph's quota of subscriptions on this mailbox (1,000, all apps together) is full with
      // other apps' subscriptions: retrying cannot help. The periodic reconcile still reads the
      // calendar, only later than a notification would.
      await db.delete(graphSubscriptions).where(eq(graphSubscriptions.id, pending.id));
      throw new PermanentJobError(
        `Graph refused a subscription on mailbox ${organizerId}: ${err.message}`,
      );
    }
    throw err;
  }
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

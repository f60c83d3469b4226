import { randomUUID } from 'node:crypto';
import type { EventChange } from './calendar-store.js';
import type { Directory, UserChange } from './directory.js';
import { badRequest, GraphError } from './graph-error.js';

export type LifecycleEvent = 'reauthorizationRequired' | 'subscriptionRemoved' | 'missed';

export interface Subscription {
  id: string;
  resource: string;
  applicationId: string;
  changeType: string;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  creatorId: string;
  includeResourceData: boolean;
  latestSupportedTlsVersion: string;
  /** What the resource watches: one mailbox's events, or users. */
  target: { kind: 'events'; userId: string } | { kind: 'users'; userId: string | null };
}

export interface DeliveryStats {
  delivered: number;
  failed: number;
  dropped: number;
  pending: number;
}

export interface SubscriptionInput {
  changeType?: unknown;
  notificationUrl?: unknown;
  lifecycleNotificationUrl?: unknown;
  resource?: unknown;
  expirationDateTime?: unknown;
  clientState?: unknown;
  latestSupportedTlsVersion?: unknown;
}

/**
 * Graph's documented maximum lifetimes, in minutes: microsoft-graph-docs-contrib
 * `concepts/includes/change-notifications-subscription-lifetime.md` ("Outlook message, event,
 * contact | 4,230 minutes (under three days)"; "user, group, other directory resources | 41,760
 * minutes"). Later revisions of that page are reported to allow Outlook resources 10,080 minutes;
 * the stored text says 4,230, so the stricter figure is enforced here.
 */
const MAX_MINUTES = { events: 4230, users: 41760 } as const;

/**
 * Graph's documented subscription quotas. Outlook: "A maximum of 1000 active subscriptions per
 * mailbox for all applications is allowed" (`concepts/outlook-change-notifications-overview.md`).
 * Directory resources: 100 per app and tenant, 1000 per tenant across apps (`concepts/webhooks.md`,
 * "Azure AD resource limitations"). Settable so a test can reach them with a few subscriptions.
 */
export interface SubscriptionLimits {
  perMailbox: number;
  directoryPerApp: number;
  directoryPerTenant: number;
}
export const GRAPH_SUBSCRIPTION_LIMITS: SubscriptionLimits = {
  perMailbox: 1000,
  directoryPerApp: 100,
  directoryPerTenant: 1000,
};

/**
 * Over a quota Graph refuses the create with 403 Forbidden, "the message property will explain
 * which limit has been exceeded" (`concepts/webhooks.md`); the code is the one Graph answers
 * with for an exceeded subscription quota.
 */
function quotaExceeded(limit: string): GraphError {
  return new GraphError(
    403,
    'ExtensionError',
    `Operation: Create; Exception: [Status Code: Forbidden; Reason: Maximum number of subscriptions has been reached (${limit})]`,
  );
}
const VALIDATION_TIMEOUT_MS = 10_000;
/** Graph expects an answer to a notification within 3 seconds. */
const DELIVERY_TIMEOUT_MS = 3_000;
const QUEUE_LIMIT = 10_000;
const DELIVERY_CONCURRENCY = 4;

interface Delivery {
  url: string;
  payload: unknown;
}

/**
 * Subscriptions with Graph's validation handshake, renewal and expiry, and asynchronous,
 * bounded delivery of change notifications: a slow or failing listener is counted, never felt.
 */
export class SubscriptionHub {
  private readonly subs = new Map<string, Subscription>();
  private readonly queue: Delivery[] = [];
  private inFlight = 0;
  private readonly counts = { delivered: 0, failed: 0, dropped: 0 };
  private idleWaiters: (() => void)[] = [];
  /** Graph's quotas; a test may lower them. */
  readonly limits: SubscriptionLimits = { ...GRAPH_SUBSCRIPTION_LIMITS };

  constructor(
    private readonly directory: Directory,
    private readonly o: { tenantId: string; now: () => number },
  ) {}

  private parseResource(resource: string): Subscription['target'] {
    const path = resource.replace(/^\/+/, '').replace(/\('([^']+)'\)/g, '/$1');
    const parts = path.split('/').filter((p) => p !== '');
    const [root, key, rest, more] = parts;
    if (root?.toLowerCase() === 'users' && key === undefined)
      return { kind: 'users', userId: null };
    if (root?.toLowerCase() !== 'users' || key === undefined) {
      throw badRequest(
        `Resource '${resource}' is not supported for subscriptions by this application.`,
        'InvalidRequest',
      );
    }
    const user = this.directory.find(decodeURIComponent(key));
    if (user === undefined)
      throw new GraphError(404, 'ResourceNotFound', `Resource '${resource}' was not found.`);
    if (rest === undefined) return { kind: 'users', userId: user.id };
    const isEvents =
      (rest.toLowerCase() === 'events' && more === undefined) ||
      (rest.toLowerCase() === 'calendar' && more?.toLowerCase() === 'events' && parts.length === 4);
    if (!isEvents)
      throw badRequest(
        `Resource '${resource}' is not supported for subscriptions.`,
        'InvalidRequest',
      );
    return { kind: 'events', userId: user.id };
  }

  private checkExpiry(kind: 'events' | 'users', value: unknown): number {
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(ms))
      throw badRequest('expirationDateTime is required and must be a date.', 'InvalidRequest');
    const now = this.o.now();
    if (ms <= now)
      throw badRequest('Subscription expiration must be in the future.', 'InvalidRequest');
    if (ms > now + MAX_MINUTES[kind] * 60_000) {
      throw badRequest(
        `Subscription expiration can only be ${MAX_MINUTES[kind]} minutes in the future.`,
        'InvalidRequest',
      );
    }
    return ms;
  }

  /** The handshake: the endpoint must echo the token as text/plain with 200 within 10 s. */
  private async validateEndpoint(url: string): Promise<void> {
    const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
    const target = `${url}${url.includes('?') ? '&' : '?'}validationToken=${encodeURIComponent(token)}`;
    let ok: boolean;
    try {
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
      });
      ok = res.status === 200 && (await res.text()) === token;
    } catch {
      ok = false;
    }
    if (!ok) {
      throw badRequest(
        'Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.',
        'ValidationError',
      );
    }
  }

  async create(
    input: SubscriptionInput,
    o: { applicationId: string; creatorId: string },
  ): Promise<Subscription> {
    const changeType = typeof input.changeType === 'string' ? input.changeType : '';
    const types = changeType.split(',').map((t) => t.trim());
    if (changeType === '' || types.some((t) => !['created', 'updated', 'deleted'].includes(t))) {
      throw badRequest(`Invalid changeType '${changeType}'.`, 'InvalidRequest');
    }
    if (typeof input.notificationUrl !== 'string' || !/^https?:\/\//.test(input.notificationUrl)) {
      throw badRequest('notificationUrl must be an absolute URL.', 'InvalidRequest');
    }
    if (typeof input.resource !== 'string')
      throw badRequest('resource is required.', 'InvalidRequest');
    const target = this.parseResource(input.resource);
    const expiresMs = this.checkExpiry(target.kind, input.expirationDateTime);
    const lifecycle =
      typeof input.lifecycleNotificationUrl === 'string' ? input.lifecycleNotificationUrl : null;
    if (typeof input.clientState === 'string' && input.clientState.length > 128) {
      throw badRequest('clientState must be at most 128 characters.', 'InvalidRequest');
    }
    this.checkQuota(target, o.applicationId);
    await this.validateEndpoint(input.notificationUrl);
    if (lifecycle !== null) await this.validateEndpoint(lifecycle);
    // Checked again: another create may have taken the last place during the handshake.
    this.checkQuota(target, o.applicationId);
    const sub: Subscription = {
      id: randomUUID(),
      resource: input.resource,
      applicationId: o.applicationId,
      changeType,
      clientState: typeof input.clientState === 'string' ? input.clientState : null,
      notificationUrl: input.notificationUrl,
      lifecycleNotificationUrl: lifecycle,
      expirationDateTime: new Date(expiresMs).toISOString().replace('.000Z', 'Z'),
      creatorId: o.creatorId,
      includeResourceData: false,
      latestSupportedTlsVersion:
        typeof input.latestSupportedTlsVersion === 'string'
          ? input.latestSupportedTlsVersion
          : 'v1_2',
      target,
    };
    this.subs.set(sub.id, sub);
    return sub;
  }

  private checkQuota(target: Subscription['target'], applicationId: string): void {
    const live = this.list();
    if (target.kind === 'events') {
      const onMailbox = live.filter(
        (s) => s.target.kind === 'events' && s.target.userId === target.userId,
      ).length;
      if (onMailbox >= this.limits.perMailbox)
        throw quotaExceeded(`${this.limits.perMailbox} per mailbox`);
      return;
    }
    const directory = live.filter((s) => s.target.kind === 'users');
    if (directory.length >= this.limits.directoryPerTenant)
      throw quotaExceeded(`${this.limits.directoryPerTenant} per tenant`);
    if (
      directory.filter((s) => s.applicationId === applicationId).length >=
      this.limits.directoryPerApp
    )
      throw quotaExceeded(`${this.limits.directoryPerApp} per app and tenant`);
  }

  get(id: string): Subscription {
    const sub = this.subs.get(id);
    if (sub === undefined || Date.parse(sub.expirationDateTime) <= this.o.now()) {
      throw new GraphError(404, 'ResourceNotFound', `The object was not found.`);
    }
    return sub;
  }

  list(): Subscription[] {
    const now = this.o.now();
    return [...this.subs.values()].filter((s) => Date.parse(s.expirationDateTime) > now);
  }

  renew(id: string, expirationDateTime: unknown): Subscription {
    const sub = this.get(id);
    const ms = this.checkExpiry(sub.target.kind, expirationDateTime);
    sub.expirationDateTime = new Date(ms).toISOString().replace('.000Z', 'Z');
    return sub;
  }

  delete(id: string): void {
    this.get(id);
    this.subs.delete(id);
  }

  /** As the service would: a lifecycle event to the subscription's lifecycle URL. */
  lifecycle(id: string, event: LifecycleEvent): void {
    const sub = this.subs.get(id);
    if (sub === undefined) throw new Error(`no subscription ${id}`);
    if (event === 'subscriptionRemoved') this.subs.delete(id);
    if (sub.lifecycleNotificationUrl === null) return;
    this.enqueue(sub.lifecycleNotificationUrl, {
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          tenantId: this.o.tenantId,
          clientState: sub.clientState,
          lifecycleEvent: event,
        },
      ],
    });
  }

  notifyEvent(change: EventChange): void {
    const resource = `Users/${change.userId}/Events/${change.eventId}`;
    for (const sub of this.matching(change.changeType)) {
      if (sub.target.kind !== 'events' || sub.target.userId !== change.userId) continue;
      this.enqueue(
        sub.notificationUrl,
        this.payload(sub, change.changeType, resource, '#Microsoft.Graph.Event', change.eventId),
      );
    }
  }

  notifyUser(change: UserChange): void {
    const changeType = change.kind === 'deleted' ? 'deleted' : 'updated';
    const resource = `Users/${change.user.id}`;
    for (const sub of this.matching(changeType)) {
      if (sub.target.kind !== 'users') continue;
      if (sub.target.userId !== null && sub.target.userId !== change.user.id) continue;
      this.enqueue(
        sub.notificationUrl,
        this.payload(sub, changeType, resource, '#Microsoft.Graph.User', change.user.id),
      );
    }
  }

  private matching(changeType: string): Subscription[] {
    const now = this.o.now();
    const out: Subscription[] = [];
    for (const sub of this.subs.values()) {
      // Expired subscriptions stop notifying; Graph removes them later.
      if (Date.parse(sub.expirationDateTime) <= now) continue;
      if (
        sub.changeType
          .split(',')
          .map((t) => t.trim())
          .includes(changeType)
      )
        out.push(sub);
    }
    return out;
  }

  private payload(
    sub: Subscription,
    changeType: string,
    resource: string,
    type: string,
    id: string,
  ): unknown {
    return {
      value: [
        {
          subscriptionId: sub.id,
          subscriptionExpirationDateTime: sub.expirationDateTime,
          changeType,
          resource,
          resourceData: { '@odata.type': type, '@odata.id': resource, id },
          clientState: sub.clientState,
          tenantId: this.o.tenantId,
        },
      ],
    };
  }

  private enqueue(url: string, payload: unknown): void {
    if (this.queue.length >= QUEUE_LIMIT) {
      this.counts.dropped++;
      return;
    }
    this.queue.push({ url, payload });
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < DELIVERY_CONCURRENCY && this.queue.length > 0) {
      const next = this.queue.shift();
      if (next === undefined) break;
      this.inFlight++;
      void this.deliver(next).finally(() => {
        this.inFlight--;
        this.pump();
        if (this.inFlight === 0 && this.queue.length === 0) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const w of waiters) w();
        }
      });
    }
  }

  private async deliver(d: Delivery): Promise<void> {
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(d.payload),
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      if (res.status >= 200 && res.status < 300) this.counts.delivered++;
      else this.counts.failed++;
    } catch {
      this.counts.failed++;
    }
  }

  stats(): DeliveryStats {
    return { ...this.counts, pending: this.queue.length + this.inFlight };
  }

  /** Resolves once every queued notification has been attempted. */
  whenIdle(): Promise<void> {
    if (this.inFlight === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}

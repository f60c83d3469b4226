import { badRequest } from './graph-error.js';
import {
  actionParameters,
  noContent,
  ok,
  type GraphResponse,
  type RouteContext,
} from './graph-request.js';
import { requireMailbox } from './mailbox-routes.js';
import type { Subscription, SubscriptionInput } from './subscriptions.js';

function subscriptionJson(
  ctx: RouteContext,
  s: Subscription,
  withContext: boolean,
): Record<string, unknown> {
  return {
    ...(withContext
      ? { '@odata.context': `${ctx.tenant.baseUrl}/$metadata#subscriptions/$entity` }
      : {}),
    id: s.id,
    resource: s.resource,
    applicationId: s.applicationId,
    changeType: s.changeType,
    clientState: s.clientState,
    notificationUrl: s.notificationUrl,
    notificationQueryOptions: null,
    lifecycleNotificationUrl: s.lifecycleNotificationUrl,
    expirationDateTime: s.expirationDateTime,
    creatorId: s.creatorId,
    includeResourceData: s.includeResourceData,
    latestSupportedTlsVersion: s.latestSupportedTlsVersion,
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  };
}

/** Writable subscription properties (v1.0); anything else is refused as Graph refuses it. */
const SUBSCRIPTION_PROPERTIES = new Set([
  '@odata.type',
  'changeType',
  'clientState',
  'encryptionCertificate',
  'encryptionCertificateId',
  'expirationDateTime',
  'includeResourceData',
  'latestSupportedTlsVersion',
  'lifecycleNotificationUrl',
  'notificationQueryOptions',
  'notificationUrl',
  'notificationUrlAppId',
  'resource',
]);

function bodyObject(ctx: RouteContext): Record<string, unknown> {
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body)) {
    throw badRequest('The request body must be a JSON object.', 'InvalidRequest');
  }
  for (const key of Object.keys(ctx.body)) {
    if (!SUBSCRIPTION_PROPERTIES.has(key))
      throw badRequest(
        `The property '${key}' does not exist on type 'microsoft.graph.subscription'.`,
        'BadRequest',
      );
  }
  return ctx.body as Record<string, unknown>;
}

export async function createSubscription(ctx: RouteContext): Promise<GraphResponse> {
  const sub = await ctx.tenant.state.subscriptions.create(bodyObject(ctx) as SubscriptionInput, {
    applicationId: ctx.caller.appId,
    creatorId: ctx.caller.oid,
  });
  return ok(subscriptionJson(ctx, sub, true), 201);
}

export function listSubscriptions(ctx: RouteContext): GraphResponse {
  return ok({
    '@odata.context': `${ctx.tenant.baseUrl}/$metadata#subscriptions`,
    value: ctx.tenant.state.subscriptions.list().map((s) => subscriptionJson(ctx, s, false)),
  });
}

export function getSubscription(ctx: RouteContext): GraphResponse {
  return ok(subscriptionJson(ctx, ctx.tenant.state.subscriptions.get(ctx.params.sid ?? ''), true));
}

export function renewSubscription(ctx: RouteContext): GraphResponse {
  const sub = ctx.tenant.state.subscriptions.renew(
    ctx.params.sid ?? '',
    bodyObject(ctx).expirationDateTime,
  );
  return ok(subscriptionJson(ctx, sub, true));
}

export function deleteSubscription(ctx: RouteContext): GraphResponse {
  ctx.tenant.state.subscriptions.delete(ctx.params.sid ?? '');
  return noContent();
}

/** sendActivityNotification: recorded for the user (the tab reads them in local mode), 204. */
export function sendActivityNotification(ctx: RouteContext): GraphResponse {
  const user = requireMailbox(ctx);
  if (typeof ctx.body !== 'object' || ctx.body === null || Array.isArray(ctx.body))
    throw badRequest('The request body must be a JSON object.', 'BadRequest');
  const b = actionParameters(ctx.body, 'sendActivityNotification', [
    'topic',
    'activityType',
    'chainId',
    'previewText',
    'teamsAppId',
    'templateParameters',
    'iconId',
  ]);
  const topic = b.topic as { source?: unknown; value?: unknown } | undefined;
  if (
    typeof topic !== 'object' ||
    topic === null ||
    typeof topic.source !== 'string' ||
    typeof topic.value !== 'string'
  ) {
    throw badRequest('topic with source and value is required.', 'BadRequest');
  }
  if (typeof b.activityType !== 'string' || b.activityType === '')
    throw badRequest('activityType is required.', 'BadRequest');
  const preview = b.previewText as { content?: unknown } | undefined;
  if (typeof preview !== 'object' || preview === null || typeof preview.content !== 'string') {
    throw badRequest('previewText with content is required.', 'BadRequest');
  }
  ctx.tenant.state.recordActivity({
    userId: user.id,
    activityType: b.activityType,
    topic,
    previewText: preview,
    templateParameters: b.templateParameters ?? [],
    chainId: typeof b.chainId === 'number' ? b.chainId : null,
  });
  return noContent();
}

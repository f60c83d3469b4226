import type { Router } from 'express';
import type { RouteDef } from './app/index.js';
import type { Services } from './app/index.js';
import { feedbackRoutes } from './feedback/index.js';
import { guideRoutes } from './guides/index.js';
import { devSignInRouter, identityRoutes } from './identity/index.js';
import { insightsRoutes } from './insights/index.js';
import { matchRunRoutes } from './matching/index.js';
import { notificationRoutes } from './notifications/index.js';
import { outcomesRoutes, surveyRoutes } from './outcomes/index.js';
import { participantRoutes } from './participants/index.js';
import { enrolmentReminderRoutes, programOwnerRoutes, programRoutes } from './programs/index.js';
import { privacyRoutes } from './privacy/index.js';
import { bookingRoutes, graphNotificationRouter } from './scheduling/index.js';

/**
 * Every route of the API, from every concept. The authorization matrix test enumerates this list,
 * so a route that is not here does not exist, and one that is here cannot lack an access rule.
 */
export function allRoutes(services: Services): RouteDef[] {
  return [
    ...identityRoutes(services),
    ...feedbackRoutes(services),
    ...guideRoutes(services),
    ...insightsRoutes(services),
    ...notificationRoutes(services),
    ...programRoutes(services),
    ...programOwnerRoutes(services),
    ...enrolmentReminderRoutes(services),
    ...matchRunRoutes(services),
    ...privacyRoutes(services),
    ...bookingRoutes(services),
    ...participantRoutes(services),
    ...surveyRoutes(services),
    ...outcomesRoutes(services),
  ];
}

/** Routers outside /api: Graph change notifications, and the dev sign-in in local mode only. */
export function rootRouters(services: Services): Router[] {
  const { config, db, localTenant } = services;
  return [
    graphNotificationRouter(services),
    ...(config.localMode
      ? [devSignInRouter({ config, db, localTenantOrigin: localTenant?.origin })]
      : []),
  ];
}

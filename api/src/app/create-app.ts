import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import type { Logger } from './logger.js';
import { errorHandler, notFoundHandler } from './error-handler.js';

/** Hosts that embed tabs: Teams, Outlook and the Microsoft 365 app (and nothing else). */
export const FRAME_ANCESTORS = [
  "'self'",
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.teams.microsoft.us',
  'https://*.cloud.microsoft',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://*.skype.com',
];

export interface Readiness {
  /** Undefined when ready; otherwise why not (shown by /readyz). */
  notReadyReason(): string | undefined;
}

export interface AppDeps {
  logger: Logger;
  readiness: Readiness;
  /** Routers mounted under /api, each owned by one concept. */
  apiRouters?: Router[];
  /** Routers mounted at the root before the tab (e.g. Graph change notifications, dev sign-in). */
  rootRouters?: Router[];
  /** The built tab to serve; absent in API-only deployments and most tests. */
  tabDistDir?: string | undefined;
  jsonLimit?: string;
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 1);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", 'https://res.cdn.office.net'],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          connectSrc: ["'self'"],
          frameAncestors: FRAME_ANCESTORS,
        },
      },
      // Teams loads the tab inside its own frames; the CSP above is what restricts embedding.
      frameguard: false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(express.json({ limit: deps.jsonLimit ?? '100kb' }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const reason = deps.readiness.notReadyReason();
    if (reason === undefined) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'starting', reason });
  });

  for (const router of deps.rootRouters ?? []) app.use(router);
  const api = express.Router();
  for (const router of deps.apiRouters ?? []) api.use(router);
  api.use(notFoundHandler);
  app.use('/api', api);

  const dist = deps.tabDistDir;
  if (dist !== undefined && existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: 'index.html', maxAge: '1h' }));
    // Deep links (#/pairing/…) are hash routes, but a refreshed history route still gets the app.
    app.get(/^\/(?!api\/).*/, (_req, res) => {
      res.sendFile(path.join(dist, 'index.html'));
    });
  }
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}

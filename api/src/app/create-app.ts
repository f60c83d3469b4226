import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type Request, type RequestHandler, type Router } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import helmet from 'helmet';
import { createRequestLogger, type Logger } from './logger.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { admissionControl } from './admission.js';
import { refuseUnstorableText } from './input.js';
import { ProblemError } from './problem.js';
import type { Principal } from './route-table.js';

/**
 * Hosts that may frame the tab, from Microsoft's "tab requirements" list for Teams, Outlook and the
 * Microsoft 365 app: `*.cloud.microsoft` (where all three are moving) plus the hosts they still
 * use. `*.office.com` already covers outlook.office.com and www.office.com. Left out on purpose:
 * `*.skype.com` (the retired Teams web host), government clouds (`*.teams.microsoft.us`, not
 * served) and Microsoft's internal `outlook-sdf` rings. Not `'self'`: the app never frames itself.
 */
export const FRAME_ANCESTORS = [
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office365.com',
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
  /**
   * Establishes the caller once per request, for per-user rate limits and request logs. A refused
   * token counts as anonymous here (limited by IP); the route itself then answers 401.
   */
  identify?: (req: Request) => Promise<Principal | undefined>;
  /** Requests per caller per window on /api and /dev. Default 300 a minute. */
  rateLimit?: { limit: number; windowMs: number };
  /**
   * Where the rate-limit counters live: shared by every instance on one PostgreSQL (see
   * `createSharedRateLimitStore`); default in this process's memory.
   */
  rateLimitStore?: Store;
  /**
   * Proxies whose `X-Forwarded-For` names the client (Express `trust proxy`): hops or addresses.
   * Default none: a caller that reaches the server directly cannot pick its own rate-limit key.
   */
  trustProxy?: false | number | string[];
  /** Requests on /api and /dev served at once before the rest get 503 (0: no bound). Default 64. */
  maxInFlight?: number;
  /**
   * Event-loop delay (ms) past which requests on /api and /dev get 503 at once (0: off). Default
   * off here; the server passes `MAX_EVENT_LOOP_DELAY_MS`.
   */
  maxEventLoopDelayMs?: number;
}

const PRINCIPAL_KEY = 'principal';

function identifyCaller(identify: AppDeps['identify']): RequestHandler {
  return async (req, res, next) => {
    if (identify !== undefined) {
      try {
        const principal = await identify(req);
        if (principal !== undefined) res.locals[PRINCIPAL_KEY] = principal;
      } catch {
        // Deliberately anonymous: the route's own authentication answers the refused token.
      }
    }
    next();
  };
}

function callerKey(req: Request, res: express.Response): string {
  const principal = res.locals[PRINCIPAL_KEY] as Principal | undefined;
  if (principal !== undefined) return `user:${principal.tenantId}:${principal.userId}`;
  // IPv6 clients are limited per /56, as one client usually holds a whole prefix.
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

function perCallerRateLimit(o: {
  limit: number;
  windowMs: number;
  store: Store | undefined;
}): RequestHandler {
  return rateLimit({
    windowMs: o.windowMs,
    limit: o.limit,
    ...(o.store === undefined ? {} : { store: o.store }),
    // A database that cannot count for a moment must not turn every request into a 500.
    passOnStoreError: true,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: callerKey,
    handler(req, res, next) {
      const info = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit;
      const resetMs =
        info?.resetTime === undefined ? o.windowMs : info.resetTime.getTime() - Date.now();
      res.setHeader('Retry-After', String(Math.max(1, Math.ceil(resetMs / 1000))));
      next(
        new ProblemError({
          status: 429,
          type: 'rate-limited',
          title: 'Too many requests',
          detail: 'Slow down and try again after the time in Retry-After.',
        }),
      );
    },
  });
}

/** CORS stays closed: the tab is served from this origin, so no cross-origin caller is expected. */
const refusePreflight: RequestHandler = (req, _res, next) => {
  if (req.method !== 'OPTIONS') {
    next();
    return;
  }
  // Express would otherwise answer OPTIONS itself with an Allow header for every known path.
  throw new ProblemError({
    status: 404,
    type: 'not-found',
    title: 'Not found',
    detail: 'Cross-origin requests are not accepted.',
  });
};

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** NUL and lone surrogates anywhere in a body or query: a 400 naming the field, never a 500. */
const refuseUnstorableInput: RequestHandler = (req, _res, next) => {
  refuseUnstorableText(req.query, 'query');
  refuseUnstorableText(req.body, 'body');
  next();
};

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are `no-store` (below), so no client keeps one to revalidate: hashing every JSON
  // body for an ETag was pure cost on the hottest path. The tab's static files keep theirs.
  app.set('etag', false);
  app.set('trust proxy', deps.trustProxy ?? false);
  const maxInFlight = deps.maxInFlight ?? 64;
  const maxEventLoopDelayMs = deps.maxEventLoopDelayMs ?? 0;
  // First of all: a request refused for overload must cost nothing (not even a log line each).
  if (maxInFlight > 0 || maxEventLoopDelayMs > 0)
    app.use(
      ['/api', '/dev'],
      admissionControl({ maxInFlight, maxEventLoopDelayMs, logger: deps.logger }),
    );
  app.use(createRequestLogger(deps.logger));
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
  app.use(refusePreflight);
  // Every API answer is about someone (their home, pairing, check-ins, tokens): no cache, shared
  // or private, may keep it. Set first so that refusals (401, 429, 503) carry it too.
  app.use(['/api', '/dev'], noStore);
  // Limit before parsing bodies, so a flood costs as little as possible.
  app.use(
    ['/api', '/dev'],
    identifyCaller(deps.identify),
    perCallerRateLimit({
      ...(deps.rateLimit ?? { limit: 300, windowMs: 60_000 }),
      store: deps.rateLimitStore,
    }),
  );
  app.use(express.json({ limit: deps.jsonLimit ?? '100kb' }));
  app.use(refuseUnstorableInput);

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

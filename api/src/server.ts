import type { Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  answerClientError,
  buildRouter,
  createApp,
  createHttpServer,
  createIdempotency,
  createLogger,
  createSharedRateLimitStore,
  type Logger,
} from './app/index.js';
import { LOCAL_CLIENT_ID, LOCAL_TENANT_ID, type Config } from './config/index.js';
import {
  createClientCredentialsTokenProvider,
  createGraphClient,
  createLocalTokenProvider,
  type GraphClient,
  type TokenProvider,
} from './graph/index.js';
import { JobRunner, enqueueJob, requeueJob } from './jobs/index.js';
import { allJobHandlers } from './job-handlers.js';
import { allRoutes, rootRouters } from './routes.js';
import type { Services } from './app/index.js';
import { createAccessControl, createTokenValidator } from './identity/index.js';
import { startLocalTenant, type LocalTenant } from './local-tenant/index.js';
import { startNudgeScans } from './notifications/index.js';
import { startSurveyNudges } from './outcomes/index.js';
import type { OrgSyncSummary } from './org/index.js';
import { startRetentionPurges } from './privacy/index.js';
import { and, eq, inArray } from 'drizzle-orm';
import { jobs as jobsTable, openStore, type Store } from './store/index.js';

export interface RunningServer {
  url: string;
  server: Server;
  store: Store;
  graph: GraphClient;
  jobs: JobRunner;
  logger: Logger;
  /** Present when the local tenant runs in-process. */
  localTenant: LocalTenant | undefined;
  services: Services;
  /** Resolves after the first org sync (readiness). */
  firstSync: Promise<OrgSyncSummary>;
  close(): Promise<void>;
}

/**
 * A successful org sync schedules its successor (`org-sync-schedule`); while that is pending, the
 * org was synced and the next sync is on its way, whichever instance runs it.
 */
async function orgSyncScheduled(db: Store['db']): Promise<boolean> {
  const [pending] = await db
    .select({ id: jobsTable.id })
    .from(jobsTable)
    .where(
      and(
        eq(jobsTable.kind, 'org-sync-schedule'),
        inArray(jobsTable.status, ['queued', 'running']),
      ),
    )
    .limit(1);
  return pending !== undefined;
}

/** How often expired idempotency keys and past rate-limit windows are deleted. */
const HOUSEKEEPING_MS = 10 * 60_000;

const defaultTabDist = fileURLToPath(new URL('../../tab/dist', import.meta.url));

export interface GraphWiring {
  graph: GraphClient;
  localTenant: LocalTenant | undefined;
  /** The OpenID metadata the token validator trusts (the local tenant's own in local mode). */
  openIdMetadataUrl: string;
}

/** Picks the Graph the configuration asks for: the embedded local tenant, one over HTTP, or Entra. */
export async function wireGraph(config: Config, logger: Logger): Promise<GraphWiring> {
  const g = config.graph;
  let localTenant: LocalTenant | undefined;
  let baseUrl: string;
  let tokenProvider: TokenProvider;
  let openIdMetadataUrl = config.auth.openIdMetadataUrl;
  if (g.kind === 'entra') {
    baseUrl = g.baseUrl;
    tokenProvider = createClientCredentialsTokenProvider({
      tenantId: g.tenantId,
      clientId: g.clientId,
      clientSecret: g.clientSecret,
      certificatePath: g.certificatePath,
      certificateThumbprint: g.certificateThumbprint,
    });
  } else {
    if (g.kind === 'embedded-local-tenant') {
      localTenant = await startLocalTenant({
        port: 0,
        people: g.people,
        seed: g.seed,
        latencyMs: g.latencyMs,
        rate429: g.rate429,
        rate503: g.rate503,
        tenantId: LOCAL_TENANT_ID,
        clientId: LOCAL_CLIENT_ID,
      });
      baseUrl = localTenant.baseUrl;
      openIdMetadataUrl = localTenant.openIdMetadataUrl;
    } else {
      baseUrl = g.baseUrl;
    }
    tokenProvider = createLocalTokenProvider({
      tokenUrl: `${new URL(baseUrl).origin}/${LOCAL_TENANT_ID}/oauth2/v2.0/token`,
      clientId: LOCAL_CLIENT_ID,
      clientSecret: 'local-tenant',
    });
  }
  if (openIdMetadataUrl === undefined)
    throw new Error('No OpenID metadata URL for token validation');
  const graph = createGraphClient({ baseUrl, tokenProvider, logger });
  return { graph, localTenant, openIdMetadataUrl };
}

/** `memory://` keeps PGlite in memory (tests); `path.join` would turn it into a folder name. */
function pgliteDir(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : path.join(dataDir, 'pglite');
}

/** What a one-off command works with: the migrated store and Graph, logging on stderr. */
export interface CommandWiring {
  logger: Logger;
  store: Store;
  graph: GraphWiring['graph'];
  localTenant: LocalTenant | undefined;
  /** Services over them, on the wall clock; enqueued jobs wait for a runner the command starts. */
  services: Services;
}

type WiredParts = Pick<CommandWiring, 'logger' | 'store' | 'graph' | 'localTenant'>;

/** The services over the wired parts: the wall clock unless given; `onEnqueued` wakes a worker. */
function servicesOver(
  parts: WiredParts,
  config: Config,
  o: { now?: (() => Date) | undefined; publicUrl: () => string; onEnqueued?: () => void },
): Services {
  return {
    db: parts.store.db,
    graph: parts.graph,
    logger: parts.logger,
    config,
    localTenant: parts.localTenant,
    now: o.now ?? (() => new Date()),
    publicUrl: o.publicUrl,
    async enqueue(job) {
      await enqueueJob(parts.store.db, job);
      o.onEnqueued?.();
    },
  };
}

/** The configured store (PGlite under the data folder, or PostgreSQL), migrated. */
async function openMigratedStore(config: Config): Promise<Store> {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.databaseUrl === undefined ? pgliteDir(config.dataDir) : undefined,
  });
  await store.migrate();
  return store;
}

/**
 * Opens the configured store (migrated) and Graph for a command (`sync-org`, `demo`), runs it and
 * closes both, whatever happens. Logs go to stderr, at `warn` unless configured quieter, so stdout
 * keeps the command's answer.
 */
export async function withCommandWiring<T>(
  config: Config,
  run: (wiring: CommandWiring) => Promise<T>,
): Promise<T> {
  const logger = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    destination: process.stderr,
  });
  const store = await openMigratedStore(config);
  const { graph, localTenant } = await wireGraph(config, logger);
  try {
    const parts = { logger, store, graph, localTenant };
    const publicUrl = config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`;
    return await run({
      ...parts,
      services: servicesOver(parts, config, { publicUrl: () => publicUrl }),
    });
  } finally {
    await localTenant?.close();
    await store.close();
  }
}

/** A failed listen in words a person can act on (the port is taken, or not ours to use). */
export class ListenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenError';
  }
}

function listenProblem(err: unknown, config: Config): Error {
  const code = (err as { code?: unknown } | null)?.code;
  const where = `${config.host}:${config.port}`;
  if (code === 'EADDRINUSE')
    return new ListenError(
      `Port ${config.port} is already in use on ${config.host} (another Reverse Mentoring, or another program). Stop it, or start on a free port: PORT=${config.port + 1} npm start`,
    );
  if (code === 'EACCES')
    return new ListenError(`Not allowed to listen on ${where}. Use a port above 1023 (PORT=3978).`);
  if (code === 'EADDRNOTAVAIL')
    return new ListenError(`${config.host} is not an address of this machine (HOST).`);
  return err instanceof Error ? err : new Error(String(err));
}

/** Fails fast, before the store and the local tenant start, when the port cannot be had. */
async function assertCanListen(config: Config): Promise<void> {
  if (config.port === 0) return;
  const probe = createNetServer();
  try {
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(config.port, config.host, resolve);
    });
  } catch (err) {
    throw listenProblem(err, config);
  }
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}

/** Wires the real collaborators and listens. Everything else is built by createApp and the concepts. */
export async function startServer(
  config: Config,
  o: {
    logger?: Logger;
    now?: () => Date;
    /** Per-caller request budget on /api and /dev (default 300 a minute); load benchmarks raise it. */
    rateLimit?: { limit: number; windowMs: number };
    /** Runs once the collaborators exist and before the job worker starts (the living demo). */
    beforeJobs?: (services: Services) => Promise<void>;
  } = {},
): Promise<RunningServer> {
  const logger = o.logger ?? createLogger({ level: config.logLevel });
  await assertCanListen(config);
  const store = await openMigratedStore(config);
  const { graph, localTenant, openIdMetadataUrl } = await wireGraph(config, logger);

  // Assigned once the handlers exist; `enqueue` only wakes the worker when there is one.
  let jobs: JobRunner | undefined = undefined;
  // Set: where Microsoft reaches us (notifications, links). Unset (local tenant): the listen address.
  let publicUrl = config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`;
  const services = servicesOver({ logger, store, graph, localTenant }, config, {
    now: o.now,
    publicUrl: () => publicUrl,
    onEnqueued: () => jobs?.notify(),
  });

  let lastSync: OrgSyncSummary | undefined;
  let resolveFirst: (s: OrgSyncSummary) => void = () => undefined;
  const firstSync = new Promise<OrgSyncSummary>((resolve) => {
    resolveFirst = resolve;
  });
  jobs = new JobRunner({
    db: store.db,
    logger,
    leaseMs: config.jobLeaseMs,
    concurrency: config.jobConcurrency,
    handlers: allJobHandlers(services, {
      onOrgSynced: (summary) => {
        lastSync = summary;
        resolveFirst(summary);
      },
    }),
  });
  // One org sync per period however many instances start: a new instance joins the schedule the
  // others keep, and only starts a sync itself when there is none (first start, or a broken
  // chain). The embedded tenant is new at each start, so that one always syncs.
  if (config.graph.kind === 'embedded-local-tenant' || !(await orgSyncScheduled(store.db)))
    await requeueJob(store.db, { kind: 'org-sync', key: 'org' });
  await o.beforeJobs?.(services);
  await startNudgeScans(services);
  await startSurveyNudges(services);
  await startRetentionPurges(services);
  jobs.start();

  const access = createAccessControl({
    db: store.db,
    validator: createTokenValidator({
      openIdMetadataUrl,
      clientId: config.auth.clientId,
      allowedTenants: config.auth.allowedTenants,
      audiences:
        config.tabDomain === undefined ? [] : [`api://${config.tabDomain}/${config.auth.clientId}`],
      requiredScope: 'access_as_user',
    }),
  });
  // Another instance may have run the sync this one waits for: ready once the store shows one.
  let syncedElsewhere = false;
  const readinessPoll = setInterval(() => {
    if (lastSync !== undefined || syncedElsewhere) {
      clearInterval(readinessPoll);
      return;
    }
    void orgSyncScheduled(store.db).then(
      (done) => {
        syncedElsewhere = done;
      },
      () => undefined,
    );
  }, 1_000);
  readinessPoll.unref();
  const idempotency = createIdempotency({ db: store.db, now: services.now });
  // On PostgreSQL every instance counts against one budget per caller; PGlite is one process.
  const rateLimitStore =
    store.engine === 'postgres' ? createSharedRateLimitStore({ db: store.db }) : undefined;
  const housekeeping = setInterval(() => {
    void Promise.all([idempotency.purgeExpired(), rateLimitStore?.purgeExpired()]).catch(
      (err: unknown) => logger.warn({ err }, 'purging expired idempotency keys or counters failed'),
    );
  }, HOUSEKEEPING_MS);
  housekeeping.unref();
  const app = createApp({
    logger,
    readiness: {
      notReadyReason: () =>
        lastSync === undefined && !syncedElsewhere
          ? 'the first org sync has not finished'
          : undefined,
    },
    identify: (req) => access.authenticate(req),
    ...(o.rateLimit === undefined ? {} : { rateLimit: o.rateLimit }),
    ...(rateLimitStore === undefined ? {} : { rateLimitStore }),
    trustProxy: config.trustProxy,
    maxInFlight: config.maxInFlight,
    maxEventLoopDelayMs: config.maxEventLoopDelayMs,
    apiRouters: [buildRouter(allRoutes(services), access, { idempotency })],
    rootRouters: rootRouters(services),
    tabDistDir: config.tabDistDir ?? defaultTabDist,
  });
  const server = createHttpServer(app);
  server.listen(config.port, config.host);
  server.on('clientError', answerClientError);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (err) {
    // Nothing may keep the process alive after a failed start: it exits with the reason.
    clearInterval(housekeeping);
    clearInterval(readinessPoll);
    await jobs.stop();
    await localTenant?.close();
    await store.close();
    throw listenProblem(err, config);
  }
  const address = server.address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  const listenUrl = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  publicUrl = config.publicBaseUrl ?? listenUrl;
  const runner = jobs;

  return {
    url: listenUrl,
    server,
    store,
    graph,
    jobs: runner,
    logger,
    localTenant,
    services,
    firstSync,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      clearInterval(housekeeping);
      clearInterval(readinessPoll);
      await runner.stop();
      await localTenant?.close();
      await store.close();
    },
  };
}

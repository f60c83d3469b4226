import { isIP } from 'node:net';
import { z } from 'zod';

/** The tenant id the local tenant uses unless told otherwise; stable so links and tokens survive restarts. */
export const LOCAL_TENANT_ID = '72f988bf-0000-4000-8000-00000000cafe';
/** The API's app id in local mode (the audience of dev sign-in tokens). */
export const LOCAL_CLIENT_ID = '00000000-0000-4000-8000-00000000a11e';

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** Keeps admitted requests' p99 under 250 ms at twice the sustainable rate (api-overload bench). */
const DEFAULT_MAX_EVENT_LOOP_DELAY_MS = 50;

const port = z.coerce.number().int().min(0).max(65535);
const rate = z.coerce.number().min(0).max(1);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3978),
  HOST: optionalString,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('./.data'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  GRAPH_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  AAD_APP_CLIENT_ID: optionalString.pipe(z.uuid().optional()),
  AAD_APP_TENANT_ID: optionalString.pipe(z.uuid().optional()),
  AAD_APP_CLIENT_SECRET: optionalString,
  AAD_APP_CERTIFICATE_PATH: optionalString,
  AAD_APP_CERTIFICATE_THUMBPRINT: optionalString,
  AUTH_OPENID_METADATA_URL: optionalString.pipe(z.url().optional()),
  ALLOWED_TENANTS: optionalString,
  TAB_DOMAIN: optionalString,
  PUBLIC_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
  TAB_DIST_DIR: optionalString,
  LOCAL_TENANT_PEOPLE: z.coerce.number().int().min(1).max(200_000).default(300),
  LOCAL_TENANT_SEED: z.coerce.number().int().default(42),
  /** `living`: `start` seeds a program part-way through and a closed one; `empty`: nothing. */
  LOCAL_TENANT_DEMO: z.enum(['living', 'empty']).default('living'),
  LOCAL_TENANT_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  LOCAL_TENANT_429_RATE: rate.default(0),
  LOCAL_TENANT_503_RATE: rate.default(0),
  TRUST_PROXY: optionalString,
  MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(64),
  /**
   * Unset: 50 ms in production, off otherwise. On the local tenant PGlite runs every query on the
   * event loop, so a busy job can delay it past 50 ms with one person using the app; and a loaded
   * test machine's delay is not the app's.
   */
  MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).max(60_000).optional(),
  /** How long a dead instance's claimed jobs wait before another instance takes them over. */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /**
   * Jobs one instance runs at once. Booking jobs mostly wait on Graph, and those claimed together
   * share their database statements and `$batch` requests: 4 at a time booked 1,000 pairs in
   * about 100 s at 0.31 HTTP requests a pair, 64 in about 15-20 s at 0.12.
   */
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(64),
  ORG_SYNC_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  RECONCILE_INTERVAL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(360),
  RECONCILE_AFTER_BOOKING_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  CALENDAR_RETRY_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
});

export type Env = z.infer<typeof envSchema>;

export type GraphMode =
  /** The embedded emulator started in-process (no Entra settings, no GRAPH_BASE_URL). */
  | {
      kind: 'embedded-local-tenant';
      people: number;
      seed: number;
      /** What `start` seeds on an empty store: a living demo program, or nothing. */
      demo: 'living' | 'empty';
      latencyMs: number;
      rate429: number;
      rate503: number;
    }
  /** A local tenant started elsewhere (`reverse-mentoring local-tenant`), reached over HTTP. */
  | { kind: 'external-local-tenant'; baseUrl: string }
  /** Real Microsoft Graph with Entra client credentials. */
  | {
      kind: 'entra';
      baseUrl: string;
      tenantId: string;
      clientId: string;
      clientSecret: string | undefined;
      certificatePath: string | undefined;
      certificateThumbprint: string | undefined;
    };

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  /** Set: PostgreSQL. Unset: embedded PGlite under `dataDir`. */
  databaseUrl: string | undefined;
  graph: GraphMode;
  /** True when the app runs on a local tenant: dev sign-in exists only then. */
  localMode: boolean;
  auth: {
    clientId: string;
    tenantId: string;
    /** Undefined in embedded local mode: the local tenant's own metadata URL is used once it listens. */
    openIdMetadataUrl: string | undefined;
    allowedTenants: string[];
  };
  tabDomain: string | undefined;
  /**
   * Where Microsoft reaches the app from outside: Graph change and lifecycle notifications, deep
   * links in invites and activity notifications. Undefined on a local tenant: the listen address.
   */
  publicBaseUrl: string | undefined;
  tabDistDir: string | undefined;
  orgSyncIntervalMinutes: number;
  /**
   * Which proxies in front of the API may name the client in `X-Forwarded-For` (Express's
   * `trust proxy`): `false` (none: the peer is the client), a number of hops, or addresses.
   */
  trustProxy: TrustProxy;
  /** Requests one instance serves at once before answering 503 (0: no bound). */
  maxInFlight: number;
  /**
   * Event-loop delay (ms) past which the instance answers 503 at once (0: off). Default 50 under
   * NODE_ENV=production, off otherwise unless set.
   */
  maxEventLoopDelayMs: number;
  /**
   * A claimed job's lease, renewed while it runs: when an instance dies, its jobs are taken over
   * by another once this has passed (`JOB_LEASE_SECONDS`, default 60).
   */
  jobLeaseMs: number;
  /** Jobs one instance runs at once (`JOB_CONCURRENCY`, default 64). */
  jobConcurrency: number;
  calendar: {
    /** How often every booked series is checked against the calendars, notifications or not. */
    reconcileIntervalMs: number;
    /** The first such check after a booking. */
    reconcileAfterBookingMs: number;
    /** Attempts of a rebooking job before its sessions are handed to an admin (`needs-attention`). */
    retryAttempts: number;
  };
}

export type TrustProxy = false | number | string[];

const NAMED_SUBNETS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** `none`/`false`, a hop count, or comma-separated addresses, CIDR ranges and named subnets. */
export function parseTrustProxy(value: string | undefined): TrustProxy | string {
  if (value === undefined || value === 'none' || value === 'false') return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    return hops <= 10 ? hops : 'TRUST_PROXY: at most 10 hops';
  }
  const entries = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const bad = entries.filter((e) => {
    if (NAMED_SUBNETS.has(e)) return false;
    const [address = '', prefix, ...rest] = e.split('/');
    if (rest.length > 0 || isIP(address) === 0) return true;
    if (prefix === undefined) return false;
    const max = isIP(address) === 4 ? 32 : 128;
    return !/^\d+$/.test(prefix) || Number(prefix) > max;
  });
  if (entries.length === 0 || bad.length > 0)
    return `TRUST_PROXY: not none, a hop count or addresses: ${bad.join(', ') || value}`;
  return entries;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; a wrong setting stops start-up with a message naming it. */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`,
      ),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  const entra = e.AAD_APP_CLIENT_ID !== undefined;

  let graph: GraphMode;
  if (entra) {
    if (e.AAD_APP_TENANT_ID === undefined)
      problems.push('AAD_APP_TENANT_ID: required when AAD_APP_CLIENT_ID is set');
    if (e.AAD_APP_CLIENT_SECRET === undefined && e.AAD_APP_CERTIFICATE_PATH === undefined) {
      problems.push(
        'AAD_APP_CLIENT_SECRET: set it or AAD_APP_CERTIFICATE_PATH when AAD_APP_CLIENT_ID is set',
      );
    }
    if (
      e.AAD_APP_CERTIFICATE_PATH !== undefined &&
      e.AAD_APP_CERTIFICATE_THUMBPRINT === undefined
    ) {
      problems.push('AAD_APP_CERTIFICATE_THUMBPRINT: required with AAD_APP_CERTIFICATE_PATH');
    }
    graph = {
      kind: 'entra',
      baseUrl: e.GRAPH_BASE_URL ?? 'https://graph.microsoft.com/v1.0',
      tenantId: e.AAD_APP_TENANT_ID ?? '',
      clientId: e.AAD_APP_CLIENT_ID ?? '',
      clientSecret: e.AAD_APP_CLIENT_SECRET,
      certificatePath: e.AAD_APP_CERTIFICATE_PATH,
      certificateThumbprint: e.AAD_APP_CERTIFICATE_THUMBPRINT,
    };
  } else if (e.GRAPH_BASE_URL !== undefined) {
    graph = { kind: 'external-local-tenant', baseUrl: e.GRAPH_BASE_URL.replace(/\/+$/, '') };
  } else {
    graph = {
      kind: 'embedded-local-tenant',
      people: e.LOCAL_TENANT_PEOPLE,
      seed: e.LOCAL_TENANT_SEED,
      demo: e.LOCAL_TENANT_DEMO,
      latencyMs: e.LOCAL_TENANT_LATENCY_MS,
      rate429: e.LOCAL_TENANT_429_RATE,
      rate503: e.LOCAL_TENANT_503_RATE,
    };
  }
  const trustProxy = parseTrustProxy(e.TRUST_PROXY);
  if (typeof trustProxy === 'string') problems.push(trustProxy);
  const publicBaseUrl = e.PUBLIC_BASE_URL?.replace(/\/+$/, '');
  if (entra) {
    // Graph delivers change notifications only to a public HTTPS endpoint; without one no
    // subscription could be created, so calendar changes would go unnoticed.
    if (publicBaseUrl === undefined) {
      problems.push(
        'PUBLIC_BASE_URL: required with AAD_APP_CLIENT_ID (the https:// address Microsoft Graph reaches the app at)',
      );
    } else if (!publicBaseUrl.startsWith('https://')) {
      problems.push(
        'PUBLIC_BASE_URL: must be an https:// URL with AAD_APP_CLIENT_ID (Graph refuses other notification URLs)',
      );
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const tenantId = entra ? (e.AAD_APP_TENANT_ID ?? '') : LOCAL_TENANT_ID;
  const clientId = entra ? (e.AAD_APP_CLIENT_ID ?? '') : LOCAL_CLIENT_ID;
  let openIdMetadataUrl = e.AUTH_OPENID_METADATA_URL;
  if (openIdMetadataUrl === undefined && entra) {
    openIdMetadataUrl = `https://login.microsoftonline.com/${tenantId}/v2.0/.well-known/openid-configuration`;
  }
  if (openIdMetadataUrl === undefined && graph.kind === 'external-local-tenant') {
    openIdMetadataUrl = `${new URL(graph.baseUrl).origin}/${tenantId}/v2.0/.well-known/openid-configuration`;
  }
  const allowedTenants = (e.ALLOWED_TENANTS ?? tenantId)
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');

  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? (entra ? '0.0.0.0' : '127.0.0.1'),
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    graph,
    localMode: !entra,
    auth: { clientId, tenantId, openIdMetadataUrl, allowedTenants },
    tabDomain: e.TAB_DOMAIN,
    publicBaseUrl,
    tabDistDir: e.TAB_DIST_DIR,
    orgSyncIntervalMinutes: e.ORG_SYNC_INTERVAL_MINUTES,
    trustProxy: typeof trustProxy === 'string' ? false : trustProxy,
    maxInFlight: e.MAX_IN_FLIGHT,
    maxEventLoopDelayMs:
      e.MAX_EVENT_LOOP_DELAY_MS ??
      (e.NODE_ENV === 'production' ? DEFAULT_MAX_EVENT_LOOP_DELAY_MS : 0),
    jobLeaseMs: e.JOB_LEASE_SECONDS * 1000,
    jobConcurrency: e.JOB_CONCURRENCY,
    calendar: {
      reconcileIntervalMs: e.RECONCILE_INTERVAL_MINUTES * 60_000,
      reconcileAfterBookingMs: e.RECONCILE_AFTER_BOOKING_MINUTES * 60_000,
      retryAttempts: e.CALENDAR_RETRY_ATTEMPTS,
    },
  };
}

// Long on purpose: the emulator's HTTP front (auth, throttling, batching, recording, dispatch) around one request pipeline.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSON_CONTENT_TYPE, runBatch } from './batch.js';
import { generateDemoOrg } from './demo-org.js';
import { GraphError, graphErrorBody, type RequestIds } from './graph-error.js';
import type { GraphRequest, GraphResponse, TenantContext } from './graph-request.js';
import { hashString } from './prng.js';
import { processWideRecorder, type GraphRecorder } from './request-recorder.js';
import { dispatch, errorResponse } from './router.js';
import { TenantState } from './tenant-state.js';
import { Throttle, type Faults } from './throttle.js';
import { GRAPH_AUDIENCE, TokenIssuer, type VerifiedToken } from './tokens.js';

export interface LocalTenantOptions {
  /** 0 = a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** Default 300. */
  people?: number;
  /** Default 42. */
  seed?: number;
  latencyMs?: number;
  /** Share of Graph calls answered 429, 0..1. */
  rate429?: number;
  rate503?: number;
  /** Retry-After on injected 429/503 answers; may be fractional. Default 0.2. */
  retryAfterSeconds?: number;
  tenantId?: string;
  /** The API's app id: the audience of user tokens. */
  clientId?: string;
  /** Make two managers report to each other (loop detection tests). */
  managerLoop?: boolean;
  /**
   * Application permissions an admin granted the app (default: the ones the admin guide lists);
   * app-only tokens carry these, and Graph answers 403 where none of a call's permissions is here.
   */
  grantedAppRoles?: readonly string[];
  /** Test support: told every Graph call answered; defaults to `recordAllLocalTenants`'. */
  recorder?: GraphRecorder;
}

export interface LocalTenantStats {
  /** HTTP requests to /v1.0 (a $batch counts once). */
  requests: number;
  /** Routed Graph calls by route, $batch sub-requests included. */
  byRoute: Record<string, number>;
  /** 429 answers, sub-requests included. */
  throttled: number;
}

export interface LocalTenant {
  /** e.g. http://127.0.0.1:PORT/v1.0 */
  baseUrl: string;
  origin: string;
  tenantId: string;
  /** Client-credentials token endpoint. */
  tokenUrl: string;
  openIdMetadataUrl: string;
  jwksUrl: string;
  /** Issuer of the tokens this tenant signs: `${origin}/${tenantId}/v2.0`. */
  issuer: string;
  state: TenantState;
  /** Live fault knobs: change them at any time. */
  faults: Faults;
  stats(): LocalTenantStats;
  resetStats(): void;
  close(): Promise<void>;
}

export const DEFAULT_TENANT_ID = '72f988bf-0000-4000-8000-00000000cafe';
export const DEFAULT_CLIENT_ID = '00000000-0000-4000-8000-00000000a11e';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GraphError(413, 'RequestEntityTooLarge', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = JSON_CONTENT_TYPE,
): void {
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function oauthError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  code: number,
): void {
  const traceId = randomUUID();
  send(
    res,
    status,
    {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Timestamp: ${new Date().toISOString()}`,
      error_codes: [code],
      timestamp: new Date()
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, 'Z'),
      trace_id: traceId,
      correlation_id: randomUUID(),
    },
    {},
    'application/json; charset=utf-8',
  );
}

/**
 * Starts the local tenant: a Microsoft Graph v1.0 emulator on loopback over a generated demo
 * organisation, with Entra-style token, OpenID metadata and JWKS endpoints.
 */
export async function startLocalTenant(opts: LocalTenantOptions = {}): Promise<LocalTenant> {
  const tenantId = opts.tenantId ?? DEFAULT_TENANT_ID;
  const clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
  const seed = opts.seed ?? 42;
  const host = opts.host ?? '127.0.0.1';
  const org = generateDemoOrg({
    people: opts.people ?? 300,
    seed,
    managerLoop: opts.managerLoop === true,
  });
  const state = new TenantState(org, { tenantId });
  const faults: Faults = {
    latencyMs: opts.latencyMs ?? 0,
    rate429: opts.rate429 ?? 0,
    rate503: opts.rate503 ?? 0,
    retryAfterSeconds: opts.retryAfterSeconds ?? 0.2,
  };
  const throttle = new Throttle(faults, seed);
  let counters = { requests: 0, throttled: 0, byRoute: new Map<string, number>() };
  const stats = {
    route: (name: string): void => {
      counters.byRoute.set(name, (counters.byRoute.get(name) ?? 0) + 1);
    },
    throttled: (): void => {
      counters.throttled++;
    },
  };
  let batchCount = 0;

  // Placeholders until the port is known; the issuer and URLs depend on it.
  let origin = '';
  let issuer = '';
  const tokens = await TokenIssuer.create({ issuer: '', tenantId });
  const tenant: TenantContext = { state, baseUrl: '', tenantId, epoch: randomUUID().slice(0, 8) };

  const graph = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    ids: RequestIds,
    issuerNow: TokenIssuer,
  ): Promise<void> => {
    counters.requests++;
    const auth = req.headers.authorization;
    let caller: VerifiedToken;
    try {
      const m = /^Bearer\s+(.+)$/i.exec(auth ?? '');
      if (m?.[1] === undefined) throw new Error('Access token is empty.');
      caller = await issuerNow.verify(m[1], GRAPH_AUDIENCE).catch((e: unknown) => {
        throw new Error(
          `Access token validation failure. ${e instanceof Error ? e.message : ''}`.trim(),
        );
      });
    } catch (e) {
      send(
        res,
        401,
        graphErrorBody(
          'InvalidAuthenticationToken',
          e instanceof Error ? e.message : 'Invalid token.',
          ids,
        ),
        {
          'WWW-Authenticate': `Bearer realm="", authorization_uri="${origin}/${tenantId}/oauth2/v2.0/authorize", client_id="00000003-0000-0000-c000-000000000000"`,
        },
      );
      return;
    }
    const raw = await readBody(req);
    let body: unknown;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        send(
          res,
          400,
          graphErrorBody(
            'BadRequest',
            'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
            ids,
          ),
        );
        return;
      }
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const graphReq: GraphRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: url.pathname.slice('/v1.0'.length),
      query: url.searchParams,
      headers,
      body,
      caller,
      ids,
    };
    const deps = { tenant, throttle, stats };
    let result: GraphResponse;
    if (graphReq.path.toLowerCase() === '/$batch') {
      if (graphReq.method !== 'POST') {
        result = errorResponse(
          new GraphError(405, 'BadRequest', 'Batch requests must be POST.'),
          graphReq,
        );
      } else {
        stats.route('POST /$batch');
        try {
          result = await runBatch(
            graphReq,
            (sub) => dispatch(sub, deps),
            hashString(`${seed}:${++batchCount}`),
          );
        } catch (e) {
          result = errorResponse(e, graphReq);
        }
      }
    } else {
      result = await dispatch(graphReq, deps);
    }
    send(res, result.status, result.body, result.headers);
    // After the answer is on its way: a recorder never adds to the caller's latency.
    (opts.recorder ?? processWideRecorder())?.({
      method: graphReq.method,
      path: `${graphReq.path}${url.search}`,
      requestBody: body,
      status: result.status,
      responseBody: result.body,
    });
  };

  const identity = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    issuerNow: TokenIssuer,
  ): Promise<boolean> => {
    const p = url.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && p === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      send(
        res,
        200,
        {
          issuer,
          token_endpoint: `${origin}/${tenantId}/oauth2/v2.0/token`,
          authorization_endpoint: `${origin}/${tenantId}/oauth2/v2.0/authorize`,
          jwks_uri: `${origin}/${tenantId}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          response_modes_supported: ['query', 'fragment', 'form_post'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          claims_supported: [
            'sub',
            'iss',
            'aud',
            'exp',
            'iat',
            'nbf',
            'name',
            'oid',
            'tid',
            'preferred_username',
            'roles',
            'scp',
          ],
          tenant_region_scope: 'EU',
        },
        {},
        'application/json; charset=utf-8',
      );
      return true;
    }
    if (method === 'GET' && p === `/${tenantId}/discovery/v2.0/keys`) {
      send(
        res,
        200,
        { keys: [{ ...issuerNow.jwk, issuer }] },
        {},
        'application/json; charset=utf-8',
      );
      return true;
    }
    if (method === 'POST' && p === `/${tenantId}/oauth2/v2.0/token`) {
      const form = new URLSearchParams((await readBody(req)).toString('utf8'));
      const grant = form.get('grant_type');
      const client = form.get('client_id');
      if (grant === null)
        return (
          oauthError(
            res,
            400,
            'invalid_request',
            "The request body must contain the following parameter: 'grant_type'.",
            900144,
          ),
          true
        );
      if (client === null)
        return (
          oauthError(
            res,
            400,
            'invalid_request',
            "The request body must contain the following parameter: 'client_id'.",
            900144,
          ),
          true
        );
      if (grant === 'client_credentials') {
        // Local mode accepts any secret or assertion; it must only be present, as Entra requires.
        if (form.get('client_secret') === null && form.get('client_assertion') === null) {
          return (
            oauthError(
              res,
              401,
              'invalid_client',
              "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
              7000218,
            ),
            true
          );
        }
        const token = await issuerNow.appToken(client, opts.grantedAppRoles);
        send(
          res,
          200,
          { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token },
          {},
          'application/json; charset=utf-8',
        );
        return true;
      }
      oauthError(
        res,
        400,
        'unsupported_grant_type',
        `The grant type '${grant}' is not supported.`,
        70003,
      );
      return true;
    }
    // Dev-only helpers, not part of Graph: sign-in as a demo person and read what they received.
    const tokenMatch = /^\/_local\/users\/([^/]+)\/token$/.exec(p);
    if (method === 'POST' && tokenMatch?.[1] !== undefined) {
      const person = state.user(decodeURIComponent(tokenMatch[1]));
      if (person === undefined) {
        send(res, 404, {
          error: 'not_found',
          error_description: 'No such user in the local tenant.',
        });
        return true;
      }
      const token = await issuerNow.userToken(clientId, person);
      send(res, 200, { token_type: 'Bearer', expires_in: 3599, access_token: token });
      return true;
    }
    const activityMatch = /^\/_local\/users\/([^/]+)\/activity-notifications$/.exec(p);
    if (method === 'GET' && activityMatch?.[1] !== undefined) {
      send(res, 200, { value: state.activityNotifications(decodeURIComponent(activityMatch[1])) });
      return true;
    }
    if (method === 'GET' && p === '/_local/people') {
      const search = (url.searchParams.get('search') ?? '').toLowerCase();
      const top = Math.min(200, Number(url.searchParams.get('top') ?? 50) || 50);
      const value = [];
      for (const r of state.directory.records) {
        if (value.length >= top) break;
        const x = r.person;
        if (r.removed !== null) continue;
        if (
          search !== '' &&
          !`${x.displayName} ${x.mail} ${x.jobTitle} ${x.department}`.toLowerCase().includes(search)
        )
          continue;
        value.push({
          id: x.id,
          displayName: x.displayName,
          mail: x.mail,
          jobTitle: x.jobTitle,
          department: x.department,
          level: x.level,
          programAdmin: x.programAdmin,
        });
      }
      send(res, 200, { value, programAdminIds: org.programAdminIds });
      return true;
    }
    return false;
  };

  const server = createServer((req, res) => {
    const clientRequestId =
      typeof req.headers['client-request-id'] === 'string'
        ? req.headers['client-request-id']
        : randomUUID();
    const ids: RequestIds = { requestId: randomUUID(), clientRequestId };
    res.setHeader('request-id', ids.requestId);
    res.setHeader('client-request-id', ids.clientRequestId);
    const url = new URL(req.url ?? '/', origin === '' ? 'http://localhost' : origin);
    const handle = async (): Promise<void> => {
      if (issuer === '')
        throw new GraphError(503, 'serviceNotAvailable', 'The tenant is starting.');
      if (url.pathname === '/v1.0' || url.pathname.startsWith('/v1.0/')) {
        await graph(req, res, url, ids, tokens);
        return;
      }
      if (await identity(req, res, url, tokens)) return;
      send(
        res,
        404,
        graphErrorBody(
          'ResourceNotFound',
          `No route for ${req.method ?? 'GET'} ${url.pathname}.`,
          ids,
        ),
      );
    };
    handle().catch((e: unknown) => {
      const r = errorResponse(e, { ids });
      if (!res.headersSent) send(res, r.status, r.body, r.headers);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  issuer = `${origin}/${tenantId}/v2.0`;
  tenant.baseUrl = `${origin}/v1.0`;
  tokens.issuer = issuer;

  return {
    baseUrl: tenant.baseUrl,
    origin,
    tenantId,
    tokenUrl: `${origin}/${tenantId}/oauth2/v2.0/token`,
    openIdMetadataUrl: `${origin}/${tenantId}/v2.0/.well-known/openid-configuration`,
    jwksUrl: `${origin}/${tenantId}/discovery/v2.0/keys`,
    issuer,
    state,
    faults,
    stats: () => ({
      requests: counters.requests,
      byRoute: Object.fromEntries(counters.byRoute),
      throttled: counters.throttled,
    }),
    resetStats: () => {
      counters = { requests: 0, throttled: 0, byRoute: new Map() };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e === undefined ? resolve() : reject(e)));
        server.closeAllConnections();
      }),
  };
}

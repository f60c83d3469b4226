import express, { type Request, type Response, type Router } from 'express';
import { z, type ZodType } from 'zod';
import { validationProblem } from './error-handler.js';
import {
  IDEMPOTENCY_HEADER,
  parseIdempotencyKey,
  REPLAYED_HEADER,
  requestFingerprint,
  type Idempotency,
  type StoredAnswer,
} from './idempotency.js';
import { refuseUnstorableText } from './input.js';
import { problems } from './problem.js';

/** The signed-in caller, as the identity layer establishes it from a validated token. */
export interface Principal {
  userId: string;
  tenantId: string;
  name: string;
  username: string;
  roles: string[];
  scopes: string[];
}

/**
 * Who may call a route. Checked before the handler runs, from one table, so a new route cannot
 * exist without a rule (the authorization matrix test enumerates every route).
 * - `public`: anyone (health, the local dev sign-in).
 * - `signed-in`: any participant; the handler only ever reads or writes the caller's own data.
 * - `admin`: the `Program.Admin` app role.
 * - `pairing-member`: the mentor or the leader of the pairing in `:pairingId` (admins too, for
 *   the shared, non-private parts).
 * - `session-member`: the mentor or the leader of the pairing owning the session in `:sessionId`.
 */
export type AccessRule = 'public' | 'signed-in' | 'admin' | 'pairing-member' | 'session-member';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteInput<P, Q, B, C extends Principal | undefined = Principal | undefined> {
  /** The caller: always present on every route but a `public` one. */
  principal: C;
  params: P;
  query: Q;
  body: B;
  req: Request;
  res: Response;
}

export interface RouteResult {
  status?: number;
  body?: unknown;
  /** For CSV exports and other non-JSON answers. */
  contentType?: string;
  headers?: Record<string, string>;
}

interface RouteBase<P, Q, B> {
  method: HttpMethod;
  /** Express path below /api, e.g. `/pairings/:pairingId/sessions`. */
  path: string;
  summary: string;
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /**
   * Honours an `Idempotency-Key` header: a retry with the same key gets the first answer and
   * creates nothing. For writes that create things; their answers must be JSON (the status and
   * body are kept and replayed, not other headers).
   */
  idempotent?: true;
}

/** A route anyone may call; the handler sees the caller only if a valid token came along. */
export interface PublicRouteDef<P = unknown, Q = unknown, B = unknown> extends RouteBase<P, Q, B> {
  access: 'public';
  handle(input: RouteInput<P, Q, B>): Promise<RouteResult | unknown>;
}

/** A route behind sign-in: the table authenticates and authorizes before the handler runs. */
export interface SignedInRouteDef<P = unknown, Q = unknown, B = unknown> extends RouteBase<
  P,
  Q,
  B
> {
  access: Exclude<AccessRule, 'public'>;
  handle(input: RouteInput<P, Q, B, Principal>): Promise<RouteResult | unknown>;
}

export type RouteDef<P = unknown, Q = unknown, B = unknown> =
  PublicRouteDef<P, Q, B> | SignedInRouteDef<P, Q, B>;

/** Declares a route with its types inferred from the schemas and its caller from its access rule. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  def: RouteDef<P, Q, B>,
): RouteDef {
  return def as unknown as RouteDef;
}

export interface AccessControl {
  /** Validates the bearer token; undefined when there is none (then only `public` routes pass). */
  authenticate(req: Request): Promise<Principal | undefined>;
  /** Throws a 403 problem unless `principal` may use a route with `rule` and these params. */
  authorize(rule: AccessRule, principal: Principal, params: Record<string, string>): Promise<void>;
}

function isRouteResult(value: unknown): value is RouteResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    ('status' in value || 'body' in value || 'contentType' in value) &&
    Object.keys(value).every((k) => ['status', 'body', 'contentType', 'headers'].includes(k))
  );
}

const emptyObject = z.object({}).strict();
// Built once: a zod schema is costly to construct, and this one served every route without params.
const anyParams = z.record(z.string(), z.string());

function toAnswer(result: unknown): RouteResult {
  if (isRouteResult(result)) return result;
  return result === undefined ? { status: 204 } : { status: 200, body: result };
}

function send(res: Response, answer: RouteResult): void {
  for (const [k, v] of Object.entries(answer.headers ?? {})) res.setHeader(k, v);
  res.status(answer.status ?? 200);
  if (answer.body === undefined) res.end();
  else if (answer.contentType !== undefined) res.type(answer.contentType).send(answer.body);
  else res.json(answer.body);
}

export interface RouterOptions {
  /** Where `Idempotency-Key`s are kept; without it the header is ignored. */
  idempotency?: Idempotency;
}

/** Builds an Express router from route definitions: authenticate → authorize → parse → handle. */
export function buildRouter(
  defs: RouteDef[],
  access: AccessControl,
  options: RouterOptions = {},
): Router {
  const router = express.Router();
  for (const def of defs) {
    router[def.method](def.path, async (req: Request, res: Response) => {
      // Body and query were checked by createApp; path parameters exist once a route matched, and
      // the access check may already look them up.
      refuseUnstorableText(req.params, 'params');
      const principal = await access.authenticate(req);
      if (def.access !== 'public') {
        await access.authorize(
          def.access,
          signedIn(principal),
          req.params as Record<string, string>,
        );
      }
      const params = (def.params ?? anyParams).safeParse(req.params);
      if (!params.success) throw validationProblem(params.error, 'params');
      const query = (def.query ?? emptyObject).safeParse(req.query);
      if (!query.success) throw validationProblem(query.error, 'query');
      let body: unknown;
      if (def.body !== undefined) {
        const parsed = def.body.safeParse(req.body ?? {});
        if (!parsed.success) throw validationProblem(parsed.error, 'body');
        body = parsed.data;
      }
      const input = { params: params.data, query: query.data, body, req, res };
      const handle = async (): Promise<unknown> =>
        def.access === 'public'
          ? await def.handle({ ...input, principal })
          : await def.handle({ ...input, principal: signedIn(principal) });
      const key =
        def.idempotent === true ? parseIdempotencyKey(req.get(IDEMPOTENCY_HEADER)) : undefined;
      if (key === undefined || options.idempotency === undefined || principal === undefined) {
        const result = await handle();
        if (!res.headersSent) send(res, toAnswer(result));
        return;
      }
      const answer = await options.idempotency.run(
        {
          caller: `${principal.tenantId}:${principal.userId}`,
          key,
          fingerprint: requestFingerprint({
            method: def.method,
            route: def.path,
            params: params.data,
            body,
          }),
        },
        async (): Promise<StoredAnswer> => {
          const { status, body: answerBody } = toAnswer(await handle());
          return { status: status ?? 200, body: answerBody };
        },
      );
      if (answer.replayed) res.setHeader(REPLAYED_HEADER, 'true');
      send(res, { status: answer.status, body: answer.body ?? undefined });
    });
  }
  return router;
}

/** The caller of a signed-in route; the checks above already refused anonymous calls. */
function signedIn(principal: Principal | undefined): Principal {
  if (principal === undefined) throw problems.unauthenticated('A valid bearer token is required.');
  return principal;
}

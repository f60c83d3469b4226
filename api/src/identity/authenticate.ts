import type { Request, RequestHandler, Response } from 'express';
import type { Principal } from '../app/index.js';
import { ProblemError, problems } from '../app/index.js';
import { AuthError } from './auth-error.js';
import type { TokenValidator } from './token-validator.js';

export const PROGRAM_ADMIN_ROLE = 'Program.Admin';

const PRINCIPAL_KEY = 'principal';
/** RFC 6750: the scheme is case-insensitive; one token, no spaces inside. */
const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i;

export interface AuthenticateOptions {
  /** Lets requests without a token through with no principal. A token that is present must still be valid. */
  optional?: boolean;
}

/** The bearer token of a request: undefined when there is none, 401 when the header is not a bearer token. */
export function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return undefined;
  const match = BEARER.exec(header);
  if (match?.[1] === undefined) {
    throw unauthenticated('The Authorization header must be "Bearer <token>".', 'malformed');
  }
  return match[1];
}

function unauthenticated(detail: string, reason: string | undefined): ProblemError {
  return new ProblemError({
    status: 401,
    type: 'unauthenticated',
    title: 'Sign-in required',
    detail,
    extensions: reason === undefined ? {} : { reason },
  });
}

/**
 * RFC 6750 challenge: a bare `Bearer` when no token came, `invalid_token` when one was refused,
 * so clients know whether to fetch a token or a fresh one.
 */
function challenge(err: ProblemError): string {
  return err.extensions.reason === undefined ? 'Bearer' : 'Bearer error="invalid_token"';
}

/**
 * Validates the request's bearer token. Resolves to undefined when there is none; a token that
 * is present but refused is a 401 problem (never silently anonymous). Shared by the middleware and
 * the route table's access control.
 */
export async function principalFromRequest(
  validator: TokenValidator,
  req: Request,
): Promise<Principal | undefined> {
  const token = bearerToken(req);
  if (token === undefined) return undefined;
  try {
    return await validator.validate(token);
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    if (err.reason === 'keys-unavailable') {
      // Not the caller's fault: a 401 would make the tab drop a good token and loop.
      throw new ProblemError({
        status: 503,
        type: 'auth-unavailable',
        title: 'Sign-in cannot be checked right now',
        detail: 'The identity provider could not be reached. Try again shortly.',
        extensions: { retryAfterSeconds: 5 },
      });
    }
    throw unauthenticated(err.message, err.reason);
  }
}

/** Express middleware: sets `res.locals.principal` from a valid bearer token, or answers 401. */
export function authenticate(
  validator: TokenValidator,
  options: AuthenticateOptions = {},
): RequestHandler {
  return async (req, res, next) => {
    let principal: Principal | undefined;
    try {
      principal = await principalFromRequest(validator, req);
    } catch (err) {
      if (err instanceof ProblemError && err.status === 401)
        res.setHeader('WWW-Authenticate', challenge(err));
      if (err instanceof ProblemError && err.status === 503) res.setHeader('Retry-After', '5');
      throw err;
    }
    if (principal === undefined && options.optional !== true) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw unauthenticated('A valid bearer token is required.', undefined);
    }
    if (principal !== undefined) res.locals[PRINCIPAL_KEY] = principal;
    next();
  };
}

function isPrincipal(value: unknown): value is Principal {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.userId === 'string' &&
    typeof p.tenantId === 'string' &&
    Array.isArray(p.roles) &&
    Array.isArray(p.scopes)
  );
}

/** The caller set by `authenticate`, or undefined on an optional route without a token. */
export function findPrincipal(res: Response): Principal | undefined {
  const value: unknown = res.locals[PRINCIPAL_KEY];
  return isPrincipal(value) ? value : undefined;
}

/** The caller set by `authenticate`; a 401 problem when there is none. */
export function getPrincipal(res: Response): Principal {
  const principal = findPrincipal(res);
  if (principal === undefined) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    throw unauthenticated('A valid bearer token is required.', undefined);
  }
  return principal;
}

export function hasRole(principal: Principal, role: string): boolean {
  return principal.roles.includes(role);
}

export function isAdmin(principal: Principal): boolean {
  return hasRole(principal, PROGRAM_ADMIN_ROLE);
}

/** Express middleware after `authenticate`: 403 unless the caller holds the app role. */
export function requireRole(role: string): RequestHandler {
  return (_req, res, next) => {
    const principal = getPrincipal(res);
    if (!hasRole(principal, role)) throw problems.forbidden(`This needs the ${role} role.`);
    next();
  };
}

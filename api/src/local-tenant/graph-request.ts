import { badRequest, type RequestIds } from './graph-error.js';
import type { TenantState } from './tenant-state.js';
import type { VerifiedToken } from './tokens.js';

/** One Graph call, from HTTP or from a `$batch` sub-request. */
export interface GraphRequest {
  method: string;
  /** Path after `/v1.0`, still URL-encoded, e.g. `/users/x/events/AAMk%2B...`. */
  path: string;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: unknown;
  caller: VerifiedToken;
  ids: RequestIds;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON body; absent for 202/204. */
  body?: unknown;
}

export interface TenantContext {
  state: TenantState;
  /** e.g. http://127.0.0.1:PORT/v1.0 */
  baseUrl: string;
  tenantId: string;
  /** Distinguishes paging and delta tokens of this run from those of an earlier one. */
  epoch: string;
}

export interface RouteContext extends GraphRequest {
  params: Record<string, string>;
  tenant: TenantContext;
}

export const ok = (body: unknown, status = 200, headers?: Record<string, string>): GraphResponse =>
  headers === undefined ? { status, body } : { status, body, headers };

export const noContent = (status = 204): GraphResponse => ({ status });

/** A query option with or without its `$` (Graph accepts both on v1.0). */
export function option(query: URLSearchParams, name: string): string | undefined {
  return query.get(`$${name}`) ?? query.get(name) ?? undefined;
}

/**
 * The parameters of a bound action, by their documented names. Names compare without case
 * (the metadata writes `Schedules`, the documentation `schedules`; Graph takes both); a
 * parameter the action does not have is refused as Graph refuses it.
 */
export function actionParameters(
  body: unknown,
  action: string,
  names: readonly string[],
): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('The request body must be a JSON object.', 'RequestBodyRead');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const name = names.find((n) => n.toLowerCase() === key.toLowerCase());
    if (name === undefined)
      throw badRequest(
        `The parameter '${key}' in the request payload is not a valid parameter for the operation '${action}'.`,
        'RequestBodyRead',
      );
    out[name] = value;
  }
  return out;
}

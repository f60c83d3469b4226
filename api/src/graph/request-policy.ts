import type { Context, MiddlewareOptions } from '@microsoft/microsoft-graph-client';

/**
 * Per-request facts handed to our middleware through the SDK's middleware options, and the
 * error the chain failed with handed back (the SDK rewraps thrown errors in its own type).
 */
export class RequestPolicy implements MiddlewareOptions {
  /** Overrides the method-based retry decision (see retry-policy.ts). */
  retrySafe: boolean | undefined;
  /** Set by the chain when it fails, so the client rethrows our GraphError, not the SDK's. */
  failure: unknown;

  constructor(o: { retrySafe?: boolean } = {}) {
    this.retrySafe = o.retrySafe;
  }

  static of(context: Context): RequestPolicy | undefined {
    const found = context.middlewareControl?.getMiddlewareOptions(RequestPolicy);
    return found instanceof RequestPolicy ? found : undefined;
  }
}

export function requestUrl(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

export function requestMethod(context: Context): string {
  const fromOptions = context.options?.method;
  if (fromOptions !== undefined) return fromOptions.toUpperCase();
  return typeof context.request === 'string' ? 'GET' : context.request.method.toUpperCase();
}

/** The request headers as a plain object the middleware can edit. */
export function headersOf(context: Context): Record<string, string> {
  const options = context.options ?? {};
  context.options = options;
  const current = options.headers;
  let plain: Record<string, string>;
  if (current === undefined) {
    plain = {};
  } else if (current instanceof Headers) {
    plain = Object.fromEntries(current.entries());
  } else if (Array.isArray(current)) {
    plain = Object.fromEntries(current);
  } else {
    plain = current as Record<string, string>;
  }
  options.headers = plain;
  return plain;
}

export function setHeader(context: Context, name: string, value: string): void {
  const headers = headersOf(context);
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name.toLowerCase() && key !== name) delete headers[key];
  }
  headers[name] = value;
}

/** Graph's error body: `{"error":{"code","message","innerError":{"request-id"}}}`. */
interface GraphErrorBody {
  error?: {
    code?: unknown;
    message?: unknown;
    innerError?: unknown;
  };
}

export interface GraphErrorInit {
  status: number;
  code: string;
  message: string;
  requestId?: string;
  retryAfterMs?: number;
  innerError?: unknown;
}

/**
 * The one error every Graph failure becomes: HTTP errors (with Graph's code), throttling that
 * outlived the retries (with `retryAfterMs` so a job can come back later), network failures
 * (status 0, code `NetworkError`) and input this client refuses to send (status 400, code
 * `InvalidRequest`, as Graph itself would answer).
 */
export class GraphError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;
  readonly innerError?: unknown;

  constructor(init: GraphErrorInit, options?: { cause?: unknown }) {
    super(init.message, options);
    this.name = 'GraphError';
    this.status = init.status;
    this.code = init.code;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.innerError !== undefined) this.innerError = init.innerError;
  }
}

export function isGraphError(err: unknown): err is GraphError {
  return err instanceof GraphError;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value.length > 0 ? value : fallback;
}

function requestIdFrom(innerError: unknown): string | undefined {
  if (typeof innerError !== 'object' || innerError === null) return undefined;
  const id = (innerError as Record<string, unknown>)['request-id'];
  return typeof id === 'string' ? id : undefined;
}

const STATUS_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  410: 'Gone',
  412: 'PreconditionFailed',
  424: 'FailedDependency',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  501: 'NotImplemented',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

/**
 * Maps an unsuccessful answer (a whole response or one `$batch` sub-response) to a GraphError.
 * The body may be Graph's error object, text, or nothing.
 */
export function graphErrorFromResponse(o: {
  status: number;
  body: unknown;
  requestId?: string | undefined;
  retryAfterMs?: number | undefined;
}): GraphError {
  const parsed = typeof o.body === 'object' && o.body !== null ? (o.body as GraphErrorBody) : {};
  const err = parsed.error;
  const fallbackCode = STATUS_CODES[o.status] ?? `Http${o.status}`;
  const code = stringOr(err?.code, fallbackCode);
  const text = typeof o.body === 'string' && o.body.length > 0 ? o.body.slice(0, 500) : undefined;
  const message = stringOr(err?.message, text ?? `Graph answered ${o.status} ${code}`);
  return new GraphError({
    status: o.status,
    code,
    message,
    requestId: requestIdFrom(err?.innerError) ?? o.requestId,
    retryAfterMs: o.retryAfterMs,
    innerError: err?.innerError,
  });
}

export function networkError(cause: unknown, target: string): GraphError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new GraphError(
    { status: 0, code: 'NetworkError', message: `Could not reach Graph (${target}): ${reason}` },
    { cause },
  );
}

export function invalidRequest(message: string): GraphError {
  return new GraphError({ status: 400, code: 'InvalidRequest', message });
}

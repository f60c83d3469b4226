import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, stdSerializers, type Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export type { Logger };

/**
 * Paths whose values never reach the logs: tokens, secrets and anyone's reflection text. Bodies are
 * not logged at all (see `createRequestLogger`); these catch objects code logs on purpose.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  'accessToken',
  'access_token',
  'token',
  'assertion',
  'clientSecret',
  'client_secret',
  'clientState',
  'password',
  'reflection',
  'reflectionText',
  '*.accessToken',
  '*.access_token',
  '*.token',
  '*.assertion',
  '*.clientSecret',
  '*.client_secret',
  '*.clientState',
  '*.password',
  '*.reflection',
  '*.reflectionText',
  'body.reflection',
  'body.text',
];

interface QueryError {
  query: string;
  params: unknown;
}

function isQueryError(err: object): err is QueryError & Error {
  return 'query' in err && typeof err.query === 'string' && 'params' in err;
}

/**
 * Drizzle puts the query's parameters in the message of a failed query, and those parameters can
 * be a reflection someone was saving. Keep the SQL (ours, useful) and drop the values.
 */
function serializeError(err: unknown): unknown {
  if (!(err instanceof Error)) return err;
  const serialized = stdSerializers.err(err) as unknown as Record<string, unknown>;
  if (isQueryError(err)) {
    serialized.message = `Failed query: ${err.query}`;
    delete serialized.params;
    if (typeof serialized.stack === 'string')
      serialized.stack = serialized.stack.replace(/\nparams: [\s\S]*?(\n\s+at )/, '$1');
  }
  return serialized;
}

export function createLogger(o: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: o.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: undefined,
      serializers: { err: serializeError },
    },
    o.destination ?? process.stdout,
  );
}

/** Request ids clients may choose: short and plain, so they cannot forge log lines. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  query: Record<string, unknown>;
  remoteAddress: string;
}

/**
 * One log line per request with its id (`x-request-id` in and out), the caller's user id once
 * known, status and time. No bodies, no headers and no query values: tokens, Graph validation
 * tokens and reflections travel there.
 */
export function createRequestLogger(logger: Logger): RequestHandler {
  const middleware = pinoHttp<IncomingMessage, ServerResponse>({
    logger,
    genReqId(req, res) {
      const incoming = req.headers[REQUEST_ID_HEADER];
      const id =
        typeof incoming === 'string' && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    customLogLevel(_req, res, err) {
      if (err !== undefined || res.statusCode >= 500) return 'error';
      if (res.statusCode >= 400) return 'warn';
      return 'info';
    },
    customProps(_req, res) {
      const locals = (res as ServerResponse & { locals?: Record<string, unknown> }).locals;
      const principal = locals?.principal as { userId?: unknown } | undefined;
      return typeof principal?.userId === 'string' ? { userId: principal.userId } : {};
    },
    serializers: {
      req: (req: SerializedRequest) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
        queryKeys: Object.keys(req.query),
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return middleware as unknown as RequestHandler;
}

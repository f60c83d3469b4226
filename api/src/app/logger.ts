import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { pino, stdSerializers, type Logger } from 'pino';

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

type LogLevel = 'info' | 'warn' | 'error';

function levelOf(statusCode: number, failed: boolean): LogLevel {
  if (failed || statusCode >= 500) return 'error';
  if (statusCode >= 400) return 'warn';
  return 'info';
}

/** The request as logged: no headers and no query values (tokens and reflections travel there). */
function requestFields(req: IncomingMessage, id: string) {
  const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
  const query = (req as IncomingMessage & { query?: unknown }).query;
  return {
    id,
    method: req.method,
    path: url.split('?')[0],
    queryKeys: typeof query === 'object' && query !== null ? Object.keys(query) : [],
    remoteAddress: req.socket.remoteAddress,
  };
}

/**
 * One log line per request with its id (`x-request-id` in and out), the caller's user id once
 * known, status and time. No bodies, no headers and no query values: tokens, Graph validation
 * tokens and reflections travel there.
 *
 * Written by hand rather than with pino-http, which builds two child loggers per request (each
 * serialising the request) even when the level drops the line: a measurable share of the CPU of
 * a cheap API call. Here nothing is built unless the line is written.
 */
export function createRequestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers[REQUEST_ID_HEADER];
    const id =
      typeof incoming === 'string' && CLIENT_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, id);
    (req as typeof req & { id?: string }).id = id;
    if (req.url === '/healthz' || req.url === '/readyz') {
      next();
      return;
    }
    const started = Date.now();
    const done = (err?: unknown): void => {
      res.removeListener('close', done);
      res.removeListener('finish', done);
      res.removeListener('error', done);
      const failed = err instanceof Error;
      const level = levelOf(res.statusCode, failed);
      if (!logger.isLevelEnabled(level)) return;
      const principal = res.locals.principal as { userId?: unknown } | undefined;
      const line: Record<string, unknown> = {
        req: requestFields(req, id),
        ...(typeof principal?.userId === 'string' ? { userId: principal.userId } : {}),
        res: { statusCode: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (level === 'error') {
        line.err = failed ? err : new Error(`failed with status code ${res.statusCode}`);
        logger.error(line, 'request errored');
      } else logger[level](line, 'request completed');
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    next();
  };
}

import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from './logger.js';
import { ProblemError, problems } from './problem.js';

/** Turns a zod failure into the list of fields a client can show next to its inputs. */
export function validationProblem(error: ZodError, where: string): ProblemError {
  const errors = error.issues.map((i) => ({
    field: [where, ...i.path.map(String)].join('.'),
    message: i.message,
  }));
  const first = errors[0];
  return new ProblemError({
    status: 400,
    type: 'validation',
    title: 'The request is not valid',
    detail: first === undefined ? 'Invalid input' : `${first.field}: ${first.message}`,
    extensions: { errors },
  });
}

interface BodyParserError {
  type: string;
  status: number;
}

function isBodyParserError(err: unknown): err is BodyParserError {
  return (
    typeof err === 'object' &&
    err !== null &&
    typeof (err as { type?: unknown }).type === 'string' &&
    typeof (err as { status?: unknown }).status === 'number'
  );
}

/** PostgreSQL's SQLSTATE of a failed query, through the wrappers drivers and the ORM add. */
function sqlState(err: unknown): string | undefined {
  for (let e = err, depth = 0; typeof e === 'object' && e !== null && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The last line of defence for races a handler did not foresee: a unique violation means a twin
 * request won (409), a serialization failure or deadlock means trying again will work (503).
 * Handlers that know the resource involved answer with it before this is reached.
 */
function databaseProblem(err: unknown): ProblemError | undefined {
  const state = sqlState(err);
  if (state === '23505')
    return problems.conflict('This was already done by another request at the same time.');
  if (state === '40001' || state === '40P01')
    return new ProblemError({
      status: 503,
      type: 'busy',
      title: 'Try again',
      detail: 'A concurrent change got in the way; the request changed nothing.',
      extensions: { retryAfterSeconds: 1 },
    });
  return undefined;
}

function toProblem(err: unknown): ProblemError {
  if (err instanceof ProblemError) return err;
  const fromDatabase = databaseProblem(err);
  if (fromDatabase !== undefined) return fromDatabase;
  if (err instanceof ZodError) return validationProblem(err, 'body');
  // The router could not percent-decode a path parameter (`/programs/%FF`): the client's fault.
  if (err instanceof URIError) {
    return new ProblemError({
      status: 400,
      type: 'bad-request',
      title: 'The request could not be read',
      detail: 'A path segment is not valid percent-encoded UTF-8.',
    });
  }
  if (isBodyParserError(err)) {
    if (err.type === 'entity.too.large') {
      return new ProblemError({
        status: 413,
        type: 'payload-too-large',
        title: 'The request body is too large',
      });
    }
    if (err.type === 'entity.parse.failed') {
      return new ProblemError({
        status: 400,
        type: 'malformed-json',
        title: 'The request body is not valid JSON',
      });
    }
    if (err.status >= 400 && err.status < 500) {
      return new ProblemError({
        status: err.status,
        type: 'bad-request',
        title: 'The request could not be read',
      });
    }
  }
  return new ProblemError({
    status: 500,
    type: 'internal',
    title: 'Something went wrong on our side',
  });
}

/** The one place errors become responses: problem+json, no stack traces, server faults logged. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const problem = toProblem(err);
    if (problem.status >= 500) {
      logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    }
    if (res.headersSent) return;
    if (typeof problem.extensions.retryAfterSeconds === 'number' && !res.hasHeader('Retry-After'))
      res.setHeader('Retry-After', String(problem.extensions.retryAfterSeconds));
    if (problem.status === 401 && !res.hasHeader('WWW-Authenticate'))
      res.setHeader('WWW-Authenticate', 'Bearer');
    res
      .status(problem.status)
      .type('application/problem+json')
      .send(JSON.stringify(problem.toJSON(req.originalUrl)));
  };
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new ProblemError({
    status: 404,
    type: 'not-found',
    title: 'Not found',
    detail: `No route for ${req.method} ${req.path}`,
  });
};

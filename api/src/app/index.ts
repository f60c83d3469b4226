export { answerClientError } from './client-error.js';
export { createApp, FRAME_ANCESTORS } from './create-app.js';
export type { AppDeps, Readiness } from './create-app.js';
export { errorHandler, notFoundHandler, validationProblem } from './error-handler.js';
export {
  calendarDateSchema,
  EARLIEST_INSTANT,
  findUnstorableText,
  instantSchema,
  LATEST_INSTANT,
  refuseUnstorableText,
} from './input.js';
export { createLogger, REDACTED_PATHS } from './logger.js';
export type { Logger } from './logger.js';
export { ProblemError, problems, PROBLEM_TYPE_BASE } from './problem.js';
export type { ProblemInit } from './problem.js';
export { buildRouter, route } from './route-table.js';
export type { RouterOptions } from './route-table.js';
export {
  createIdempotency,
  IDEMPOTENCY_HEADER,
  REPLAYED_HEADER,
  requestFingerprint,
} from './idempotency.js';
export type { Idempotency, IdempotencyOptions } from './idempotency.js';
export { createSharedRateLimitStore } from './shared-rate-limit.js';
export type { SharedRateLimitStore } from './shared-rate-limit.js';
export type {
  AccessControl,
  AccessRule,
  HttpMethod,
  Principal,
  PublicRouteDef,
  RouteDef,
  RouteInput,
  RouteResult,
  SignedInRouteDef,
} from './route-table.js';
export type { Services } from './services.js';

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

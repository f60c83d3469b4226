export type { TokenProvider } from './token-provider.js';
export {
  createClientCredentialsTokenProvider,
  type ClientCertificate,
  type ClientCredentialsOptions,
} from './client-credentials-token-provider.js';
export {
  createLocalTokenProvider,
  type LocalTokenProviderOptions,
} from './local-token-provider.js';
export { GraphError, isGraphError } from './graph-error.js';
export type { GraphLogger } from './graph-logger.js';
export type { GraphStats } from './graph-stats.js';
export type { BatchRequest, BatchResponse, HttpMethod } from './graph-batch.js';
export { graphPath } from './graph-url.js';
export {
  createGraphClient,
  type ActivityNotification,
  type CalendarRangeOptions,
  type CreateEventOptions,
  type DeltaUser,
  type EventWithTransaction,
  type GetScheduleOptions,
  type GraphClient,
  type GraphClientOptions,
  type GraphRequestOptions,
  type UsersDeltaPage,
} from './graph-client.js';

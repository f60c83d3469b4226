export type { TokenProvider } from './token-provider.js';
export { createClientCredentialsTokenProvider } from './client-credentials-token-provider.js';
export { createLocalTokenProvider } from './local-token-provider.js';
export { GraphError, isGraphError } from './graph-error.js';
export { createGraphClient, type EventWithTransaction, type GraphClient } from './graph-client.js';

export { createApiClient, type ApiClient, type ApiClientOptions } from './api-client.js';
export { ApiError, problemFromResponse } from './api-error.js';
export { ApiProvider, useApi } from './api-context.js';
export { useResource, type Resource } from './use-resource.js';
export { useSubmit, type Submit } from './use-submit.js';
// The API's contract: its types and the few values the tab shares with it (see contract.ts).
export * from './contract.js';

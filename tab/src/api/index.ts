export { createApiClient, type ApiClient, type ApiClientOptions } from './api-client.js';
export { ApiError, problemFromResponse } from './api-error.js';
export { ApiProvider, useApi } from './api-context.js';
export { useResource, type Resource } from './use-resource.js';
export { useSubmit, type Submit } from './use-submit.js';
export type * from './contract.js';
export {
  DEFAULT_TOPICS,
  ELIGIBILITY_FIELDS,
  GUIDE_LIMITS,
  PEOPLE_SEARCH_LIMITS,
  CAREER_LEVELS,
  careerLevelLabel,
  RULE_LIMITS,
  ruleLimitProblem,
  SCORE_PARTS,
  scorePartLabel,
  TOPIC_LIMITS,
  tabPaths,
  tabUrl,
  topicName,
} from './contract.js';

// The tab builds against the API's own contract so both sides break together.
export type * from '../../../api/src/contract/index.js';
export { DEFAULT_TOPICS, tabPaths, tabUrl } from '../../../api/src/contract/index.js';

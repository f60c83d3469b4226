export {
  JobRunner,
  enqueueJob,
  requeueJob,
  PermanentJobError,
  RetryLaterError,
  rowsOf,
} from './job-runner.js';
export { seriesBookJob } from './job-kinds.js';
export type { JobHandlers, JobKind } from './job-kinds.js';
export type { JobContext, JobHandler, EnqueueOptions } from './job-runner.js';

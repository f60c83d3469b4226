export {
  JobRunner,
  enqueueJob,
  requeueJob,
  PermanentJobError,
  RetryLaterError,
  rowsOf,
} from './job-runner.js';
export type { JobHandlers, JobKind, JobPayloads } from './job-kinds.js';
export type {
  AnyJobs,
  JobContext,
  JobHandler,
  JobRow,
  JobRunnerOptions,
  EnqueueOptions,
} from './job-runner.js';

export {
  JobRunner,
  enqueueJob,
  requeueJob,
  PermanentJobError,
  RetryLaterError,
  rowsOf,
} from './job-runner.js';
export type {
  JobContext,
  JobHandler,
  JobRow,
  JobRunnerOptions,
  EnqueueOptions,
} from './job-runner.js';

// The one schema of the application. Each concept adds its tables in a file here and exports it.
export * from './org.js';
export * from './jobs.js';
export * from './audit.js';
export * from './programs.js';
export * from './guides.js';
export * from './feedback.js';
export * from './notifications.js';
export * from './matching.js';
export * from './programs-extra.js';
export * from './scheduling.js';
export * from './outcomes.js';
export * from './edge.js';

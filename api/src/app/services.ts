import type { Logger } from './logger.js';
import type { Config } from '../config/index.js';
import type { GraphClient } from '../graph/index.js';
import type { EnqueueOptions } from '../jobs/index.js';
import type { LocalTenant } from '../local-tenant/index.js';
import type { Db } from '../store/index.js';

/**
 * The collaborators every concept's routes and job handlers receive. Built once by `server.ts`
 * from real parts, and by tests from an in-memory store and the local tenant.
 */
export interface Services {
  db: Db;
  graph: GraphClient;
  logger: Logger;
  config: Config;
  /** The clock; tests move it. */
  now(): Date;
  /** Enqueues a durable job (once per kind + key) and wakes the worker. */
  enqueue(o: EnqueueOptions): Promise<void>;
  /** The in-process local tenant, when the app runs on one (dev sign-in issues tokens through it). */
  localTenant: LocalTenant | undefined;
  /** Public base URL of the app (deep links in invites), e.g. http://127.0.0.1:3978. */
  publicUrl(): string;
}

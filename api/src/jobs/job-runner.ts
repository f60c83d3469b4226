import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../store/index.js';
import { coalescePerDb, jobs } from '../store/index.js';
import type { JobPayloads } from './job-kinds.js';

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  job: JobRow;
  /** Saves progress so that a resumed job (after a crash) continues from here. */
  checkpoint(data: Record<string, unknown>): Promise<void>;
  /** Extends the lease for long steps so no other worker takes the job over. */
  heartbeat(): Promise<void>;
  signal: AbortSignal;
}

export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown> | void>;

/** A failure that retrying cannot fix (bad input, forbidden): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentJobError';
  }
}

/** A failure that asks to be retried no sooner than `retryAfterMs` (throttling). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

interface EnqueueTiming {
  key: string;
  /** Earliest run, by the queue's clock (the database's). */
  runAfter?: Date;
  /**
   * Earliest run as a delay from now by the queue's clock. Domain code computes delays with its
   * injected clock (which tests move) and leaves the wall time to the queue.
   */
  delayMs?: number;
  maxAttempts?: number;
}

/**
 * A job to queue: one of the kinds in `Jobs` (the product's `JobPayloads` unless a test of the
 * runner brings its own) with that kind's payload.
 */
export type EnqueueOptions<Jobs extends object = JobPayloads> = {
  [K in keyof Jobs & string]: EnqueueTiming & { kind: K; payload?: Jobs[K] };
}[keyof Jobs & string];

/** Any kind, any payload: for tests of the runner itself. */
export type AnyJobs = Record<string, Record<string, unknown>>;

function runAfterOf(o: EnqueueTiming): Date {
  if (o.runAfter !== undefined) return o.runAfter;
  return new Date(Date.now() + Math.max(0, o.delayMs ?? 0));
}

type JobId = { id: number; created: boolean };
type Queued = {
  kind: string;
  key: string;
  payload: Record<string, unknown>;
  runAfter: Date;
  maxAttempts: number;
};
const jobKey = (j: { kind: string; key: string }): string => `${j.kind}\u0000${j.key}`;

/**
 * Inserts the jobs not queued yet in one statement: one job per (kind, key), the first asked
 * for winning. Rows go in (kind, key) order so that two workers inserting overlapping jobs take
 * the unique index's locks in the same order and never wait on each other in a cycle.
 */
async function enqueueMany(db: Db, asked: Queued[]): Promise<JobId[]> {
  const unique = new Map<string, Queued>();
  for (const j of asked) if (!unique.has(jobKey(j))) unique.set(jobKey(j), j);
  const rows = [...unique.values()].sort((a, b) =>
    a.kind === b.kind ? (a.key < b.key ? -1 : 1) : a.kind < b.kind ? -1 : 1,
  );
  const inserted = await db
    .insert(jobs)
    .values(rows)
    .onConflictDoNothing({ target: [jobs.kind, jobs.key] })
    .returning({ id: jobs.id, kind: jobs.kind, key: jobs.key });
  const created = new Map(inserted.map((r) => [jobKey(r), r.id]));
  const there = new Map<string, number>();
  const missing = rows.filter((r) => !created.has(jobKey(r)));
  if (missing.length > 0) {
    const found = await db
      .select({ id: jobs.id, kind: jobs.kind, key: jobs.key })
      .from(jobs)
      .where(
        sql`(${jobs.kind}, ${jobs.key}) in (${sql.join(
          missing.map((r) => sql`(${r.kind}, ${r.key})`),
          sql`, `,
        )})`,
      );
    for (const r of found) there.set(jobKey(r), r.id);
  }
  const answered = new Set<string>();
  return asked.map((j) => {
    const k = jobKey(j);
    const fresh = created.get(k);
    const first = !answered.has(k);
    answered.add(k);
    if (fresh !== undefined) return { id: fresh, created: first };
    const id = there.get(k);
    if (id === undefined) throw new Error(`job ${j.kind}/${j.key} vanished while enqueueing`);
    return { id, created: false };
  });
}

/** Jobs queued on the same database in the same turn (concurrent jobs' follow-ups) share one insert. */
const enqueueCoalesced = coalescePerDb(enqueueMany);

/** Enqueues a job once per (kind, key); returns the job id whether it was new or already there. */
export async function enqueueJob<Jobs extends object = JobPayloads>(
  db: Db,
  o: EnqueueOptions<NoInfer<Jobs>>,
): Promise<JobId> {
  return enqueueCoalesced(db, {
    kind: o.kind,
    key: o.key,
    payload: (o.payload ?? {}) as Record<string, unknown>,
    runAfter: runAfterOf(o),
    maxAttempts: o.maxAttempts ?? 8,
  });
}

/** Puts a finished job of (kind, key) back in the queue, e.g. a periodic sync's next run. */
export async function requeueJob<Jobs extends object = JobPayloads>(
  db: Db,
  o: EnqueueOptions<NoInfer<Jobs>>,
): Promise<number> {
  const { id, created } = await enqueueJob<Jobs>(db, o);
  if (!created) {
    await db
      .update(jobs)
      .set({
        status: 'queued',
        attempts: 0,
        runAfter: runAfterOf(o),
        payload: (o.payload ?? {}) as Record<string, unknown>,
        checkpoint: null,
        lastError: null,
        updatedAt: new Date(),
        finishedAt: null,
      })
      .where(and(eq(jobs.id, id), sql`${jobs.status} in ('succeeded', 'failed', 'cancelled')`));
  }
  return id;
}

export interface JobRunnerOptions {
  db: Db;
  handlers: Record<string, JobHandler>;
  /** How long a claimed job belongs to this worker without a heartbeat. */
  leaseMs?: number;
  /** Jobs run at once by this worker. */
  concurrency?: number;
  pollIntervalMs?: number;
  workerId?: string;
  logger?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Backoff for attempt n (1-based) when the error gives no hint. */
  backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number): number => Math.min(60_000, 500 * 2 ** (attempt - 1));

/**
 * Claims jobs from the database with FOR UPDATE SKIP LOCKED, so any number of workers in any number
 * of processes share them. A job whose worker died is taken over when its lease runs out.
 */
export class JobRunner {
  private readonly db: Db;
  private readonly handlers: Record<string, JobHandler>;
  private readonly leaseMs: number;
  /** Jobs this worker runs at once. */
  readonly concurrency: number;
  /** Free slots at which more jobs are claimed, so that jobs start in groups. */
  private readonly refillAt: number;
  private readonly pollIntervalMs: number;
  readonly workerId: string;
  private readonly logger: JobRunnerOptions['logger'];
  private readonly backoffMs: (attempt: number) => number;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly abort = new AbortController();
  private wake: (() => void) | undefined;
  /** Jobs of this worker that succeeded in the same turn are recorded in one statement. */
  private readonly finish = coalescePerDb(
    async (db, done: { id: number; result: Record<string, unknown> | null }[]) => {
      const ids = done.map((d) => d.id);
      const results = done.map((d) => JSON.stringify(d.result));
      const at = new Date().toISOString();
      await db.execute(sql`
        update ${jobs} set
          status = 'succeeded',
          result = nullif(v.result, 'null')::jsonb,
          last_error = null,
          locked_by = null,
          locked_until = null,
          updated_at = ${at}::timestamptz,
          finished_at = ${at}::timestamptz
        from unnest(${sql.param(ids)}::bigint[], ${sql.param(results)}::text[]) as v(id, result)
        where ${jobs.id} = v.id and ${jobs.lockedBy} = ${this.workerId}`);
      return done.map(() => undefined);
    },
  );

  constructor(o: JobRunnerOptions) {
    this.db = o.db;
    this.handlers = o.handlers;
    this.leaseMs = o.leaseMs ?? 60_000;
    this.concurrency = o.concurrency ?? 4;
    this.refillAt = Math.max(1, Math.floor(this.concurrency / 2));
    this.pollIntervalMs = o.pollIntervalMs ?? 1_000;
    this.workerId = o.workerId ?? `worker-${randomUUID()}`;
    this.logger = o.logger;
    this.backoffMs = o.backoffMs ?? defaultBackoff;
  }

  /** Claims up to `limit` runnable jobs of the known kinds. */
  async claim(limit: number): Promise<JobRow[]> {
    const kinds = Object.keys(this.handlers);
    if (kinds.length === 0 || limit <= 0) return [];
    const result = await this.db.execute(sql`
      update ${jobs} set
        status = 'running',
        locked_by = ${this.workerId},
        locked_until = now() + make_interval(secs => ${this.leaseMs / 1000}),
        attempts = ${jobs.attempts} + 1,
        updated_at = now()
      where ${jobs.id} in (
        select id from ${jobs}
        where kind in (${sql.join(
          kinds.map((k) => sql`${k}`),
          sql`, `,
        )})
          and run_after <= now()
          and (status = 'queued' or (status = 'running' and locked_until < now()))
        order by run_after, id
        limit ${limit}
        for update skip locked
      )
      returning id`);
    const ids = rowsOf(result).map((r) => Number(r.id));
    if (ids.length === 0) return [];
    const rows = await this.db
      .select()
      .from(jobs)
      .where(
        sql`${jobs.id} in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})`,
      );
    return rows.sort((a, b) => a.id - b.id);
  }

  /** Runs one claimed job to completion (or failure) and records the outcome. */
  async execute(job: JobRow): Promise<void> {
    const handler = this.handlers[job.kind];
    if (handler === undefined) return;
    const ownJob = and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.workerId));
    const ctx: JobContext = {
      job,
      signal: this.abort.signal,
      checkpoint: async (data) => {
        job.checkpoint = data;
        await this.db
          .update(jobs)
          .set({
            checkpoint: data,
            updatedAt: new Date(),
            lockedUntil: sql`now() + make_interval(secs => ${this.leaseMs / 1000})`,
          })
          .where(ownJob);
      },
      heartbeat: async () => {
        await this.db
          .update(jobs)
          .set({ lockedUntil: sql`now() + make_interval(secs => ${this.leaseMs / 1000})` })
          .where(ownJob);
      },
    };
    try {
      const result = await handler(ctx);
      await this.finish(this.db, { id: job.id, result: result ?? null });
    } catch (error) {
      // Stopped mid-job (the handler gave up on the abort): cut short, not tried; back to the queue.
      const verdict = error instanceof PermanentJobError || error instanceof RetryLaterError;
      if (this.abort.signal.aborted && !verdict) return this.release([job.id]);
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentJobError;
      const exhausted = job.attempts >= job.maxAttempts;
      if (permanent || exhausted) {
        this.logger?.warn(
          { jobId: job.id, kind: job.kind, key: job.key, err: message },
          'job failed',
        );
        await this.db
          .update(jobs)
          .set({
            status: 'failed',
            lastError: message,
            lockedBy: null,
            lockedUntil: null,
            updatedAt: new Date(),
            finishedAt: new Date(),
          })
          .where(ownJob);
        return;
      }
      const delay =
        error instanceof RetryLaterError ? error.retryAfterMs : this.backoffMs(job.attempts);
      await this.db
        .update(jobs)
        .set({
          status: 'queued',
          lastError: message,
          lockedBy: null,
          lockedUntil: null,
          runAfter: new Date(Date.now() + delay),
          updatedAt: new Date(),
        })
        .where(ownJob);
    }
  }

  /**
   * Runs jobs until none is runnable now (ignores jobs scheduled for later). For the CLI and tests.
   * Returns how many jobs were executed.
   */
  async runUntilIdle(o: { maxJobs?: number } = {}): Promise<number> {
    let executed = 0;
    const max = o.maxJobs ?? Number.POSITIVE_INFINITY;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const room = Math.min(this.concurrency - inFlight.size, max - executed);
      // Jobs are started in groups, not one as each finishes: jobs started together share their
      // statements (`coalescePerDb`), and one group's database work overlaps another's waiting.
      if (room > 0 && (inFlight.size === 0 || room >= this.refillAt)) {
        const batch = await this.claim(room);
        executed += batch.length;
        for (const job of batch) {
          const p: Promise<void> = this.execute(job).finally(() => inFlight.delete(p));
          inFlight.add(p);
        }
        if (inFlight.size === 0) return executed;
        // Nothing more runnable now: what is running may queue more (or come back throttled).
        if (batch.length === 0) await Promise.all(inFlight);
        else await Promise.race(inFlight);
      } else if (inFlight.size === 0) {
        return executed;
      } else {
        await Promise.race(inFlight);
      }
    }
  }

  /** Claimed jobs back to the queue at once, attempt uncounted: a crash leaves them to the lease. */
  private async release(ids: number[]): Promise<void> {
    await this.db.execute(sql`
      update ${jobs} set status = 'queued', locked_by = null, locked_until = null,
        attempts = greatest(attempts - 1, 0), updated_at = now()
      where ${inArray(jobs.id, ids)} and ${jobs.lockedBy} = ${this.workerId}`);
  }

  /** Starts polling in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.poll();
  }

  /** Nudges a sleeping worker, e.g. right after enqueueing. */
  notify(): void {
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.abort.abort();
    this.wake?.();
    await this.loop;
  }

  private async poll(): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      try {
        const free = this.concurrency - inFlight.size;
        const batch = free > 0 ? await this.claim(free) : [];
        if (!this.running) {
          if (batch.length > 0) await this.release(batch.map((j) => j.id)); // claimed as it stopped
          break;
        }
        for (const job of batch) {
          const p: Promise<void> = this.execute(job)
            .catch((err: unknown) => {
              this.logger?.warn({ jobId: job.id, err: String(err) }, 'job bookkeeping failed');
            })
            .finally(() => {
              inFlight.delete(p);
              this.wake?.();
            });
          inFlight.add(p);
        }
        if (batch.length === 0 || inFlight.size >= this.concurrency) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.pollIntervalMs);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = undefined;
        }
      } catch (err) {
        if (!this.running) break;
        this.logger?.warn({ err: String(err) }, 'job polling failed; retrying');
        await new Promise((r) => setTimeout(r, this.pollIntervalMs));
      }
    }
    await Promise.allSettled(inFlight);
  }
}

/** `db.execute` returns `{ rows }` on both drivers; this reads it without trusting the shape. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  if (typeof result === 'object' && result !== null && 'rows' in result) {
    const rows = (result as { rows: unknown }).rows;
    if (Array.isArray(rows)) return rows as Record<string, unknown>[];
  }
  return [];
}

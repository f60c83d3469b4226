import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { useTestStore } from '../testing/store-world.js';
import { jobs } from '../store/index.js';
import type { AnyJobs } from './job-runner.js';
import {
  JobRunner,
  PermanentJobError,
  RetryLaterError,
  enqueueJob,
  requeueJob,
} from './job-runner.js';

describe('durable job runner', () => {
  const store = useTestStore();
  beforeEach(async () => {
    await store.db.delete(jobs);
  });

  it('enqueues a (kind, key) once however often it is asked', async () => {
    const a = await enqueueJob<AnyJobs>(store.db, { kind: 'book', key: 'pair-1' });
    const b = await enqueueJob<AnyJobs>(store.db, { kind: 'book', key: 'pair-1' });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    expect(await store.db.select().from(jobs)).toHaveLength(1);
  });

  it('runs a job once and records its result', async () => {
    const seen: string[] = [];
    const runner = new JobRunner({
      db: store.db,
      handlers: {
        hello: async ({ job }) => {
          seen.push(String(job.payload.name));
          return { greeted: job.payload.name };
        },
      },
    });
    await enqueueJob<AnyJobs>(store.db, { kind: 'hello', key: '1', payload: { name: 'Ada' } });
    expect(await runner.runUntilIdle()).toBe(1);
    expect(await runner.runUntilIdle()).toBe(0);
    const [row] = await store.db.select().from(jobs);
    expect(seen).toEqual(['Ada']);
    expect(row?.status).toBe('succeeded');
    expect(row?.result).toEqual({ greeted: 'Ada' });
  });

  it('retries a failing job later and fails a permanent error at once', async () => {
    let calls = 0;
    const runner = new JobRunner({
      db: store.db,
      backoffMs: () => 0,
      handlers: {
        flaky: async () => {
          calls += 1;
          if (calls < 3) throw new Error('try again');
        },
        broken: async () => {
          throw new PermanentJobError('bad input');
        },
      },
    });
    await enqueueJob<AnyJobs>(store.db, { kind: 'flaky', key: '1' });
    await enqueueJob<AnyJobs>(store.db, { kind: 'broken', key: '1' });
    await runner.runUntilIdle();
    const rows = await store.db.select().from(jobs).orderBy(jobs.kind);
    expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
      ['broken', 'failed', 1],
      ['flaky', 'succeeded', 3],
    ]);
    expect(rows[0]?.lastError).toBe('bad input');
  });

  it('waits as long as a throttled job asks before trying again', async () => {
    const runner = new JobRunner({
      db: store.db,
      handlers: {
        throttled: async () => {
          throw new RetryLaterError('429', 60_000);
        },
      },
    });
    await enqueueJob<AnyJobs>(store.db, { kind: 'throttled', key: '1' });
    expect(await runner.runUntilIdle()).toBe(1);
    const [row] = await store.db.select().from(jobs);
    expect(row?.status).toBe('queued');
    expect(row?.runAfter.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });

  it('resumes a job whose worker died from its last checkpoint', async () => {
    const { id } = await enqueueJob<AnyJobs>(store.db, { kind: 'steps', key: '1' });
    const done: number[] = [];
    const dying = new JobRunner({
      db: store.db,
      leaseMs: 1,
      handlers: { steps: async () => undefined },
    });
    const [claimed] = await dying.claim(1);
    expect(claimed?.id).toBe(id);
    // The worker saved step 1 and then the process was killed: no success or failure recorded.
    await store.db
      .update(jobs)
      .set({ checkpoint: { step: 1 } })
      .where(eq(jobs.id, id));
    await new Promise((r) => setTimeout(r, 20));

    const rescuer = new JobRunner({
      db: store.db,
      handlers: {
        steps: async (ctx) => {
          const from = Number(ctx.job.checkpoint?.step ?? 0);
          for (let step = from + 1; step <= 3; step += 1) {
            done.push(step);
            await ctx.checkpoint({ step });
          }
        },
      },
    });
    expect(await rescuer.runUntilIdle()).toBe(1);
    expect(done).toEqual([2, 3]);
    const [row] = await store.db.select().from(jobs);
    expect(row?.status).toBe('succeeded');
    expect(row?.attempts).toBe(2);
  });

  it('a stopped worker records the job it finished and gives back the one it was cut short in, at once, for another worker to run once', async () => {
    const started: string[] = [];
    let bothStarted: () => void = () => undefined;
    const running = new Promise<void>((resolve) => (bothStarted = resolve));
    const ranToTheEnd: string[] = [];
    const stopping = new JobRunner({
      db: store.db,
      concurrency: 2,
      leaseMs: 60_000,
      handlers: {
        // Honours the abort: stops half-way.
        long: ({ signal }) =>
          new Promise((_resolve, reject) => {
            if (started.push('long') === 2) bothStarted();
            signal.addEventListener('abort', () => reject(new Error('stopped half-way')));
          }),
        // Already at its last step when the stop comes: it finishes.
        short: async () => {
          if (started.push('short') === 2) bothStarted();
          await new Promise((r) => setTimeout(r, 50));
          return { done: true };
        },
      },
    });
    await enqueueJob<AnyJobs>(store.db, { kind: 'long', key: '1' });
    await enqueueJob<AnyJobs>(store.db, { kind: 'short', key: '1' });
    stopping.start();
    await running;
    await stopping.stop();
    const left = await store.db.select().from(jobs).orderBy(jobs.kind);
    expect(left.map((r) => [r.kind, r.status, r.lockedBy, r.attempts, r.lastError])).toEqual([
      ['long', 'queued', null, 0, null],
      ['short', 'succeeded', null, 1, null],
    ]);
    expect(left[0]?.runAfter.getTime()).toBeLessThanOrEqual(Date.now());

    const other = new JobRunner({
      db: store.db,
      leaseMs: 60_000,
      handlers: { long: async () => void ranToTheEnd.push('long') },
    });
    expect(await other.runUntilIdle()).toBe(1);
    expect(await other.runUntilIdle()).toBe(0);
    expect(ranToTheEnd).toEqual(['long']);
    const [long] = await store.db.select().from(jobs).where(eq(jobs.kind, 'long'));
    expect([long?.status, long?.attempts]).toEqual(['succeeded', 1]);
  });

  it('a worker stopped while it claims gives the claimed jobs back unstarted', async () => {
    const ranBy: string[] = [];
    await enqueueJob<AnyJobs>(store.db, { kind: 'task', key: '1' });
    const stopping = new JobRunner({
      db: store.db,
      leaseMs: 60_000,
      handlers: { task: async () => void ranBy.push('stopping') },
    });
    stopping.start(); // its first claim is on its way
    await stopping.stop();
    const other = new JobRunner({
      db: store.db,
      handlers: { task: async () => void ranBy.push('other') },
    });
    expect(await other.runUntilIdle()).toBe(1);
    expect(ranBy).toEqual(['other']);
    const [row] = await store.db.select().from(jobs);
    expect([row?.status, row?.attempts]).toEqual(['succeeded', 1]);
  });

  it('never gives one job to two workers at once', async () => {
    for (let i = 0; i < 30; i += 1)
      await enqueueJob<AnyJobs>(store.db, { kind: 'count', key: String(i) });
    const runs = new Map<string, number>();
    const handler = async ({ job }: { job: { key: string } }) => {
      runs.set(job.key, (runs.get(job.key) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 2));
    };
    const a = new JobRunner({ db: store.db, concurrency: 3, handlers: { count: handler } });
    const b = new JobRunner({ db: store.db, concurrency: 3, handlers: { count: handler } });
    const [na, nb] = await Promise.all([a.runUntilIdle(), b.runUntilIdle()]);
    expect(na + nb).toBe(30);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(runs.size).toBe(30);
  });

  it('puts a finished periodic job back in the queue', async () => {
    const runner = new JobRunner({ db: store.db, handlers: { sync: async () => undefined } });
    await requeueJob<AnyJobs>(store.db, { kind: 'sync', key: 'org' });
    await runner.runUntilIdle();
    await requeueJob<AnyJobs>(store.db, { kind: 'sync', key: 'org' });
    const [row] = await store.db.select().from(jobs);
    expect(row?.status).toBe('queued');
    expect(await runner.runUntilIdle()).toBe(1);
  });

  it('a background worker picks up work as it arrives', async () => {
    const seen: string[] = [];
    const runner = new JobRunner({
      db: store.db,
      pollIntervalMs: 10,
      handlers: { bg: async ({ job }) => void seen.push(job.key) },
    });
    runner.start();
    await enqueueJob<AnyJobs>(store.db, { kind: 'bg', key: 'x' });
    runner.notify();
    for (let i = 0; i < 100 && seen.length === 0; i += 1)
      await new Promise((r) => setTimeout(r, 10));
    await runner.stop();
    expect(seen).toEqual(['x']);
  });
});

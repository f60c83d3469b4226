import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import type { JobRunner } from '../jobs/index.js';
import type { Db } from '../store/index.js';
import { jobs } from '../store/index.js';

/**
 * Runs jobs of these kinds until none is left, waiting out the ones that asked to come back
 * later (throttling) or whose lease a dead worker still holds. For the CLI, the bench and tests;
 * the server's own worker polls instead.
 */
export async function runJobsToCompletion(
  db: Db,
  runner: JobRunner,
  kinds: readonly string[],
  o: { timeoutMs?: number; horizonMs?: number } = {},
): Promise<number> {
  // Jobs scheduled further ahead than this (a rebooking a week before its session) are left queued.
  const horizonSecs = (o.horizonMs ?? 120_000) / 1000;
  const deadline = Date.now() + (o.timeoutMs ?? 10 * 60_000);
  let executed = 0;
  for (;;) {
    executed += await runner.runUntilIdle();
    const [next] = await db
      .select({
        at: sql<string>`min(case when ${jobs.status} = 'running' then ${jobs.lockedUntil} else ${jobs.runAfter} end)`,
        n: sql<number>`count(*)::int`,
      })
      .from(jobs)
      .where(
        and(
          inArray(jobs.kind, [...kinds]),
          or(
            eq(jobs.status, 'running'),
            and(
              eq(jobs.status, 'queued'),
              lte(jobs.runAfter, sql`now() + make_interval(secs => ${horizonSecs})`),
            ),
          ),
        ),
      );
    if (next === undefined || Number(next.n) === 0) return executed;
    if (Date.now() > deadline) {
      throw new Error(`jobs still pending after ${o.timeoutMs ?? 600_000} ms`);
    }
    const at = next.at === null ? Date.now() : new Date(next.at).getTime();
    const wait = Math.min(1_000, Math.max(5, at - Date.now()));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

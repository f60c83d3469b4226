import { and, eq, lt, sql } from 'drizzle-orm';
import type { Options, Store } from 'express-rate-limit';
import { rateLimitCounters, type Db } from '../store/index.js';

/**
 * Rate-limit counters kept in PostgreSQL, so every API instance behind the load balancer draws on
 * one budget per caller: without it, N instances would each allow the full limit. Fixed windows
 * (aligned to multiples of the window, so all instances agree on the current one), counted with
 * one atomic upsert per request; past windows are deleted by `purgeExpired`.
 */
export interface SharedRateLimitStore extends Store {
  /** Deletes the counters of windows that have ended; returns how many. */
  purgeExpired(): Promise<number>;
}

export function createSharedRateLimitStore(o: {
  db: Db;
  now?: () => number;
}): SharedRateLimitStore {
  const now = o.now ?? Date.now;
  let windowMs = 60_000;
  const windowStart = (): Date => new Date(Math.floor(now() / windowMs) * windowMs);

  return {
    localKeys: false,
    init(options: Options) {
      windowMs = options.windowMs;
    },
    async increment(key) {
      const start = windowStart();
      const [row] = await o.db
        .insert(rateLimitCounters)
        .values({ key, windowStart: start, hits: 1 })
        .onConflictDoUpdate({
          target: [rateLimitCounters.key, rateLimitCounters.windowStart],
          set: { hits: sql`${rateLimitCounters.hits} + 1` },
        })
        .returning({ hits: rateLimitCounters.hits });
      return {
        totalHits: row?.hits ?? 1,
        resetTime: new Date(start.getTime() + windowMs),
      };
    },
    async get(key) {
      const start = windowStart();
      const [row] = await o.db
        .select({ hits: rateLimitCounters.hits })
        .from(rateLimitCounters)
        .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, start)));
      return row === undefined
        ? undefined
        : { totalHits: row.hits, resetTime: new Date(start.getTime() + windowMs) };
    },
    async decrement(key) {
      await o.db
        .update(rateLimitCounters)
        .set({ hits: sql`greatest(${rateLimitCounters.hits} - 1, 0)` })
        .where(
          and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, windowStart())),
        );
    },
    async resetKey(key) {
      await o.db.delete(rateLimitCounters).where(eq(rateLimitCounters.key, key));
    },
    async purgeExpired() {
      const gone = await o.db
        .delete(rateLimitCounters)
        .where(lt(rateLimitCounters.windowStart, new Date(now() - windowMs)))
        .returning({ key: rateLimitCounters.key });
      return gone.length;
    },
  };
}

import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { idempotencyKeys, type Db } from '../store/index.js';
import { canonicalJson } from './canonical-json.js';
import { ProblemError, problems } from './problem.js';

/**
 * `Idempotency-Key` on the admin writes that create things, as Stripe defines it: the first
 * request with a key runs; a retry with the same key and the same request gets the first answer
 * (status and body, marked `Idempotent-Replayed: true`) and creates nothing; the same key with a
 * different request is a 422. Requests that arrive while the first still runs wait for its answer.
 *
 * Claim-then-fill: the key is claimed (a row under a primary key, so exactly one of N concurrent
 * requests owns it) before the write runs, and filled with the answer after. A write that fails
 * releases its claim, so a retry may run it again (it changed nothing). An instance that dies
 * between the write and the fill leaves a claim without an answer; after `leaseMs` a retry takes
 * it over and runs the write again. Keys expire after `ttlMs` (24 hours) and are then deleted.
 */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotent-Replayed';

export interface IdempotencyOptions {
  db: Db;
  now?: () => Date;
  /** How long an answer is kept and replayed. Default 24 hours. */
  ttlMs?: number;
  /** How long a claim without an answer holds before a retry may take it over. Default 60 s. */
  leaseMs?: number;
  /** How long a concurrent duplicate waits for the first answer before a 409. Default 10 s. */
  waitMs?: number;
}

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotentRequest {
  /** `tenantId:userId` of the caller: keys never cross callers. */
  caller: string;
  key: string;
  /** Method, route and the request's parameters and body, from `requestFingerprint`. */
  fingerprint: string;
}

export interface Idempotency {
  /**
   * Runs `write` once per caller and key: returns its answer, or the stored first answer
   * (`replayed: true`) for a repeat. Throws 422 for the same key with another request, and 409
   * when the first request is still running after the wait.
   */
  run(
    request: IdempotentRequest,
    write: () => Promise<StoredAnswer>,
  ): Promise<StoredAnswer & { replayed: boolean }>;
  /** Deletes expired keys; returns how many. */
  purgeExpired(): Promise<number>;
}

const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

/** The header's value, checked: 1–255 printable ASCII characters (Stripe's limit). */
export function parseIdempotencyKey(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!KEY_SHAPE.test(value))
    throw problems.badRequest(
      'The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces.',
      { errors: [{ field: 'header.Idempotency-Key', message: 'not a valid key' }] },
    );
  return value;
}

/** The same request however its JSON members were ordered; another route or body differs. */
export function requestFingerprint(o: {
  method: string;
  route: string;
  params: unknown;
  body: unknown;
}): string {
  const hash = createHash('sha256')
    .update(canonicalJson({ params: o.params, body: o.body ?? null }))
    .digest('base64url');
  return `${o.method.toUpperCase()} ${o.route} ${hash}`;
}

function keyReused(): ProblemError {
  return new ProblemError({
    status: 422,
    type: 'idempotency-key-reused',
    title: 'Idempotency-Key already used for another request',
    detail:
      'This Idempotency-Key was sent before with a different request. Use a new key for a new request.',
  });
}

function keyInUse(): ProblemError {
  return new ProblemError({
    status: 409,
    type: 'idempotency-key-in-use',
    title: 'A request with this Idempotency-Key is still running',
    detail: 'Retry after the time in Retry-After to get its answer.',
    extensions: { retryAfterSeconds: 1 },
  });
}

export function createIdempotency(o: IdempotencyOptions): Idempotency {
  const now = o.now ?? (() => new Date());
  const ttlMs = o.ttlMs ?? 24 * 3600_000;
  const leaseMs = o.leaseMs ?? 60_000;
  const waitMs = o.waitMs ?? 10_000;
  const { db } = o;
  const at = (msAgo: number): Date => new Date(now().getTime() - msAgo);
  const where = (r: IdempotentRequest) =>
    and(eq(idempotencyKeys.caller, r.caller), eq(idempotencyKeys.key, r.key));

  /** Claims the key, or takes over an expired key or an abandoned claim. True when now ours. */
  async function claim(r: IdempotentRequest): Promise<boolean> {
    const rows = await db
      .insert(idempotencyKeys)
      .values({ caller: r.caller, key: r.key, fingerprint: r.fingerprint, claimedAt: now() })
      .onConflictDoUpdate({
        target: [idempotencyKeys.caller, idempotencyKeys.key],
        set: {
          fingerprint: r.fingerprint,
          claimedAt: now(),
          status: null,
          body: null,
          completedAt: null,
        },
        setWhere: or(
          lt(idempotencyKeys.claimedAt, at(ttlMs)),
          and(isNull(idempotencyKeys.status), lt(idempotencyKeys.claimedAt, at(leaseMs))),
        ),
      })
      .returning({ key: idempotencyKeys.key });
    return rows.length > 0;
  }

  return {
    async run(r, write) {
      const deadline = Date.now() + waitMs;
      let pause = 20;
      for (;;) {
        if (await claim(r)) {
          let answer: StoredAnswer;
          try {
            answer = await write();
          } catch (err) {
            await db.delete(idempotencyKeys).where(and(where(r), isNull(idempotencyKeys.status)));
            throw err;
          }
          await db
            .update(idempotencyKeys)
            .set({
              status: answer.status,
              body: answer.body === undefined ? null : JSON.stringify(answer.body),
              completedAt: now(),
            })
            .where(where(r));
          return { ...answer, replayed: false };
        }
        const [held] = await db.select().from(idempotencyKeys).where(where(r));
        if (held !== undefined) {
          if (held.fingerprint !== r.fingerprint) throw keyReused();
          if (held.status !== null)
            return {
              status: held.status,
              body: held.body === null ? undefined : (JSON.parse(held.body) as unknown),
              replayed: true,
            };
        }
        // Still running elsewhere (or released just now: the next claim decides).
        if (Date.now() >= deadline) throw keyInUse();
        await sleep(pause);
        pause = Math.min(pause * 2, 250);
      }
    },
    async purgeExpired() {
      const gone = await db
        .delete(idempotencyKeys)
        .where(lt(idempotencyKeys.claimedAt, at(ttlMs)))
        .returning({ key: idempotencyKeys.key });
      return gone.length;
    },
  };
}

import { GraphError } from './graph-error.js';
import { unit } from './prng.js';

export interface Faults {
  latencyMs: number;
  rate429: number;
  rate503: number;
  retryAfterSeconds: number;
  /**
   * The next `times` calls to one route (its name as in `stats().byRoute`, e.g.
   * `POST /users/{id}/calendar/getSchedule`) answer 429 with this `Retry-After`: throttling at
   * the exact point a test needs, where `rate429` throttles at random.
   */
  throttleRoute?: { route: string; times: number; retryAfterSeconds: number };
}

/** Exchange's documented limits for an app against one mailbox. */
export const MAILBOX_CONCURRENCY = 4;
export const MAILBOX_BUDGET = 10_000;
const BUDGET_WINDOW_MS = 10 * 60_000;
const BUCKET_MS = 60_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Injected faults (latency, random 429/503 with fractional Retry-After) and the real limits:
 * at most 4 concurrent requests per mailbox and 10,000 requests per 10 minutes per app per
 * mailbox. Random draws are seeded, so a run is reproducible.
 */
export class Throttle {
  private readonly inFlight = new Map<string, number>();
  private readonly budget = new Map<string, Map<number, number>>();
  private draws = 0;

  constructor(
    readonly faults: Faults,
    private readonly seed: number,
  ) {}

  private retryAfter(): Record<string, string> {
    return { 'Retry-After': String(this.faults.retryAfterSeconds) };
  }

  private spend(key: string, now: number): boolean {
    const bucket = Math.floor(now / BUCKET_MS);
    let buckets = this.budget.get(key);
    if (buckets === undefined) {
      buckets = new Map();
      this.budget.set(key, buckets);
    }
    let used = 0;
    for (const [b, n] of buckets) {
      if (b <= bucket - BUDGET_WINDOW_MS / BUCKET_MS) buckets.delete(b);
      else used += n;
    }
    if (used >= MAILBOX_BUDGET) return false;
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
    return true;
  }

  /** Runs `work` under the limits, or throws the throttling error Graph would answer. */
  async run<T>(
    o: { mailboxId: string | undefined; appId: string; route?: string },
    work: () => Promise<T>,
  ): Promise<T> {
    const targeted = this.faults.throttleRoute;
    if (targeted !== undefined && targeted.times > 0 && targeted.route === o.route) {
      targeted.times--;
      throw new GraphError(429, 'TooManyRequests', 'Please retry again later.', {
        'Retry-After': String(targeted.retryAfterSeconds),
      });
    }
    const mailbox = o.mailboxId;
    if (mailbox !== undefined) {
      const current = this.inFlight.get(mailbox) ?? 0;
      if (current >= MAILBOX_CONCURRENCY) {
        throw new GraphError(
          429,
          'ApplicationThrottled',
          'Application is over its MailboxConcurrency limit.',
          this.retryAfter(),
        );
      }
      if (!this.spend(`${o.appId}|${mailbox}`, Date.now())) {
        throw new GraphError(
          429,
          'ApplicationThrottled',
          `Application is over its request limit for this mailbox (${MAILBOX_BUDGET} requests per 10 minutes).`,
          { 'Retry-After': '60' },
        );
      }
      this.inFlight.set(mailbox, current + 1);
    }
    try {
      if (this.faults.latencyMs > 0) await sleep(this.faults.latencyMs);
      const r = unit(this.seed, ++this.draws, 0x7a11);
      if (r < this.faults.rate429) {
        throw new GraphError(
          429,
          'TooManyRequests',
          'Please retry again later.',
          this.retryAfter(),
        );
      }
      if (r < this.faults.rate429 + this.faults.rate503) {
        throw new GraphError(
          503,
          'serviceNotAvailable',
          'Service unavailable. Please retry again later.',
          this.retryAfter(),
        );
      }
      return await work();
    } finally {
      if (mailbox !== undefined) {
        const n = (this.inFlight.get(mailbox) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(mailbox);
        else this.inFlight.set(mailbox, n);
      }
    }
  }
}

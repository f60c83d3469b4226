import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainedMiddleware } from './chained-middleware.js';
import { isGraphError } from './graph-error.js';
import type { GraphLogger } from './graph-logger.js';
import type { GraphStats } from './graph-stats.js';
import { RequestPolicy, requestMethod, requestUrl } from './request-policy.js';
import {
  RETRYABLE_STATUSES,
  backoffDelayMs,
  isRetrySafe,
  parseRetryAfterMs,
} from './retry-policy.js';
import { loggablePath } from './logging-handler.js';

export interface RetryHandlerOptions {
  maxRetries: number;
  maxRetryDelayMs: number;
  /** First backoff step when Graph sends no `Retry-After`. */
  baseDelayMs: number;
  stats: GraphStats;
  logger: GraphLogger;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Repeats a request Graph answered with 429, 503 or 504, or that failed on the network, when it
 * is safe to repeat (retry-policy.ts): after `Retry-After` when given, else after exponential
 * backoff with jitter, at most `maxRetries` times. A `Retry-After` longer than `maxRetryDelayMs`
 * is not slept through: the answer goes back to the caller as a GraphError with `retryAfterMs`,
 * so a durable job can come back later instead of holding a worker.
 *
 * It is the outermost handler, so it also records the chain's failure on the RequestPolicy:
 * the SDK would otherwise rewrap our GraphError in its own error type.
 */
export class RetryHandler extends ChainedMiddleware {
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly o: RetryHandlerOptions) {
    super();
    this.sleep = o.sleep ?? defaultSleep;
  }

  async execute(context: Context): Promise<void> {
    const policy = RequestPolicy.of(context);
    try {
      await this.attempts(context, policy);
    } catch (err) {
      if (policy !== undefined) policy.failure = err;
      throw err;
    }
  }

  private async attempts(context: Context, policy: RequestPolicy | undefined): Promise<void> {
    const url = requestUrl(context);
    const method = requestMethod(context);
    const safe = policy?.retrySafe ?? isRetrySafe(method, url, context.options?.body);
    for (let attempt = 0; ; attempt += 1) {
      let failure: unknown;
      context.response = undefined;
      try {
        await this.callNext(context);
      } catch (err) {
        if (!isGraphError(err) || err.code !== 'NetworkError') throw err;
        failure = err;
      }
      const response = context.response as Response | undefined;
      const retryable = failure !== undefined || RETRYABLE_STATUSES.has(response?.status ?? 0);
      if (!retryable) return;
      if (response !== undefined) this.o.stats.throttled += 1;
      if (!safe || attempt >= this.o.maxRetries) {
        if (failure !== undefined) throw failure;
        return;
      }
      const retryAfterMs = parseRetryAfterMs(response?.headers.get('retry-after'));
      if (retryAfterMs !== undefined && retryAfterMs > this.o.maxRetryDelayMs) return;
      const delayMs =
        retryAfterMs ??
        backoffDelayMs(attempt, { baseMs: this.o.baseDelayMs, capMs: this.o.maxRetryDelayMs });
      this.o.stats.retries += 1;
      this.o.logger.info(
        {
          method,
          path: loggablePath(url),
          status: response?.status ?? 0,
          attempt: attempt + 1,
          delayMs,
        },
        'graph request retried',
      );
      await this.sleep(delayMs);
    }
  }
}

import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainedMiddleware } from './chained-middleware.js';
import { mailboxKey } from './graph-url.js';
import { KeyedLimiter } from './keyed-limiter.js';
import { requestUrl } from './request-policy.js';

/**
 * Keeps at most `limit` requests in flight per mailbox (Exchange throttles a mailbox beyond
 * four concurrent requests). The mailbox is the user id or UPN after `/users/` in the path;
 * requests without one pass straight through. It sits inside the retry handler, so a request
 * waiting out a `Retry-After` does not hold a place.
 */
export class MailboxConcurrencyHandler extends ChainedMiddleware {
  private readonly limiter: KeyedLimiter;

  constructor(limit: number) {
    super();
    this.limiter = new KeyedLimiter(limit);
  }

  async execute(context: Context): Promise<void> {
    const key = mailboxKey(requestUrl(context));
    if (key === undefined) {
      await this.callNext(context);
      return;
    }
    const release = await this.limiter.acquire(key);
    try {
      await this.callNext(context);
    } finally {
      release();
    }
  }
}

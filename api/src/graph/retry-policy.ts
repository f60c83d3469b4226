/**
 * When a request may be sent again, and how long to wait first.
 *
 * Graph answers 429 (throttled), 503 and 504 with or without `Retry-After`. Sending a request
 * twice is harmless for reads and for writes that set state (PUT, PATCH, DELETE), but a POST
 * that creates something creates it twice if the first attempt did reach the mailbox (a 504 says
 * nothing about that). So a POST is retried only when it is safe by construction:
 * - it carries a `transactionId` (event creation: Exchange returns the existing event for a
 *   repeated id instead of a duplicate), or
 * - it only reads or is idempotent by design: `$batch` (its sub-requests are judged one by one
 *   when retried individually), `getSchedule` (free/busy read) and `sendActivityNotification`
 *   (a repeated nudge is tolerable, a lost one is not).
 * Everything else (e.g. `/cancel`, `/subscriptions`) surfaces the error to the caller, whose
 * durable job decides.
 */

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

const SAFE_METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'OPTIONS',
  'PUT',
  'PATCH',
  'DELETE',
]);

const IDEMPOTENT_POST_ENDPOINTS = [
  /\/\$batch$/i,
  /\/getSchedule$/i,
  /\/sendActivityNotification$/i,
];

function pathOf(url: string): string {
  const noQuery = url.split('?')[0] ?? url;
  return noQuery.replace(/\/+$/, '');
}

function hasTransactionId(body: unknown): boolean {
  let value: unknown = body;
  if (typeof body === 'string') {
    if (!body.includes('transactionId')) return false;
    try {
      value = JSON.parse(body);
    } catch {
      return false;
    }
  }
  if (typeof value !== 'object' || value === null) return false;
  const id = (value as { transactionId?: unknown }).transactionId;
  return typeof id === 'string' && id.length > 0;
}

/** Whether sending `method url body` a second time cannot create a duplicate. */
export function isRetrySafe(method: string, url: string, body: unknown): boolean {
  const m = method.toUpperCase();
  if (SAFE_METHODS.has(m)) return true;
  if (m !== 'POST') return false;
  const path = pathOf(url);
  if (IDEMPOTENT_POST_ENDPOINTS.some((re) => re.test(path))) return true;
  return hasTransactionId(body);
}

/**
 * `Retry-After` in milliseconds: delta-seconds (Graph sends fractions like "0.5") or an
 * HTTP date. Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date names a weekday and month; anything else (a negative number) is unreadable.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Exponential backoff with full jitter (attempt 0 is the first retry), capped. */
export function backoffDelayMs(
  attempt: number,
  o: { baseMs: number; capMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(o.capMs, o.baseMs * 2 ** attempt);
  // Half fixed, half random: spreads a burst of retries without ever retrying instantly.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

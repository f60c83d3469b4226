import { describe, expect, it } from 'vitest';
import { backoffDelayMs, isRetrySafe, parseRetryAfterMs } from './retry-policy.js';

describe('parseRetryAfterMs', () => {
  it('reads whole and fractional seconds', () => {
    expect(parseRetryAfterMs('3')).toBe(3000);
    expect(parseRetryAfterMs('0.5')).toBe(500);
    expect(parseRetryAfterMs(' 0 ')).toBe(0);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfterMs('Wed, 01 Jan 2025 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfterMs('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0);
  });

  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfterMs(null)).toBeUndefined();
    expect(parseRetryAfterMs(undefined)).toBeUndefined();
    expect(parseRetryAfterMs('')).toBeUndefined();
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs('-1')).toBeUndefined();
  });
});

describe('isRetrySafe', () => {
  it('repeats reads and state-setting writes', () => {
    for (const m of ['GET', 'get', 'PUT', 'PATCH', 'DELETE'])
      expect(isRetrySafe(m, '/users/u1/events/e1', undefined)).toBe(true);
  });

  it('repeats a POST only with a transactionId or on endpoints safe by design', () => {
    const url = 'http://127.0.0.1:1/v1.0/users/u1/events';
    expect(isRetrySafe('POST', url, JSON.stringify({ subject: 'x' }))).toBe(false);
    expect(isRetrySafe('POST', url, JSON.stringify({ subject: 'x', transactionId: '' }))).toBe(
      false,
    );
    expect(isRetrySafe('POST', url, JSON.stringify({ subject: 'x', transactionId: 'tx-1' }))).toBe(
      true,
    );
    expect(isRetrySafe('POST', url, { transactionId: 'tx-1' })).toBe(true);
    expect(isRetrySafe('POST', url, 'transactionId but not json')).toBe(false);
    expect(isRetrySafe('POST', 'https://graph.microsoft.com/v1.0/$batch', '{}')).toBe(true);
    expect(isRetrySafe('POST', '/users/a/calendar/getSchedule', '{}')).toBe(true);
    expect(isRetrySafe('POST', '/users/a/teamwork/sendActivityNotification', '{}')).toBe(true);
    expect(isRetrySafe('POST', '/users/a/events/e1/cancel', '{}')).toBe(false);
    expect(isRetrySafe('POST', '/subscriptions', '{}')).toBe(false);
  });
});

describe('backoffDelayMs', () => {
  it('doubles per attempt, jittered between half and the full step, and never exceeds the cap', () => {
    const o = { baseMs: 100, capMs: 1_000 };
    expect(backoffDelayMs(0, o, () => 0)).toBe(50);
    expect(backoffDelayMs(0, o, () => 1)).toBe(100);
    expect(backoffDelayMs(2, o, () => 1)).toBe(400);
    expect(backoffDelayMs(10, o, () => 1)).toBe(1_000);
    expect(backoffDelayMs(10, o, () => 0)).toBe(500);
  });
});

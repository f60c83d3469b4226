import { describe, expect, it } from 'vitest';
import { GraphError } from './graph-error.js';
import { MAILBOX_BUDGET, Throttle } from './throttle.js';

const noFaults = { latencyMs: 0, rate429: 0, rate503: 0, retryAfterSeconds: 0.2 };

describe('Throttle', () => {
  it('allows 10,000 requests per app per mailbox in 10 minutes, then answers ApplicationThrottled', async () => {
    const throttle = new Throttle({ ...noFaults }, 1);
    const call = (appId: string, mailboxId: string): Promise<string> =>
      throttle.run({ appId, mailboxId }, () => Promise.resolve('ok'));
    for (let i = 0; i < MAILBOX_BUDGET; i++) await call('app', 'mailbox-a');
    const over = await call('app', 'mailbox-a').catch((e: unknown) => e);
    expect(over).toBeInstanceOf(GraphError);
    expect(over).toMatchObject({ status: 429, code: 'ApplicationThrottled' });
    // The budget is per app and per mailbox.
    await expect(call('app', 'mailbox-b')).resolves.toBe('ok');
    await expect(call('other-app', 'mailbox-a')).resolves.toBe('ok');
  });

  it('injects 429 and 503 at about the configured rates, reproducibly for a seed', async () => {
    const outcomes = async (seed: number): Promise<string> => {
      const throttle = new Throttle({ ...noFaults, rate429: 0.2, rate503: 0.1 }, seed);
      let out = '';
      for (let i = 0; i < 1000; i++) {
        out += await throttle
          .run({ appId: 'a', mailboxId: undefined }, () => Promise.resolve('.'))
          .catch((e: unknown) => (e instanceof GraphError ? String(e.status)[0] : '?'));
      }
      return out;
    };
    const a = await outcomes(5);
    expect(a).toBe(await outcomes(5));
    const count = (c: string): number => a.split('').filter((x) => x === c).length;
    expect(count('4')).toBeGreaterThan(150);
    expect(count('4')).toBeLessThan(250);
    expect(count('5')).toBeGreaterThan(60);
    expect(count('5')).toBeLessThan(140);
  });
});

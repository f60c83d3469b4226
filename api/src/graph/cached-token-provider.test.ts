import { describe, expect, it } from 'vitest';
import { cachedTokenProvider } from './cached-token-provider.js';

describe('cachedTokenProvider', () => {
  it('serves one token until five minutes before expiry, then fetches a new one', async () => {
    let now = 0;
    let fetches = 0;
    const provider = cachedTokenProvider(
      async () => {
        fetches += 1;
        return { token: `t${fetches}`, expiresAt: now + 3600_000 };
      },
      { now: () => now },
    );
    expect(await provider.getToken()).toBe('t1');
    now = 3600_000 - 5 * 60_000 - 1;
    expect(await provider.getToken()).toBe('t1');
    now += 1;
    expect(await provider.getToken()).toBe('t2');
    expect(fetches).toBe(2);
  });

  it('shares one fetch among concurrent callers and does not cache a failure', async () => {
    let fetches = 0;
    const provider = cachedTokenProvider(async () => {
      fetches += 1;
      await new Promise((r) => setTimeout(r, 5));
      if (fetches === 1) throw new Error('endpoint down');
      return { token: 'ok', expiresAt: Date.now() + 3600_000 };
    });
    const first = await Promise.allSettled([
      provider.getToken(),
      provider.getToken(),
      provider.getToken(),
    ]);
    expect(first.every((r) => r.status === 'rejected')).toBe(true);
    expect(fetches).toBe(1);
    expect(await provider.getToken()).toBe('ok');
    expect(fetches).toBe(2);
  });

  it('refreshes a short-lived token at half its lifetime', async () => {
    let now = 0;
    let fetches = 0;
    const provider = cachedTokenProvider(
      async () => ({ token: `t${(fetches += 1)}`, expiresAt: now + 60_000 }),
      { now: () => now },
    );
    await provider.getToken();
    now = 29_999;
    expect(await provider.getToken()).toBe('t1');
    now = 30_000;
    expect(await provider.getToken()).toBe('t2');
  });
});

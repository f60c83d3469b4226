import { describe, expect, it } from 'vitest';
import { KeyedLimiter } from './keyed-limiter.js';

describe('KeyedLimiter', () => {
  it('lets `limit` holders per key through and the next one in when a place frees', async () => {
    const limiter = new KeyedLimiter(2);
    const a1 = await limiter.acquire('a');
    await limiter.acquire('a');
    const b1 = await limiter.acquire('b');
    let thirdIn = false;
    const third = limiter.acquire('a').then((release) => {
      thirdIn = true;
      return release;
    });
    await Promise.resolve();
    expect(thirdIn).toBe(false);
    expect(limiter.pending('a')).toBe(3);
    a1();
    a1(); // a second release of the same place is ignored
    (await third)();
    expect(thirdIn).toBe(true);
    expect(limiter.pending('a')).toBe(1);
    b1();
    expect(limiter.pending('b')).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new KeyedLimiter(0)).toThrow(RangeError);
  });
});

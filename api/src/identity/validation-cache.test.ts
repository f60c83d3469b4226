import { describe, expect, it } from 'vitest';
import type { Principal } from '../app/index.js';
import { createValidationCache } from './validation-cache.js';

const principal = (userId: string): Principal => ({
  userId,
  tenantId: 't',
  name: 'n',
  username: 'u',
  roles: ['r'],
  scopes: ['s'],
});

describe('validation cache', () => {
  it('answers until the earlier of exp and the maximum age', () => {
    let now = 1_000_000;
    const cache = createValidationCache({ maxEntries: 10, maxAgeMs: 60_000, now: () => now });
    cache.set('a.b.c', principal('early-exp'), (now + 10_000) / 1000);
    cache.set('d.e.f', principal('late-exp'), (now + 3_600_000) / 1000);
    now += 9_999;
    expect(cache.get('a.b.c')?.userId).toBe('early-exp');
    now += 1;
    expect(cache.get('a.b.c')).toBeUndefined();
    now += 50_000;
    expect(cache.get('d.e.f')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('does not store a token already past exp, nor look up another token', () => {
    const now = 1_000_000;
    const cache = createValidationCache({ maxEntries: 10, maxAgeMs: 60_000, now: () => now });
    cache.set('a.b.c', principal('x'), now / 1000);
    expect(cache.size).toBe(0);
    cache.set('a.b.c', principal('x'), now / 1000 + 60);
    expect(cache.get('a.b.d')).toBeUndefined();
    expect(cache.get('a.b.c ')).toBeUndefined();
  });

  it('drops the least recently used entry beyond its size', () => {
    const now = 1_000_000;
    const cache = createValidationCache({ maxEntries: 2, maxAgeMs: 60_000, now: () => now });
    const exp = now / 1000 + 600;
    cache.set('t1', principal('1'), exp);
    cache.set('t2', principal('2'), exp);
    expect(cache.get('t1')?.userId).toBe('1');
    cache.set('t3', principal('3'), exp);
    expect(cache.size).toBe(2);
    expect(cache.get('t2')).toBeUndefined();
    expect(cache.get('t1')?.userId).toBe('1');
    expect(cache.get('t3')?.userId).toBe('3');
  });
});

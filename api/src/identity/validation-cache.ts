import { createHash } from 'node:crypto';
import type { Principal } from '../app/index.js';

export interface ValidationCacheOptions {
  /** Most validations kept; the least recently used goes first. */
  maxEntries: number;
  /** Longest a validation is trusted without verifying the token again. */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * Successful token validations, so the RS256 verification (most of the identity cost of a request)
 * runs once per token and not on every call a tab makes with it.
 *
 * Keyed by a SHA-256 of the whole token, so a different token (another signature, another claim)
 * never matches and the cache holds no usable token. An entry is trusted only until the token's own
 * `exp` (without the clock tolerance: a token past `exp` goes through the full check again) and at
 * most `maxAgeMs`, which bounds how long a key withdrawn from the key set still counts. Only
 * successes are stored: a refused token is checked again every time.
 */
export interface ValidationCache {
  get(token: string): Principal | undefined;
  /** `expSeconds` is the token's verified `exp` claim. */
  set(token: string, principal: Principal, expSeconds: number): void;
  readonly size: number;
}

interface Entry {
  principal: Principal;
  validUntilMs: number;
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** Callers may mutate what they get; the cached principal must stay as verified. */
function copy(p: Principal): Principal {
  return { ...p, roles: [...p.roles], scopes: [...p.scopes] };
}

export function createValidationCache(o: ValidationCacheOptions): ValidationCache {
  const now = o.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recent.
  const entries = new Map<string, Entry>();
  return {
    get(token) {
      if (o.maxEntries <= 0) return undefined;
      const key = keyOf(token);
      const entry = entries.get(key);
      if (entry === undefined) return undefined;
      entries.delete(key);
      if (now() >= entry.validUntilMs) return undefined;
      entries.set(key, entry);
      return copy(entry.principal);
    },
    set(token, principal, expSeconds) {
      if (o.maxEntries <= 0 || !Number.isFinite(expSeconds)) return;
      const at = now();
      const validUntilMs = Math.min(expSeconds * 1000, at + o.maxAgeMs);
      if (validUntilMs <= at) return;
      const key = keyOf(token);
      entries.delete(key);
      entries.set(key, { principal: copy(principal), validUntilMs });
      while (entries.size > o.maxEntries) {
        const oldest = entries.keys().next();
        if (oldest.done === true) break;
        entries.delete(oldest.value);
      }
    },
    get size() {
      return entries.size;
    },
  };
}

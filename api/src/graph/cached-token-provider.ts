import type { TokenProvider } from './token-provider.js';

export interface IssuedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface CachedTokenOptions {
  /** Fetch a new token this long before expiry (default 5 minutes; at most half its lifetime). */
  refreshBeforeMs?: number;
  now?: () => number;
}

/**
 * Wraps a token source with a cache: one fetch serves every caller until shortly before the
 * token expires, and concurrent callers share the fetch in flight instead of each starting one.
 * A failed fetch is not cached.
 */
export function cachedTokenProvider(
  fetchToken: () => Promise<IssuedToken>,
  o: CachedTokenOptions = {},
): TokenProvider {
  const refreshBeforeMs = o.refreshBeforeMs ?? 5 * 60_000;
  const now = o.now ?? Date.now;
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  async function refresh(): Promise<string> {
    const issuedAt = now();
    const issued = await fetchToken();
    const lifetime = Math.max(0, issued.expiresAt - issuedAt);
    const margin = Math.min(refreshBeforeMs, lifetime / 2);
    cached = { token: issued.token, refreshAt: issued.expiresAt - margin };
    return issued.token;
  }

  return {
    async getToken() {
      if (cached !== undefined && now() < cached.refreshAt) return cached.token;
      if (inFlight === undefined) {
        inFlight = refresh().finally(() => {
          inFlight = undefined;
        });
      }
      return inFlight;
    },
  };
}

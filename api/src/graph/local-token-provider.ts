import { cachedTokenProvider } from './cached-token-provider.js';
import type { TokenProvider } from './token-provider.js';

export interface LocalTokenProviderOptions {
  /** The local tenant's token endpoint, e.g. `http://127.0.0.1:PORT/<tenant>/oauth2/v2.0/token`. */
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Default `https://graph.microsoft.com/.default`, as for real Graph. */
  scope?: string;
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
  error?: unknown;
  error_description?: unknown;
}

/**
 * OAuth 2.0 client credentials against a plain-HTTP token endpoint (the local tenant), without
 * MSAL, which insists on https authorities and instance discovery. Cached until five minutes
 * before expiry.
 */
export function createLocalTokenProvider(o: LocalTokenProviderOptions): TokenProvider {
  const scope = o.scope ?? 'https://graph.microsoft.com/.default';
  return cachedTokenProvider(async () => {
    const issuedAt = Date.now();
    const response = await fetch(o.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: o.clientId,
        client_secret: o.clientSecret,
        scope,
      }).toString(),
    });
    const text = await response.text();
    let answer: TokenAnswer = {};
    try {
      answer = JSON.parse(text) as TokenAnswer;
    } catch {
      // Reported below with the status.
    }
    if (!response.ok || typeof answer.access_token !== 'string') {
      const reason =
        typeof answer.error_description === 'string'
          ? answer.error_description
          : typeof answer.error === 'string'
            ? answer.error
            : text.slice(0, 200);
      throw new Error(`Token endpoint answered ${response.status}: ${reason}`);
    }
    const expiresIn = Number(answer.expires_in);
    const lifetimeMs = Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : 3600_000;
    return { token: answer.access_token, expiresAt: issuedAt + lifetimeMs };
  });
}

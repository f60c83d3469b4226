const KEY = 'reverse-mentoring.dev-token';

interface StoredToken {
  accessToken: string;
  expiresAt: number;
}

/**
 * The dev sign-in token lives in sessionStorage: it survives reloads and deep links in the same
 * browser tab, and is gone when the tab closes. Teams mode never stores tokens (SSO gives them).
 */
export function readDevToken(now = Date.now()): string | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return undefined;
  try {
    const stored = JSON.parse(raw) as StoredToken;
    if (typeof stored.accessToken !== 'string' || stored.expiresAt <= now) return undefined;
    return stored.accessToken;
  } catch {
    return undefined;
  }
}

export function saveDevToken(accessToken: string, expiresInSeconds: number, now = Date.now()) {
  const stored: StoredToken = { accessToken, expiresAt: now + expiresInSeconds * 1000 };
  sessionStorage.setItem(KEY, JSON.stringify(stored));
}

export function clearDevToken() {
  sessionStorage.removeItem(KEY);
}

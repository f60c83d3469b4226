import { ApiError, networkProblem, problemFromResponse } from './api-error.js';

export interface ApiClientOptions {
  /** Resolves the bearer token: Teams SSO in Teams, the dev sign-in token in the browser. */
  getToken(): Promise<string | undefined>;
  /** A fresh token after a refused one (Teams SSO); without it a 401 signs the person out. */
  refreshToken?(): Promise<string | undefined>;
  /** Called on a 401 that a fresh token did not cure, so the shell can ask to sign in again. */
  onUnauthorized?(): void;
  fetch?: typeof fetch;
  baseUrl?: string;
  /** Waits before a retry (tests pass a fake); defaults to setTimeout. */
  sleep?(ms: number): Promise<void>;
}

/** A GET told to come back later (429 rate-limited, 503) waits at most this long, once. */
const MAX_RETRY_WAIT_MS = 5_000;

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('Retry-After');
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Fetches a file (CSV, JSON export) with the token and hands it to the browser as a download. */
  download(path: string, fileName: string): Promise<void>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms)));
  const base = options.baseUrl ?? '';

  async function attempt(path: string, init: RequestInit, token: string | undefined) {
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json, application/problem+json');
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    try {
      return await doFetch(`${base}${path}`, { ...init, headers });
    } catch (cause) {
      if (init.signal?.aborted === true) throw cause;
      throw networkProblem(cause);
    }
  }

  async function request(path: string, init: RequestInit): Promise<Response> {
    let response = await attempt(path, init, await options.getToken());
    // A refused token (expired, say) gets one retry with a fresh one, as the API asks.
    if (response.status === 401 && options.refreshToken !== undefined) {
      response = await attempt(path, init, await options.refreshToken());
    }
    // Rate-limited or briefly unavailable: reads wait as told and try once more.
    const wait = retryAfterMs(response);
    if (
      (response.status === 429 || response.status === 503) &&
      init.method === 'GET' &&
      wait !== undefined &&
      wait <= MAX_RETRY_WAIT_MS
    ) {
      await sleep(wait);
      response = await attempt(path, init, await options.getToken());
    }
    if (!response.ok) {
      if (response.status === 401) options.onUnauthorized?.();
      throw await problemFromResponse(response);
    }
    return response;
  }

  async function json<T>(response: Response): Promise<T> {
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    if (text === '') return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({
        type: 'about:blank',
        title: 'Unexpected answer from the server',
        status: response.status,
        detail: 'The answer was not JSON.',
      });
    }
  }

  return {
    async get<T>(path: string, signal?: AbortSignal) {
      return json<T>(await request(path, { method: 'GET', signal }));
    },
    async send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) {
      const init: RequestInit = { method };
      if (body !== undefined) {
        init.body = JSON.stringify(body);
        init.headers = { 'Content-Type': 'application/json' };
      }
      return json<T>(await request(path, init));
    },
    async download(path: string, fileName: string) {
      const response = await request(path, { method: 'GET' });
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}

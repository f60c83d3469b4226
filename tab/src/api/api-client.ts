import { ApiError, networkProblem, problemFromResponse } from './api-error.js';

export interface ApiClientOptions {
  /** Resolves the bearer token: Teams SSO in Teams, the dev sign-in token in the browser. */
  getToken(): Promise<string | undefined>;
  /** Called on 401 so the shell can ask the person to sign in again. */
  onUnauthorized?(): void;
  fetch?: typeof fetch;
  baseUrl?: string;
}

export interface ApiClient {
  get<T>(path: string, signal?: AbortSignal): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T>;
  /** Fetches a file (CSV, JSON export) with the token and hands it to the browser as a download. */
  download(path: string, fileName: string): Promise<void>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const base = options.baseUrl ?? '';

  async function request(path: string, init: RequestInit): Promise<Response> {
    const token = await options.getToken();
    const headers = new Headers(init.headers);
    headers.set('Accept', 'application/json, application/problem+json');
    if (token !== undefined) headers.set('Authorization', `Bearer ${token}`);
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { ...init, headers });
    } catch (cause) {
      if (init.signal?.aborted === true) throw cause;
      throw networkProblem(cause);
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

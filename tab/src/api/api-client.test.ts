import { describe, expect, it } from 'vitest';
import { createApiClient } from './api-client.js';
import { ApiError } from './api-error.js';

function stubFetch(response: () => Response) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const fetchStub: typeof fetch = (input, init) => {
    calls.push({ url: String(input), init });
    return Promise.resolve(response());
  };
  return { calls, fetchStub };
}

describe('API client', () => {
  it('sends the bearer token and parses the JSON answer', async () => {
    const { calls, fetchStub } = stubFetch(() => Response.json({ id: 'me' }));
    const api = createApiClient({ getToken: async () => 'tok', fetch: fetchStub });
    await expect(api.get('/api/me')).resolves.toEqual({ id: 'me' });
    expect(new Headers(calls[0]?.init?.headers).get('Authorization')).toBe('Bearer tok');
  });

  it('turns a problem+json answer into an error carrying the detail people will read', async () => {
    const problem = {
      type: 'https://example.org/problems/invalid-transition',
      title: 'Invalid transition',
      status: 409,
      detail: 'A closed program cannot reopen.',
    };
    const { fetchStub } = stubFetch(
      () =>
        new Response(JSON.stringify(problem), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    );
    const api = createApiClient({ getToken: async () => 'tok', fetch: fetchStub });
    const error = await api
      .send('POST', '/api/programs/p/transitions', { to: 'enrolling' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual(problem);
    expect((error as ApiError).message).toBe('A closed program cannot reopen.');
  });

  it('gives a readable problem when the answer is not problem+json (a proxy error page)', async () => {
    const { fetchStub } = stubFetch(
      () => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    const api = createApiClient({ getToken: async () => undefined, fetch: fetchStub });
    const error = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.problem.title).toBe('Request failed (502)');
    expect(error.problem.detail).toBe('Bad Gateway');
  });

  it('tells the shell on 401 so the person can sign in again', async () => {
    let signedOut = 0;
    const { fetchStub } = stubFetch(
      () => new Response(JSON.stringify({ title: 'Unauthorized', status: 401 }), { status: 401 }),
    );
    const api = createApiClient({
      getToken: async () => 'expired',
      onUnauthorized: () => {
        signedOut += 1;
      },
      fetch: fetchStub,
    });
    await expect(api.get('/api/me')).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toBe(1);
  });

  it('reports a network failure as a problem instead of a blank view', async () => {
    const failing: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
    const api = createApiClient({ getToken: async () => 'tok', fetch: failing });
    const error = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.problem.title).toBe('Cannot reach Reverse Mentoring');
  });

  it('retries a refused token once with a fresh one before signing the person out', async () => {
    const seen: (string | null)[] = [];
    let signedOut = 0;
    const fetchStub: typeof fetch = (_input, init) => {
      const auth = new Headers(init?.headers).get('Authorization');
      seen.push(auth);
      return Promise.resolve(
        auth === 'Bearer fresh'
          ? Response.json({ ok: true })
          : new Response(JSON.stringify({ type: 'unauthenticated', title: 'x', status: 401 }), {
              status: 401,
            }),
      );
    };
    const api = createApiClient({
      getToken: async () => 'stale',
      refreshToken: async () => 'fresh',
      onUnauthorized: () => {
        signedOut += 1;
      },
      fetch: fetchStub,
    });
    await expect(api.get('/api/me')).resolves.toEqual({ ok: true });
    expect(seen).toEqual(['Bearer stale', 'Bearer fresh']);
    expect(signedOut).toBe(0);
  });

  it('waits as told by Retry-After when rate-limited, then reads again', async () => {
    let calls = 0;
    const waits: number[] = [];
    const fetchStub: typeof fetch = () => {
      calls += 1;
      return Promise.resolve(
        calls === 1
          ? new Response(
              JSON.stringify({ type: 'rate-limited', title: 'Slow down', status: 429 }),
              {
                status: 429,
                headers: { 'Retry-After': '2' },
              },
            )
          : Response.json({ items: [] }),
      );
    };
    const api = createApiClient({
      getToken: async () => 'tok',
      fetch: fetchStub,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await expect(api.get('/api/me/notifications')).resolves.toEqual({ items: [] });
    expect(waits).toEqual([2000]);
  });

  it('keeps the request id and the problem type for support and branching', async () => {
    const fetchStub: typeof fetch = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            type: 'https://reverse-mentoring.example/problems/consent-required',
            title: 'Consent needed',
            status: 403,
          }),
          { status: 403, headers: { 'x-request-id': 'req-42' } },
        ),
      );
    const api = createApiClient({ getToken: async () => 'tok', fetch: fetchStub });
    const error = (await api.get('/api/me').catch((e: unknown) => e)) as ApiError;
    expect(error.requestId).toBe('req-42');
    expect(error.kind).toBe('consent-required');
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createLogger } from '../app/index.js';
import { loadConfig } from '../config/index.js';
import type { Db } from '../store/index.js';
import { devSignInRouter } from './dev-sign-in.js';

const entra = loadConfig({
  AAD_APP_CLIENT_ID: '11111111-1111-4111-8111-111111111111',
  AAD_APP_TENANT_ID: '22222222-2222-4222-8222-222222222222',
  AAD_APP_CLIENT_SECRET: 's3cret',
  PUBLIC_BASE_URL: 'https://rm.example.net',
});
// The store is never reached in these tests: every request stops before or at the tenant.
const db = {} as Db;

describe('dev sign-in', () => {
  it('refuses to start outside local mode', () => {
    expect(() =>
      devSignInRouter({ config: entra, db, localTenantOrigin: 'http://127.0.0.1:1' }),
    ).toThrow(/refuses to start outside local mode/);
    // Even a configuration that claims local mode cannot aim it at Entra.
    expect(() =>
      devSignInRouter({
        config: { ...entra, localMode: true },
        db,
        localTenantOrigin: 'http://127.0.0.1:1',
      }),
    ).toThrow(/refuses to start outside local mode/);
  });

  it('cannot start on the embedded local tenant before it runs', () => {
    expect(() =>
      devSignInRouter({ config: loadConfig({}), db, localTenantOrigin: undefined }),
    ).toThrow(/local tenant/);
  });

  describe('over HTTP', () => {
    let server: Server;
    let base: string;
    const asked: string[] = [];
    beforeAll(async () => {
      const fetchImpl: typeof fetch = (input) => {
        const url = input instanceof Request ? input.url : String(input);
        asked.push(url);
        if (url.includes('/_local/users/nobody/token'))
          return Promise.resolve(
            new Response(JSON.stringify({ error: 'not_found' }), { status: 404 }),
          );
        if (url.includes('/_local/users/'))
          return Promise.resolve(
            Response.json({ token_type: 'Bearer', expires_in: 3599, access_token: 'issued' }),
          );
        return Promise.reject(new TypeError('fetch failed'));
      };
      const app = createApp({
        logger: createLogger({ level: 'silent' }),
        readiness: { notReadyReason: () => undefined },
        rootRouters: [
          devSignInRouter({
            config: loadConfig({ GRAPH_BASE_URL: 'http://127.0.0.1:4010/v1.0' }),
            db,
            localTenantOrigin: undefined,
            fetchImpl,
          }),
        ],
      });
      server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => server.close(() => r())));

    const signIn = (body: unknown) =>
      fetch(`${base}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    it('hands out the token the external local tenant issued for that person, not cached', async () => {
      const res = await signIn({ userId: 'u/1' });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ accessToken: 'issued', expiresIn: 3599 });
      expect(asked.at(-1)).toBe('http://127.0.0.1:4010/_local/users/u%2F1/token');
    });

    it('answers 404 for someone the tenant does not know and 400 for unknown fields', async () => {
      expect((await signIn({ userId: 'nobody' })).status).toBe(404);
      expect((await signIn({ userId: 'a', admin: true })).status).toBe(400);
      expect((await signIn({})).status).toBe(400);
    });

    it('answers 503 when the local tenant is down', async () => {
      const res = await fetch(`${base}/dev/people?search=ada`);
      expect(res.status).toBe(503);
      expect(((await res.json()) as { type: string }).type).toMatch(/local-tenant-unavailable$/);
    });

    it('bounds the people query', async () => {
      expect((await fetch(`${base}/dev/people?limit=5000`)).status).toBe(400);
      expect((await fetch(`${base}/dev/people?role=admin`)).status).toBe(400);
    });
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, createLogger } from '../app/index.js';
import {
  authenticate,
  findPrincipal,
  getPrincipal,
  isAdmin,
  PROGRAM_ADMIN_ROLE,
  requireRole,
} from './authenticate.js';
import { startTestIssuer, type TestIssuer } from './test-issuer.js';
import { createTokenValidator } from './token-validator.js';

const TENANT = '72f988bf-0000-4000-8000-00000000cafe';
const CLIENT_ID = '00000000-0000-4000-8000-00000000a11e';

interface Problem {
  type: string;
  status: number;
  detail?: string;
  reason?: string;
}

describe('authenticate middleware', () => {
  let issuer: TestIssuer;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    issuer = await startTestIssuer({ tenantId: TENANT, clientId: CLIENT_ID });
    const validator = createTokenValidator({
      openIdMetadataUrl: issuer.metadataUrl,
      clientId: CLIENT_ID,
      allowedTenants: [TENANT],
      requiredScope: 'access_as_user',
    });
    const unreachable = createTokenValidator({
      openIdMetadataUrl: issuer.metadataUrl,
      clientId: CLIENT_ID,
      allowedTenants: [TENANT],
      fetchImpl: () => Promise.reject(new TypeError('fetch failed')),
    });
    const router = express.Router();
    router.get('/me', authenticate(validator), (_req, res) => {
      const me = getPrincipal(res);
      res.json({ userId: me.userId, admin: isAdmin(me) });
    });
    router.get('/programs', authenticate(validator), requireRole(PROGRAM_ADMIN_ROLE), (_req, res) =>
      res.json({ ok: true }),
    );
    router.get('/maybe', authenticate(validator, { optional: true }), (_req, res) => {
      res.json({ signedIn: findPrincipal(res) !== undefined });
    });
    router.get('/idp-down', authenticate(unreachable), (_req, res) => res.end());
    router.get('/unguarded', (_req, res) => {
      res.json(getPrincipal(res));
    });
    const app = createApp({
      logger: createLogger({ level: 'silent' }),
      readiness: { notReadyReason: () => undefined },
      apiRouters: [router],
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await issuer.close();
  });

  const get = (path: string, token?: string, scheme = 'Bearer') =>
    fetch(`${base}${path}`, {
      headers: token === undefined ? {} : { authorization: `${scheme} ${token}` },
    });

  async function expectProblem(res: Response, status: number, type: string): Promise<Problem> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as Problem;
    expect(body.type).toMatch(new RegExp(`/${type}$`));
    return body;
  }

  it('lets a signed-in participant through and tells the handler who it is', async () => {
    const res = await get('/me', await issuer.sign());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      userId: '11111111-2222-4333-8444-555555555555',
      admin: false,
    });
    const lower = await get('/me', await issuer.sign({ roles: ['Program.Admin'] }), 'bearer');
    expect(await lower.json()).toMatchObject({ admin: true });
  });

  it('answers 401 problem+json with a Bearer challenge when there is no token', async () => {
    const res = await get('/me');
    const body = await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(body.reason).toBeUndefined();
  });

  it('answers 401 with invalid_token for a refused token, without echoing it', async () => {
    const token = await issuer.sign({ exp: Math.floor(Date.now() / 1000) - 3600 });
    const res = await get('/me', token);
    const text = await res.clone().text();
    const body = await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(body.reason).toBe('expired');
    expect(text).not.toContain(token.slice(0, 30));
    expect(text).not.toContain(token.split('.')[2]);
  });

  it('answers 401 for a header that is not a bearer token', async () => {
    for (const [scheme, token] of [
      ['Basic', 'dXNlcjpwYXNz'],
      ['Bearer', 'two tokens'],
      ['Bearer', ''],
    ] as const) {
      const res = await get('/me', token, scheme);
      await expectProblem(res, 401, 'unauthenticated');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
  });

  it('answers 403 forbidden when a participant calls an admin route, 200 for an admin', async () => {
    const res = await get('/programs', await issuer.sign());
    await expectProblem(res, 403, 'forbidden');
    const admin = await get('/programs', await issuer.sign({ roles: [PROGRAM_ADMIN_ROLE] }));
    expect(admin.status).toBe(200);
    await expectProblem(await get('/programs'), 401, 'unauthenticated');
  });

  it('on an optional route lets anonymous callers in but still refuses a bad token', async () => {
    expect(await (await get('/maybe')).json()).toEqual({ signedIn: false });
    expect(await (await get('/maybe', await issuer.sign())).json()).toEqual({ signedIn: true });
    await expectProblem(await get('/maybe', 'garbage'), 401, 'unauthenticated');
  });

  it('refuses getPrincipal on a route that never authenticated', async () => {
    await expectProblem(await get('/unguarded'), 401, 'unauthenticated');
  });

  it('answers 503 (not 401) when the identity provider cannot be reached', async () => {
    const res = await get('/idp-down', await issuer.sign());
    const body = await expectProblem(res, 503, 'auth-unavailable');
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('www-authenticate')).toBeNull();
    expect(body.detail).not.toContain('fetch failed');
  });
});

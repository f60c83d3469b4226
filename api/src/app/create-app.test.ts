import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express, { type Request } from 'express';
import { z } from 'zod';
import { createApp } from './create-app.js';
import { createLogger } from './logger.js';
import { problems } from './problem.js';
import type { Principal } from './route-table.js';

describe('createApp', () => {
  let server: Server;
  let base: string;
  let ready = false;
  beforeAll(async () => {
    const router = express.Router();
    router.post('/echo', (req, res) => {
      const body = z
        .object({ name: z.string().max(10) })
        .strict()
        .parse(req.body);
      res.json(body);
    });
    router.get('/missing', () => {
      throw problems.notFound('No such pairing');
    });
    router.get('/boom', async () => {
      throw new Error('secret internals');
    });
    const app = createApp({
      logger: createLogger({ level: 'silent' }),
      readiness: { notReadyReason: () => (ready ? undefined : 'org sync running') },
      apiRouters: [router],
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('is healthy at once and ready only when the start-up work is done', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const starting = await fetch(`${base}/readyz`);
    expect(starting.status).toBe(503);
    expect(await starting.json()).toEqual({ status: 'starting', reason: 'org sync running' });
    ready = true;
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
  });

  it('answers bad input with a problem naming the field', async () => {
    const res = await fetch(`${base}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', extra: true }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { type: string; errors: { field: string }[] };
    expect(body.type).toMatch(/validation$/);
    expect(body.errors[0]?.field).toBe('body');
  });

  it('answers malformed JSON and oversized bodies with problems', async () => {
    const malformed = await fetch(`${base}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { type: string }).type).toMatch(/malformed-json$/);
    const big = await fetch(`${base}/api/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x'.repeat(200_000) }),
    });
    expect(big.status).toBe(413);
  });

  it('keeps stack traces and messages of unexpected errors out of responses', async () => {
    const res = await fetch(`${base}/api/boom`);
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('secret internals');
    expect(text).not.toContain('at ');
  });

  it('maps thrown problems and unknown routes to problem+json', async () => {
    const missing = await fetch(`${base}/api/missing`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { detail: string }).detail).toBe('No such pairing');
    const unknown = await fetch(`${base}/api/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
  });

  it('allows only Teams, Outlook and Microsoft 365 to frame the tab', async () => {
    const res = await fetch(`${base}/healthz`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors');
    expect(csp).toContain('https://teams.microsoft.com');
    expect(res.headers.get('x-frame-options')).toBeNull();
  });
});

describe('createApp hardening', () => {
  let server: Server;
  let base: string;
  const lines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n'))
          if (line.trim() !== '') lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const router = express.Router();
    router.get('/ping', (_req, res) => res.json({ ok: true }));
    router.put('/reflection', (_req, res) => res.status(204).end());
    // Stands in for the identity layer: a JWT-looking token is Carol, "bad" is refused.
    const identify = (req: Request): Promise<Principal | undefined> => {
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (token === undefined) return Promise.resolve(undefined);
      if (token === 'bad') return Promise.reject(new Error('refused'));
      const userId = token.startsWith('eyJ') ? 'carol' : token;
      return Promise.resolve({
        userId,
        tenantId: 't',
        name: userId,
        username: userId,
        roles: [],
        scopes: [],
      });
    };
    const app = createApp({
      logger: createLogger({ level: 'info', destination }),
      readiness: { notReadyReason: () => undefined },
      apiRouters: [router],
      identify,
      rateLimit: { limit: 3, windowMs: 60_000 },
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const as = (user: string) => ({ headers: { authorization: `Bearer ${user}` } });

  it('limits each signed-in person separately and answers 429 problem+json with Retry-After', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await fetch(`${base}/api/ping`, as('ann'))).status).toBe(200);
    const limited = await fetch(`${base}/api/ping`, as('ann'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { type: string }).type).toMatch(/rate-limited$/);
    // Another person on the same address still has their own budget.
    expect((await fetch(`${base}/api/ping`, as('bob'))).status).toBe(200);
  });

  it('limits callers without a valid token by address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await fetch(`${base}/api/ping`, as('bad'))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('keeps CORS closed: no CORS headers, preflight refused', async () => {
    const preflight = await fetch(`${base}/api/ping`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
      },
    });
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('allow')).toBeNull();
    const simple = await fetch(`${base}/healthz`, { headers: { origin: 'https://evil.example' } });
    expect(simple.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('gives every request an id, keeping a plain one the client sent', async () => {
    const mine = await fetch(`${base}/healthz`, { headers: { 'x-request-id': 'tab-123.4' } });
    expect(mine.headers.get('x-request-id')).toBe('tab-123.4');
    const forged = await fetch(`${base}/healthz`, {
      headers: { 'x-request-id': 'x" {"level":60}' },
    });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs who called what, without the token or the reflection', async () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl';
    const reflection = 'My leader interrupts me in every meeting';
    const res = await fetch(`${base}/api/reflection?access_token=${token}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-request-id': 'logged-1',
      },
      body: JSON.stringify({ reflection, text: reflection }),
    });
    expect(res.status).toBe(204);
    await new Promise((r) => setTimeout(r, 20));
    const line = lines.find((l) => (l.req as { id?: string } | undefined)?.id === 'logged-1');
    expect(line).toMatchObject({
      req: { method: 'PUT', path: '/api/reflection', queryKeys: ['access_token'] },
      res: { statusCode: 204 },
      userId: 'carol',
    });
    const logged =
      JSON.stringify(lines.filter((l) => l !== line)) +
      JSON.stringify({ ...line, userId: undefined });
    expect(logged).not.toContain(token);
    expect(logged).not.toContain('c2VjcmV0LXBheWxvYWQ');
    expect(logged).not.toContain(reflection);
  });
});

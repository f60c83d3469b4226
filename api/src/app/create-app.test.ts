import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { z } from 'zod';
import { createApp } from './create-app.js';
import { createLogger } from './logger.js';
import { problems } from './problem.js';

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

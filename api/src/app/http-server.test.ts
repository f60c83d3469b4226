import type { AddressInfo } from 'node:net';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import express from 'express';
import { createHttpServer } from './http-server.js';

describe('createHttpServer', () => {
  const app = express();
  app.get('/hello', (req, res) => {
    res.status(201).json({ agent: req.get('user-agent'), path: req.path, query: req.query });
  });
  let server: Server;
  let base: string;
  /** The request and response objects as Node made them, before Express saw them. */
  const born: { req: object | null; res: object | null }[] = [];
  beforeAll(async () => {
    server = createHttpServer(app);
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      born.push({
        req: Object.getPrototypeOf(req) as object,
        res: Object.getPrototypeOf(res) as object,
      });
    });
    server.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  // Express swapping the prototype of every request and response kept those objects alive past
  // the young generation (GC stalls behind the home view's p99 under load).
  it('hands Express requests and responses that already have its prototypes', async () => {
    const res = await fetch(`${base}/hello`);
    expect(res.status).toBe(201);
    expect(born.at(-1)).toEqual({ req: app.request, res: app.response });
  });

  it('serves as app.listen would: Express request helpers, JSON answers, keep-alive', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${base}/hello?x=${i}`, { headers: { 'user-agent': 'probe' } });
      expect(res.status).toBe(201);
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(await res.json()).toEqual({ agent: 'probe', path: '/hello', query: { x: String(i) } });
    }
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });
});

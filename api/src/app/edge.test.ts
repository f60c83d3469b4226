import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { answerClientError } from './client-error.js';
import { createApp, type AppDeps } from './create-app.js';
import { createLogger } from './logger.js';

/** What reaches the app before any route: refused requests, caching, and who the caller is. */
let server: Server | undefined;
afterEach(
  () =>
    new Promise<void>((resolve) => {
      if (server === undefined) resolve();
      else server.close(() => resolve());
      server?.closeAllConnections();
      server = undefined;
    }),
);

/** Requests to /api/slow wait here until the test lets them go. */
let holdSlow: Promise<void> = Promise.resolve();

async function start(deps: Partial<AppDeps> = {}): Promise<string> {
  const router = express.Router();
  router.get('/slow', async (_req, res) => {
    await holdSlow;
    res.json({ done: true });
  });
  router.get('/me/home', (req, res) => {
    res.json({ ip: req.ip });
  });
  const app = createApp({
    logger: createLogger({ level: 'silent' }),
    readiness: { notReadyReason: () => undefined },
    apiRouters: [router],
    ...deps,
  });
  const s = app.listen(0, '127.0.0.1');
  s.on('clientError', answerClientError);
  server = s;
  await new Promise((r) => s.once('listening', r));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

/** Sends raw bytes and returns everything the server answered before closing. */
function raw(base: string, request: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
  });
}

function problemOf(answer: string): { status: string; type: string; contentType: string } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const contentType = /content-type: ([^\r\n]+)/i.exec(head)?.[1] ?? '';
  return {
    status: head.split(' ')[1] ?? '',
    type: (JSON.parse(body) as { type: string }).type,
    contentType,
  };
}

describe('the edge of the API', () => {
  it('answers headers over 16 kB with a 431 problem, not a bare status line', async () => {
    const base = await start();
    const answer = await raw(
      base,
      `GET /api/me/home HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(problemOf(answer)).toEqual({
      status: '431',
      type: expect.stringMatching(/headers-too-large$/) as unknown,
      contentType: 'application/problem+json',
    });
  });

  it('answers a request that is not HTTP with a 400 problem', async () => {
    const base = await start();
    const answer = await raw(base, 'HELLO THERE\r\n\r\n');
    expect(problemOf(answer)).toMatchObject({
      status: '400',
      contentType: 'application/problem+json',
    });
  });

  it('forbids caching personal answers, refusals included', async () => {
    const base = await start({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const home = await fetch(`${base}/api/me/home`);
    expect(home.headers.get('cache-control')).toBe('no-store');
    // Nothing kept, nothing to revalidate: no ETag is computed for such answers.
    expect(home.headers.get('etag')).toBeNull();
    const limited = await fetch(`${base}/api/me/home`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('cache-control')).toBe('no-store');
    const missing = await fetch(`${base}/api/nothing-here`);
    expect(missing.headers.get('cache-control')).toBe('no-store');
  });

  it('does not let a direct caller escape the anonymous limit by rotating X-Forwarded-For', async () => {
    const base = await start({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push(
        (await fetch(`${base}/api/me/home`, { headers: { 'x-forwarded-for': `203.0.113.${i}` } }))
          .status,
      );
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('takes the client address from the proxies TRUST_PROXY names', async () => {
    const base = await start({ trustProxy: ['loopback'] });
    const res = await fetch(`${base}/api/me/home`, {
      headers: { 'x-forwarded-for': '198.51.100.7' },
    });
    expect(((await res.json()) as { ip: string }).ip).toBe('198.51.100.7');
  });

  it('answers 503 with Retry-After at once past the in-flight bound, and admits again after', async () => {
    const base = await start({ maxInFlight: 2 });
    let release = () => undefined as void;
    holdSlow = new Promise<void>((r) => (release = r));
    const held = [fetch(`${base}/api/slow`), fetch(`${base}/api/slow`)];
    // Both held requests are inside once a third is refused.
    let refused: Response | undefined;
    for (let i = 0; i < 50 && refused === undefined; i += 1) {
      const res = await fetch(`${base}/api/me/home`);
      if (res.status === 503) refused = res;
      else await new Promise((r) => setTimeout(r, 10));
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('retry-after')).toBe('1');
    expect(refused?.headers.get('content-type')).toBe('application/problem+json');
    expect(((await refused?.json()) as { type: string }).type).toMatch(/overloaded$/);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    expect((await fetch(`${base}/api/me/home`)).status).toBe(200);
  });

  /** Keeps this process's event loop busy, as a saturated server's is, for `ms`. */
  function blockLoop(ms: number): void {
    const until = performance.now() + ms;
    while (performance.now() < until) {
      // Busy: no timer, no socket is served meanwhile.
    }
  }

  /** Keeps the loop late at every turn for `totalMs`: `blockMs` busy at each turn, as under saturation. */
  function lagLoop(blockMs: number, totalMs: number): Promise<void> {
    const end = performance.now() + totalMs;
    return new Promise((resolve) => {
      const turn = () => {
        blockLoop(blockMs);
        if (performance.now() < end) setImmediate(turn);
        else resolve();
      };
      setImmediate(turn);
    });
  }

  async function admittedAgain(base: string): Promise<number> {
    for (let i = 0; i < 50; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
      const res = await fetch(`${base}/api/me/home`);
      if (res.status === 200) return res.status;
    }
    return 503;
  }

  it('answers 503 with Retry-After at once while the event loop stays late, and admits again once it recovers', async () => {
    const base = await start({ maxInFlight: 0, maxEventLoopDelayMs: 50 });
    expect((await fetch(`${base}/api/me/home`)).status).toBe(200);
    // Late by 80 ms at every turn, for long enough that the average delay is past 50 ms.
    const lag = lagLoop(80, 1_200);
    await new Promise((r) => setTimeout(r, 350));
    const [refused, health] = await Promise.all([
      fetch(`${base}/api/me/home`),
      // Health probes are never shed: the instance is alive, only busy.
      fetch(`${base}/healthz`),
    ]);
    await lag;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(((await refused.json()) as { type: string }).type).toMatch(/overloaded$/);
    expect(health.status).toBe(200);
    expect(await admittedAgain(base)).toBe(200);
  });

  it('refuses what waited through one long stall (200 ms), then admits again', async () => {
    const base = await start({ maxInFlight: 0, maxEventLoopDelayMs: 50 });
    expect((await fetch(`${base}/api/me/home`)).status).toBe(200);
    blockLoop(200);
    expect((await fetch(`${base}/api/me/home`)).status).toBe(503);
    expect(await admittedAgain(base)).toBe(200);
  });

  it('serves what waited through one short stall (90 ms) instead of refusing it', async () => {
    const base = await start({ maxInFlight: 0, maxEventLoopDelayMs: 50 });
    expect((await fetch(`${base}/api/me/home`)).status).toBe(200);
    // The average is the process's: let what earlier tests left of it fade first.
    await new Promise((r) => setTimeout(r, 1_000));
    for (let i = 0; i < 3; i += 1) {
      blockLoop(90);
      expect((await fetch(`${base}/api/me/home`)).status).toBe(200);
      // The loop runs on time between stalls, as a server's does between collections.
      await new Promise((r) => setTimeout(r, 300));
    }
  });

  it('admits every request however late the event loop runs when MAX_EVENT_LOOP_DELAY_MS is 0', async () => {
    const base = await start({ maxInFlight: 0, maxEventLoopDelayMs: 0 });
    expect((await fetch(`${base}/api/me/home`)).status).toBe(200);
    blockLoop(200);
    expect((await fetch(`${base}/api/me/home`)).status).toBe(200);
  });
});

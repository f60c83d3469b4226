// Long on purpose: every Graph client call and its retry/error behaviour against the same fake Graph server.
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient, type GraphClientOptions } from './graph-client.js';
import { GraphError } from './graph-error.js';
import type { BatchRequest } from './graph-batch.js';
import { createLocalTokenProvider } from './local-token-provider.js';
import {
  graphErrorBody,
  startFakeGraph,
  type FakeGraph,
  type FakeReply,
  type FakeRequest,
} from './testing/fake-graph-server.js';

const staticToken = { getToken: async () => 'test-token' };
let fake: FakeGraph | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function setup(
  handle: (req: FakeRequest) => FakeReply | Promise<FakeReply>,
  options: Partial<GraphClientOptions> = {},
) {
  fake = await startFakeGraph(handle);
  const client = createGraphClient({
    baseUrl: fake.baseUrl,
    tokenProvider: staticToken,
    retryBaseDelayMs: 5,
    ...options,
  });
  return { fake, client };
}

async function caught(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GraphError) return err;
    throw err;
  }
  throw new Error('expected a GraphError');
}

function graphRequests(f: FakeGraph): FakeRequest[] {
  return f.requests.filter((r) => !r.path.includes('/oauth2/'));
}

describe('Graph client over plain http (local tenant)', () => {
  it('attaches the bearer token to http requests and returns the parsed body', async () => {
    const { fake, client } = await setup(() => ({ body: { id: 'u1', displayName: 'Ada' } }));
    const user = await client.request<{ id: string }>({ path: '/users/u1' });
    expect(user).toEqual({ id: 'u1', displayName: 'Ada' });
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer test-token');
    expect(fake.requests[0]?.path).toBe('/users/u1');
  });

  it('fetches one token for many calls, in parallel or not', async () => {
    let tokenHits = 0;
    let form: URLSearchParams | undefined;
    fake = await startFakeGraph((req) => {
      if (req.path.endsWith('/oauth2/v2.0/token')) {
        tokenHits += 1;
        form = new URLSearchParams(String(req.body));
        return { body: { access_token: 'local-token', token_type: 'Bearer', expires_in: 3600 } };
      }
      return { body: { id: 'x' } };
    });
    const client = createGraphClient({
      baseUrl: fake.baseUrl,
      tokenProvider: createLocalTokenProvider({
        tokenUrl: `${fake.origin}/tenant-1/oauth2/v2.0/token`,
        clientId: 'client-1',
        clientSecret: 'secret-1',
      }),
    });
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => client.request({ path: `/users/u${i}` })),
    );
    for (let i = 0; i < 5; i += 1) await client.request({ path: '/users/again' });
    expect(tokenHits).toBe(1);
    expect(Object.fromEntries(form ?? [])).toEqual({
      grant_type: 'client_credentials',
      client_id: 'client-1',
      client_secret: 'secret-1',
      scope: 'https://graph.microsoft.com/.default',
    });
    const calls = graphRequests(fake);
    expect(calls).toHaveLength(15);
    expect(calls.every((r) => r.headers.authorization === 'Bearer local-token')).toBe(true);
  });
});

describe('throttling and retries', () => {
  it('waits a fractional Retry-After ("0.5") before retrying', async () => {
    let times: number[] = [];
    const { client } = await setup(() => {
      times.push(performance.now());
      return times.length === 1
        ? {
            status: 429,
            headers: { 'Retry-After': '0.5' },
            body: graphErrorBody('TooManyRequests', 'slow down'),
          }
        : { body: { id: 'u1' } };
    });
    times = [];
    await expect(client.request({ path: '/users/u1' })).resolves.toEqual({ id: 'u1' });
    expect(times).toHaveLength(2);
    const waited = (times[1] ?? 0) - (times[0] ?? 0);
    expect(waited).toBeGreaterThanOrEqual(450);
    expect(waited).toBeLessThan(1500);
    expect(client.stats()).toEqual({ requests: 2, retries: 1, throttled: 1 });
  });

  it('gives up after maxRetries with a 429 GraphError that tells when to come back', async () => {
    const { fake, client } = await setup(
      () => ({
        status: 429,
        headers: { 'Retry-After': '0.01' },
        body: graphErrorBody('TooManyRequests', 'throttled', 'req-429'),
      }),
      { maxRetries: 2 },
    );
    const err = await caught(client.request({ path: '/users/u1/events' }));
    expect(err.status).toBe(429);
    expect(err.code).toBe('TooManyRequests');
    expect(err.retryAfterMs).toBe(10);
    expect(err.requestId).toBe('req-429');
    expect(fake.requests).toHaveLength(3);
    expect(client.stats()).toEqual({ requests: 3, retries: 2, throttled: 3 });
  });

  it('hands a Retry-After longer than maxRetryDelayMs back to the caller instead of sleeping', async () => {
    const { fake, client } = await setup(
      () => ({ status: 429, headers: { 'Retry-After': '120' } }),
      {
        maxRetryDelayMs: 1_000,
      },
    );
    const started = performance.now();
    const err = await caught(client.request({ path: '/users/u1' }));
    expect(performance.now() - started).toBeLessThan(500);
    expect(err.status).toBe(429);
    expect(err.retryAfterMs).toBe(120_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries 503 and 504 with backoff when there is no Retry-After', async () => {
    const answers: FakeReply[] = [{ status: 503 }, { status: 504 }, { body: { ok: true } }];
    const { fake, client } = await setup(() => answers.shift() ?? { status: 500 });
    await expect(client.request({ path: '/users/u1' })).resolves.toEqual({ ok: true });
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry a POST without a transactionId (it could create a duplicate)', async () => {
    const { fake, client } = await setup(() => ({ status: 503, headers: { 'Retry-After': '0' } }));
    const err = await caught(
      client.createSubscription({ changeType: 'updated', resource: '/users/u1/events' }),
    );
    expect(err.status).toBe(503);
    expect(fake.requests).toHaveLength(1);
    expect(client.stats().retries).toBe(0);
  });

  it('retries event creation because it carries a transactionId', async () => {
    const answers: FakeReply[] = [
      { status: 429, headers: { 'Retry-After': '0' } },
      { status: 201, body: { id: 'ev1' } },
    ];
    const { fake, client } = await setup(() => answers.shift() ?? { status: 500 });
    const event = await client.createEvent('mentor@contoso.com', {
      subject: 'Session 1',
      transactionId: 'tx-1',
    });
    expect(event.id).toBe('ev1');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests.map((r) => (r.body as { transactionId?: string }).transactionId)).toEqual([
      'tx-1',
      'tx-1',
    ]);
  });

  it('refuses to create an event without a transactionId, before calling Graph', async () => {
    const { fake, client } = await setup(() => ({ status: 201, body: {} }));
    const err = await caught(
      client.createEvent('mentor@contoso.com', { subject: 'x', transactionId: '' }),
    );
    expect(err.code).toBe('InvalidRequest');
    expect(fake.requests).toHaveLength(0);
  });

  it('retries sendActivityNotification, which is safe to repeat', async () => {
    const answers: FakeReply[] = [
      { status: 429, headers: { 'Retry-After': '0' } },
      { status: 204 },
    ];
    const { fake, client } = await setup(() => answers.shift() ?? { status: 500 });
    await client.sendActivityNotification('u1', {
      topic: {
        source: 'text',
        value: 'Reverse mentoring',
        webUrl: 'https://teams.microsoft.com/l/entity/x',
      },
      activityType: 'sessionReminder',
      previewText: { content: 'Your session is tomorrow' },
    });
    expect(fake.requests.map((r) => r.path)).toEqual([
      '/users/u1/teamwork/sendActivityNotification',
      '/users/u1/teamwork/sendActivityNotification',
    ]);
  });

  it('maps an unreachable Graph to a NetworkError with status 0 after retrying', async () => {
    const { fake: closed } = await setup(() => ({}));
    const baseUrl = closed.baseUrl;
    await closed.close();
    // Closed here: the port now refuses connections.
    fake = undefined;
    const client = createGraphClient({
      baseUrl,
      tokenProvider: staticToken,
      maxRetries: 1,
      retryBaseDelayMs: 1,
    });
    const err = await caught(client.request({ path: '/users/u1' }));
    expect(err.status).toBe(0);
    expect(err.code).toBe('NetworkError');
    expect(client.stats()).toMatchObject({ requests: 2, retries: 1 });
  });
});

describe('error mapping', () => {
  it("turns Graph's error body into GraphError code, message, request id and inner error", async () => {
    const { client } = await setup(() => ({
      status: 403,
      body: graphErrorBody(
        'ErrorAccessDenied',
        'Access is denied. Check credentials and try again.',
        'req-403',
      ),
    }));
    const err = await caught(client.getEvent('u1', 'e1'));
    expect(err).toBeInstanceOf(GraphError);
    expect(err.status).toBe(403);
    expect(err.code).toBe('ErrorAccessDenied');
    expect(err.message).toBe('Access is denied. Check credentials and try again.');
    expect(err.requestId).toBe('req-403');
    expect(err.innerError).toMatchObject({ 'request-id': 'req-403' });
  });

  it('maps a non-JSON error with the request-id header and a code from the status', async () => {
    const { client } = await setup(() => ({
      status: 502,
      headers: { 'request-id': 'hdr-1' },
      body: 'Bad gateway',
    }));
    const err = await caught(client.request({ path: '/users/u1' }));
    expect(err).toMatchObject({
      status: 502,
      code: 'BadGateway',
      message: 'Bad gateway',
      requestId: 'hdr-1',
    });
  });
});

describe('paging', () => {
  it('follows @odata.nextLink to the last page of users', async () => {
    const { fake, client } = await setup((req) => {
      const skip = req.query.get('$skiptoken');
      if (skip === null) {
        return {
          body: {
            value: [{ id: 'a' }, { id: 'b' }],
            '@odata.nextLink': `${fake.baseUrl}/users?$skiptoken=p2%3D%3D`,
          },
        };
      }
      if (skip === 'p2==')
        return {
          body: { value: [{ id: 'c' }], '@odata.nextLink': `${fake.baseUrl}/users?$skiptoken=p3` },
        };
      return { body: { value: [{ id: 'd' }] } };
    });
    const seen: string[] = [];
    for await (const page of client.listUsers({ select: ['id', 'displayName'] })) {
      seen.push(...page.map((u) => u.id ?? ''));
    }
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
    expect(fake.requests).toHaveLength(3);
    const first = fake.requests[0];
    expect(first?.query.get('$select')).toBe('id,displayName');
    expect(first?.query.get('$top')).toBe('999');
    expect(fake.requests.every((r) => r.headers.authorization === 'Bearer test-token')).toBe(true);
  });

  it('asks for at most 100 users a page when expanding the manager', async () => {
    const { fake, client } = await setup(() => ({ body: { value: [] } }));
    for await (const _ of client.listUsers({ select: ['id'], expandManager: true, top: 999 })) {
      // drain
    }
    expect(fake.requests[0]?.query.get('$top')).toBe('100');
    expect(fake.requests[0]?.query.get('$expand')).toBe('manager($select=id)');
  });

  it('keeps manager@delta and @removed and returns the deltaLink of the last page', async () => {
    const { fake, client } = await setup((req) => {
      if (req.query.get('$deltatoken') === 'next-round')
        return {
          body: { value: [], '@odata.deltaLink': `${fake.baseUrl}/users/delta?$deltatoken=r3` },
        };
      if (req.query.get('$skiptoken') === null) {
        return {
          body: {
            value: [{ id: 'u1', displayName: 'Ada', 'manager@delta': [{ id: 'm1' }] }],
            '@odata.nextLink': `${fake.baseUrl}/users/delta?$skiptoken=s2`,
          },
        };
      }
      return {
        body: {
          value: [{ id: 'u2', '@removed': { reason: 'deleted' } }],
          '@odata.deltaLink': `${fake.baseUrl}/users/delta?$deltatoken=next-round`,
        },
      };
    });
    const pages = [];
    for await (const page of client.usersDelta({ select: ['id', 'displayName', 'manager'] }))
      pages.push(page);
    expect(pages).toEqual([
      { users: [{ id: 'u1', displayName: 'Ada', 'manager@delta': [{ id: 'm1' }] }] },
      {
        users: [{ id: 'u2', '@removed': { reason: 'deleted' } }],
        deltaLink: `${fake.baseUrl}/users/delta?$deltatoken=next-round`,
      },
    ]);
    expect(fake.requests[0]?.path).toBe('/users/delta');
    expect(fake.requests[0]?.query.get('$select')).toBe('id,displayName,manager');
    expect(fake.requests.map((r) => r.headers.prefer)).toEqual([
      'odata.maxpagesize=999',
      'odata.maxpagesize=999',
    ]);

    const again = [];
    for await (const page of client.usersDelta({ select: ['id'], deltaLink: pages[1]?.deltaLink }))
      again.push(page);
    expect(again).toEqual([{ users: [], deltaLink: `${fake.baseUrl}/users/delta?$deltatoken=r3` }]);
  });

  it('surfaces an expired delta link as GraphError 410 so the caller starts a full sync', async () => {
    const { fake, client } = await setup(() => ({
      status: 410,
      body: graphErrorBody('SyncStateNotFound', 'expired'),
    }));
    const round = async () => {
      for await (const _ of client.usersDelta({
        select: ['id'],
        deltaLink: `${fake.baseUrl}/users/delta?$deltatoken=old`,
      })) {
        // drain
      }
    };
    expect((await caught(round())).status).toBe(410);
  });

  it('collects every page of a calendar view in UTC unless told otherwise', async () => {
    const { fake, client } = await setup((req) =>
      req.query.get('$skiptoken') === null
        ? {
            body: {
              value: [{ id: 'e1' }],
              '@odata.nextLink': `${fake.baseUrl}/users/u1/calendarView?startDateTime=x&$skiptoken=2`,
            },
          }
        : { body: { value: [{ id: 'e2' }] } },
    );
    const events = await client.calendarView(
      'u1',
      new Date('2025-03-01T00:00:00Z'),
      new Date('2025-03-08T00:00:00Z'),
    );
    expect(events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(fake.requests[0]?.query.get('startDateTime')).toBe('2025-03-01T00:00:00.000Z');
    expect(fake.requests.map((r) => r.headers.prefer)).toEqual([
      'outlook.timezone="UTC"',
      'outlook.timezone="UTC"',
    ]);
  });
});

describe('manager', () => {
  it('returns null at the top of the chart (404) and the manager otherwise', async () => {
    const { client } = await setup((req) =>
      req.path === '/users/ceo/manager'
        ? {
            status: 404,
            body: graphErrorBody('Request_ResourceNotFound', 'Resource does not exist'),
          }
        : { body: { id: 'boss' } },
    );
    await expect(client.getManager('ceo')).resolves.toBeNull();
    await expect(client.getManager('dev')).resolves.toEqual({ id: 'boss' });
  });

  it('still throws other errors', async () => {
    const { client } = await setup(() => ({
      status: 403,
      body: graphErrorBody('Authorization_RequestDenied', 'no'),
    }));
    expect((await caught(client.getManager('dev'))).status).toBe(403);
  });
});

interface WireSub {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

function subRequests(req: FakeRequest): WireSub[] {
  return (req.body as { requests: WireSub[] }).requests;
}

describe('$batch', () => {
  it('splits more than 20 requests into calls of 20 and maps answers given in any order by id', async () => {
    const { fake, client } = await setup((req) => {
      const subs = subRequests(req);
      return {
        body: {
          responses: subs.map((s) => ({ id: s.id, status: 200, body: { url: s.url } })).reverse(),
        },
      };
    });
    const requests: BatchRequest[] = Array.from({ length: 45 }, (_, i) => ({
      id: `r${i}`,
      method: 'GET',
      url: `/users/u${i}`,
    }));
    const results = await client.batch(requests);
    expect(fake.requests.map((r) => subRequests(r).length).sort()).toEqual([20, 20, 5]);
    expect(fake.requests.every((r) => r.path === '/$batch' && r.method === 'POST')).toBe(true);
    expect(results.map((r) => r.id)).toEqual(requests.map((r) => r.id));
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.body).toEqual({ url: `/users/u${i}` });
    });
    expect(client.stats().requests).toBe(3);
  });

  it('keeps the good answers when one fails and retries a throttled one on its own', async () => {
    const { fake, client } = await setup((req) => {
      if (req.path === '/$batch') {
        return {
          body: {
            responses: [
              {
                id: '3',
                status: 429,
                headers: { 'Retry-After': '0.1' },
                body: graphErrorBody('TooManyRequests', 'later'),
              },
              { id: '1', status: 200, body: { id: 'a' } },
              {
                id: '2',
                status: 404,
                body: graphErrorBody('ErrorItemNotFound', 'gone', 'req-404'),
              },
            ],
          },
        };
      }
      return { body: { id: 'c', retried: true } };
    });
    const started = performance.now();
    const results = await client.batch([
      { id: '1', method: 'GET', url: '/users/a' },
      { id: '2', method: 'GET', url: '/users/b' },
      { id: '3', method: 'GET', url: '/users/c' },
    ]);
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    expect(results[0]).toMatchObject({ id: '1', ok: true, body: { id: 'a' } });
    const second = results[1];
    expect(second?.ok).toBe(false);
    if (second !== undefined && !second.ok) {
      expect(second.error).toBeInstanceOf(GraphError);
      expect(second.error).toMatchObject({
        status: 404,
        code: 'ErrorItemNotFound',
        requestId: 'req-404',
      });
    }
    expect(results[2]).toMatchObject({ id: '3', ok: true, body: { id: 'c', retried: true } });
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /$batch',
      'GET /users/c',
    ]);
    expect(client.stats()).toEqual({ requests: 2, retries: 1, throttled: 1 });
  });

  it('does not retry a throttled sub-request that would be unsafe to repeat', async () => {
    const { fake, client } = await setup(() => ({
      body: { responses: [{ id: 'p', status: 503, headers: { 'Retry-After': '0' } }] },
    }));
    const [result] = await client.batch([
      { id: 'p', method: 'POST', url: '/subscriptions', body: { resource: 'x' } },
    ]);
    expect(result).toMatchObject({ ok: false, status: 503 });
    expect(fake.requests).toHaveLength(1);
  });

  it('sends Content-Type with every sub-request that has a body and relative urls without the version', async () => {
    const { fake, client } = await setup((req) => ({
      body: { responses: subRequests(req).map((s) => ({ id: s.id, status: 204 })) },
    }));
    await client.batch([
      {
        id: 'a',
        method: 'PATCH',
        url: `${fake.baseUrl}/users/u1/events/e1`,
        body: { subject: 'x' },
      },
      { id: 'b', method: 'DELETE', url: '/users/u1/events/e2' },
    ]);
    const subs = subRequests(fake.requests[0] as FakeRequest);
    expect(subs[0]).toMatchObject({
      url: '/users/u1/events/e1',
      headers: { 'Content-Type': 'application/json' },
      body: { subject: 'x' },
    });
    expect(subs[1]).toEqual({ id: 'b', method: 'DELETE', url: '/users/u1/events/e2' });
  });

  it('gives every request of a failed $batch call the error without losing other chunks', async () => {
    let call = 0;
    const { client } = await setup(
      (req) => {
        call += 1;
        if (call === 1)
          return { status: 400, body: graphErrorBody('BadRequest', 'Invalid batch payload') };
        return {
          body: { responses: subRequests(req).map((s) => ({ id: s.id, status: 200, body: {} })) },
        };
      },
      { batchConcurrency: 1 },
    );
    const results = await client.batch(
      Array.from({ length: 25 }, (_, i) => ({ id: String(i), method: 'GET', url: `/users/u${i}` })),
    );
    expect(results.filter((r) => !r.ok)).toHaveLength(20);
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const failed = results[0];
    if (failed !== undefined && !failed.ok) expect(failed.error.code).toBe('BadRequest');
  });

  it('reads mailbox settings per user through $batch, errors kept per user', async () => {
    const { fake, client } = await setup((req) => ({
      body: {
        responses: subRequests(req).map((s) =>
          s.url.includes('gone')
            ? { id: s.id, status: 404, body: graphErrorBody('ErrorMailboxNotFound', 'no mailbox') }
            : { id: s.id, status: 200, body: { timeZone: 'W. Europe Standard Time' } },
        ),
      },
    }));
    const settings = await client.getMailboxSettingsBatch([
      'ada@contoso.com',
      'gone@contoso.com',
      'ada@contoso.com',
    ]);
    expect(settings.get('ada@contoso.com')).toEqual({ timeZone: 'W. Europe Standard Time' });
    const gone = settings.get('gone@contoso.com');
    expect(gone).toBeInstanceOf(GraphError);
    expect(subRequests(fake.requests[0] as FakeRequest).map((s) => s.url)).toEqual([
      '/users/ada%40contoso.com/mailboxSettings',
      '/users/gone%40contoso.com/mailboxSettings',
    ]);
  });
});

describe('per-mailbox concurrency', () => {
  it('keeps at most 4 requests in flight per mailbox under 20 parallel calls', async () => {
    const inFlight = new Map<string, number>();
    const maxInFlight = new Map<string, number>();
    let overall = 0;
    let maxOverall = 0;
    const { client } = await setup(async (req) => {
      const mailbox = req.path.split('/')[2] ?? '';
      const now = (inFlight.get(mailbox) ?? 0) + 1;
      inFlight.set(mailbox, now);
      maxInFlight.set(mailbox, Math.max(maxInFlight.get(mailbox) ?? 0, now));
      overall += 1;
      maxOverall = Math.max(maxOverall, overall);
      await new Promise((resolve) => setTimeout(resolve, 25));
      inFlight.set(mailbox, (inFlight.get(mailbox) ?? 1) - 1);
      overall -= 1;
      return { body: { id: 'e' } };
    });
    await Promise.all([
      ...Array.from({ length: 20 }, (_, i) => client.getEvent('Mentor@contoso.com', `e${i}`)),
      ...Array.from({ length: 20 }, (_, i) => client.getEvent('leader@contoso.com', `e${i}`)),
    ]);
    expect(maxInFlight.get('Mentor%40contoso.com')).toBe(4);
    expect(maxInFlight.get('leader%40contoso.com')).toBe(4);
    expect(maxOverall).toBe(8);
  });
});

describe('events', () => {
  const eventId = 'AAMkAGI2+THVjAAA/tx=';

  it('encodes event ids with +, / and = as one path segment', async () => {
    const { fake, client } = await setup((req) =>
      req.method === 'POST'
        ? { status: 202 }
        : req.method === 'DELETE'
          ? { status: 204 }
          : { body: { id: eventId } },
    );
    await client.getEvent('u1', eventId, { select: ['id', 'subject'] });
    await client.updateEvent('u1', eventId, { subject: 'Moved' });
    await client.cancelEvent('u1', eventId, 'The pairing has ended');
    await client.deleteEvent('u1', eventId);
    const encoded = '/users/u1/events/AAMkAGI2%2BTHVjAAA%2Ftx%3D';
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET ${encoded}`,
      `PATCH ${encoded}`,
      `POST ${encoded}/cancel`,
      `DELETE ${encoded}`,
    ]);
    expect(fake.requests[1]?.headers['content-type']).toContain('application/json');
    expect(fake.requests[2]?.body).toEqual({ Comment: 'The pairing has ended' });
  });

  it('lists the instances of a series in the window', async () => {
    const { fake, client } = await setup(() => ({ body: { value: [{ id: 'i1' }, { id: 'i2' }] } }));
    const instances = await client.listInstances(
      'u1',
      eventId,
      new Date('2025-01-01T00:00:00Z'),
      new Date('2025-02-01T00:00:00Z'),
    );
    expect(instances.map((i) => i.id)).toEqual(['i1', 'i2']);
    expect(fake.requests[0]?.path).toBe('/users/u1/events/AAMkAGI2%2BTHVjAAA%2Ftx%3D/instances');
    expect(fake.requests[0]?.query.get('endDateTime')).toBe('2025-02-01T00:00:00.000Z');
  });
});

describe('getSchedule', () => {
  const start = new Date('2025-03-03T00:00:00Z');
  const end = new Date('2025-03-10T00:00:00Z');

  it('asks for UTC explicitly and sends the window in UTC', async () => {
    const { fake, client } = await setup(() => ({
      body: { value: [{ scheduleId: 'a@contoso.com', availabilityView: '0020' }] },
    }));
    const info = await client.getSchedule({
      mailbox: 'a@contoso.com',
      schedules: ['a@contoso.com', 'b@contoso.com'],
      start,
      end,
      intervalMinutes: 30,
    });
    expect(info).toEqual([{ scheduleId: 'a@contoso.com', availabilityView: '0020' }]);
    const req = fake.requests[0];
    expect(req?.path).toBe('/users/a%40contoso.com/calendar/getSchedule');
    expect(req?.headers.prefer).toBe('outlook.timezone="UTC"');
    expect(req?.body).toEqual({
      schedules: ['a@contoso.com', 'b@contoso.com'],
      startTime: { dateTime: '2025-03-03T00:00:00.000', timeZone: 'UTC' },
      endTime: { dateTime: '2025-03-10T00:00:00.000', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    });
  });

  it('sends the requested time zone in Prefer', async () => {
    const { fake, client } = await setup(() => ({ body: { value: [] } }));
    await client.getSchedule({
      mailbox: 'a',
      schedules: ['a'],
      start,
      end,
      intervalMinutes: 15,
      timeZone: 'Europe/Paris',
    });
    expect(fake.requests[0]?.headers.prefer).toBe('outlook.timezone="Europe/Paris"');
  });

  it('is retried when throttled: reading free/busy twice is harmless', async () => {
    const answers: FakeReply[] = [
      { status: 429, headers: { 'Retry-After': '0' } },
      { body: { value: [] } },
    ];
    const { fake, client } = await setup(() => answers.shift() ?? { status: 500 });
    await client.getSchedule({ mailbox: 'a', schedules: ['a'], start, end, intervalMinutes: 30 });
    expect(fake.requests).toHaveLength(2);
  });

  it('rejects more than 20 schedules, a window of 62 days or more and a bad interval before calling', async () => {
    const { fake, client } = await setup(() => ({ body: { value: [] } }));
    const schedules = Array.from({ length: 21 }, (_, i) => `p${i}@contoso.com`);
    const base = { mailbox: 'a', schedules: ['a'], start, end, intervalMinutes: 30 };
    const tooLong = new Date(start.getTime() + 62 * 24 * 3600_000);
    for (const bad of [
      { ...base, schedules },
      { ...base, end: tooLong },
      { ...base, end: start },
      { ...base, intervalMinutes: 2 },
    ]) {
      const err = await caught(client.getSchedule(bad));
      expect(err).toMatchObject({ status: 400, code: 'InvalidRequest' });
    }
    expect(fake.requests).toHaveLength(0);
    const justUnder = new Date(start.getTime() + 62 * 24 * 3600_000 - 60_000);
    await client.getSchedule({ ...base, schedules: schedules.slice(0, 20), end: justUnder });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('subscriptions', () => {
  it('creates, renews and deletes a subscription', async () => {
    const { fake, client } = await setup((req) =>
      req.method === 'DELETE'
        ? { status: 204 }
        : {
            status: req.method === 'POST' ? 201 : 200,
            body: { id: 'sub/1', expirationDateTime: '2025-01-03T00:00:00Z' },
          },
    );
    const sub = await client.createSubscription({
      changeType: 'updated,deleted',
      resource: '/users/u1/events',
      notificationUrl: 'https://app/notify',
      clientState: 's',
    });
    expect(sub.id).toBe('sub/1');
    await client.renewSubscription('sub/1', new Date('2025-01-04T00:00:00Z'));
    await client.deleteSubscription('sub/1');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /subscriptions',
      'PATCH /subscriptions/sub%2F1',
      'DELETE /subscriptions/sub%2F1',
    ]);
    expect(fake.requests[1]?.body).toEqual({ expirationDateTime: '2025-01-04T00:00:00.000Z' });
  });
});

describe('logging', () => {
  it('logs method, path, status, duration and request-id without query values or the token', async () => {
    const lines: { obj: Record<string, unknown>; msg?: string }[] = [];
    const record = (obj: object, msg?: string) =>
      lines.push({ obj: obj as Record<string, unknown>, msg });
    const { client } = await setup(
      () => ({ headers: { 'request-id': 'rid-1' }, body: { value: [] } }),
      { logger: { debug: record, info: record, warn: record } },
    );
    await client.request({
      path: `/users/delta`,
      query: { $deltatoken: 'SECRET-TOKEN', $select: 'id' },
    });
    expect(lines).toHaveLength(1);
    const entry = lines[0]?.obj;
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/v1.0/users/delta?$select&$deltatoken',
      status: 200,
      requestId: 'rid-1',
    });
    expect(typeof entry?.durationMs).toBe('number');
    expect(JSON.stringify(lines)).not.toContain('SECRET-TOKEN');
    expect(JSON.stringify(lines)).not.toContain('test-token');
  });
});

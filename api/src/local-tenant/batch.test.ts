import { describe, expect, it } from 'vitest';
import { startLocalTenant } from './local-tenant.js';
import { eventBody, graphCaller, useLocalTenant } from './testing.js';

const local = useLocalTenant({ people: 300, seed: 42 });
const { graph } = local;

interface Sub {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { error?: { code: string }; id?: string; timeZone?: string };
}
const responses = (body: Record<string, unknown>): Map<string, Sub> =>
  new Map((body.responses as Sub[]).map((r) => [r.id, r]));
const ids = (n: number, from = 0): string[] =>
  Array.from({ length: n }, (_, i) => local.tenant.state.org.people[from + i]?.id ?? '');

describe('$batch', () => {
  it('refuses more than 20 requests', async () => {
    const requests = ids(21).map((id, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `/users/${id}`,
    }));
    const r = await graph('/$batch', { method: 'POST', body: { requests } });
    expect(r.status).toBe(400);
  });

  it('answers 200 outside with each sub-status inside, in an order that is not the request order', async () => {
    const requests = ids(20).map((id, i) => ({
      id: String(i + 1),
      method: 'GET',
      url: `/users/${id}?$select=id,displayName`,
    }));
    requests[4] = { id: '5', method: 'GET', url: '/users/00000000-0000-0000-0000-000000000000' };
    const r = await graph('/$batch', { method: 'POST', body: { requests } });
    expect(r.status).toBe(200);
    const list = r.body.responses as Sub[];
    expect(list).toHaveLength(20);
    expect(list.map((x) => x.id)).not.toEqual(requests.map((x) => x.id));
    const byId = responses(r.body);
    expect(byId.get('5')?.status).toBe(404);
    expect(byId.get('5')?.body?.error?.code).toBe('Request_ResourceNotFound');
    expect(byId.get('1')?.status).toBe(200);
    expect(byId.get('1')?.headers['Content-Type']).toContain('application/json');
  });

  it('fails a request with 424 when what it depends on failed, and runs it when that succeeded', async () => {
    const [a, b] = ids(2, 150);
    const r = await graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'GET', url: '/users/nobody@contoso.example' },
          { id: '2', method: 'GET', url: `/users/${a ?? ''}/mailboxSettings`, dependsOn: ['1'] },
          { id: '3', method: 'GET', url: `/users/${b ?? ''}/mailboxSettings/timeZone` },
          { id: '4', method: 'GET', url: `/users/${b ?? ''}/mailboxSettings`, dependsOn: ['3'] },
        ],
      },
    });
    const byId = responses(r.body);
    expect(byId.get('1')?.status).toBe(404);
    expect(byId.get('2')?.status).toBe(424);
    expect(byId.get('3')?.status).toBe(200);
    expect(byId.get('4')?.status).toBe(200);
  });

  it('answers 400 for a sub-request with a body but no Content-Type', async () => {
    const organizer = local.tenant.state.org.people[160];
    const body = eventBody({ start: '2030-05-01T09:00:00', end: '2030-05-01T09:30:00' });
    const r = await graph('/$batch', {
      method: 'POST',
      body: {
        requests: [
          { id: '1', method: 'POST', url: `/users/${organizer?.id ?? ''}/events`, body },
          {
            id: '2',
            method: 'POST',
            url: `/users/${organizer?.id ?? ''}/events`,
            body,
            headers: { 'Content-Type': 'application/json' },
          },
        ],
      },
    });
    const byId = responses(r.body);
    expect(byId.get('1')?.status).toBe(400);
    expect(byId.get('2')?.status).toBe(201);
    expect(local.tenant.state.events(organizer?.id ?? '')).toHaveLength(1);
  });

  it('throttles sub-requests on their own: 429 inside with Retry-After, 200 outside', async () => {
    local.tenant.faults.rate429 = 1;
    try {
      const r = await graph('/$batch', {
        method: 'POST',
        body: { requests: [{ id: '1', method: 'GET', url: `/users/${ids(1)[0] ?? ''}` }] },
      });
      expect(r.status).toBe(200);
      const sub = responses(r.body).get('1');
      expect(sub?.status).toBe(429);
      expect(sub?.headers['Retry-After']).toBe('0.2');
      expect(sub?.body?.error?.code).toBe('TooManyRequests');
    } finally {
      local.tenant.faults.rate429 = 0;
    }
  });

  it('enforces 4 concurrent requests per mailbox, even inside one batch', async () => {
    local.tenant.faults.latencyMs = 60;
    try {
      const mailbox = ids(1, 170)[0] ?? '';
      const requests = Array.from({ length: 8 }, (_, i) => ({
        id: String(i + 1),
        method: 'GET',
        url: `/users/${mailbox}/mailboxSettings`,
      }));
      const r = await graph('/$batch', { method: 'POST', body: { requests } });
      const statuses = [...responses(r.body).values()].map((s) => s.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(4);
      const throttled = [...responses(r.body).values()].filter((s) => s.status === 429);
      expect(throttled).toHaveLength(4);
      expect(throttled[0]?.body?.error?.code).toBe('ApplicationThrottled');
    } finally {
      local.tenant.faults.latencyMs = 0;
    }
  });
});

describe('faults', () => {
  it('answers 429 TooManyRequests with a fractional Retry-After when rate429 is 1, 503 with rate503', async () => {
    const t = await startLocalTenant({ people: 20, rate429: 1, retryAfterSeconds: 0.35 });
    try {
      const g = await graphCaller(t);
      const r = await g('/users');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('0.35');
      expect(r.body.error).toMatchObject({
        code: 'TooManyRequests',
        innerError: { 'request-id': expect.any(String) },
      });
      t.faults.rate429 = 0;
      t.faults.rate503 = 1;
      expect((await g('/users')).status).toBe(503);
      t.faults.rate503 = 0;
      expect((await g('/users')).status).toBe(200);
      expect(t.stats().throttled).toBe(1);
      expect(t.stats().requests).toBe(3);
      expect(t.stats().byRoute['GET /users']).toBe(3);
      t.resetStats();
      expect(t.stats().requests).toBe(0);
    } finally {
      await t.close();
    }
  });
});

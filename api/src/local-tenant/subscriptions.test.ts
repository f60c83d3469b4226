import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventBody, useLocalTenant } from './testing.js';

const local = useLocalTenant({ people: 300, seed: 42 });
const { graph } = local;
let listener: Server;
let listenerUrl: string;
const received: { value: Record<string, unknown>[] }[] = [];

beforeAll(async () => {
  // A minimal notification endpoint: echoes the validation token, records notifications.
  listener = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const token = url.searchParams.get('validationToken');
    if (url.pathname === '/refuse') {
      res.writeHead(500).end();
      return;
    }
    if (token !== null) {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end(token);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(
        JSON.parse(Buffer.concat(chunks).toString('utf8')) as { value: Record<string, unknown>[] },
      );
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
  listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => listener.close(() => r()));
});

const inMinutes = (m: number): string => new Date(Date.now() + m * 60_000).toISOString();

/** POSTs a subscription: an hour of `updated` notifications to the listener unless `extra` says otherwise. */
const subscribe = (resource: string, extra: Record<string, unknown> = {}) =>
  graph('/subscriptions', {
    method: 'POST',
    body: {
      changeType: 'updated',
      notificationUrl: `${listenerUrl}/notify`,
      resource,
      expirationDateTime: inMinutes(60),
      ...extra,
    },
  });

describe('subscriptions', () => {
  it('validates the endpoint, then notifies on event changes with clientState', async () => {
    const organizer = local.tenant.state.org.people[200];
    const sub = await subscribe(`/users/${organizer?.id ?? ''}/events`, {
      changeType: 'created,updated,deleted',
      expirationDateTime: inMinutes(4000),
      clientState: 'secret-123',
    });
    expect(sub.status).toBe(201);
    expect(sub.body).toMatchObject({
      id: expect.any(String),
      clientState: 'secret-123',
      changeType: 'created,updated,deleted',
    });

    const created = await graph(`/users/${organizer?.id ?? ''}/events`, {
      method: 'POST',
      body: eventBody({ start: '2030-06-03T09:00:00', end: '2030-06-03T09:30:00' }),
    });
    await local.tenant.state.whenNotificationsDelivered();
    const n = received.flatMap((r) => r.value).find((v) => v.subscriptionId === sub.body.id);
    expect(n).toMatchObject({
      changeType: 'created',
      clientState: 'secret-123',
      tenantId: local.tenant.tenantId,
      subscriptionExpirationDateTime: expect.any(String),
      resource: `Users/${organizer?.id ?? ''}/Events/${String(created.body.id)}`,
      resourceData: {
        '@odata.type': '#Microsoft.Graph.Event',
        '@odata.id': expect.any(String),
        id: created.body.id,
      },
    });
    expect(local.tenant.state.deliveries()).toMatchObject({ failed: 0, dropped: 0, pending: 0 });

    const renewed = await graph(`/subscriptions/${String(sub.body.id)}`, {
      method: 'PATCH',
      body: { expirationDateTime: inMinutes(4200) },
    });
    expect(renewed.status).toBe(200);
    expect(
      (await graph(`/subscriptions/${String(sub.body.id)}`, { method: 'DELETE' })).status,
    ).toBe(204);
    const before = received.length;
    local.tenant.state.cancelAsOrganizer(organizer?.id ?? '', String(created.body.id));
    await local.tenant.state.whenNotificationsDelivered();
    expect(received.length).toBe(before);
  });

  it('fails with 400 ValidationError when the endpoint does not echo the token', async () => {
    const r = await subscribe(`/users/${local.tenant.state.org.people[201]?.id ?? ''}/events`, {
      notificationUrl: `${listenerUrl}/refuse`,
    });
    expect(r.status).toBe(400);
    expect((r.body.error as { code: string }).code).toBe('ValidationError');
  });

  it('refuses an event subscription longer than 4230 minutes', async () => {
    const r = await subscribe(`/users/${local.tenant.state.org.people[202]?.id ?? ''}/events`, {
      expirationDateTime: inMinutes(4300),
    });
    expect(r.status).toBe(400);
  });

  it('refuses a property subscriptions do not have', async () => {
    const r = await subscribe(`/users/${local.tenant.state.org.people[202]?.id ?? ''}/events`, {
      expiryDateTime: inMinutes(60),
    });
    expect(r.status).toBe(400);
  });

  it('notifies user subscriptions when the directory changes', async () => {
    const sub = await subscribe('/users', {
      changeType: 'updated,deleted',
      expirationDateTime: inMinutes(600),
    });
    const who = local.tenant.state.org.people[210];
    local.tenant.state.updateUser(who?.id ?? '', { department: 'Product' });
    await local.tenant.state.whenNotificationsDelivered();
    const n = received.flatMap((r) => r.value).find((v) => v.subscriptionId === sub.body.id);
    expect(n).toMatchObject({ changeType: 'updated', resource: `Users/${who?.id ?? ''}` });
  });

  it("enforces Graph's quotas: 1000 per mailbox, then 403 until one is deleted", async () => {
    expect(local.tenant.state.subscriptions.limits.perMailbox).toBe(1000);
    local.tenant.state.subscriptions.limits.perMailbox = 2;
    try {
      const mailbox = local.tenant.state.org.people[230]?.id ?? '';
      const create = (userId: string) => subscribe(`/users/${userId}/events`);
      const [a, b] = [await create(mailbox), await create(mailbox)];
      expect([a.status, b.status]).toEqual([201, 201]);
      const over = await create(mailbox);
      expect(over.status).toBe(403);
      expect(over.body.error).toMatchObject({
        code: 'ExtensionError',
        message: expect.stringMatching(/Maximum number of subscriptions has been reached/),
      });
      // Another mailbox has its own quota.
      expect((await create(local.tenant.state.org.people[231]?.id ?? '')).status).toBe(201);
      expect(
        (await graph(`/subscriptions/${String(a.body.id)}`, { method: 'DELETE' })).status,
      ).toBe(204);
      expect((await create(mailbox)).status).toBe(201);
    } finally {
      local.tenant.state.subscriptions.limits.perMailbox = 1000;
    }
  });

  it('enforces the directory quota per app with 403', async () => {
    const held = local.tenant.state.subscriptions.list().filter((s) => s.target.kind === 'users');
    local.tenant.state.subscriptions.limits.directoryPerApp = held.length + 1;
    try {
      const create = () => subscribe('/users');
      expect((await create()).status).toBe(201);
      const over = await create();
      expect(over.status).toBe(403);
      expect((over.body.error as { message: string }).message).toMatch(/per app and tenant/);
    } finally {
      local.tenant.state.subscriptions.limits.directoryPerApp = 100;
    }
  });

  it('records activity-feed notifications per user (204)', async () => {
    const who = local.tenant.state.org.people[220];
    const r = await graph(`/users/${who?.id ?? ''}/teamwork/sendActivityNotification`, {
      method: 'POST',
      body: {
        topic: {
          source: 'entityUrl',
          value: `${local.tenant.baseUrl}/users/${who?.id ?? ''}/teamwork/installedApps/x`,
        },
        activityType: 'pairingProposed',
        previewText: { content: 'You have a mentor' },
      },
    });
    expect(r.status).toBe(204);
    expect(local.tenant.state.activityNotifications(who?.id ?? '')).toMatchObject([
      { activityType: 'pairingProposed', previewText: { content: 'You have a mentor' } },
    ]);
  });
});

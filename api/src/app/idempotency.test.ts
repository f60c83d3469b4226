import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { idempotencyKeys, type Store } from '../store/index.js';
import { createTestStore } from '../store/testing.js';
import { seedPeople, startTestApi, type TestApi } from '../testing/route-harness.js';
import { createIdempotency, requestFingerprint } from './idempotency.js';
import { problems } from './problem.js';
import { route } from './route-table.js';

let store: Store;
let api: TestApi;
/** How many times the create route really ran. */
let created = 0;
let refuseNext = false;

beforeAll(async () => {
  store = await createTestStore();
  await seedPeople(store.db, [{ id: 'admin' }, { id: 'admin2' }]);
  api = await startTestApi(store.db, [
    route({
      method: 'post',
      path: '/things',
      access: 'admin',
      summary: 'Create a thing (slowly, so duplicates overlap it)',
      idempotent: true,
      body: z.object({ name: z.string() }).strict(),
      async handle({ body }) {
        await sleep(30);
        if (refuseNext) {
          refuseNext = false;
          throw problems.conflict('Not now.');
        }
        created += 1;
        return { status: 201, body: { id: `thing-${created}`, name: body.name } };
      },
    }),
    route({
      method: 'post',
      path: '/plain',
      access: 'admin',
      summary: 'A write without idempotency',
      async handle() {
        created += 1;
        return { status: 201, body: { n: created } };
      },
    }),
  ]);
}, 60_000);

afterAll(async () => {
  await api.close();
  await store.close();
});

beforeEach(() => {
  created = 0;
});

const post = (key: string | undefined, name: string, as = 'admin') =>
  api.call('post', '/things', {
    as,
    admin: true,
    body: { name },
    headers: key === undefined ? {} : { 'Idempotency-Key': key },
  });

describe('Idempotency-Key on writes that create things', () => {
  it('answers a retried request with the first answer and creates nothing new', async () => {
    const first = await post('retry-1', 'Pilot');
    const again = await post('retry-1', 'Pilot');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(created).toBe(1);
  });

  it('refuses the same key with another body with a 422 problem, and creates nothing', async () => {
    await post('reused-1', 'Pilot');
    const other = await post('reused-1', 'Another program');
    expect(other.status).toBe(422);
    expect(other.contentType).toContain('application/problem+json');
    expect(other.body).toMatchObject({ status: 422, type: expect.stringMatching(/key-reused$/) });
    expect(created).toBe(1);
  });

  it('keeps keys apart per caller: two admins with one key each create their own', async () => {
    const a = await post('shared-name', 'Pilot', 'admin');
    const b = await post('shared-name', 'Pilot', 'admin2');
    expect(a.body).not.toEqual(b.body);
    expect(created).toBe(2);
  });

  it('runs concurrent requests with one key once, and answers them all alike', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => post('burst-1', 'Pilot')));
    expect(created).toBe(1);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => JSON.stringify(a.body))).size).toBe(1);
    expect(answers.filter((a) => a.headers.get('idempotent-replayed') === 'true')).toHaveLength(19);
  });

  it('lets a retry run again after a refused first request (which changed nothing)', async () => {
    refuseNext = true;
    const refused = await post('after-409', 'Pilot');
    expect(refused.status).toBe(409);
    const retried = await post('after-409', 'Pilot');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
    expect(created).toBe(1);
  });

  it('runs every request without a key, and ignores keys on routes not marked idempotent', async () => {
    await post(undefined, 'Pilot');
    await post(undefined, 'Pilot');
    const plain = { as: 'admin', admin: true, headers: { 'Idempotency-Key': 'plain-1' } };
    await api.call('post', '/plain', plain);
    await api.call('post', '/plain', plain);
    expect(created).toBe(4);
  });

  it('refuses a malformed key with a 400 naming the header', async () => {
    const res = await post('x'.repeat(256), 'Pilot');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Idempotency-Key');
    expect(created).toBe(0);
  });
});

describe('keys over time', () => {
  const request = {
    caller: 'tenant:admin',
    key: 'timed',
    fingerprint: requestFingerprint({ method: 'post', route: '/x', params: {}, body: { a: 1 } }),
  };

  it('forgets an answer after 24 hours, and purges it', async () => {
    let at = new Date('2026-05-10T12:00:00Z').getTime();
    const idem = createIdempotency({ db: store.db, now: () => new Date(at) });
    let runs = 0;
    const write = async () => ({ status: 201, body: { run: ++runs } });
    await idem.run(request, write);
    at += 23 * 3600_000;
    expect((await idem.run(request, write)).replayed).toBe(true);
    at += 2 * 3600_000;
    expect(await idem.run(request, write)).toEqual({
      status: 201,
      body: { run: 2 },
      replayed: false,
    });
    at += 25 * 3600_000;
    expect(await idem.purgeExpired()).toBeGreaterThanOrEqual(1);
    const left = await store.db.select().from(idempotencyKeys);
    expect(left.filter((k) => k.key === 'timed')).toEqual([]);
  });

  it('takes over a claim whose instance died before answering, once its lease ran out', async () => {
    let at = new Date('2026-06-01T12:00:00Z').getTime();
    const idem = createIdempotency({ db: store.db, now: () => new Date(at), waitMs: 50 });
    await store.db.insert(idempotencyKeys).values({
      caller: request.caller,
      key: 'orphan',
      fingerprint: request.fingerprint,
      claimedAt: new Date(at),
    });
    const orphan = { ...request, key: 'orphan' };
    const write = async () => ({ status: 201, body: { ok: true } });
    await expect(idem.run(orphan, write)).rejects.toMatchObject({ status: 409 });
    at += 61_000;
    expect(await idem.run(orphan, write)).toMatchObject({ status: 201, replayed: false });
  });

  it('sees the same request whatever the order of its JSON members', () => {
    const a = requestFingerprint({ method: 'post', route: '/x', params: {}, body: { a: 1, b: 2 } });
    const b = requestFingerprint({ method: 'post', route: '/x', params: {}, body: { b: 2, a: 1 } });
    const c = requestFingerprint({ method: 'post', route: '/y', params: {}, body: { a: 1, b: 2 } });
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });
});

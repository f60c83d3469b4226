import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../app/index.js';
import { ProblemError } from '../app/index.js';
import { pairings, sessions, type Store } from '../store/index.js';
import { createTestStore } from '../store/testing.js';
import { assertAuthor, createAccessControl, isAuthor } from './access-control.js';
import { AuthError } from './auth-error.js';
import type { TokenValidator } from './token-validator.js';

const person = (userId: string, roles: string[] = []): Principal => ({
  userId,
  tenantId: 't',
  name: userId,
  username: `${userId}@contoso.example`,
  roles,
  scopes: ['access_as_user'],
});

const mentor = person('mentor-1');
const leader = person('leader-1');
const stranger = person('someone-else');
const admin = person('hr-1', ['Program.Admin']);

/** Accepts the token "good"; refuses everything else the way the real validator does. */
const validator: TokenValidator = {
  validate: (token) =>
    token === 'good' ? Promise.resolve(mentor) : Promise.reject(new AuthError('bad-signature')),
};

function fakeRequest(authorization: string | undefined): {
  req: Request;
  headers: Map<string, string>;
} {
  const headers = new Map<string, string>();
  const res = { setHeader: (k: string, v: string) => headers.set(k.toLowerCase(), v) };
  const req = { headers: authorization === undefined ? {} : { authorization }, res };
  return { req: req as unknown as Request, headers };
}

async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 200;
  } catch (err) {
    if (err instanceof ProblemError) return err.status;
    throw err;
  }
}

describe('access control', () => {
  let store: Store;
  let pairingId: string;
  let sessionId: string;
  const unknownId = randomUUID();

  beforeAll(async () => {
    store = await createTestStore();
    const [p] = await store.db
      .insert(pairings)
      .values({
        programId: randomUUID(),
        mentorId: mentor.userId,
        leaderId: leader.userId,
        guideTrackId: 'core',
        guideTrackVersion: '2026.1',
      })
      .returning({ id: pairings.id });
    if (p === undefined) throw new Error('no pairing');
    pairingId = p.id;
    const [s] = await store.db
      .insert(sessions)
      .values({
        pairingId,
        occurrence: 1,
        guideSessionNumber: 1,
        startsAt: new Date('2026-01-05T10:00:00Z'),
        endsAt: new Date('2026-01-05T10:45:00Z'),
      })
      .returning({ id: sessions.id });
    if (s === undefined) throw new Error('no session');
    sessionId = s.id;
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  const access = () => createAccessControl({ db: store.db, validator });

  it('treats a request without a token as anonymous', async () => {
    expect(await access().authenticate(fakeRequest(undefined).req)).toBeUndefined();
  });

  it('turns a valid token into the principal', async () => {
    expect(await access().authenticate(fakeRequest('Bearer good').req)).toEqual(mentor);
  });

  it('validates a token once per request, however often the request is authenticated', async () => {
    let calls = 0;
    const counting = createAccessControl({
      db: store.db,
      validator: { validate: () => ((calls += 1), Promise.resolve(mentor)) },
    });
    const { req } = fakeRequest('Bearer good');
    await counting.authenticate(req);
    await counting.authenticate(req);
    expect(calls).toBe(1);
    await counting.authenticate(fakeRequest('Bearer good').req);
    expect(calls).toBe(2);
  });

  it('refuses a bad token with 401 and an invalid_token challenge, never as anonymous', async () => {
    const { req, headers } = fakeRequest('Bearer forged');
    const err = await access()
      .authenticate(req)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(401);
    expect(headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('lets any signed-in person through signed-in routes, and only admins through admin routes', async () => {
    expect(await statusOf(access().authorize('signed-in', stranger, {}))).toBe(200);
    expect(await statusOf(access().authorize('admin', admin, {}))).toBe(200);
    expect(await statusOf(access().authorize('admin', mentor, {}))).toBe(403);
  });

  it('lets both members and admins into a pairing, and nobody else', async () => {
    const check = (p: Principal) =>
      statusOf(access().authorize('pairing-member', p, { pairingId }));
    expect(await check(mentor)).toBe(200);
    expect(await check(leader)).toBe(200);
    expect(await check(admin)).toBe(200);
    expect(await check(stranger)).toBe(403);
  });

  it('lets only the two members into a session, not admins', async () => {
    const check = (p: Principal) =>
      statusOf(access().authorize('session-member', p, { sessionId }));
    expect(await check(mentor)).toBe(200);
    expect(await check(leader)).toBe(200);
    expect(await check(admin)).toBe(403);
    expect(await check(stranger)).toBe(403);
  });

  it('does not tell a non-member whether an id exists, but tells an admin', async () => {
    const ac = access();
    for (const id of [unknownId, 'not-a-uuid']) {
      expect(await statusOf(ac.authorize('pairing-member', stranger, { pairingId: id }))).toBe(403);
      expect(await statusOf(ac.authorize('pairing-member', admin, { pairingId: id }))).toBe(404);
      expect(await statusOf(ac.authorize('session-member', stranger, { sessionId: id }))).toBe(403);
      expect(await statusOf(ac.authorize('session-member', admin, { sessionId: id }))).toBe(404);
    }
  });

  it('refuses a rule it does not know', async () => {
    const rule = 'everyone' as unknown as 'admin';
    expect(await statusOf(access().authorize(rule, admin, {}))).toBe(403);
  });

  it('fails closed when a member rule is used on a route without the id', async () => {
    await expect(access().authorize('pairing-member', admin, {})).rejects.toThrow(/:pairingId/);
  });

  it('keeps reflection text for its author alone', () => {
    expect(() => assertAuthor(mentor, mentor.userId)).not.toThrow();
    expect(() => assertAuthor(leader, mentor.userId)).toThrow(ProblemError);
    expect(() => assertAuthor(admin, mentor.userId)).toThrow(ProblemError);
    expect(isAuthor(leader, mentor.userId)).toBe(false);
  });
});

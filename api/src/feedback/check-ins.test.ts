import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckInView } from '../contract/index.js';
import { COMMITMENT_LIMITS } from '../contract/index.js';
import { pairings } from '../store/index.js';
import { rowsOf } from '../jobs/index.js';
import { feedbackRoutes } from './feedback-routes.js';
import { seedPairing, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';

const SECRET = 'My leader interrupted me twice and I felt small';

const world = useRouteTestWorld({
  clock: testClock('2026-05-10T12:00:00Z'),
  routes: feedbackRoutes,
});
let sessionId: string;
let futureSessionId: string;
let pairingId: string;

beforeAll(async () => {
  await seedPeople(world.db, [
    { id: 'mentor' },
    { id: 'leader' },
    { id: 'admin' },
    { id: 'other' },
  ]);
  const programId = await seedProgram(world.db);
  const seeded = await seedPairing(world.db, {
    programId,
    mentorId: 'mentor',
    leaderId: 'leader',
    sessions: [{ startsAt: '2026-05-01T09:00:00Z' }, { startsAt: '2026-06-01T09:00:00Z' }],
  });
  [sessionId = '', futureSessionId = ''] = seeded.sessionIds;
  pairingId = seeded.pairingId;
});

const good = { held: true, usefulness: 4, safety: 2, reflection: SECRET };

describe('check-ins', () => {
  it('lets the author save and read back their own reflection, marked author-only', async () => {
    const put = await world.api.call('put', `/sessions/${sessionId}/check-in`, {
      as: 'mentor',
      body: good,
    });
    expect(put.status).toBe(200);
    const got = await world.api.call('get', `/sessions/${sessionId}/check-in`, { as: 'mentor' });
    const view = got.body as CheckInView;
    expect(view).toMatchObject({
      held: true,
      usefulness: 4,
      safety: 2,
      reflection: SECRET,
      visibility: 'author-only',
    });
  });

  it("gives the partner their own (empty) check-in, never the author's text", async () => {
    const got = await world.api.call('get', `/sessions/${sessionId}/check-in`, { as: 'leader' });
    expect(got.status).toBe(200);
    expect(got.text).not.toContain(SECRET);
    expect(got.body).toMatchObject({ reflection: '', usefulness: null, safety: null });
  });

  it('answers 403 to an admin who is not in the pairing, even where the access layer lets admins pass', async () => {
    const got = await world.api.call('get', `/sessions/${sessionId}/check-in`, {
      as: 'admin',
      admin: true,
    });
    expect(got.status).toBe(403);
    expect(got.text).not.toContain(SECRET);
    const put = await world.api.call('put', `/sessions/${sessionId}/check-in`, {
      as: 'admin',
      admin: true,
      body: good,
    });
    expect(put.status).toBe(403);
  });

  it('answers 403 to anyone else', async () => {
    const got = await world.api.call('get', `/sessions/${sessionId}/check-in`, { as: 'other' });
    expect(got.status).toBe(403);
    expect(got.text).not.toContain(SECRET);
  });

  it('keeps the partner from overwriting the author: each person has their own row', async () => {
    await world.api.call('put', `/sessions/${sessionId}/check-in`, {
      as: 'leader',
      body: { held: true, usefulness: 5, safety: 5, reflection: 'leader notes' },
    });
    const mine = await world.api.call('get', `/sessions/${sessionId}/check-in`, { as: 'mentor' });
    expect(mine.body).toMatchObject({ reflection: SECRET, usefulness: 4 });
    const rows = await world.db.execute(sql`select count(*)::int as n from check_ins`);
    expect(rowsOf(rows)[0]).toEqual({ n: 2 });
  });

  it('rejects unknown fields, out-of-range ratings and overlong reflections', async () => {
    for (const body of [
      { ...good, extra: 1 },
      { ...good, usefulness: 6 },
      { ...good, safety: 0 },
      { ...good, reflection: 'x'.repeat(5001) },
      { held: true, usefulness: 3, safety: 3 },
    ]) {
      const res = await world.api.call('put', `/sessions/${sessionId}/check-in`, {
        as: 'mentor',
        body,
      });
      expect(res.status).toBe(400);
    }
  });

  it('says a future session’s check-in is not open yet and when it opens, and refuses a save', async () => {
    const got = await world.api.call('get', `/sessions/${futureSessionId}/check-in`, {
      as: 'mentor',
    });
    expect(got.body).toMatchObject({ open: false, opensAt: '2026-06-01T09:00:00.000Z' });
    const past = await world.api.call('get', `/sessions/${sessionId}/check-in`, { as: 'mentor' });
    expect(past.body).toMatchObject({ open: true, opensAt: '2026-05-01T09:00:00.000Z' });
    const res = await world.api.call('put', `/sessions/${futureSessionId}/check-in`, {
      as: 'mentor',
      body: good,
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ opensAt: '2026-06-01T09:00:00.000Z' });
  });

  it('takes “it did not happen” without ratings, and asks for ratings when it did', async () => {
    const missed = await world.api.call('put', `/sessions/${sessionId}/check-in`, {
      as: 'leader',
      body: { held: false, reflection: '' },
    });
    expect(missed.status).toBe(200);
    expect(missed.body).toMatchObject({ held: false, usefulness: null, safety: null });
    const unrated = await world.api.call('put', `/sessions/${sessionId}/check-in`, {
      as: 'leader',
      body: { held: true, reflection: '' },
    });
    expect(unrated.status).toBe(400);
  });

  it('requires sign-in', async () => {
    const res = await world.api.call('get', `/sessions/${sessionId}/check-in`);
    expect(res.status).toBe(401);
  });
});

describe('commitments', () => {
  /** A pairing of its own, so a test can end or fill it without touching the others. */
  const otherPairing = async () =>
    seedPairing(world.db, {
      programId: await seedProgram(world.db),
      mentorId: 'mentor',
      leaderId: 'leader',
    });
  const setPairingStatus = (id: string, status: 'paused' | 'ended') =>
    world.db.update(pairings).set({ status }).where(eq(pairings.id, id));

  it('lets the leader make a commitment and mark it done; the mentor sees it but cannot change it', async () => {
    const made = await world.api.call('post', `/pairings/${pairingId}/commitments`, {
      as: 'leader',
      body: { text: 'Try async stand-ups with my staff', dueOn: '2026-07-01' },
    });
    expect(made.status).toBe(201);
    const id = (made.body as { id: string }).id;
    const byMentor = await world.api.call('patch', `/pairings/${pairingId}/commitments/${id}`, {
      as: 'mentor',
      body: { done: true },
    });
    expect(byMentor.status).toBe(403);
    const done = await world.api.call('patch', `/pairings/${pairingId}/commitments/${id}`, {
      as: 'leader',
      body: { done: true },
    });
    expect(done.body).toMatchObject({ done: true, mine: true });
    const list = await world.api.call('get', `/pairings/${pairingId}/commitments`, {
      as: 'mentor',
    });
    expect(list.body).toMatchObject({ items: [{ id, done: true, mine: false }] });
  });

  it('keeps commitments text from admins outside the pairing', async () => {
    const res = await world.api.call('get', `/pairings/${pairingId}/commitments`, {
      as: 'admin',
      admin: true,
    });
    expect(res.status).toBe(403);
    expect(res.text).not.toContain('async stand-ups');
  });

  it('lists them with the pairing status, so the tab knows whether to offer adding', async () => {
    const list = await world.api.call('get', `/pairings/${pairingId}/commitments`, {
      as: 'leader',
    });
    expect(list.body).toMatchObject({ pairingStatus: 'active' });
  });

  it('refuses a commitment to an ended pairing with 409, adds nothing, and still lets the leader tick one off', async () => {
    const other = await otherPairing();
    const made = await world.api.call('post', `/pairings/${other.pairingId}/commitments`, {
      as: 'leader',
      body: { text: 'Shadow a graduate for a day' },
    });
    const id = (made.body as { id: string }).id;
    await setPairingStatus(other.pairingId, 'ended');
    const refused = await world.api.call('post', `/pairings/${other.pairingId}/commitments`, {
      as: 'leader',
      body: { text: 'One more after the end' },
    });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect((refused.body as { detail: string }).detail).toContain('has ended');
    const done = await world.api.call('patch', `/pairings/${other.pairingId}/commitments/${id}`, {
      as: 'leader',
      body: { done: true },
    });
    expect(done.status).toBe(200);
    const list = await world.api.call('get', `/pairings/${other.pairingId}/commitments`, {
      as: 'leader',
    });
    expect(list.body).toMatchObject({
      pairingStatus: 'ended',
      items: [{ id, text: 'Shadow a graduate for a day', done: true }],
    });
  });

  it('takes commitments in a paused pairing (a pause stops the meetings, not the follow-through)', async () => {
    const other = await otherPairing();
    await setPairingStatus(other.pairingId, 'paused');
    const made = await world.api.call('post', `/pairings/${other.pairingId}/commitments`, {
      as: 'leader',
      body: { text: 'Read the async-work playbook' },
    });
    expect(made.status).toBe(201);
  });

  it(`refuses the commitment past ${COMMITMENT_LIMITS.perPairing} with 409 in plain words, adding nothing`, async () => {
    const other = await otherPairing();
    for (let i = 1; i <= COMMITMENT_LIMITS.perPairing; i += 1) {
      const made = await world.api.call('post', `/pairings/${other.pairingId}/commitments`, {
        as: 'leader',
        body: { text: `Commitment ${i}` },
      });
      expect(made.status).toBe(201);
    }
    const refused = await world.api.call('post', `/pairings/${other.pairingId}/commitments`, {
      as: 'leader',
      body: { text: 'One too many' },
    });
    expect(refused.status).toBe(409);
    expect(refused.contentType).toContain('application/problem+json');
    expect((refused.body as { detail: string }).detail).toContain(
      `has ${COMMITMENT_LIMITS.perPairing} commitments`,
    );
    const list = await world.api.call('get', `/pairings/${other.pairingId}/commitments`, {
      as: 'leader',
    });
    expect((list.body as { items: unknown[] }).items).toHaveLength(COMMITMENT_LIMITS.perPairing);
  });

  it('only lets the leader make commitments', async () => {
    const res = await world.api.call('post', `/pairings/${pairingId}/commitments`, {
      as: 'mentor',
      body: { text: 'Something' },
    });
    expect(res.status).toBe(403);
  });
});

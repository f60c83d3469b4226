import { beforeAll, describe, expect, it } from 'vitest';
import type { InsightsView } from '../contract/index.js';
import { DEFAULT_TOPICS } from '../contract/index.js';
import { seedPairing, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import { loadGuideTracks, syncBuiltinTracks } from '../guides/index.js';
import { auditLog, checkIns, commitments } from '../store/index.js';
import type { Db } from '../store/index.js';
import { insightsRoutes } from './insights-routes.js';

const NOW = '2026-06-15T12:00:00Z';
const SECRET = 'reflection text that admins must never see';

const world = useRouteTestWorld({ clock: testClock(NOW), routes: insightsRoutes });

beforeAll(async () => {
  await syncBuiltinTracks(world.db, await loadGuideTracks());
});

async function insights(programId: string): Promise<InsightsView> {
  const res = await world.api.call('get', `/programs/${programId}/insights`, {
    as: 'hr',
    admin: true,
  });
  expect(res.status).toBe(200);
  expect(res.text).not.toContain(SECRET);
  return res.body as InsightsView;
}

let n = 0;
/** Pairs up `size` fresh people (mentor, leader, mentor, leader, …; the last leader takes two). */
async function programOf(db: Db, size: number, o: { department?: (i: number) => string } = {}) {
  const programId = await seedProgram(db);
  const ids = Array.from({ length: size }, () => `p${++n}`);
  await seedPeople(
    db,
    ids.map((id, i) => ({ id, department: o.department?.(i) ?? 'Eng' })),
  );
  const pairs: { pairingId: string; sessionIds: string[]; mentor: string; leader: string }[] = [];
  for (let i = 0; i < size; i += 2) {
    const mentor = ids[i] ?? '';
    const leader = ids[i + 1] ?? ids[i - 1] ?? '';
    const seeded = await seedPairing(db, {
      programId,
      mentorId: mentor,
      leaderId: leader,
      sessions: [
        { startsAt: '2026-04-01T09:00:00Z', status: 'held' },
        { startsAt: '2026-05-01T09:00:00Z', status: 'declined' },
        { startsAt: '2026-06-01T09:00:00Z' },
        { startsAt: '2026-07-01T09:00:00Z' },
      ],
    });
    pairs.push({ ...seeded, mentor, leader });
  }
  return { programId, ids, pairs };
}

describe('program insights', () => {
  it('suppresses everything about a program of 4 people, as null and never as zero', async () => {
    const { programId } = await programOf(world.db, 4);
    const view = await insights(programId);
    expect(view.minGroupSize).toBe(5);
    expect(view.enrolment.matchRate).toBeNull();
    expect(view.sessions).toEqual({
      scheduled: null,
      held: null,
      heldRate: null,
      inCalendars: null,
    });
    expect(view.retention.reachedLastSession).toBeNull();
    expect(view.commitments).toEqual({ made: null, followedThrough: null });
    expect(view.topics.every((t) => t.sessionsHeld === null)).toBe(true);
    // Not even "none held yet": in a program of four that would say which sessions took place.
    expect(view.topics.every((t) => !t.noneHeld)).toBe(true);
    expect(view.byDepartment).toEqual([
      { group: 'Eng', people: null, heldRate: null, sessionsDue: null, suppressed: true },
    ]);
  });

  it('shows a program of 5 people: held vs scheduled from the calendar, declined is not held', async () => {
    const { programId } = await programOf(world.db, 5);
    const view = await insights(programId);
    expect(view.enrolment).toEqual({ mentors: 3, leaders: 2, matchRate: 1 });
    // 3 pairings × (held, declined, ended without change) are due; the July one is not.
    expect(view.sessions).toEqual({ scheduled: 9, held: 6, heldRate: 0.667, inCalendars: 12 });
    expect(view.retention).toEqual({ pairings: 3, reachedLastSession: 0 });
    expect(view.byDepartment).toEqual([
      { group: 'Eng', people: 5, heldRate: 0.667, sessionsDue: 9, suppressed: false },
    ]);
    const charter = view.topics[0];
    expect(charter?.sessionsHeld).toBe(3);
    expect(charter?.noneHeld).toBe(false);
    // A topic whose sessions are not due yet reads "none held yet", not "fewer than 5 people".
    const commitments = view.topics.find((t) => t.topic === 'Commitments');
    expect(commitments).toEqual({ topic: 'Commitments', sessionsHeld: null, noneHeld: true });
    // Topics carry the names the enrol form and the rules use (one list in contract/).
    const names = view.topics.map((t) => t.topic);
    for (const t of DEFAULT_TOPICS) expect(names).toContain(t.label);
    expect(names).toEqual(expect.arrayContaining(['Charter', 'Commitments', 'Open topic']));
  });

  it('averages check-in ratings only once 5 people have answered, and never reads the text', async () => {
    const { programId, pairs } = await programOf(world.db, 6);
    const answer = async (
      personId: string,
      pairingId: string,
      sessionId: string,
      usefulness: number,
    ) =>
      world.db.insert(checkIns).values({
        sessionId,
        pairingId,
        personId,
        held: true,
        usefulness,
        safety: 5,
        reflection: SECRET,
      });
    const people = pairs.flatMap((p) => [
      { id: p.mentor, p },
      { id: p.leader, p },
    ]);
    for (const [i, { id, p }] of people.slice(0, 4).entries())
      await answer(id, p.pairingId, p.sessionIds[0] ?? '', i < 2 ? 4 : 5);
    expect((await insights(programId)).checkIns).toEqual({
      usefulness: null,
      safety: null,
      responses: null,
    });
    const fifth = people[4];
    if (fifth === undefined) throw new Error('seed');
    await answer(fifth.id, fifth.p.pairingId, fifth.p.sessionIds[0] ?? '', 2);
    expect((await insights(programId)).checkIns).toEqual({
      usefulness: 4,
      safety: 5,
      responses: 5,
    });
  });

  it('counts commitments and follow-through once 5 leaders are in the program', async () => {
    const { programId, pairs } = await programOf(world.db, 10);
    for (const [i, p] of pairs.entries())
      await world.db
        .insert(commitments)
        .values({ pairingId: p.pairingId, authorId: p.leader, text: SECRET, done: i % 2 === 0 });
    expect((await insights(programId)).commitments).toEqual({ made: 5, followedThrough: 3 });
  });

  it('tells “no session due yet” apart from a small group, and counts what is in calendars', async () => {
    const programId = await seedProgram(world.db);
    const ids = Array.from({ length: 6 }, () => `p${++n}`);
    await seedPeople(
      world.db,
      ids.map((id) => ({ id, department: 'Ops' })),
    );
    for (let i = 0; i < ids.length; i += 2)
      await seedPairing(world.db, {
        programId,
        mentorId: ids[i] ?? '',
        leaderId: ids[i + 1] ?? '',
        sessions: [{ startsAt: '2027-03-03T09:00:00Z' }, { startsAt: '2027-04-03T09:00:00Z' }],
      });
    const view = await insights(programId);
    expect(view.sessions).toEqual({ scheduled: 0, held: 0, heldRate: null, inCalendars: 6 });
    expect(view.byDepartment).toEqual([
      { group: 'Ops', people: 6, heldRate: null, sessionsDue: 0, suppressed: false },
    ]);
  });

  it('breaks down by department, suppressing groups under 5 people', async () => {
    const depts = [
      'Eng',
      'Eng',
      'Eng',
      'Eng',
      'Eng',
      'Sales',
      'Sales',
      'Sales',
      'Sales',
      'HR',
      'HR',
      'HR',
    ];
    const { programId } = await programOf(world.db, 12, { department: (i) => depts[i] ?? 'Eng' });
    const view = await insights(programId);
    expect(view.byDepartment).toEqual([
      { group: 'Eng', people: 5, heldRate: 0.667, sessionsDue: 9, suppressed: false },
      { group: 'HR', people: null, heldRate: null, sessionsDue: null, suppressed: true },
      { group: 'Sales', people: null, heldRate: null, sessionsDue: null, suppressed: true },
    ]);
  });

  it('exports CSV for admins only, with suppressed cells empty, and audits the export', async () => {
    const { programId } = await programOf(world.db, 4);
    const denied = await world.api.call('get', `/programs/${programId}/insights.csv`, {
      as: 'someone',
    });
    expect(denied.status).toBe(403);
    const res = await world.api.call('get', `/programs/${programId}/insights.csv`, {
      as: 'hr',
      admin: true,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text).toContain('sessions,heldRate,,,true');
    expect(res.text).not.toContain('sessions,heldRate,,0');
    const audit = await world.db.select().from(auditLog);
    expect(audit).toEqual([
      expect.objectContaining({
        actorId: 'hr',
        action: 'insights.export-csv',
        targetId: programId,
      }),
    ]);
  });

  it('answers 404 for an unknown program', async () => {
    const res = await world.api.call(
      'get',
      '/programs/00000000-0000-4000-8000-000000000000/insights',
      {
        as: 'hr',
        admin: true,
      },
    );
    expect(res.status).toBe(404);
  });
});

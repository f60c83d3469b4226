import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MySurveyView, MySurveysView, OutcomesView } from '../contract/index.js';
import { notifications, pairings, surveyResponses } from '../store/index.js';
import { seedPairing, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import { outcomesRoutes } from './outcomes-routes.js';
import { runSurveyNudgeScan } from './survey-nudges.js';
import { surveyRoutes } from './survey-routes.js';

const clock = testClock('2026-04-10T12:00:00Z');
const world = useRouteTestWorld({
  clock,
  routes: (services) => [...surveyRoutes(services), ...outcomesRoutes(services)],
});

/** Five mentors: each one's first leader left early, and each was rematched with a second. */
const mentors = ['m1', 'm2', 'm3', 'm4', 'm5'];
let programId: string;
const first = new Map<string, string>();
const second = new Map<string, string>();

const allAt = (s: MySurveyView, point: number) =>
  Object.fromEntries(s.instrument.items.map((i) => [i.key, point]));
const endSurveys = async (as: string) =>
  ((await world.api.call('get', '/me/surveys', { as })).body as MySurveysView).surveys.filter(
    (s) => s.phase === 'end',
  );
const answerEnd = async (as: string, pairingId: string, point: number) => {
  const survey = (await world.api.call('get', `/me/surveys/${programId}/end/${pairingId}`, { as }))
    .body as MySurveyView;
  return world.api.call('put', `/me/surveys/${programId}/end/${pairingId}`, {
    as,
    body: { answers: allAt(survey, point) },
  });
};
const rowsOf = (personId: string) =>
  world.db
    .select()
    .from(surveyResponses)
    .where(and(eq(surveyResponses.personId, personId), eq(surveyResponses.phase, 'end')));
const outcomes = async () =>
  (await world.api.call('get', `/programs/${programId}/outcomes`, { as: 'admin-1', admin: true }))
    .body as OutcomesView;

beforeAll(async () => {
  await seedPeople(world.db, [
    ...mentors.flatMap((m) => [{ id: m }, { id: `${m}-a` }, { id: `${m}-b` }]),
    { id: 'admin-1' },
  ]);
  programId = await seedProgram(world.db);
  for (const m of mentors) {
    const { pairingId } = await seedPairing(world.db, {
      programId,
      mentorId: m,
      leaderId: `${m}-a`,
      sessions: [
        { startsAt: '2026-04-15T09:00:00Z', status: 'held' },
        { startsAt: '2026-05-15T09:00:00Z', status: 'cancelled' },
        { startsAt: '2026-06-15T09:00:00Z', status: 'cancelled' },
      ],
    });
    await world.db
      .update(pairings)
      .set({
        startedAt: new Date('2026-04-01T09:00:00Z'),
        status: 'ended',
        endedAt: new Date('2026-05-01T09:00:00Z'),
        endReason: 'left',
      })
      .where(eq(pairings.id, pairingId));
    first.set(m, pairingId);
  }
});

describe('the end survey, once per pairing', () => {
  it('asks again when a second pairing ends, keeps both answers, and counts both in the outcomes', async () => {
    // Baseline before the first session.
    for (const m of mentors) {
      const baseline = (await world.api.call('get', `/me/surveys/${programId}/baseline`, { as: m }))
        .body as MySurveyView;
      expect(
        (
          await world.api.call('put', `/me/surveys/${programId}/baseline`, {
            as: m,
            body: { answers: allAt(baseline, 1) },
          })
        ).status,
      ).toBe(200);
    }

    // The first partner left on 1 May: each mentor answers about that pairing (twice: one answer).
    clock.set('2026-05-05T12:00:00Z');
    for (const m of mentors) {
      const p1 = first.get(m) ?? '';
      expect((await endSurveys(m)).map((s) => [s.pairingId, s.state, s.answeredAt])).toEqual([
        [p1, 'open', null],
      ]);
      expect((await answerEnd(m, p1, 2)).status).toBe(200);
      expect((await answerEnd(m, p1, 2)).status).toBe(200);
      expect(await rowsOf(m)).toHaveLength(1);
    }

    // Rematched on 10 May; three sessions with the new leader, the last on 20 July.
    for (const m of mentors) {
      const { pairingId } = await seedPairing(world.db, {
        programId,
        mentorId: m,
        leaderId: `${m}-b`,
        sessions: ['2026-05-20', '2026-06-20', '2026-07-20'].map((d) => ({
          startsAt: `${d}T09:00:00Z`,
          status: 'held' as const,
        })),
      });
      await world.db
        .update(pairings)
        .set({ startedAt: new Date('2026-05-10T09:00:00Z') })
        .where(eq(pairings.id, pairingId));
      second.set(m, pairingId);
    }

    // Before the second pairing's last session its survey is not open: refused, nothing saved.
    clock.set('2026-06-01T12:00:00Z');
    const early = await answerEnd('m1', second.get('m1') ?? '', 4);
    expect(early.status).toBe(409);
    expect(early.headers.get('content-type')).toContain('application/problem+json');
    expect(await rowsOf('m1')).toHaveLength(1);

    // After it: asked again, about the second pairing, while the first answer stays.
    clock.set('2026-07-25T12:00:00Z');
    for (const m of mentors) {
      const p1 = first.get(m) ?? '';
      const p2 = second.get(m) ?? '';
      const ends = await endSurveys(m);
      expect(ends.map((s) => [s.pairingId, s.state, s.answeredAt === null])).toEqual([
        [p1, 'closed', false],
        [p2, 'open', true],
      ]);
      expect(ends[1]?.endOf).toMatchObject({
        reason: 'sessions-over',
        partnerName: `Person ${m}-b`,
      });
      // A link without the pairing (sent before the survey was per pairing) opens the one waiting.
      const current = (await world.api.call('get', `/me/surveys/${programId}/end`, { as: m }))
        .body as MySurveyView;
      expect(current.pairingId).toBe(p2);
    }
    const { queued } = await runSurveyNudgeScan(world.services);
    expect(queued).toBeGreaterThanOrEqual(mentors.length);
    const m1Nudges = await world.db
      .select()
      .from(notifications)
      .where(eq(notifications.personId, 'm1'));
    expect(m1Nudges.map((n) => n.link?.split('#')[1])).toContain(
      `/surveys/${programId}/end/${second.get('m1') ?? ''}`,
    );

    for (const m of mentors) expect((await answerEnd(m, second.get(m) ?? '', 4)).status).toBe(200);
    const m1Rows = await rowsOf('m1');
    expect(
      m1Rows
        .map((r) => [r.pairingId, Object.values(r.answers)[0]])
        .sort((a, b) => Number(a[1]) - Number(b[1])),
    ).toEqual([
      [first.get('m1'), 2],
      [second.get('m1'), 4],
    ]);

    const view = await outcomes();
    // Ten end surveys asked of five mentors (two pairings each), all answered.
    expect(view.responseRates.find((r) => r.role === 'mentor')?.end).toEqual({
      asked: 10,
      responses: 10,
      rate: 1,
      respondents: 5,
    });
    const voice = view.dimensions.find((d) => d.role === 'mentor' && d.dimension === 'voice');
    // End mean over both pairings' answers (2 and 4); each person once in the change: 3 − 1.
    expect(voice).toMatchObject({
      baselineMean: 1,
      baselineResponses: 5,
      endMean: 3,
      endResponses: 10,
      change: { paired: 5, mean: 2 },
    });
  }, 120_000);

  it("refuses answers about someone else's pairing or a malformed one, and changes nothing", async () => {
    clock.set('2026-07-25T12:00:00Z');
    const before = await world.db.select().from(surveyResponses);
    const survey = (await endSurveys('m1'))[1];
    if (survey === undefined) throw new Error('no second end survey');
    for (const pairing of [second.get('m2') ?? '', first.get('m3') ?? '']) {
      const res = await world.api.call('put', `/me/surveys/${programId}/end/${pairing}`, {
        as: 'm1',
        body: { answers: allAt(survey, 5) },
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.text).not.toContain('"answers"');
    }
    const malformed = await world.api.call('put', `/me/surveys/${programId}/end/not-a-pairing`, {
      as: 'm1',
      body: { answers: allAt(survey, 5) },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(await world.db.select().from(surveyResponses)).toEqual(before);
  });
});

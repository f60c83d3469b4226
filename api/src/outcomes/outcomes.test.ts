import { beforeAll, describe, expect, it } from 'vitest';
import type { MySurveyView, MySurveysView, OutcomesView } from '../contract/index.js';
import { seedPairing, seedPeople, seedProgram, testClock } from '../testing/route-harness.js';
import { useRouteTestWorld } from '../testing/route-world.js';
import { eq } from 'drizzle-orm';
import { enrolments, notifications, pairings, rematchRequests } from '../store/index.js';
import { runSurveyNudgeScan } from './survey-nudges.js';
import { outcomesRoutes } from './outcomes-routes.js';
import { surveyRoutes } from './survey-routes.js';

const clock = testClock('2026-04-20T12:00:00Z');
const BEFORE_FIRST = '2026-04-20T12:00:00Z';
const AFTER_FIRST = '2026-05-02T12:00:00Z';
const AFTER_LAST = '2026-07-02T12:00:00Z';
const SESSIONS = [
  { startsAt: '2026-05-01T09:00:00Z' },
  { startsAt: '2026-06-01T09:00:00Z' },
  { startsAt: '2026-07-01T09:00:00Z' },
];

/** 12 mentors: 6 in Sales, 5 in Ops, 1 in Legal. 5 leaders, each in a department of their own. */
const mentors = Array.from({ length: 12 }, (_, i) => `m${String(i + 1).padStart(2, '0')}`);
const deptOfMentor = (i: number) => (i < 6 ? 'Sales' : i < 11 ? 'Ops' : 'Legal');
const leaders = Array.from({ length: 12 }, (_, i) => `l${String(i + 1).padStart(2, '0')}`);
/** The worked example, on the leaders who answer: differences 1, 2, 0, 1, 1. */
const LEADER_BEFORE = [2, 2, 3, 4, 1];
const LEADER_AFTER = [3, 4, 3, 5, 2];

const world = useRouteTestWorld({
  clock,
  routes: (services) => [...surveyRoutes(services), ...outcomesRoutes(services)],
});
let programId: string;

const answerAll = (survey: MySurveyView, point: number) =>
  Object.fromEntries(survey.instrument.items.map((i) => [i.key, point]));

async function surveyOf(as: string, phase: 'baseline' | 'end'): Promise<MySurveyView> {
  const res = await world.api.call('get', `/me/surveys/${programId}/${phase}`, { as });
  expect(res.status).toBe(200);
  return res.body as MySurveyView;
}

async function answer(as: string, phase: 'baseline' | 'end', point: number) {
  const survey = await surveyOf(as, phase);
  return world.api.call('put', `/me/surveys/${programId}/${phase}`, {
    as,
    body: { answers: answerAll(survey, point) },
  });
}

beforeAll(async () => {
  await seedPeople(world.db, [
    ...mentors.map((id, i) => ({ id, department: deptOfMentor(i) })),
    ...leaders.map((id, i) => ({ id, department: `Leadership ${i}` })),
    { id: 'admin-1' },
  ]);
  programId = await seedProgram(world.db);
  for (const [i, mentorId] of mentors.entries())
    await seedPairing(world.db, {
      programId,
      mentorId,
      leaderId: leaders[i] ?? '',
      sessions: SESSIONS,
    });
});

describe('answering a survey', () => {
  it('asks the baseline before the first session and keeps the end survey for after the last', async () => {
    clock.set(BEFORE_FIRST);
    const res = await world.api.call('get', '/me/surveys', { as: 'm01' });
    const { surveys } = res.body as MySurveysView;
    expect(surveys.map((s) => [s.phase, s.role, s.state, s.answers])).toEqual([
      ['baseline', 'mentor', 'open', null],
      ['end', 'mentor', 'upcoming', null],
    ]);
    expect(surveys[0]?.closesAt).toBe('2026-05-01T09:00:00.000Z');
    expect((await surveyOf('l01', 'baseline')).instrument.key).toBe('leader-baseline');
  });

  it('saves a complete answer, lets its author edit it, and refuses incomplete or off-scale ones', async () => {
    clock.set(BEFORE_FIRST);
    const survey = await surveyOf('m01', 'baseline');
    const answers = answerAll(survey, 3);
    const firstKey = survey.instrument.items[0]?.key ?? '';
    const partial = { ...answers };
    delete partial[firstKey];
    const missing = await world.api.call('put', `/me/surveys/${programId}/baseline`, {
      as: 'm01',
      body: { answers: partial },
    });
    expect(missing.status).toBe(400);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    const offScale = await world.api.call('put', `/me/surveys/${programId}/baseline`, {
      as: 'm01',
      body: { answers: { ...answers, [firstKey]: 6 } },
    });
    expect(offScale.status).toBe(400);
    expect((await surveyOf('m01', 'baseline')).answers).toBeNull();

    expect((await answer('m01', 'baseline', 4)).status).toBe(200);
    const edited = await answer('m01', 'baseline', 2);
    expect((edited.body as MySurveyView).answers?.[firstKey]).toBe(2);
    expect((await surveyOf('m01', 'baseline')).answeredAt).not.toBeNull();
    const early = await answer('m01', 'end', 3);
    expect(early.status).toBe(409);
  });

  it('shows each person their own answers only, and none to an admin', async () => {
    clock.set(BEFORE_FIRST);
    expect((await surveyOf('m02', 'baseline')).answers).toBeNull();
    const asAdmin = await world.api.call('get', `/me/surveys/${programId}/baseline`, {
      as: 'admin-1',
      admin: true,
    });
    expect(asAdmin.status).toBe(404);
    expect(asAdmin.text).not.toContain('"answers"');
  });

  it('closes the baseline when the first session starts', async () => {
    clock.set(AFTER_FIRST);
    const late = await answer('m02', 'baseline', 3);
    expect(late.status).toBe(409);
    expect(late.text).toContain('first session');
  });
});

describe('program outcomes', () => {
  it('reports the paired change with its 95% interval, and only over groups of five or more', async () => {
    clock.set(BEFORE_FIRST);
    for (const [i, id] of mentors.entries()) await answer(id, 'baseline', 2 + (i % 2));
    for (const [i, point] of LEADER_BEFORE.entries())
      await answer(leaders[i] ?? '', 'baseline', point);

    // Five leaders answered the baseline: enough for a mean.
    const few = (
      await world.api.call('get', `/programs/${programId}/outcomes`, { as: 'admin-1', admin: true })
    ).body as OutcomesView;
    const leaderEngaged = few.dimensions.filter((d) => d.role === 'leader');
    expect(leaderEngaged.every((d) => d.baselineMean !== null)).toBe(true);

    clock.set(AFTER_LAST);
    for (const [i, id] of mentors.entries())
      expect((await answer(id, 'end', 4 - (i % 2))).status).toBe(200);
    for (const [i, point] of LEADER_AFTER.slice(0, 4).entries())
      await answer(leaders[i] ?? '', 'end', point);
    const four = (
      await world.api.call('get', `/programs/${programId}/outcomes`, { as: 'admin-1', admin: true })
    ).body as OutcomesView;
    const leaderRate = four.responseRates.find((r) => r.role === 'leader');
    expect(leaderRate?.end).toEqual({ asked: 12, responses: null, rate: null, respondents: null });
    for (const d of four.dimensions.filter((x) => x.role === 'leader')) {
      expect(d.endMean).toBeNull();
      expect(d.change).toEqual({ paired: null, mean: null, low: null, high: null });
    }

    await answer(leaders[4] ?? '', 'end', LEADER_AFTER[4] ?? 0);
    const res = await world.api.call('get', `/programs/${programId}/outcomes`, {
      as: 'admin-1',
      admin: true,
    });
    expect(res.status).toBe(200);
    const view = res.body as OutcomesView;
    const empathy = view.dimensions.find((d) => d.role === 'leader' && d.dimension === 'empathy');
    expect(empathy).toMatchObject({
      baselineMean: 2.4,
      baselineResponses: 5,
      endMean: 3.4,
      change: { paired: 5, mean: 1, low: 0.12, high: 1.88 },
    });
    expect(view.responseRates.find((r) => r.role === 'leader')).toEqual({
      role: 'leader',
      enrolled: 12,
      baseline: { responses: 5, rate: 0.42 },
      end: { asked: 12, responses: 5, rate: 0.42, respondents: 5 },
    });
    const voice = view.dimensions.find((d) => d.role === 'mentor' && d.dimension === 'voice');
    // m01 edited its baseline to 2; everyone else as answered: +2 for even, 0 for odd positions.
    expect(voice?.change.paired).toBe(12);
    expect(voice?.change.mean).toBe(1);

    // Every shown cell describes five people or more, in every breakdown.
    for (const b of view.breakdowns)
      for (const cell of b.cells) {
        if (cell.suppressed)
          expect(cell.change).toEqual({ paired: null, mean: null, low: null, high: null });
        else expect(cell.change.paired).toBeGreaterThanOrEqual(5);
      }
    // Legal (1 mentor) is hidden, and so is Ops (5), or Legal would be the total minus Sales and Ops.
    const byDept = view.breakdowns.find(
      (b) => b.by === 'department' && b.role === 'mentor' && b.dimension === 'voice',
    );
    expect(byDept?.cells.map((c) => [c.group, c.suppressed, c.change.paired])).toEqual([
      ['Legal', true, null],
      ['Ops', true, null],
      ['Sales', false, 6],
    ]);
    // Leaders sit in departments of one: nothing of them is broken down.
    for (const b of view.breakdowns.filter((x) => x.role === 'leader' && x.by === 'department'))
      expect(b.cells.every((c) => c.suppressed)).toBe(true);
    // No person's id or individual answer is in the admin's view.
    for (const id of [...mentors, ...leaders]) expect(res.text).not.toContain(`"${id}"`);
  }, 120_000);

  it('gives the same aggregates as CSV, audited, to admins only', async () => {
    const denied = await world.api.call('get', `/programs/${programId}/outcomes.csv`, {
      as: 'm01',
    });
    expect(denied.status).toBe(403);
    const res = await world.api.call('get', `/programs/${programId}/outcomes.csv`, {
      as: 'admin-1',
      admin: true,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.text).toContain('leader,empathy,,,meanChange,1,false');
    expect(res.text).toContain('mentor,voice,department,Legal,meanChange,,true');
  });
});

describe('survey nudges', () => {
  it('nudges each person once for an open survey they have not answered, linking to it', async () => {
    clock.set(BEFORE_FIRST);
    const first = await runSurveyNudgeScan(world.services);
    // Back before the first session: only the seven leaders who never answered are asked, once.
    expect(first.queued).toBe(7);
    expect((await runSurveyNudgeScan(world.services)).queued).toBe(0);
    const rows = await world.db.select().from(notifications);
    const l06 = rows.find((n) => n.personId === 'l06');
    expect(l06?.kind).toBe('surveyWaiting');
    expect(l06?.link).toContain(`/#/surveys/${programId}/baseline`);
    expect(rows.some((n) => n.personId === 'm01' || n.personId === 'l01')).toBe(false);
  });
});

describe('what the end survey asks about', () => {
  const NOW = '2026-06-15T12:00:00Z';
  const end = (as: string, id: string) =>
    world.api.call('get', `/me/surveys/${id}/end`, { as }).then((res) => res.body as MySurveyView);
  let running: string;
  let closed: string;

  /** A pair's sessions, from (date, status) pairs at 09:00 UTC; ended at `endedAt` when given. */
  async function pair(
    programId: string,
    mentorId: string,
    leaderId: string,
    sessions: [string, 'held' | 'cancelled'][],
    ended?: { at: string; reason: string },
  ): Promise<string> {
    const { pairingId } = await seedPairing(world.db, {
      programId,
      mentorId,
      leaderId,
      sessions: sessions.map(([day, status]) => ({ startsAt: `${day}T09:00:00Z`, status })),
    });
    if (ended !== undefined)
      await world.db
        .update(pairings)
        .set({ status: 'ended', endedAt: new Date(ended.at), endReason: ended.reason })
        .where(eq(pairings.id, pairingId));
    return pairingId;
  }

  beforeAll(async () => {
    await seedPeople(world.db, [
      { id: 'done-m', displayName: 'Ada Done' },
      { id: 'done-l', displayName: 'Lee Done' },
      { id: 'stay-m', displayName: 'Sam Stays' },
      { id: 'gone-l', displayName: 'Yusuf Schmidt' },
      { id: 'ended-m', displayName: 'Eve Ended' },
      { id: 'ended-l', displayName: 'Oli Ended' },
      { id: 'closed-m', displayName: 'Cai Closed' },
      { id: 'closed-l', displayName: 'Dee Closed' },
    ]);
    running = await seedProgram(world.db);
    // All three sessions held.
    await pair(running, 'done-m', 'done-l', [
      ['2026-04-15', 'held'],
      ['2026-05-15', 'held'],
      ['2026-06-01', 'held'],
    ]);
    // The leader left after the first session: the rest were cancelled, the mentor waits for a
    // new partner.
    const left = await pair(
      running,
      'stay-m',
      'gone-l',
      [
        ['2026-05-01', 'held'],
        ['2026-06-01', 'cancelled'],
        ['2026-07-01', 'cancelled'],
      ],
      { at: '2026-05-25T10:00:00Z', reason: 'left' },
    );
    await world.db
      .update(enrolments)
      .set({ status: 'left' })
      .where(eq(enrolments.personId, 'gone-l'));
    await world.db.insert(rematchRequests).values({
      programId: running,
      pairingId: left,
      source: 'departure',
      affectedPersonId: 'stay-m',
      reason: 'Yusuf Schmidt left the program',
    });
    // Ended by the program team after one session; nobody is waiting for a new partner.
    await pair(
      running,
      'ended-m',
      'ended-l',
      [
        ['2026-06-01', 'held'],
        ['2026-07-01', 'cancelled'],
      ],
      { at: '2026-06-10T10:00:00Z', reason: 'ended' },
    );
    // The program closed before the last session, ending its pairings at the same moment.
    closed = await seedProgram(world.db, {
      status: 'closed',
      closedAt: new Date('2026-06-10T10:00:00Z'),
    });
    await pair(
      closed,
      'closed-m',
      'closed-l',
      [
        ['2026-05-10', 'held'],
        ['2026-06-09', 'held'],
        ['2026-07-09', 'cancelled'],
      ],
      { at: '2026-06-10T10:00:00Z', reason: 'program closed' },
    );
  });

  it('says the sessions are over only when the last one has passed', async () => {
    clock.set(NOW);
    const done = await end('done-m', running);
    expect(done.state).toBe('open');
    expect(done.endOf).toEqual({
      reason: 'sessions-over',
      partnerName: 'Lee Done',
      awaitingPartner: false,
    });
    expect((await end('done-l', running)).endOf?.partnerName).toBe('Ada Done');
    clock.set('2026-05-20T12:00:00Z');
    const upcoming = await end('done-m', running);
    expect(upcoming.state).toBe('upcoming');
    expect(upcoming.endOf).toBeNull();
  });

  it('asks someone whose partner left about that pairing, from when it ended, while they wait for a new partner', async () => {
    clock.set(NOW);
    const stay = await end('stay-m', running);
    // Open from the ending (not from the one session held three weeks before it).
    expect(stay.state).toBe('open');
    expect(stay.opensAt).toBe('2026-05-25T10:00:00.000Z');
    expect(stay.endOf).toEqual({
      reason: 'pairing-ended',
      partnerName: 'Yusuf Schmidt',
      awaitingPartner: true,
    });
    expect((await end('ended-m', running)).endOf).toEqual({
      reason: 'pairing-ended',
      partnerName: 'Oli Ended',
      awaitingPartner: false,
    });
  });

  it("names the pairing that ended in the message to someone waiting for a new partner, not 'end-of-program'", async () => {
    clock.set(NOW);
    await runSurveyNudgeScan(world.services);
    const text = async (personId: string) =>
      (await world.db.select().from(notifications).where(eq(notifications.personId, personId))).map(
        (n) => n.text,
      );
    expect(await text('stay-m')).toEqual([
      'Three minutes for Test program: your survey on your pairing with Yusuf Schmidt is open until 22 Jun',
    ]);
    expect(await text('done-m')).toEqual([
      'Three minutes for Test program: your end-of-program survey is open until 29 Jun',
    ]);
  });

  it('says the program closed when it closed before the sessions were over', async () => {
    clock.set(NOW);
    const cut = await end('closed-l', closed);
    expect(cut.state).toBe('open');
    expect(cut.endOf).toEqual({
      reason: 'program-closed',
      partnerName: 'Cai Closed',
      awaitingPartner: false,
    });
  });
});

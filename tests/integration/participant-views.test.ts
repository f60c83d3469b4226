import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HomeView, PairingView, Problem } from '../../api/src/contract/api-types.js';
import { participantRoutes } from '../../api/src/participants/index.js';
import {
  createProgram,
  findProgram,
  myEnrolments,
  programInput,
  programView,
} from '../../api/src/programs/index.js';
import {
  programTestServices,
  seedPeople,
  startProgramTestApi,
} from '../../api/src/testing/route-harness.js';
import type { ProgramTestApi, ProgramTestServices } from '../../api/src/testing/route-harness.js';
import {
  bookingSeries,
  checkIns,
  enrolments,
  matchRuns,
  notifications,
  pairings,
  programs,
  sessions,
} from '../../api/src/store/index.js';
import type { Store } from '../../api/src/store/index.js';
import { createTestStore } from '../../api/src/store/testing.js';

/**
 * The employee's read views against a real store and the real access rules: a program with a
 * booked pair (Mia mentors Leo), a second mentor still waiting (Ned), an outsider (Ola), and a
 * second program open for enrolment.
 */
const NOW = '2026-03-10T09:00:00.000Z';
const JOIN_URL = 'https://teams.example/l/meetup-join/series-1';
const EXPLANATION = 'Mia teaches Digital and AI tools, which Leo wants; 3 levels apart.';
const DAY = 24 * 3600_000;

let store: Store;
let services: ProgramTestServices;
let api: ProgramTestApi;
const ids = { program: '', openProgram: '', pairing: '', past: '', next: '', later: '' };

beforeAll(async () => {
  store = await createTestStore();
  const db = store.db;
  services = programTestServices({ db, now: NOW });
  api = await startProgramTestApi(db, participantRoutes(services));
  await seedPeople(db, [
    { id: 'mia', displayName: 'Mia Mentor', jobTitle: 'Graduate Analyst', department: 'Data' },
    {
      id: 'leo',
      displayName: 'Leo Leader',
      jobTitle: 'VP Operations',
      department: 'Operations',
      timeZone: 'America/New_York',
    },
    { id: 'ned', displayName: 'Ned Newcomer', jobTitle: 'Apprentice' },
    { id: 'ola', displayName: 'Ola Outsider', jobTitle: 'Engineer' },
    { id: "o'neil", displayName: "Pat O'Neil", jobTitle: 'Engineer' },
  ]);
  const cohort = await createProgram(
    services,
    'hr',
    programInput.parse({ name: 'Spring cohort', rules: { sessions: 3 } }),
  );
  const open = await createProgram(
    services,
    'hr',
    programInput.parse({ name: 'Autumn cohort', enrolmentClosesAt: '2026-04-01T00:00:00Z' }),
  );
  // Opened through the store: the program lifecycle is the programs concept's, tested there.
  ids.program = cohort.id;
  ids.openProgram = open.id;
  await db.update(programs).set({ status: 'active' }).where(eq(programs.id, cohort.id));
  await db.update(programs).set({ status: 'enrolling' }).where(eq(programs.id, open.id));

  await db.insert(enrolments).values([
    { programId: cohort.id, personId: 'mia', role: 'mentor', suggestedRole: 'mentor' },
    { programId: cohort.id, personId: 'leo', role: 'leader', suggestedRole: 'leader' },
    { programId: cohort.id, personId: 'ned', role: 'mentor', suggestedRole: 'mentor' },
  ]);
  const [pairing] = await db
    .insert(pairings)
    .values({
      programId: cohort.id,
      mentorId: 'mia',
      leaderId: 'leo',
      explanation: EXPLANATION,
      guideTrackId: cohort.guideTrackId,
      guideTrackVersion: cohort.guideTrackVersion,
    })
    .returning();
  if (pairing === undefined) throw new Error('no pairing');
  ids.pairing = pairing.id;
  const [series] = await db
    .insert(bookingSeries)
    .values({
      pairingId: pairing.id,
      organizerId: 'mia',
      attendeeId: 'leo',
      transactionId: `tx-${pairing.id}`,
      status: 'booked',
      eventId: 'AAMk+series/1=',
      joinUrl: JOIN_URL,
      timeZone: 'Europe/London',
    })
    .returning();
  if (series === undefined) throw new Error('no series');
  const start = new Date(NOW).getTime();
  const booked = await db
    .insert(sessions)
    .values(
      [
        { occurrence: 1, at: start - 7 * DAY, status: 'held' as const },
        { occurrence: 2, at: start + 7 * DAY, status: 'scheduled' as const },
        { occurrence: 3, at: start + 14 * DAY, status: 'scheduled' as const },
      ].map((s) => ({
        pairingId: pairing.id,
        seriesId: series.id,
        occurrence: s.occurrence,
        guideSessionNumber: s.occurrence,
        startsAt: new Date(s.at),
        endsAt: new Date(s.at + 45 * 60_000),
        status: s.status,
      })),
    )
    .returning();
  const [past, next, later] = [...booked].sort((a, b) => a.occurrence - b.occurrence);
  if (past === undefined || next === undefined || later === undefined)
    throw new Error('no sessions');
  Object.assign(ids, { past: past.id, next: next.id, later: later.id });
  await db.insert(checkIns).values({
    sessionId: past.id,
    pairingId: pairing.id,
    personId: 'mia',
    held: true,
    usefulness: 5,
    safety: 5,
  });
  await db.insert(notifications).values([
    {
      personId: 'mia',
      kind: 'checkInWaiting',
      subjectId: past.id,
      dedupeKey: 'mia-1',
      text: 'How did it go?',
      scheduledFor: new Date(NOW),
    },
    {
      personId: 'mia',
      kind: 'sessionTomorrow',
      subjectId: next.id,
      dedupeKey: 'mia-2',
      text: 'Tomorrow',
      scheduledFor: new Date(NOW),
      readAt: new Date(NOW),
    },
  ]);
});

afterAll(async () => {
  await api?.close();
  await store?.close();
});

async function home(as: string): Promise<HomeView> {
  const res = await api.call('get', '/me/home', { as });
  expect(res.status).toBe(200);
  return res.body as HomeView;
}

describe('the employee home view', () => {
  it("shows the mentor their leader, why they were matched, and the next session's join link", async () => {
    const view = await home('mia');
    expect(view.me).toMatchObject({ id: 'mia', displayName: 'Mia Mentor', isAdmin: false });
    expect(view.pairings).toHaveLength(1);
    const [p] = view.pairings;
    expect(p).toMatchObject({
      id: ids.pairing,
      programName: 'Spring cohort',
      myRole: 'mentor',
      status: 'active',
      explanation: EXPLANATION,
      series: { status: 'booked', joinUrl: JOIN_URL, failureReason: null },
    });
    expect(p?.partner).toMatchObject({
      id: 'leo',
      displayName: 'Leo Leader',
      jobTitle: 'VP Operations',
      timeZone: 'America/New_York',
      photoUrl: null,
    });
    expect(p?.partner).not.toHaveProperty('mail');
    expect(p?.nextSession).toMatchObject({ id: ids.next, occurrence: 2, joinUrl: JOIN_URL });
    expect(p?.nextSession?.guideTitle).not.toMatch(/^Session \d/);
  });

  it('marks the sessions the caller has checked in on, and only theirs', async () => {
    const mia = (await home('mia')).pairings[0];
    expect(mia?.sessions.map((s) => [s.occurrence, s.status, s.checkInDone])).toEqual([
      [1, 'held', true],
      [2, 'scheduled', false],
      [3, 'scheduled', false],
    ]);
    const leo = (await home('leo')).pairings[0];
    expect(leo?.sessions.every((s) => !s.checkInDone)).toBe(true);
  });

  it('counts unread nudges only', async () => {
    expect((await home('mia')).unreadNotifications).toBe(1);
    expect((await home('leo')).unreadNotifications).toBe(0);
  });

  it('shows a participant without a partner their enrolment and the programs still open', async () => {
    const view = await home('ned');
    expect(view.pairings).toEqual([]);
    expect(view.enrolments).toHaveLength(1);
    expect(view.enrolments[0]).toMatchObject({
      programId: ids.program,
      programName: 'Spring cohort',
      role: 'mentor',
      status: 'active',
      person: { id: 'ned', displayName: 'Ned Newcomer' },
    });
    expect(view.openPrograms.map((p) => [p.id, p.name, p.status])).toEqual([
      [ids.openProgram, 'Autumn cohort', 'enrolling'],
    ]);
  });

  it('tells a participant the latest approved matching left out why, and what happens next; the paired see nothing of it', async () => {
    expect((await home('ned')).leftOut).toEqual([]);
    const run = {
      programId: ids.program,
      status: 'approved' as const,
      pairs: [],
      summary: {
        eligibleMentors: 2,
        eligibleLeaders: 1,
        matched: 1,
        shareMatched: 0.67,
        scoreQuartiles: [0, 0, 0, 0, 0] as [number, number, number, number, number],
        departments: { mentors: {}, leaders: {} },
        offices: { mentors: {}, leaders: {} },
      },
      createdBy: 'hr',
    };
    // An older run left Ned out for another reason; the latest one is what counts.
    await store.db.insert(matchRuns).values([
      {
        ...run,
        leftOut: [{ personId: 'ned', role: 'mentor', reasonCode: 'removed-by-admin', reason: 'x' }],
        approvedAt: new Date('2026-03-01T09:00:00Z'),
      },
      {
        ...run,
        leftOut: [
          {
            personId: 'ned',
            role: 'mentor',
            reasonCode: 'capacity',
            reason: 'More mentors than leaders.',
          },
        ],
        approvedAt: new Date('2026-03-08T09:00:00Z'),
      },
    ]);
    const ned = await home('ned');
    expect(ned.leftOut).toEqual([
      {
        programId: ids.program,
        programName: 'Spring cohort',
        role: 'mentor',
        reason: 'there were more mentors than leaders this round',
        nextStep:
          'You stay enrolled: the program team can pair you by hand, and the next round considers you first',
        decidedAt: '2026-03-08T09:00:00.000Z',
      },
    ]);
    expect((await home('mia')).leftOut).toEqual([]);
  });

  it('shows enrolments and open programs exactly as the programs routes describe them', async () => {
    const view = await home('ned');
    expect(view.enrolments).toEqual(await myEnrolments(store.db, 'ned'));
    expect(view.openPrograms).toEqual([
      await programView(store.db, await findProgram(store.db, ids.openProgram)),
    ]);
  });

  it('stops offering a program once its enrolment window has closed', async () => {
    services.setNow('2026-04-02T00:00:00Z');
    try {
      expect((await home('ned')).openPrograms).toEqual([]);
    } finally {
      services.setNow(NOW);
    }
  });

  it('moves to the following session once the next one is over', async () => {
    services.setNow(new Date(new Date(NOW).getTime() + 7 * DAY + 50 * 60_000).toISOString());
    try {
      expect((await home('mia')).pairings[0]?.nextSession?.id).toBe(ids.later);
    } finally {
      services.setNow(NOW);
    }
  });

  it('tells someone the directory does not list that they are not in it yet', async () => {
    const res = await api.call('get', '/me/home', { as: 'stranger' });
    expect(res.status).toBe(404);
    expect((res.body as Problem).type).toMatch(/not-in-directory$/);
  });

  it('reads an id with a quote in it as that id, not as SQL', async () => {
    const view = await home("o'neil");
    expect(view.me.displayName).toBe("Pat O'Neil");
    expect(view.pairings).toEqual([]);
  });

  it('needs a signed-in caller', async () => {
    expect((await api.call('get', '/me/home')).status).toBe(401);
  });
});

describe('the pairing view', () => {
  it('gives the leader the same pairing from their side, the mentor as partner', async () => {
    const res = await api.call('get', `/pairings/${ids.pairing}`, { as: 'leo' });
    expect(res.status).toBe(200);
    const view = res.body as PairingView;
    expect(view).toMatchObject({ id: ids.pairing, myRole: 'leader', explanation: EXPLANATION });
    expect(view.partner).toMatchObject({ id: 'mia', displayName: 'Mia Mentor' });
    expect(view.nextSession?.id).toBe(ids.next);
  });

  it('is the same for the mentor as the pairing on their home view', async () => {
    const res = await api.call('get', `/pairings/${ids.pairing}`, { as: 'mia' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual((await home('mia')).pairings[0]);
  });

  it('refuses someone outside the pairing, whether or not the id exists', async () => {
    const mine = await api.call('get', `/pairings/${ids.pairing}`, { as: 'ola' });
    expect(mine.status).toBe(403);
    const unknown = await api.call('get', '/pairings/00000000-0000-4000-8000-000000000000', {
      as: 'ola',
    });
    expect(unknown.status).toBe(403);
    expect(JSON.stringify(mine.body)).not.toContain(EXPLANATION);
  });

  it("shows an admin outside the pairing the mentor's side, without anyone's check-ins", async () => {
    const res = await api.call('get', `/pairings/${ids.pairing}`, { as: 'hr', admin: true });
    expect(res.status).toBe(200);
    const view = res.body as PairingView;
    expect(view.myRole).toBe('mentor');
    expect(view.partner.id).toBe('leo');
    expect(view.sessions.some((s) => s.checkInDone)).toBe(false);
  });
});

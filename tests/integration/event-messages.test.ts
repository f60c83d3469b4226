import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../api/src/app/index.js';
import { tabPaths, tabUrl } from '../../api/src/contract/index.js';
import {
  jobContextOf,
  seedPairing,
  seedPeople,
  seedProgram,
  startTestApi,
  testClock,
  testServices,
  type TestApi,
} from '../../api/src/testing/route-harness.js';
import type { HomeView } from '../../api/src/contract/index.js';
import { approveRun, reevaluatePairings } from '../../api/src/matching/index.js';
import { participantRoutes } from '../../api/src/participants/index.js';
import {
  messageSessionChanged,
  notificationJobHandlers,
} from '../../api/src/notifications/index.js';
import { privacyRoutes } from '../../api/src/privacy/index.js';
import { updateMyEnrolment } from '../../api/src/programs/index.js';
import {
  enrolments,
  jobs,
  matchRuns,
  notifications,
  pairings,
  people,
  programs,
  rematchRequests,
  type Store,
} from '../../api/src/store/index.js';
import { createTestStore } from '../../api/src/store/testing.js';

let store: Store;
let services: Services;
let api: TestApi;
let programId: string;
const clock = testClock('2026-05-10T12:00:00Z');
const BASE = 'http://127.0.0.1:3978';

const messagesOf = (personId: string, kind?: string) =>
  store.db
    .select()
    .from(notifications)
    .where(
      kind === undefined
        ? eq(notifications.personId, personId)
        : and(eq(notifications.personId, personId), eq(notifications.kind, kind)),
    );

/** The program's rematch queue for one pairing, as the admin's Rematches page lists it. */
const queueOf = (pairingId: string) =>
  store.db
    .select({
      source: rematchRequests.source,
      affectedPersonId: rematchRequests.affectedPersonId,
      status: rematchRequests.status,
      reason: rematchRequests.reason,
    })
    .from(rematchRequests)
    .where(eq(rematchRequests.pairingId, pairingId));

let announced = 0;
/** Queues and runs the announce job for a pairing, as the booking job and the worker would. */
async function announce(pairingId: string): Promise<void> {
  const handler = notificationJobHandlers(services)['announce-pairing'];
  if (handler === undefined) throw new Error('no announce-pairing handler');
  announced += 1;
  const key = `${pairingId}:${announced}`;
  await services.enqueue({ kind: 'announce-pairing', key, payload: { pairingId } });
  const [job] = await store.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, 'announce-pairing'), eq(jobs.key, key)));
  if (job === undefined) throw new Error('announce job not queued');
  await handler(jobContextOf(job));
}

beforeAll(async () => {
  store = await createTestStore();
  services = testServices({ db: store.db, clock });
  api = await startTestApi(store.db, [...privacyRoutes(services), ...participantRoutes(services)]);
  await seedPeople(store.db, [
    { id: 'ana', displayName: 'Ana', timeZone: 'Europe/London' },
    { id: 'kenji', displayName: 'Kenji', timeZone: 'Asia/Tokyo' },
    { id: 'lou', displayName: 'Lou', timeZone: 'America/New_York' },
    { id: 'max', displayName: 'Max', timeZone: 'Europe/Berlin' },
    { id: 'nia', displayName: 'Nia', timeZone: 'Europe/London' },
    { id: 'olu', displayName: 'Olu', timeZone: 'Europe/London' },
    { id: 'hr', displayName: 'HR', timeZone: 'Europe/London' },
    ...['Pia', 'Raj', 'Sam', 'Tom', 'Uma', 'Vic'].map((displayName) => ({
      id: displayName.toLowerCase(),
      displayName,
      timeZone: 'Europe/London',
    })),
  ]);
  programId = await seedProgram(store.db, { createdBy: 'hr' });
}, 60_000);

afterAll(async () => {
  await api.close();
  await store.close();
});

describe('messages sent as things happen', () => {
  it('tells both people they are matched, with the partner and the first session in their own time', async () => {
    const { pairingId } = await seedPairing(store.db, {
      programId,
      mentorId: 'ana',
      leaderId: 'kenji',
      sessions: [{ startsAt: '2026-06-02T09:00:00Z' }, { startsAt: '2026-07-07T09:00:00Z' }],
    });
    await announce(pairingId);
    const [ana] = await messagesOf('ana', 'matched');
    const [kenji] = await messagesOf('kenji', 'matched');
    expect(ana?.text).toBe(
      'You are matched with Kenji in Test program. First session: Tue 2 Jun 10:00 (London time)',
    );
    expect(kenji?.text).toBe(
      'You are matched with Ana in Test program. First session: Tue 2 Jun 18:00 (Tokyo time)',
    );
    expect(ana?.link).toBe(tabUrl(BASE, tabPaths.pairing(pairingId)));
    expect(ana?.link).toBe(`${BASE}/#/pairing/${pairingId}`);
    // Quiet hours kept: 12:00 UTC is 21:00 in Tokyo, so Kenji's goes at 08:00 his time.
    expect(ana?.scheduledFor.toISOString()).toBe('2026-05-10T12:00:00.000Z');
    expect(kenji?.scheduledFor.toISOString()).toBe('2026-05-10T23:00:00.000Z');
    const [send] = await store.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.kind, 'notify-send'), eq(jobs.key, ana?.id ?? '')));
    expect(send?.status).toBe('queued');
  });

  it('announces a later booking of the same pairing as booked sessions, not a second match', async () => {
    const [pairing] = await store.db.select().from(pairings).where(eq(pairings.mentorId, 'ana'));
    await announce(pairing?.id ?? '');
    expect(await messagesOf('ana', 'matched')).toHaveLength(1);
    const [booked] = await messagesOf('ana', 'seriesBooked');
    expect(booked?.text).toBe(
      '2 sessions with Kenji are in your calendar, starting Tue 2 Jun 10:00 (London time)',
    );
    await announce(pairing?.id ?? '');
    expect(await messagesOf('ana', 'seriesBooked')).toHaveLength(1);
  });

  it('tells everyone an approved run left out why, and what happens next', async () => {
    await store.db.update(programs).set({ status: 'matching' }).where(eq(programs.id, programId));
    const [run] = await store.db
      .insert(matchRuns)
      .values({
        programId,
        createdBy: 'hr',
        pairs: [
          {
            mentorId: 'lou',
            leaderId: 'max',
            score: 3,
            scoreParts: { gap: 1 },
            explanation: 'Lou teaches AI tools Max wants.',
            pinned: false,
          },
        ],
        leftOut: [
          { personId: 'nia', role: 'mentor', reasonCode: 'capacity', reason: 'No leader left.' },
        ],
        summary: {
          eligibleMentors: 2,
          eligibleLeaders: 1,
          matched: 1,
          shareMatched: 0.67,
          scoreQuartiles: [3, 3, 3, 3, 3],
          departments: { mentors: {}, leaders: {} },
          offices: { mentors: {}, leaders: {} },
        },
      })
      .returning();
    await approveRun(services, 'hr', run?.id ?? '');
    const [nia] = await messagesOf('nia', 'leftOut');
    expect(nia?.text).toBe(
      'You are not paired in Test program this round: there were more mentors than leaders this round. You stay enrolled: the program team can pair you by hand, and the next round considers you first',
    );
    expect(nia?.link).toBe(`${BASE}/#/`);
    // The paired two hear once their booking has an outcome, not before.
    expect(await messagesOf('lou')).toEqual([]);
    const [book] = await store.db.select().from(jobs).where(eq(jobs.kind, 'series-book'));
    expect(book).toBeDefined();
  });

  it('tells the partner when someone pauses, and again when they come back', async () => {
    const [enrolment] = await store.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.personId, 'ana'), eq(enrolments.programId, programId)));
    await updateMyEnrolment(services, 'ana', enrolment?.id ?? '', { status: 'paused' });
    clock.set('2026-05-11T12:00:00Z');
    await updateMyEnrolment(services, 'ana', enrolment?.id ?? '', { status: 'active' });
    const told = await messagesOf('kenji', 'partnerChanged');
    expect(told.map((n) => n.text).sort()).toEqual([
      'Ana has paused the mentoring program. Your booked sessions stay in both calendars, and nothing new is booked until they resume. If you would rather not wait, ask for a new partner on your pairing page',
      'Ana is back from a pause. Your pairing is active again and your booked sessions go ahead',
    ]);
    // Both open the pairing page, where "Ask for a rematch" is while the pairing runs.
    const [pairing] = await store.db.select().from(pairings).where(eq(pairings.mentorId, 'ana'));
    for (const n of told) expect(n.link).toBe(`${BASE}/#/pairing/${pairing?.id ?? ''}`);
    expect(await messagesOf('ana', 'partnerChanged')).toEqual([]);
    // A pause promises the program team nothing, so nothing is put in its queue.
    expect(
      await store.db
        .select()
        .from(rematchRequests)
        .where(eq(rematchRequests.pairingId, pairing?.id ?? '')),
    ).toEqual([]);
  });

  it('tells a leader whose mentor deleted their data, after the old nudges are gone', async () => {
    const { pairingId } = await seedPairing(store.db, {
      programId,
      mentorId: 'olu',
      leaderId: 'hr',
      sessions: [{ startsAt: '2026-06-03T09:00:00Z' }],
    });
    const res = await api.call('delete', '/me', { as: 'olu' });
    expect(res.status).toBe(200);
    const [told] = await messagesOf('hr', 'partnerChanged');
    // Deleting one's data stays private: the partner reads that they left the program.
    expect(told?.text).toBe(
      'Olu has left the mentoring program. Your remaining sessions with them are cancelled in both calendars. You stay enrolled, and the program team has been asked to find you a new partner',
    );
    expect(told?.pairingId).toBe(pairingId);
    expect(told?.link).toBe(`${BASE}/#/`);
    expect(await messagesOf('olu')).toEqual([]);
    expect(await queueOf(pairingId)).toEqual([
      {
        source: 'departure',
        affectedPersonId: 'hr',
        status: 'open',
        reason: 'The mentor left the program; the leader needs a new partner.',
      },
    ]);
  });

  it('tells a leader whose mentor left the program what became of the sessions and what next, and the program team gets them in its queue', async () => {
    const { pairingId } = await seedPairing(store.db, {
      programId,
      mentorId: 'pia',
      leaderId: 'raj',
      sessions: [{ startsAt: '2026-06-05T09:00:00Z' }],
    });
    const [enrolment] = await store.db
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.personId, 'pia'), eq(enrolments.programId, programId)));
    await updateMyEnrolment(services, 'pia', enrolment?.id ?? '', { status: 'left' });
    const [told] = await messagesOf('raj', 'partnerChanged');
    expect(told?.text).toBe(
      'Pia has left the mentoring program. Your remaining sessions with them are cancelled in both calendars. You stay enrolled, and the program team has been asked to find you a new partner',
    );
    expect(told?.link).toBe(`${BASE}/#/`);
    expect(await queueOf(pairingId)).toEqual([
      {
        source: 'departure',
        affectedPersonId: 'raj',
        status: 'open',
        reason: 'The mentor left the program; the leader needs a new partner.',
      },
    ]);
    // The program's owner is told, with a link to the queue where they pick the new partner.
    const [owner] = (await messagesOf('hr', 'pairingAtRisk')).filter(
      (n) => n.pairingId === pairingId,
    );
    expect(owner?.text).toBe(
      'The pairing Pia and Raj needs attention: the mentor left the program; the leader needs a new partner',
    );
    expect(owner?.link).toBe(`${BASE}/#/admin/programs/${programId}/rematches`);
    // Raj's Home says the same: the pairing ended, a new partner is being found.
    const home = await api.call('get', '/me/home', { as: 'raj' });
    expect((home.body as HomeView).awaitingPartner).toEqual([
      {
        programId,
        what: 'Pia left, so your pairing ended and its remaining sessions were cancelled',
        nextStep:
          'The program team has been asked to find you a new partner. You get a Teams message as soon as you are matched',
        since: clock.now().toISOString(),
      },
    ]);
  });

  it('tells the one who stays when their partner leaves the organisation or their account is closed', async () => {
    const gone = await seedPairing(store.db, {
      programId,
      mentorId: 'sam',
      leaderId: 'tom',
      sessions: [{ startsAt: '2026-06-08T09:00:00Z' }],
    });
    const closed = await seedPairing(store.db, {
      programId,
      mentorId: 'uma',
      leaderId: 'vic',
      sessions: [{ startsAt: '2026-06-09T09:00:00Z' }],
    });
    await store.db.update(people).set({ goneAt: clock.now() }).where(eq(people.id, 'tom'));
    await store.db.update(people).set({ accountEnabled: false }).where(eq(people.id, 'uma'));
    await reevaluatePairings(services);
    const [sam] = await messagesOf('sam', 'partnerChanged');
    expect(sam?.text).toBe(
      'Tom has left the organisation. Your remaining sessions with them are cancelled in both calendars. You stay enrolled, and the program team has been asked to find you a new partner',
    );
    const [vic] = await messagesOf('vic', 'partnerChanged');
    expect(vic?.text).toBe(
      'Uma can no longer take part, as their work account was closed. Your remaining sessions with them are cancelled in both calendars. You stay enrolled, and the program team has been asked to find you a new partner',
    );
    for (const n of [sam, vic]) expect(n?.link).toBe(`${BASE}/#/`);
    expect(await queueOf(gone.pairingId)).toMatchObject([
      { source: 'departure', affectedPersonId: 'sam', status: 'open' },
    ]);
    expect(await queueOf(closed.pairingId)).toMatchObject([
      { source: 'departure', affectedPersonId: 'vic', status: 'open' },
    ]);
    const toOwner = (await messagesOf('hr', 'pairingAtRisk')).map((n) => n.text);
    expect(toOwner).toEqual(
      expect.arrayContaining([
        'The pairing Sam and Tom needs attention: the leader left the company; the mentor needs a new partner',
        'The pairing Uma and Vic needs attention: the mentor left the company; the leader needs a new partner',
      ]),
    );
    // A second sync finds the pairings ended and says nothing twice.
    await reevaluatePairings(services);
    expect(await messagesOf('sam', 'partnerChanged')).toHaveLength(1);
    expect(await messagesOf('vic', 'partnerChanged')).toHaveLength(1);
  });

  it('tells both people when a session moves, once per new time, numbered "N of M" like every screen', async () => {
    const { sessionIds } = await seedPairing(store.db, {
      programId,
      mentorId: 'lou',
      leaderId: 'nia',
      sessions: [
        { startsAt: '2026-05-28T14:00:00Z' },
        { startsAt: '2026-06-04T14:00:00Z' },
        { startsAt: '2026-06-11T14:00:00Z', status: 'cancelled' },
      ],
    });
    const sessionId = sessionIds[1] ?? '';
    await messageSessionChanged(services, { sessionId, moved: true });
    await messageSessionChanged(services, { sessionId, moved: true });
    const [lou] = await messagesOf('lou', 'seriesChanged');
    // A cancelled session keeps its place in the count, as on the pairing page.
    expect(lou?.text).toBe(
      'Session 2 of 3 with Nia moved to Thu 4 Jun 10:00 (New York time); the new invite is in your calendar',
    );
    expect(lou?.link).toBe(`${BASE}/#/session/${sessionId}`);
    expect(await messagesOf('nia', 'seriesChanged')).toHaveLength(1);
  });

  it("links every message to a tab page: home, a pairing, a session or the program team's rematch queue", async () => {
    const all = await store.db.select().from(notifications);
    expect(all.length).toBeGreaterThan(8);
    for (const n of all)
      expect(n.link).toMatch(
        /^http:\/\/127\.0\.0\.1:3978\/#\/((pairing|session)\/[0-9a-f-]{36}|admin\/programs\/[0-9a-f-]{36}\/rematches)?$/,
      );
  });
});

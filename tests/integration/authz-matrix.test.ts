import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../api/src/store/testing.js';
import type { RouteDef } from '../../api/src/app/index.js';
import { loadConfig } from '../../api/src/config/index.js';
import type { CheckInView, DevPerson, DevSignIn } from '../../api/src/contract/api-types.js';
import { allRoutes } from '../../api/src/routes.js';
import { startServer, type RunningServer } from '../../api/src/server.js';
import {
  bookingSeries,
  checkIns,
  commitments,
  enrolmentInvitations,
  enrolments,
  matchRuns,
  pairings,
  programs,
  rematchRequests,
  sessions,
  type ProgramRules,
} from '../../api/src/store/index.js';

/**
 * Who may call what: every route of the API × (anonymous, the person, their partner, another
 * participant, an admin), through the running app with real tokens from the local tenant.
 *
 * The route list comes from `allRoutes`, so a route added without an expectation here fails the
 * first test by name. Add it to EXPECTATIONS with the outcome for each caller:
 * - `allow`: not 401/403 (the handler may still answer 400, 404 or 409) and no server error;
 * - `deny`: 403 (anonymous callers always get 401 on non-public routes);
 * - `hide`: 403 or 404, for ids that belong to someone else and whose existence is not theirs to learn.
 * The person is the mentor of pairing P1, the partner its leader; the other participant is in P2.
 * Path parameters point at P1's data (session, commitment, the person's enrolment).
 */
type Outcome = 'allow' | 'deny' | 'hide';
type Caller = 'anonymous' | 'person' | 'partner' | 'other' | 'admin';
type Profile = Record<Exclude<Caller, 'anonymous'>, Outcome> & { anonymous?: 'allow' };

interface Expectation {
  who: Profile;
  body?: unknown;
  query?: Record<string, string>;
}

const SIGNED_IN: Profile = { person: 'allow', partner: 'allow', other: 'allow', admin: 'allow' };
const ADMIN: Profile = { person: 'deny', partner: 'deny', other: 'deny', admin: 'allow' };
/** Shared pairing data: both members, and admins who run the program. */
const PAIRING: Profile = { person: 'allow', partner: 'allow', other: 'deny', admin: 'allow' };
/** Private to the two people: admins are refused too. */
const MEMBERS: Profile = { person: 'allow', partner: 'allow', other: 'deny', admin: 'deny' };
/** The person's own resource, addressed by id. */
const OWN: Profile = { person: 'allow', partner: 'hide', other: 'hide', admin: 'hide' };

const REFLECTION = 'The person’s private reflection: my leader never lets me finish a sentence';

const EXPECTATIONS: Record<string, Expectation> = {
  // identity
  'GET /api/me': { who: SIGNED_IN },
  'GET /api/audit': { who: ADMIN },
  // feedback: check-ins are the caller's own; commitments are the leader's
  'GET /api/sessions/:sessionId/check-in': { who: MEMBERS },
  'PUT /api/sessions/:sessionId/check-in': {
    who: MEMBERS,
    body: { held: true, usefulness: 4, safety: 5, reflection: 'Saved by whoever called' },
  },
  'GET /api/pairings/:pairingId/commitments': { who: MEMBERS },
  'POST /api/pairings/:pairingId/commitments': {
    who: { person: 'deny', partner: 'allow', other: 'deny', admin: 'deny' },
    body: { text: 'Try async stand-ups for a month' },
  },
  'PATCH /api/pairings/:pairingId/commitments/:commitmentId': {
    who: { person: 'deny', partner: 'allow', other: 'deny', admin: 'deny' },
    body: { done: true },
  },
  // guides
  'GET /api/guides/tracks': { who: SIGNED_IN },
  'POST /api/guides/tracks/:trackId/copies': { who: ADMIN },
  'GET /api/sessions/:sessionId/guide': { who: MEMBERS },
  'GET /api/meeting-guide': { who: SIGNED_IN },
  'GET /api/pairings/:pairingId/guide-progress': { who: PAIRING },
  // insights
  'GET /api/programs/:programId/insights': { who: ADMIN },
  'GET /api/programs/:programId/insights.csv': { who: ADMIN },
  // outcomes: the caller's own survey answers; aggregates for admins
  'GET /api/me/surveys': { who: SIGNED_IN },
  'GET /api/me/surveys/:programId/:phase': { who: SIGNED_IN },
  'PUT /api/me/surveys/:programId/:phase': {
    who: SIGNED_IN,
    body: { answers: { 'heard-senior': 3 } },
  },
  'GET /api/me/surveys/:programId/end/:pairingId': { who: SIGNED_IN },
  'PUT /api/me/surveys/:programId/end/:pairingId': {
    who: SIGNED_IN,
    body: { answers: { 'heard-senior': 3 } },
  },
  'GET /api/programs/:programId/outcomes': { who: ADMIN },
  'GET /api/programs/:programId/outcomes.csv': { who: ADMIN },
  // notifications
  'GET /api/me/notifications': { who: SIGNED_IN },
  'POST /api/me/notifications/read': { who: SIGNED_IN },
  'GET /api/me/notification-settings': { who: SIGNED_IN },
  'PUT /api/me/notification-settings': { who: SIGNED_IN },
  // programs (admin)
  'GET /api/programs': { who: ADMIN },
  'POST /api/programs': { who: ADMIN },
  'GET /api/programs/:programId': { who: ADMIN },
  'PATCH /api/programs/:programId': { who: ADMIN },
  'POST /api/programs/:programId/transitions': { who: ADMIN },
  'GET /api/programs/:programId/enrolments': { who: ADMIN },
  'POST /api/programs/:programId/imports': { who: ADMIN },
  'GET /api/programs/:programId/rematches': { who: ADMIN },
  'GET /api/programs/:programId/owners': { who: ADMIN },
  'POST /api/programs/:programId/owners': {
    who: ADMIN,
    body: { personId: 'nobody-in-the-directory' },
  },
  'DELETE /api/programs/:programId/owners/:personId': { who: ADMIN },
  'GET /api/programs/:programId/owner-candidates': { who: ADMIN, query: { q: 'ad' } },
  'GET /api/programs/:programId/enrolment-reminders': { who: ADMIN },
  'POST /api/programs/:programId/enrolment-reminders': { who: ADMIN },
  'GET /api/eligibility-options': { who: ADMIN },
  'GET /api/eligibility-options/groups': { who: ADMIN, query: { q: 'grad' } },
  // programs (participants)
  'GET /api/me/suggested-role': { who: SIGNED_IN },
  'POST /api/programs/:programId/enrolments': { who: SIGNED_IN },
  'PATCH /api/me/enrolments/:enrolmentId': {
    who: OWN,
    body: { topicsWanted: ['digital-ai-tools'] },
  },
  'GET /api/me/invitations': { who: SIGNED_IN },
  'POST /api/me/invitations/:invitationId/decline': { who: OWN },
  'POST /api/pairings/:pairingId/rematch': {
    who: MEMBERS,
    body: { reason: 'Our calendars never line up' },
  },
  // participants
  'GET /api/me/home': { who: SIGNED_IN },
  'GET /api/pairings/:pairingId': { who: PAIRING },
  // matching and booking (admin)
  'POST /api/programs/:programId/match-runs': { who: ADMIN },
  'GET /api/programs/:programId/match-runs/current': { who: ADMIN },
  'GET /api/match-runs/:runId': { who: ADMIN },
  'GET /api/match-runs/:runId/swap-candidates': { who: ADMIN },
  'POST /api/match-runs/:runId/overrides': { who: ADMIN },
  'POST /api/match-runs/:runId/approve': { who: ADMIN },
  'GET /api/programs/:programId/bookings': { who: ADMIN },
  'POST /api/bookings/:seriesId/retry': { who: ADMIN },
  'GET /api/rematches/:requestId/candidates': { who: ADMIN },
  // A candidate that is not feasible: the admin gets 409 and nothing changes for the others.
  'POST /api/rematches/:requestId/apply': {
    who: ADMIN,
    body: { personId: 'not-a-candidate', reason: 'Calendars never line up' },
  },
  // privacy: one's own data; retention is the admin's
  'GET /api/me/export': { who: SIGNED_IN },
  'DELETE /api/me': { who: SIGNED_IN },
  'GET /api/programs/:programId/retention': { who: ADMIN },
  'PUT /api/programs/:programId/retention': { who: ADMIN },
};

const RULES: ProgramRules = {
  mentorMaxLevel: 3,
  leaderMinLevel: 5,
  minLevelGap: 2,
  topics: ['digital-ai-tools', 'remote-async'],
  cadence: 'weekly',
  sessions: 6,
  durationMinutes: 45,
  leaderCapacity: 1,
  organizer: 'mentor',
  weights: { gap: 1, topics: 1, overlap: 1, diversity: 1, novelty: 1 },
};
const TRACK = { guideTrackId: 'reverse-mentoring-core', guideTrackVersion: '2026.1' };

const key = (r: RouteDef) => `${r.method.toUpperCase()} /api${r.path}`;

/** Reads before writes and deletions last, so a destructive route cannot change what others see. */
const METHOD_ORDER = ['get', 'put', 'patch', 'post', 'delete'];
/** The person acts last on each route: their own deletion or rematch must not hide the rest. */
const CALLER_ORDER: Caller[] = ['anonymous', 'other', 'admin', 'partner', 'person'];

describe('authorization matrix', () => {
  let app: RunningServer;
  let routes: RouteDef[];
  const tokens = new Map<Caller, string>();
  const values = new Map<string, string>();
  const ids = { person: '', partner: '', other: '', admin: '' };

  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startServer(
      loadConfig({
        NODE_ENV: 'test',
        PORT: '0',
        LOG_LEVEL: 'silent',
        ...database.env,
        LOCAL_TENANT_PEOPLE: '60',
      }),
    );
    await app.firstSync;
    routes = allRoutes(app.services);

    const listed = (await (await fetch(`${app.url}/dev/people?limit=50`)).json()) as {
      people: DevPerson[];
    };
    const admin = listed.people.find((p) => p.isAdmin);
    const participants = listed.people.filter((p) => !p.isAdmin);
    const mentors = participants.filter((p) => p.suggestedRole === 'mentor');
    const leaders = participants.filter((p) => p.suggestedRole === 'leader');
    const [person, other] = mentors;
    const [partner, otherPartner] = leaders;
    if (!admin || !person || !other || !partner || !otherPartner)
      throw new Error('The demo organisation lacks an admin, two mentors or two leaders');
    Object.assign(ids, {
      person: person.id,
      partner: partner.id,
      other: other.id,
      admin: admin.id,
    });

    const db = app.store.db;
    const now = app.services.now();
    const [program] = await db
      .insert(programs)
      .values({
        name: 'Matrix cohort',
        status: 'active',
        rules: RULES,
        createdBy: admin.id,
        ...TRACK,
      })
      .returning();
    if (program === undefined) throw new Error('no program');
    const enrol = async (personId: string, role: 'mentor' | 'leader') => {
      const [row] = await db
        .insert(enrolments)
        .values({ programId: program.id, personId, role, suggestedRole: role })
        .returning();
      if (row === undefined) throw new Error('no enrolment');
      return row;
    };
    const personEnrolment = await enrol(person.id, 'mentor');
    await enrol(partner.id, 'leader');
    await enrol(other.id, 'mentor');
    await enrol(otherPartner.id, 'leader');
    const pair = async (mentorId: string, leaderId: string) => {
      const [row] = await db
        .insert(pairings)
        .values({ programId: program.id, mentorId, leaderId, explanation: 'matrix', ...TRACK })
        .returning();
      if (row === undefined) throw new Error('no pairing');
      return row;
    };
    const p1 = await pair(person.id, partner.id);
    const p2 = await pair(other.id, otherPartner.id);
    const [series] = await db
      .insert(bookingSeries)
      .values({
        pairingId: p1.id,
        organizerId: person.id,
        attendeeId: partner.id,
        transactionId: `matrix-${p1.id}`,
        status: 'booked',
      })
      .returning();
    const session = async (pairingId: string) => {
      const startsAt = new Date(now.getTime() - 2 * 24 * 3600_000);
      const [row] = await db
        .insert(sessions)
        .values({
          pairingId,
          seriesId: pairingId === p1.id ? series?.id : null,
          occurrence: 1,
          guideSessionNumber: 1,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 45 * 60_000),
          status: 'held',
        })
        .returning();
      if (row === undefined) throw new Error('no session');
      return row;
    };
    const s1 = await session(p1.id);
    await session(p2.id);
    await db.insert(checkIns).values({
      sessionId: s1.id,
      pairingId: p1.id,
      personId: person.id,
      held: true,
      usefulness: 5,
      safety: 5,
      reflection: REFLECTION,
    });
    const [commitment] = await db
      .insert(commitments)
      .values({ pairingId: p1.id, authorId: partner.id, text: 'Block focus time for the team' })
      .returning();
    if (commitment === undefined || series === undefined) throw new Error('no seed rows');
    // The person was invited to the program (and enrolled meanwhile): the invitation is theirs.
    const [invitation] = await db
      .insert(enrolmentInvitations)
      .values({ programId: program.id, personId: person.id, invitedBy: admin.id })
      .returning();
    if (invitation === undefined) throw new Error('no invitation');
    values.set('invitationId', invitation.id);

    // An empty proposal: approving it as the admin creates no pairings and moves nobody.
    const [run] = await db
      .insert(matchRuns)
      .values({
        programId: program.id,
        createdBy: admin.id,
        summary: {
          eligibleMentors: 0,
          eligibleLeaders: 0,
          matched: 0,
          shareMatched: 0,
          scoreQuartiles: [0, 0, 0, 0, 0],
          departments: { mentors: {}, leaders: {} },
          offices: { mentors: {}, leaders: {} },
        },
      })
      .returning();
    if (run === undefined) throw new Error('no match run');
    // The other participant asked for a new partner (on P2, so applying touches nobody in P1).
    const [request] = await db
      .insert(rematchRequests)
      .values({
        programId: program.id,
        pairingId: p2.id,
        source: 'member',
        affectedPersonId: other.id,
        requestedBy: other.id,
        reason: 'Our calendars never line up',
      })
      .returning();
    if (request === undefined) throw new Error('no rematch request');
    values.set('requestId', request.id);
    values.set('runId', run.id);
    values.set('pairingId', p1.id);
    values.set('sessionId', s1.id);
    values.set('programId', program.id);
    values.set('enrolmentId', personEnrolment.id);
    values.set('commitmentId', commitment.id);
    values.set('seriesId', series.id);
    values.set('trackId', TRACK.guideTrackId);
    values.set('phase', 'baseline');
    values.set('personId', admin.id);

    for (const caller of ['person', 'partner', 'other', 'admin'] as const) {
      const res = await fetch(`${app.url}/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: ids[caller] }),
      });
      tokens.set(caller, ((await res.json()) as DevSignIn).accessToken);
    }
  });
  afterAll(async () => {
    await app.close();
    await database.cleanup();
  });

  it('has an expectation for every route, and no expectation for a route that is gone', () => {
    const declared = new Set(routes.map(key));
    const missing = [...declared].filter((k) => !(k in EXPECTATIONS));
    const stale = Object.keys(EXPECTATIONS).filter((k) => !declared.has(k));
    expect(
      { routesWithoutExpectation: missing, expectationsWithoutRoute: stale },
      'Add each new route to EXPECTATIONS in tests/integration/authz-matrix.test.ts',
    ).toEqual({ routesWithoutExpectation: [], expectationsWithoutRoute: [] });
  });

  it('never shows the person’s reflection to their partner or an admin', async () => {
    const sessionId = values.get('sessionId') ?? '';
    const read = async (caller: Caller) => {
      const res = await fetch(`${app.url}/api/sessions/${sessionId}/check-in`, {
        headers: { authorization: `Bearer ${tokens.get(caller) ?? ''}` },
      });
      return { status: res.status, text: await res.text() };
    };
    const partner = await read('partner');
    expect(partner.status).toBe(200);
    expect(partner.text).not.toContain('never lets me finish');
    expect((JSON.parse(partner.text) as CheckInView).reflection ?? '').not.toBe(REFLECTION);
    const admin = await read('admin');
    expect(admin.status).toBe(403);
    expect(admin.text).not.toContain('never lets me finish');
  });
  it('admits and refuses every caller on every route as expected', async () => {
    const mismatches: string[] = [];
    const ordered = routes
      .filter((r) => key(r) in EXPECTATIONS)
      .sort((a, b) => METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method));
    for (const route of ordered) {
      const expectation = EXPECTATIONS[key(route)];
      if (expectation === undefined) continue;
      const path = route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
        const value = values.get(name);
        if (value === undefined)
          throw new Error(
            `${key(route)}: the matrix has no value for :${name}; seed one in beforeAll`,
          );
        return encodeURIComponent(value);
      });
      const query = new URLSearchParams(expectation.query ?? {}).toString();
      const url = `${app.url}/api${path}${query === '' ? '' : `?${query}`}`;
      for (const caller of CALLER_ORDER) {
        const token = tokens.get(caller);
        const headers: Record<string, string> = {};
        if (token !== undefined) headers.authorization = `Bearer ${token}`;
        const hasBody = route.method !== 'get' && route.method !== 'delete';
        if (hasBody) headers['content-type'] = 'application/json';
        const res = await fetch(url, {
          method: route.method.toUpperCase(),
          headers,
          ...(hasBody ? { body: JSON.stringify(expectation.body ?? {}) } : {}),
        });
        await res.arrayBuffer();
        const status = res.status;
        let ok: boolean;
        let wanted: string;
        if (caller === 'anonymous') {
          wanted = expectation.who.anonymous === 'allow' ? 'allow' : '401';
          ok = wanted === '401' ? status === 401 : status !== 401 && status !== 403 && status < 500;
        } else {
          const outcome = expectation.who[caller];
          wanted = outcome;
          if (outcome === 'allow') ok = status !== 401 && status !== 403 && status < 500;
          else if (outcome === 'deny') ok = status === 403;
          else ok = status === 403 || status === 404;
        }
        if (!ok) mismatches.push(`${key(route)} as ${caller}: expected ${wanted}, got ${status}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../api/src/server.js';
import {
  auditLog,
  bookingSeries,
  checkIns,
  commitments,
  enrolments,
  guideTracks,
  matchRuns,
  pairings,
  programs,
  rematchRequests,
  sessions,
  type ProgramRules,
} from '../../api/src/store/index.js';
import { startLocalApp, type LocalApp } from '../support/local-app.js';
import { DEFAULT_RULES } from './booking-fixture.js';

/**
 * Fifty identical requests at once, as a double-clicking admin, a retrying client or a proxy that
 * replays would send them: every write ends with one effect (one row, one audit entry, one state
 * change), the losers get a 4xx that says why, and nothing answers 5xx.
 *
 * Only a real PostgreSQL shows races: PGlite runs one statement at a time, so there this suite
 * checks the same outcomes without any interleaving. CI runs it in both passes.
 */
const BURST = 50;
const onPostgres = (process.env.DATABASE_URL ?? '') !== '';

/** The booking fixture's rules, with mentors up to level 3 as the demo organisation has them. */
const RULES: ProgramRules = { ...DEFAULT_RULES, mentorMaxLevel: 3 };
const TRACK = { guideTrackId: 'reverse-mentoring-core', guideTrackVersion: '2026.1' };
const EMPTY_SUMMARY = {
  eligibleMentors: 0,
  eligibleLeaders: 0,
  matched: 0,
  shareMatched: 0,
  scoreQuartiles: [0, 0, 0, 0, 0] as [number, number, number, number, number],
  departments: { mentors: {}, leaders: {} },
  offices: { mentors: {}, leaders: {} },
};

interface Burst {
  statuses: number[];
  bodies: Record<string, unknown>[];
  /** Status → how many answered it. */
  tally: Record<number, number>;
}

describe(`${BURST} identical requests at once (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let local: LocalApp;
  let app: RunningServer;
  const tokens = new Map<string, string>();
  const who = { admin: '', mentor: '', leader: '', mentor2: '', leader2: '', mentor3: '' };

  async function burst(
    as: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Burst> {
    const answers = await Promise.all(
      Array.from({ length: BURST }, async () => {
        const res = await fetch(`${app.url}/api${path}`, {
          method,
          headers: {
            authorization: `Bearer ${tokens.get(as) ?? ''}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return {
          status: res.status,
          body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
        };
      }),
    );
    const statuses = answers.map((a) => a.status);
    const tally: Record<number, number> = {};
    for (const s of statuses) tally[s] = (tally[s] ?? 0) + 1;
    return { statuses, bodies: answers.map((a) => a.body), tally };
  }

  function expectNoServerError(b: Burst): void {
    expect(
      b.statuses.filter((s) => s >= 500),
      JSON.stringify(b.tally),
    ).toEqual([]);
  }

  async function auditCount(action: string, targetId: string): Promise<number> {
    const [row] = await app.store.db
      .select({ n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)));
    return row?.n ?? 0;
  }

  async function program(name: string, status: 'draft' | 'enrolling' | 'matching' | 'active') {
    const [row] = await app.store.db
      .insert(programs)
      .values({ name, status, rules: RULES, createdBy: who.admin, ...TRACK })
      .returning();
    if (row === undefined) throw new Error('no program');
    return row;
  }

  async function pairing(programId: string, mentorId: string, leaderId: string) {
    const [row] = await app.store.db
      .insert(pairings)
      .values({ programId, mentorId, leaderId, explanation: 'burst', ...TRACK })
      .returning();
    if (row === undefined) throw new Error('no pairing');
    return row;
  }

  async function enrolPair(programId: string, mentorId: string, leaderId: string) {
    await app.store.db.insert(enrolments).values([
      { programId, personId: mentorId, role: 'mentor', suggestedRole: 'mentor' },
      { programId, personId: leaderId, role: 'leader', suggestedRole: 'leader' },
    ]);
  }

  beforeAll(async () => {
    local = await startLocalApp({ rateLimit: { limit: 100_000, windowMs: 60_000 } });
    app = local.app;
    const admin = local.people.find((p) => p.isAdmin);
    const participants = local.people.filter((p) => !p.isAdmin);
    const mentors = participants.filter((p) => p.suggestedRole === 'mentor');
    const leaders = participants.filter((p) => p.suggestedRole === 'leader');
    const [mentor, mentor2, mentor3] = mentors;
    const [leader, leader2] = leaders;
    if (!admin || !mentor || !mentor2 || !mentor3 || !leader || !leader2)
      throw new Error('The demo organisation lacks an admin, three mentors or two leaders');
    Object.assign(who, {
      admin: admin.id,
      mentor: mentor.id,
      mentor2: mentor2.id,
      mentor3: mentor3.id,
      leader: leader.id,
      leader2: leader2.id,
    });
    for (const id of Object.values(who)) tokens.set(id, await local.tokenFor(id));
  });
  afterAll(async () => {
    await local?.close();
  });

  it('enrols a person once: one 201, the rest 409 naming the enrolment', async () => {
    const p = await program('Burst enrolment', 'enrolling');
    const b = await burst(who.mentor, 'POST', `/programs/${p.id}/enrolments`, { role: 'mentor' });
    expectNoServerError(b);
    expect(b.tally).toEqual({ 201: 1, 409: BURST - 1 });
    const created = b.bodies[b.statuses.indexOf(201)];
    const named = new Set(
      b.bodies.filter((_, i) => b.statuses[i] === 409).map((x) => x.enrolmentId),
    );
    expect([...named]).toEqual([created?.id]);
    const [rows] = await app.store.db
      .select({ n: count() })
      .from(enrolments)
      .where(eq(enrolments.programId, p.id));
    expect(rows?.n).toBe(1);
  });

  it('keeps a pairing at 20 commitments however many arrive at once', async () => {
    const p = await program('Burst commitments', 'active');
    const pair = await pairing(p.id, who.mentor, who.leader);
    const b = await burst(who.leader, 'POST', `/pairings/${pair.id}/commitments`, {
      text: 'Try async stand-ups for a month',
    });
    expectNoServerError(b);
    const [stored] = await app.store.db
      .select({ n: count() })
      .from(commitments)
      .where(eq(commitments.pairingId, pair.id));
    expect(stored?.n).toBe(20);
    expect(b.tally).toEqual({ 201: 20, 409: BURST - 20 });
  });

  it('retries a failed booking once: one 2xx, one audit row, the rest 409', async () => {
    const p = await program('Burst retry', 'active');
    const pair = await pairing(p.id, who.mentor2, who.leader2);
    const [series] = await app.store.db
      .insert(bookingSeries)
      .values({
        pairingId: pair.id,
        organizerId: who.mentor2,
        attendeeId: who.leader2,
        transactionId: `burst-${pair.id}`,
        status: 'failed',
        failureReason: 'no common slot',
      })
      .returning();
    if (series === undefined) throw new Error('no series');
    // No worker while the burst lands: a booking job that ran mid-burst would leave a partly
    // booked series, whose moved sessions are a different retry (a second, legitimate effect).
    // The tests after this one read rows, not job outcomes.
    await app.jobs.stop();
    const b = await burst(who.admin, 'POST', `/bookings/${series.id}/retry`);
    expectNoServerError(b);
    const ok = b.statuses.filter((s) => s >= 200 && s < 300).length;
    expect(ok, JSON.stringify(b.tally)).toBe(1);
    expect(b.tally[409]).toBe(BURST - 1);
    expect(await auditCount('booking.retry', series.id)).toBe(1);
  });

  it('creates one match run from a burst of runs: one 201, the rest 409', async () => {
    const p = await program('Burst match run', 'matching');
    await enrolPair(p.id, who.mentor3, who.leader2);
    const b = await burst(who.admin, 'POST', `/programs/${p.id}/match-runs`, {
      supersedes: null,
    });
    expectNoServerError(b);
    expect(b.tally).toEqual({ 201: 1, 409: BURST - 1 });
    const winner = b.bodies[b.statuses.indexOf(201)];
    const named = new Set(b.bodies.filter((_, i) => b.statuses[i] === 409).map((x) => x.runId));
    expect([...named]).toEqual([winner?.id]);
    const [runs] = await app.store.db
      .select({ n: count() })
      .from(matchRuns)
      .where(eq(matchRuns.programId, p.id));
    expect(runs?.n).toBe(1);
  });

  it('approves a run once: its pairings made once, one audit row', async () => {
    const p = await program('Burst approval', 'matching');
    const [run] = await app.store.db
      .insert(matchRuns)
      .values({
        programId: p.id,
        createdBy: who.admin,
        summary: EMPTY_SUMMARY,
        pairs: [
          {
            mentorId: who.mentor3,
            leaderId: who.leader,
            score: 0.5,
            scoreParts: {},
            explanation: 'burst',
            pinned: false,
          },
        ],
      })
      .returning();
    if (run === undefined) throw new Error('no run');
    const b = await burst(who.admin, 'POST', `/match-runs/${run.id}/approve`);
    expectNoServerError(b);
    const [made] = await app.store.db
      .select({ n: count() })
      .from(pairings)
      .where(eq(pairings.programId, p.id));
    expect(made?.n).toBe(1);
    expect(await auditCount('match-run.approve', run.id)).toBe(1);
  });

  it('moves a program through one transition: one 200, one audit row, the rest 409', async () => {
    const p = await program('Burst transition', 'draft');
    const b = await burst(who.admin, 'POST', `/programs/${p.id}/transitions`, {
      to: 'enrolling',
    });
    expectNoServerError(b);
    expect(b.tally).toEqual({ 200: 1, 409: BURST - 1 });
    expect(await auditCount('program.transition', p.id)).toBe(1);
  });

  it('stores one check-in per person and session, whatever the burst', async () => {
    const p = await program('Burst check-in', 'active');
    const pair = await pairing(p.id, who.mentor, who.leader2);
    const startsAt = new Date(app.services.now().getTime() - 2 * 24 * 3600_000);
    const [session] = await app.store.db
      .insert(sessions)
      .values({
        pairingId: pair.id,
        occurrence: 1,
        guideSessionNumber: 1,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 45 * 60_000),
        status: 'held',
      })
      .returning();
    if (session === undefined) throw new Error('no session');
    const b = await burst(who.mentor, 'PUT', `/sessions/${session.id}/check-in`, {
      held: true,
      usefulness: 4,
      safety: 5,
      reflection: 'Good talk',
    });
    expectNoServerError(b);
    expect(b.tally[200]).toBe(BURST);
    const [stored] = await app.store.db
      .select({ n: count() })
      .from(checkIns)
      .where(eq(checkIns.sessionId, session.id));
    expect(stored?.n).toBe(1);
  });

  it('opens one rematch request for a pairing', async () => {
    const p = await program('Burst rematch', 'active');
    const pair = await pairing(p.id, who.mentor2, who.leader);
    const b = await burst(who.mentor2, 'POST', `/pairings/${pair.id}/rematch`, {
      reason: 'Our calendars never line up',
    });
    expectNoServerError(b);
    const [open] = await app.store.db
      .select({ n: count() })
      .from(rematchRequests)
      .where(eq(rematchRequests.pairingId, pair.id));
    expect(open?.n).toBe(1);
  });

  it('copies a guide track once under one new version', async () => {
    const b = await burst(who.admin, 'POST', `/guides/tracks/${TRACK.guideTrackId}/copies`, {
      newId: 'burst-track',
      newVersion: '2026.7',
      reason: 'Our own wording',
    });
    expectNoServerError(b);
    expect(b.tally[201]).toBe(1);
    const [copies] = await app.store.db
      .select({ n: count() })
      .from(guideTracks)
      .where(eq(guideTracks.id, 'burst-track'));
    expect(copies?.n).toBe(1);
  });

  it('creates one program from a burst sent with one Idempotency-Key: every answer the same 201', async () => {
    const stamp = Date.now();
    const name = `Burst keyed program ${stamp}`;
    const b = await burst(
      who.admin,
      'POST',
      '/programs',
      { name, description: 'Sent fifty times by a retrying client' },
      { 'Idempotency-Key': `create-program-${stamp}` },
    );
    expectNoServerError(b);
    expect(b.tally, JSON.stringify(b.bodies[0])).toEqual({ 201: BURST });
    expect(new Set(b.bodies.map((x) => x.id)).size).toBe(1);
    const [made] = await app.store.db
      .select({ n: count() })
      .from(programs)
      .where(eq(programs.name, name));
    expect(made?.n).toBe(1);
    expect(await auditCount('program.create', String(b.bodies[0]?.id))).toBe(1);
  });

  it('imports a CSV once from a burst sent with one Idempotency-Key', async () => {
    const p = await program('Burst keyed import', 'enrolling');
    const csv = 'email\nnobody@example.invalid';
    const b = await burst(
      who.admin,
      'POST',
      `/programs/${p.id}/imports`,
      { csv, skipUnknown: true },
      { 'Idempotency-Key': `import-${p.id}` },
    );
    expectNoServerError(b);
    expect(b.tally).toEqual({ 200: BURST });
    expect(new Set(b.bodies.map((x) => JSON.stringify(x))).size).toBe(1);
    expect(await auditCount('program.import', p.id)).toBe(1);
  });

  it('gives admins who run matching again at once from the same proposal one run and 409s naming it', async () => {
    const p = await program('Two admins rerun', 'matching');
    await enrolPair(p.id, who.mentor3, who.leader);
    const first = await fetch(`${app.url}/api/programs/${p.id}/match-runs`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.get(who.admin) ?? ''}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ supersedes: null }),
    });
    const shown = ((await first.json()) as { id: string }).id;
    // Every screen shows `shown`; everyone clicks "Run again" at once, as the tab sends it.
    const b = await burst(who.admin, 'POST', `/programs/${p.id}/match-runs`, {
      supersedes: shown,
    });
    expectNoServerError(b);
    expect(b.tally).toEqual({ 201: 1, 409: BURST - 1 });
    const winner = b.bodies[b.statuses.indexOf(201)];
    const loser = b.bodies[b.statuses.indexOf(409)];
    expect(loser).toMatchObject({ runId: winner?.id });
    expect(String(loser?.detail)).toMatch(/another match run/i);
  });

  it('answers idempotent writes the same every time and never 5xx', async () => {
    const p = await program('Burst settings', 'enrolling');
    const [own] = await app.store.db
      .insert(enrolments)
      .values({ programId: p.id, personId: who.leader2, role: 'leader', suggestedRole: 'leader' })
      .returning();
    if (own === undefined) throw new Error('no enrolment');
    for (const [method, path, body] of [
      ['PUT', '/me/notification-settings', { enabled: true }],
      ['POST', '/me/notifications/read', {}],
      ['PATCH', `/me/enrolments/${own.id}`, { status: 'paused' }],
      ['PATCH', `/programs/${p.id}`, { description: 'Same words, fifty times' }],
      ['PUT', `/programs/${p.id}/retention`, { retentionMonths: 12 }],
      ['POST', `/programs/${p.id}/imports`, { csv: 'email\nnobody@example.invalid' }],
    ] as const) {
      const as = path.startsWith('/me') ? who.leader2 : who.admin;
      const b = await burst(as, method, path, body);
      expectNoServerError(b);
      expect(new Set(b.statuses).size, `${method} ${path}: ${JSON.stringify(b.tally)}`).toBe(1);
    }
  });
});
